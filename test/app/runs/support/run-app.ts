import type { LightMyRequestResponse } from 'fastify';
import type { AppConfig } from '../../../../app/server/config';
import type { Run } from '../../../../app/server/schemas/run.schema';
import { createCast, createProjectFixture, type Cast, type ProjectFixture } from '../../support/fixtures';
import { startTestApp, type TestApp } from '../../support/test-app';
import type { TestDatabase } from '../../support/test-databases';
import { TEST_PYTHON, notebookJson, waitFor } from './notebooks';

export interface RunTestApp {
  readonly t: TestApp;
  readonly cast: Cast;
  readonly fixture: ProjectFixture;
}

/** The real app on the local backend with the test python, a cast and a project of theirs. */
export async function startRunApp(
  database: TestDatabase,
  env: NodeJS.ProcessEnv = {},
  config: Partial<AppConfig> = {},
): Promise<RunTestApp> {
  const t = await startTestApp({ database, env: { RUNS_PYTHON: TEST_PYTHON, ...env }, config });
  const cast = await createCast(t);
  const fixture = await createProjectFixture(t, cast);
  return { t, cast, fixture };
}

/** POST /projects/:id/files?name= with `body` as the file. */
export function uploadFile(
  t: TestApp,
  token: string,
  projectId: number,
  name: string,
  body: string | Buffer,
): Promise<LightMyRequestResponse> {
  return t.request({
    method: 'POST',
    url: `/api/projects/${projectId}/files?name=${encodeURIComponent(name)}`,
    token,
    headers: { 'content-type': 'application/octet-stream' },
    payload: body,
  });
}

/** Uploads a notebook made of these cell sources ('#parameters' first line tags the cell). */
export async function uploadNotebook(t: TestApp, token: string, projectId: number, name: string, ...sources: string[]): Promise<number> {
  const response = await uploadFile(t, token, projectId, name, JSON.stringify(notebookJson(...sources)));
  if (response.statusCode !== 201) throw new Error(`upload of ${name} failed: ${response.body}`);
  return response.json<{ id: number }>().id;
}

export async function createNotebookTask(t: TestApp, token: string, projectId: number, body: Record<string, unknown>): Promise<number> {
  const response = await t.request({
    method: 'POST',
    url: `/api/projects/${projectId}/tasks`,
    token,
    payload: { title: 'run me', kind: 'notebook', ...body },
  });
  if (response.statusCode !== 201) throw new Error(`task creation failed: ${response.body}`);
  return response.json<{ id: number }>().id;
}

export async function startRun(t: TestApp, token: string, taskId: number, parameters?: Record<string, unknown>): Promise<Run> {
  const response = await t.request({ method: 'POST', url: `/api/tasks/${taskId}/runs`, token, payload: parameters ? { parameters } : {} });
  if (response.statusCode !== 202) throw new Error(`run start failed: ${response.statusCode} ${response.body}`);
  return response.json<Run>();
}

export async function getRun(t: TestApp, token: string, runId: number): Promise<Run> {
  return (await t.request({ method: 'GET', url: `/api/runs/${runId}`, token })).json<Run>();
}

const FINISHED = ['succeeded', 'failed', 'cancelled', 'timed_out'];

/** Polls the run until it has finished, then waits until its outputs are recorded. */
export async function waitForFinish(t: TestApp, token: string, runId: number, timeoutMs = 90000): Promise<Run> {
  return waitFor(
    `run ${runId} to finish`,
    async () => {
      const run = await getRun(t, token, runId);
      return FINISHED.includes(run.status) ? run : undefined;
    },
    timeoutMs,
  );
}

export async function waitForStatus(t: TestApp, token: string, runId: number, status: string, timeoutMs = 60000): Promise<Run> {
  return waitFor(
    `run ${runId} to be ${status}`,
    async () => {
      const run = await getRun(t, token, runId);
      return run.status === status ? run : undefined;
    },
    timeoutMs,
  );
}
