import { toChartData } from '../charts/chart-data';
import { compileChartQuery } from '../charts/chart-query';
import { checkChartEncoding } from '../charts/chart-rules';
import { MAX_CHART_CELLS, type ChartSource, type ChartSpec } from '../charts/chart-spec';
import type { AppContext, Principal } from '../context';
import type { ChartDataResponse } from '../schemas/chart.schema';
import { chartDataKey, resolveSource, sourceColumns, sourceVersionOf, type ResolvedSource } from './chart-source';
import { visibleChart } from './chart-service';
import { resolveProjectAccess } from './project-access';

/** How the route turns the data into the bytes it sends (its response schema's serializer). */
export type SerializeChartData = (data: ChartDataResponse) => Buffer;

/** Runs the chart's query over the source in the query engine's sandbox. */
async function computeChartData(ctx: AppContext, spec: ChartSpec, source: ResolvedSource): Promise<ChartDataResponse> {
  const columns = await sourceColumns(ctx, source);
  const compiled = compileChartQuery(spec, { sql: source.relation, columns });
  // The compiled query bounds its own rows: limit + 1, or MAX_CHART_CELLS + 1 with a series.
  const rows = MAX_CHART_CELLS + 1;
  const result = await ctx.queries.query({ sql: compiled.sql, datasets: source.datasets, limit: rows, maxLimit: rows });
  return { ...toChartData(compiled, result.rows), sourceVersion: sourceVersionOf(source), computedAt: new Date().toISOString() };
}

/** The data of a spec over its source: from the cache while no dataset it reads has a new version. */
async function cachedChartData(
  ctx: AppContext,
  projectId: number,
  spec: ChartSpec & { source: ChartSource },
  serialize: SerializeChartData,
): Promise<Buffer> {
  checkChartEncoding(spec);
  const source = await resolveSource(ctx, ctx.db, projectId, spec.source);
  return ctx.chartData.wrap(chartDataKey(spec, source), async () => serialize(await computeChartData(ctx, spec, source)));
}

/** GET /charts/:id/data, for anyone who may see the chart's project. */
export async function chartDataBody(
  ctx: AppContext,
  principal: Principal,
  chartId: number,
  serialize: SerializeChartData,
): Promise<Buffer> {
  const { chart } = await visibleChart(ctx.db, principal, chartId);
  return cachedChartData(ctx, chart.projectId, chart, serialize);
}

/** POST /projects/:id/charts/preview: a spec's data without saving it (the builder's live preview). */
export async function previewChartBody(
  ctx: AppContext,
  principal: Principal,
  projectId: number,
  spec: ChartSpec & { source: ChartSource },
  serialize: SerializeChartData,
): Promise<Buffer> {
  await resolveProjectAccess(ctx.db, principal, projectId);
  return cachedChartData(ctx, projectId, spec, serialize);
}
