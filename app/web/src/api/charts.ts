import type { Api } from './client';
import { apiErrorFrom } from './errors';
import type { Body, Json } from './types';
import type { ChartSource } from '../../../server/charts/chart-spec';

/**
 * The chart shapes, from the generated OpenAPI types (schema.d.ts). The source is an object
 * with one of two fields whose schema openapi-typescript renders as `unknown`: its type is
 * taken from the same definition the schema comes from (type-only, nothing is bundled).
 */
export type Chart = Omit<Json<'/api/charts/{id}', 'get', 200>, 'source'> & { source: ChartSource };
export type ChartSourceSpec = ChartSource;
export type CreateChartBody = Omit<Body<'/api/projects/{id}/charts', 'post'>, 'source'> & { source: ChartSource };
export type UpdateChartBody = Omit<Body<'/api/charts/{id}', 'patch'>, 'source'> & { source?: ChartSource };
/** What the builder's live preview sends: a chart's spec, not saved. */
export type PreviewChartBody = Omit<Body<'/api/projects/{id}/charts/preview', 'post'>, 'source'> & { source: ChartSource };
/** GET /api/charts/:id/data and the preview: the data, and what it was computed from. */
export type ChartDataResponse = Json<'/api/charts/{id}/data', 'get', 200>;

interface Result<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

async function unwrap<T>(promise: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await promise;
  if (!response.ok) throw await apiErrorFrom(response, error);
  return data as T;
}

/** The charts endpoints (docs/web-app.md "Charts"), over the typed client. */
export const chartsApi = {
  /** A project's charts in dashboard order. */
  async list(api: Api, projectId: number, signal?: AbortSignal): Promise<Chart[]> {
    return (await unwrap(api.raw.GET('/api/projects/{id}/charts', { params: { path: { id: projectId } }, signal }))).items as Chart[];
  },
  get: (api: Api, id: number) => unwrap(api.raw.GET('/api/charts/{id}', { params: { path: { id } } })) as Promise<Chart>,
  create: (api: Api, projectId: number, body: CreateChartBody) =>
    unwrap(api.raw.POST('/api/projects/{id}/charts', { params: { path: { id: projectId } }, body })) as Promise<Chart>,
  update: (api: Api, id: number, body: UpdateChartBody) =>
    unwrap(api.raw.PATCH('/api/charts/{id}', { params: { path: { id } }, body })) as Promise<Chart>,
  async remove(api: Api, id: number): Promise<void> {
    await unwrap(api.raw.DELETE('/api/charts/{id}', { params: { path: { id } } }));
  },
  /** Arranges the dashboard: every chart id of the project, in the new order. */
  async arrange(api: Api, projectId: number, order: number[]): Promise<Chart[]> {
    return (await unwrap(api.raw.PUT('/api/projects/{id}/dashboard', { params: { path: { id: projectId } }, body: { order } })))
      .items as Chart[];
  },
  data: (api: Api, id: number, signal?: AbortSignal) => unwrap(api.raw.GET('/api/charts/{id}/data', { params: { path: { id } }, signal })),
  preview: (api: Api, projectId: number, body: PreviewChartBody, signal?: AbortSignal) =>
    unwrap(api.raw.POST('/api/projects/{id}/charts/preview', { params: { path: { id: projectId } }, body, signal })),
};
