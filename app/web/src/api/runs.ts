import { unwrap, type Api } from './client';
import { apiErrorFrom } from './errors';
import type { ProjectFile, Run, RunStatus } from './types';

export type { LibraryFile, NotebookParameter, ProjectFile, Run, RunPage, RunStatus } from './types';

export const FINISHED_RUN_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled', 'timed_out'];
export const isFinished = (run: Pick<Run, 'status'>): boolean => FINISHED_RUN_STATUSES.includes(run.status);

/** A request whose answer is not JSON (a log, a page, a notebook) or whose body is a file. */
async function send(api: Api, method: string, path: string, body?: BodyInit): Promise<Response> {
  const init: RequestInit = body === undefined ? { method } : { method, body, headers: { 'content-type': 'application/octet-stream' } };
  const response = await api.session.fetch(new Request(`${api.baseUrl}${path}`, init));
  if (!response.ok) throw await apiErrorFrom(response);
  return response;
}

/** Project files, the platform library, runs, their logs and outputs (the "Code and runs" part of /api). */
export const runsApi = {
  listFiles: async (api: Api, projectId: number) =>
    (await unwrap(api.raw.GET('/api/projects/{id}/files', { params: { path: { id: projectId } } }))).items,
  /** Uploads a .ipynb or .py file as the raw body; the server reads a notebook's declared parameters. */
  uploadFile: async (api: Api, projectId: number, file: File) => {
    const response = await send(api, 'POST', `/api/projects/${projectId}/files?name=${encodeURIComponent(file.name)}`, file);
    return (await response.json()) as ProjectFile;
  },
  deleteFile: async (api: Api, id: number): Promise<void> => {
    await unwrap(api.raw.DELETE('/api/files/{id}', { params: { path: { id } } }));
  },
  listLibrary: async (api: Api) => (await unwrap(api.raw.GET('/api/library'))).items,

  getTask: (api: Api, id: number) => unwrap(api.raw.GET('/api/tasks/{id}', { params: { path: { id } } })),
  /** Starts a run with the task's saved parameters. */
  startRun: (api: Api, taskId: number) => unwrap(api.raw.POST('/api/tasks/{id}/runs', { params: { path: { id: taskId } }, body: {} })),
  listRuns: (api: Api, taskId: number, query: { limit?: number; cursor?: string } = {}) =>
    unwrap(
      api.raw.GET('/api/tasks/{id}/runs', {
        params: {
          path: { id: taskId },
          query: query.cursor ? { limit: query.limit ?? 20, cursor: query.cursor } : { limit: query.limit ?? 20 },
        },
      }),
    ),
  getRun: (api: Api, id: number) => unwrap(api.raw.GET('/api/runs/{id}', { params: { path: { id } } })),
  cancelRun: (api: Api, id: number) => unwrap(api.raw.POST('/api/runs/{id}/cancel', { params: { path: { id } } })),
  /** The last `tail` lines of a run's log (text/plain). */
  logs: async (api: Api, id: number, tail: number): Promise<string> => (await send(api, 'GET', `/api/runs/${id}/logs?tail=${tail}`)).text(),
  /** The executed notebook rendered as HTML. */
  outputHtml: async (api: Api, id: number): Promise<string> => (await send(api, 'GET', `/api/runs/${id}/output`)).text(),
  /** The executed notebook itself, for download. */
  outputNotebook: async (api: Api, id: number): Promise<Blob> => (await send(api, 'GET', `/api/runs/${id}/output?format=ipynb`)).blob(),
};
