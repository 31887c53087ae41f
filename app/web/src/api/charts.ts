import type { Api } from './client';
import { apiErrorFrom } from './errors';
// The chart shapes have one definition, the server's (type-only: nothing of it is bundled).
import type { Chart, CreateChartBody, UpdateChartBody } from '../../../server/charts/chart-spec';
import type { ChartData } from '../charts/chart-types';

export type { Chart, CreateChartBody, UpdateChartBody };
export type ChartSourceSpec = Chart['source'];

/** GET /api/charts/:id/data and the builder's preview: the data, and what it was computed from. */
export interface ChartDataResponse extends ChartData {
  readonly sourceVersion: string;
  readonly computedAt: string;
}

/** What the live preview sends: a chart's spec, not saved. */
export interface PreviewChartBody {
  readonly source: ChartSourceSpec;
  readonly type: Chart['type'];
  readonly encoding: Chart['encoding'];
}

async function call<T>(api: Api, method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const request = new Request(`${api.baseUrl}${path}`, {
    method,
    signal,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const response = await api.session.fetch(request);
  if (!response.ok) throw await apiErrorFrom(response);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** The charts endpoints (docs/web-app.md "Charts"). */
export const chartsApi = {
  /** A project's charts in dashboard order. */
  async list(api: Api, projectId: number, signal?: AbortSignal): Promise<Chart[]> {
    return (await call<{ items: Chart[] }>(api, 'GET', `/api/projects/${projectId}/charts`, undefined, signal)).items;
  },
  get: (api: Api, id: number) => call<Chart>(api, 'GET', `/api/charts/${id}`),
  create: (api: Api, projectId: number, body: CreateChartBody) => call<Chart>(api, 'POST', `/api/projects/${projectId}/charts`, body),
  update: (api: Api, id: number, body: UpdateChartBody) => call<Chart>(api, 'PATCH', `/api/charts/${id}`, body),
  remove: (api: Api, id: number) => call<void>(api, 'DELETE', `/api/charts/${id}`),
  /** Arranges the dashboard: every chart id of the project, in the new order. */
  async arrange(api: Api, projectId: number, order: number[]): Promise<Chart[]> {
    return (await call<{ items: Chart[] }>(api, 'PUT', `/api/projects/${projectId}/dashboard`, { order })).items;
  },
  data: (api: Api, id: number, signal?: AbortSignal) => call<ChartDataResponse>(api, 'GET', `/api/charts/${id}/data`, undefined, signal),
  preview: (api: Api, projectId: number, body: PreviewChartBody, signal?: AbortSignal) =>
    call<ChartDataResponse>(api, 'POST', `/api/projects/${projectId}/charts/preview`, body, signal),
};
