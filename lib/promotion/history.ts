import { execFileSync } from 'child_process';
import { AwsEnvironmentName, PlatformRelease, validateRelease } from '../config';
import { HistoryError } from './errors';

export type HistoryAction = 'promote' | 'rollback';

/** One line of releases/history/<env>.jsonl: a promotion into, or a rollback of, one environment. */
export interface HistoryEntry {
  readonly action: HistoryAction;
  /** The environment whose release file changed. */
  readonly env: AwsEnvironmentName;
  /** ISO 8601 time the release file was written. */
  readonly at: string;
  /** Who ran it: git user.email, else $USER. */
  readonly by: string;
  /** The environment the release was promoted from; null for a rollback. */
  readonly sourceEnv: AwsEnvironmentName | null;
  /** Platform version before and after. */
  readonly from: string;
  readonly to: string;
  /** Manual RDS snapshot taken before the change (prod), else null. */
  readonly snapshotId: string | null;
  /** The whole release before and after, so a rollback restores exactly what ran. */
  readonly previousRelease: PlatformRelease;
  readonly release: PlatformRelease;
}

export function serializeEntry(entry: HistoryEntry): string {
  return JSON.stringify(entry) + '\n';
}

/** Parses a history file's text; every line must be a complete entry for `env`. */
export function parseHistory(env: AwsEnvironmentName, text: string, file: string): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const lineNo = index + 1;
    let raw: Record<string, unknown>;
    try {
      raw = JSON.parse(line);
    } catch (err) {
      throw new HistoryError(file, lineNo, `not JSON (${(err as Error).message})`);
    }
    if (raw.action !== 'promote' && raw.action !== 'rollback') {
      throw new HistoryError(file, lineNo, `action is ${JSON.stringify(raw.action)}; allowed: promote, rollback`);
    }
    if (raw.env !== env) {
      throw new HistoryError(file, lineNo, `env is ${JSON.stringify(raw.env)}; this file holds ${env} only`);
    }
    for (const field of ['at', 'by', 'from', 'to'] as const) {
      if (typeof raw[field] !== 'string' || raw[field] === '') {
        throw new HistoryError(file, lineNo, `${field} is ${JSON.stringify(raw[field])}; allowed: a non-empty string`);
      }
    }
    let previousRelease: PlatformRelease;
    let release: PlatformRelease;
    try {
      previousRelease = validateRelease(env, raw.previousRelease);
      release = validateRelease(env, raw.release);
    } catch (err) {
      throw new HistoryError(file, lineNo, (err as Error).message);
    }
    entries.push({
      action: raw.action,
      env,
      at: raw.at as string,
      by: raw.by as string,
      sourceEnv: (raw.sourceEnv ?? null) as AwsEnvironmentName | null,
      from: raw.from as string,
      to: raw.to as string,
      snapshotId: typeof raw.snapshotId === 'string' ? raw.snapshotId : null,
      previousRelease,
      release,
    });
  });
  return entries;
}

/**
 * The release a rollback restores. Promotions stack up; each rollback pops one, so repeated
 * rollbacks walk back through the promotions (1.2.0 -> 1.1.0 -> 1.0.0) instead of undoing
 * the previous rollback. Undefined when nothing is left to roll back to.
 */
export function rollbackTarget(entries: readonly HistoryEntry[]): PlatformRelease | undefined {
  const stack: PlatformRelease[] = [];
  for (const entry of entries) {
    if (entry.action === 'promote') stack.push(entry.previousRelease);
    else stack.pop();
  }
  return stack[stack.length - 1];
}

/** The person running the command: `git config user.email`, else $USER, else "unknown". */
export function currentUser(processEnv: NodeJS.ProcessEnv = process.env): string {
  try {
    const email = execFileSync('git', ['config', 'user.email'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (email !== '') return email;
  } catch {
    // git missing or no user.email configured: fall back to the login name.
  }
  return processEnv.USER ?? processEnv.USERNAME ?? 'unknown';
}
