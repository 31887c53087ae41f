import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';

export interface RunFigures {
  readonly command: string;
  readonly exitCode: number | null;
  readonly wallSeconds: number;
  /** Highest sum of resident memory over the process and all its descendants, in MiB. */
  readonly peakTreeRssMiB: number;
}

function descendants(pid: number): number[] {
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const current = queue.pop()!;
    found.push(current);
    let tasks: string[];
    try {
      tasks = fs.readdirSync(`/proc/${current}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      try {
        const children = fs.readFileSync(`/proc/${current}/task/${task}/children`, 'utf8').trim();
        if (children !== '') queue.push(...children.split(/\s+/).map(Number));
      } catch {
        // the task ended while we looked
      }
    }
  }
  return found;
}

function rssKiB(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? 0 : Number(match[1]);
  } catch {
    return 0;
  }
}

/** Runs a command, sampling the resident memory of its whole process tree every 50 ms (Linux /proc). */
export function runMeasured(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<RunFigures> {
  const started = process.hrtime.bigint();
  const child: ChildProcess = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  let peak = 0;
  const timer = setInterval(() => {
    if (child.pid === undefined) return;
    const total = descendants(child.pid).reduce((sum, pid) => sum + rssKiB(pid), 0);
    peak = Math.max(peak, total);
  }, 50);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve({
        command: [command, ...args].join(' '),
        exitCode: code,
        wallSeconds: Number(process.hrtime.bigint() - started) / 1e9,
        peakTreeRssMiB: Math.round(peak / 1024),
      });
    });
  });
}
