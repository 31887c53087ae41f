import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const WRK = process.env.WRK_PATH ?? 'wrk';

/** The load both servers get: bench/flask-baseline/bench.sh's defaults. */
export interface WrkLoad {
  readonly threads: number;
  readonly connections: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
}

export interface WrkResult {
  readonly requestsPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly socketErrors: number;
}

/** "1.23ms", "850.00us", "1.02s" -> milliseconds. */
function toMs(value: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(value.trim());
  if (!match) throw new Error(`unexpected wrk latency "${value}"`);
  const n = Number(match[1]);
  return { us: n / 1000, ms: n, s: n * 1000, m: n * 60_000 }[match[2] as 'us' | 'ms' | 's' | 'm'];
}

export function parseWrk(output: string): WrkResult {
  const number = (pattern: RegExp) => Number(pattern.exec(output)?.[1] ?? NaN);
  const latency = (percentile: string) => toMs(new RegExp(`^\\s*${percentile}%\\s+(\\S+)`, 'm').exec(output)?.[1] ?? 'NaNms');
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const result = {
    requestsPerSec: number(/^Requests\/sec:\s+([\d.]+)/m),
    p50Ms: latency('50'),
    p99Ms: latency('99'),
    requests: number(/^\s*(\d+) requests in/m),
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0),
    socketErrors: socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
  };
  if (!Number.isFinite(result.requestsPerSec)) throw new Error(`could not read wrk's output:\n${output}`);
  return result;
}

/** A warm-up, then the measured run of GET `url` with the bearer token. */
export async function runWrk(url: string, token: string, load: WrkLoad): Promise<WrkResult> {
  const base = ['-t', String(load.threads), '-c', String(load.connections), '-H', `Authorization: Bearer ${token}`];
  if (load.warmupSeconds > 0) await run(WRK, [...base, '-d', `${load.warmupSeconds}s`, url]);
  const { stdout } = await run(WRK, [...base, '-d', `${load.durationSeconds}s`, '--latency', url]);
  return parseWrk(stdout);
}
