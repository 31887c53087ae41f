import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

/**
 * Stopping every process a run started. Killing the runner's process group is not enough:
 * jupyter_client starts each kernel in a session of its own (start_new_session=True, so that
 * an interrupt reaches the kernel's whole group), and a cell may start more processes, in any
 * group. The tree is found from parent links instead (/proc on Linux, `ps` elsewhere), the
 * processes are frozen with SIGSTOP so none can fork while the tree is read again, then killed.
 */
export interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  /** Start time in clock ticks since boot (Linux), so a reused pid is not mistaken for ours. */
  readonly startTime: string;
}

function fromProc(): ProcessInfo[] {
  const processes: ProcessInfo[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // pid (comm) state ppid pgrp session ... field 22 is starttime; comm may hold spaces and ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // A zombie has exited and only waits for its parent to read its status: it runs nothing.
    if (fields[0] === 'Z' || fields[0] === 'X') continue;
    processes.push({ pid: Number(entry), ppid: Number(fields[1]), startTime: fields[19] });
  }
  return processes;
}

function fromPs(): ProcessInfo[] {
  const output = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,stat=,lstart='], { encoding: 'utf8' });
  return output
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && !m[3].startsWith('Z'))
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), startTime: m[4].trim() }));
}

export function listProcesses(): ProcessInfo[] {
  return fs.existsSync('/proc/self/stat') ? fromProc() : fromPs();
}

const key = (p: ProcessInfo) => `${p.pid}@${p.startTime}`;

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * Tracks a run's processes while it lives: call `observe()` now and then, so that processes
 * re-parented to init after their parent died (a kernel orphaned by its runner) are still
 * known as the run's, and `killAll()` finds them.
 */
export class ProcessTreeTracker {
  private readonly known = new Map<string, ProcessInfo>();

  public constructor(private readonly rootPid: number) {}

  private rootKey: string | undefined;

  /** Adds the root's current descendants and those of every process known so far. */
  public observe(): void {
    const all = listProcesses();
    const alive = new Set(all.map(key));
    for (const k of [...this.known.keys()]) if (!alive.has(k)) this.known.delete(k);
    const pids = new Set([...this.known.values()].map((p) => p.pid));
    for (let grew = true; grew;) {
      grew = false;
      for (const p of all) {
        if (this.known.has(key(p))) continue;
        // The root only under the identity first seen: its pid may be reused once it exits.
        const isRoot = p.pid === this.rootPid && (this.rootKey === undefined || this.rootKey === key(p));
        if (isRoot || pids.has(p.ppid)) {
          if (isRoot) this.rootKey = key(p);
          this.known.set(key(p), p);
          pids.add(p.pid);
          grew = true;
        }
      }
    }
  }

  /** The run's processes still alive, as of the last observe(). */
  public processes(): ProcessInfo[] {
    return [...this.known.values()];
  }

  /** Resolves once none of the run's processes exists any more; false after `timeoutMs`. */
  public async waitUntilGone(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      this.observe();
      if (this.known.size === 0) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /**
   * Freezes every known process and its descendants with SIGSTOP, reading the tree again
   * until no new process shows up, then SIGKILLs them all. Returns how many were killed.
   */
  public killAll(): number {
    const stopped = new Set<string>();
    for (let round = 0; round < 50; round++) {
      this.observe();
      const fresh = this.processes().filter((p) => !stopped.has(key(p)));
      if (fresh.length === 0) break;
      for (const p of fresh) {
        signal(p.pid, 'SIGSTOP');
        stopped.add(key(p));
      }
    }
    const victims = this.processes();
    for (const p of victims) signal(p.pid, 'SIGKILL');
    return victims.length;
  }
}
