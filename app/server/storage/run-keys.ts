import { randomBytes } from 'node:crypto';

/**
 * Where project files and run outputs live in the object storage, one prefix per project so
 * deleting a project deletes them with it:
 *
 *   files/<projectId>/<random>.<ipynb|py>      a project file (write-once; a new upload is a new key)
 *   runs/<projectId>/<runId>/output.ipynb      a run's executed notebook
 *   runs/<projectId>/<runId>/input.ipynb       what a cluster run reads (the notebook as it was started)
 *   runs/<projectId>/<runId>/result/...        what the run writes to its output_path
 *   runs/<projectId>/<runId>/log.txt           a cluster run's log, kept once its pod is gone
 */
function assertId(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${value}`);
}

export function projectFilesPrefix(projectId: number): string {
  assertId('projectId', projectId);
  return `files/${projectId}/`;
}

export function projectFileKey(projectId: number, extension: 'ipynb' | 'py'): string {
  return `${projectFilesPrefix(projectId)}${randomBytes(8).toString('hex')}.${extension}`;
}

export function projectRunsPrefix(projectId: number): string {
  assertId('projectId', projectId);
  return `runs/${projectId}/`;
}

export function runPrefix(projectId: number, runId: number): string {
  assertId('runId', runId);
  return `${projectRunsPrefix(projectId)}${runId}/`;
}

export const runOutputNotebookKey = (projectId: number, runId: number) => `${runPrefix(projectId, runId)}output.ipynb`;
export const runInputKey = (projectId: number, runId: number, extension: 'ipynb' | 'py') =>
  `${runPrefix(projectId, runId)}input.${extension}`;
export const runResultKey = (projectId: number, runId: number, fileName: string) => `${runPrefix(projectId, runId)}result/${fileName}`;
export const runLogKey = (projectId: number, runId: number) => `${runPrefix(projectId, runId)}log.txt`;
