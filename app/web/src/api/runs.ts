import type { Api } from './client';
import { apiErrorFrom } from './errors';
import type { Task } from './types';

/** A parameter a notebook declares in its `parameters` cell; `type` is its default's JSON type. */
export interface NotebookParameter {
  name: string;
  default: unknown;
  type: string;
  /** null is accepted besides the type. */
  nullable?: boolean;
}

export interface ProjectFile {
  id: number;
  projectId: number;
  name: string;
  sizeBytes: number;
  parameters: NotebookParameter[];
  createdBy?: number | null;
  createdAt?: string;
  updatedAt?: string;
}

/** One of the platform's own notebooks or PySpark jobs, named `library/<file>`. */
export interface LibraryFile {
  name: string;
  kind: 'notebook' | 'spark';
  parameters: NotebookParameter[];
}

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'timed_out';

export interface Run {
  id: number;
  taskId: number;
  projectId: number;
  number: number;
  trigger: 'manual' | 'schedule' | 'retry';
  attempt: number;
  status: RunStatus;
  parameters: Record<string, unknown>;
  backend: 'local' | 'kubernetes';
  message: string | null;
  createdBy: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  outputAvailable: boolean;
  /** The version of the task's output dataset this run added, once it did. */
  outputDatasetVersion: number | null;
  /** Where to find more about the run: API paths, and on Kubernetes the Spark UI or History Server. */
  links: Record<string, string | undefined>;
}

/** The run settings of a task, next to the fields every task has. */
export interface TaskRunSettings {
  application?: string | null;
  arguments?: string[];
  timeoutSeconds?: number;
  maxRetries?: number;
  retryDelaySeconds?: number;
  timeZone?: string;
  outputDatasetId?: number | null;
  /** The next fire times of the schedule, when the server gives them. */
  nextRuns?: string[];
}
export type RunnableTask = Task & TaskRunSettings;

export const FINISHED_RUN_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled', 'timed_out'];
export const isFinished = (run: Pick<Run, 'status'>): boolean => FINISHED_RUN_STATUSES.includes(run.status);

async function send(api: Api, method: string, path: string, body?: BodyInit, contentType?: string): Promise<Response> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = body;
    init.headers = { 'content-type': contentType ?? 'application/json' };
  }
  const response = await api.session.fetch(new Request(`${api.baseUrl}${path}`, init));
  if (!response.ok) throw await apiErrorFrom(response);
  return response;
}

async function call<T>(api: Api, method: string, path: string, body?: unknown): Promise<T> {
  const response = await send(api, method, path, body === undefined ? undefined : JSON.stringify(body));
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** Project files, the platform library, runs, their logs and outputs (the "Code and runs" part of /api). */
export const runsApi = {
  listFiles: async (api: Api, projectId: number): Promise<ProjectFile[]> =>
    (await call<{ items: ProjectFile[] }>(api, 'GET', `/api/projects/${projectId}/files`)).items,
  /** Uploads a .ipynb or .py file as the raw body; the server reads a notebook's declared parameters. */
  uploadFile: async (api: Api, projectId: number, file: File): Promise<ProjectFile> => {
    const response = await send(
      api,
      'POST',
      `/api/projects/${projectId}/files?name=${encodeURIComponent(file.name)}`,
      file,
      'application/octet-stream',
    );
    return (await response.json()) as ProjectFile;
  },
  deleteFile: (api: Api, id: number): Promise<void> => call(api, 'DELETE', `/api/files/${id}`),
  listLibrary: async (api: Api): Promise<LibraryFile[]> => (await call<{ items: LibraryFile[] }>(api, 'GET', '/api/library')).items,

  getTask: (api: Api, id: number): Promise<RunnableTask> => call(api, 'GET', `/api/tasks/${id}`),
  createTask: (api: Api, projectId: number, body: object): Promise<RunnableTask> =>
    call(api, 'POST', `/api/projects/${projectId}/tasks`, body),
  updateTask: (api: Api, id: number, body: object): Promise<RunnableTask> => call(api, 'PATCH', `/api/tasks/${id}`, body),
  startRun: (api: Api, taskId: number, parameters?: Record<string, unknown>): Promise<Run> =>
    call(api, 'POST', `/api/tasks/${taskId}/runs`, parameters ? { parameters } : {}),
  listRuns: (api: Api, taskId: number, query: { limit?: number; cursor?: string } = {}) => {
    const search = new URLSearchParams({ limit: String(query.limit ?? 20) });
    if (query.cursor) search.set('cursor', query.cursor);
    return call<{ items: Run[]; nextCursor: string | null }>(api, 'GET', `/api/tasks/${taskId}/runs?${search}`);
  },
  getRun: (api: Api, id: number): Promise<Run> => call(api, 'GET', `/api/runs/${id}`),
  cancelRun: (api: Api, id: number): Promise<Run> => call(api, 'POST', `/api/runs/${id}/cancel`),
  /** The last `tail` lines of a run's log (text/plain). */
  logs: async (api: Api, id: number, tail: number): Promise<string> => (await send(api, 'GET', `/api/runs/${id}/logs?tail=${tail}`)).text(),
  /** The executed notebook rendered as HTML. */
  outputHtml: async (api: Api, id: number): Promise<string> => (await send(api, 'GET', `/api/runs/${id}/output`)).text(),
  /** The executed notebook itself, for download. */
  outputNotebook: async (api: Api, id: number): Promise<Blob> => (await send(api, 'GET', `/api/runs/${id}/output?format=ipynb`)).blob(),
};
