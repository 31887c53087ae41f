import { performance } from 'node:perf_hooks';

/**
 * Chart data through HTTP over the 1M-row sales dataset, on the running server:
 * - first computation: GET /api/charts/:id/data of charts never computed before (each a
 *   different `limit`, so each is a cache miss doing the same work: a group-by over every row);
 * - cached: the same GET again, answered from the chart data cache.
 */
export interface ChartBenchResult {
  readonly firstMs: number[];
  readonly cachedMs: number[];
  readonly rows: number;
}

type Json = <T>(base: string, method: string, url: string, token?: string, body?: unknown) => Promise<T>;

export async function runChartBench(
  json: Json,
  base: string,
  token: string,
  projectId: number,
  datasetId: number,
  runs: number,
): Promise<ChartBenchResult> {
  const firstMs: number[] = [];
  const cachedMs: number[] = [];
  let rows = 0;
  let lastChart = 0;
  for (let run = 0; run < runs; run += 1) {
    const { id } = await json<{ id: number }>(base, 'POST', `/api/projects/${projectId}/charts`, token, {
      title: `revenue by product and region ${run}`,
      source: { datasetId },
      type: 'bar',
      encoding: { x: 'product', series: 'region', y: ['unit_price'], aggregate: 'sum', sort: 'y-desc', limit: 100 - run },
    });
    const t = performance.now();
    rows = (await json<{ rows: unknown[] }>(base, 'GET', `/api/charts/${id}/data`, token)).rows.length;
    firstMs.push(performance.now() - t);
    lastChart = id;
  }
  for (let run = 0; run < runs * 10; run += 1) {
    const t = performance.now();
    await json(base, 'GET', `/api/charts/${lastChart}/data`, token);
    cachedMs.push(performance.now() - t);
  }
  return { firstMs, cachedMs, rows };
}
