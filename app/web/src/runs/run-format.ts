import type { Run } from '../api/runs';

/** "42 s", "3 min 5 s", "2 h 1 min": how long a run took, or has been running at `now`. */
export function runDuration(run: Pick<Run, 'startedAt' | 'finishedAt'>, now = Date.now()): string {
  if (!run.startedAt) return '—';
  const start = Date.parse(run.startedAt);
  const end = run.finishedAt ? Date.parse(run.finishedAt) : now;
  if (Number.isNaN(start) || Number.isNaN(end)) return '—';
  const seconds = Math.max(0, Math.round((end - start) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The run a live run.* event carries, when it is about `taskId` (or any task when omitted). */
export function runOfEvent(data: unknown, taskId?: number): Run | undefined {
  const run = data as Partial<Run> | undefined;
  if (!run || typeof run !== 'object' || typeof run.id !== 'number' || typeof run.status !== 'string') return undefined;
  if (taskId !== undefined && run.taskId !== taskId) return undefined;
  return run as Run;
}

export const statusLabel = (status: Run['status']): string => status.replace('_', ' ');

const LINK_LABELS: Readonly<Record<string, string>> = { sparkUi: 'Spark UI', historyServer: 'History Server' };

/** The links of a run that lead outside the API (Spark UI, History Server), labelled for people. */
export function externalLinks(links: Run['links'] | undefined): { label: string; url: string }[] {
  return Object.entries(links ?? {})
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && /^https?:\/\//.test(entry[1]))
    .map(([key, url]) => ({
      label: LINK_LABELS[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase()),
      url,
    }));
}
