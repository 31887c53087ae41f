import type { Transaction } from 'kysely';
import type { ChartRow, ChartUpdate } from '../../../schema/charts.table';
import type { Database } from '../../../schema/database';
import { validateChartSpec } from '../charts/chart-columns';
import { checkChartEncoding } from '../charts/chart-rules';
import { DEFAULT_CHART_WIDTH, type Chart, type ChartEncoding, type ChartSource, type ChartType } from '../charts/chart-spec';
import type { AppContext, Principal } from '../context';
import { badRequest, notFound } from '../errors';
import type { BusMessage, ProjectEvent } from '../realtime/project-event';
import {
  closePositionGap,
  deleteChart,
  findChartById,
  insertChart,
  listChartsOfProject,
  nextChartPosition,
  updateChart,
} from '../repositories/chart-repository';
import type { Executor } from '../repositories/executor';
import { findProjectAudience } from '../repositories/project-repository';
import type { ChartList, CreateChartBody, DashboardOrderBody, UpdateChartBody } from '../schemas/chart.schema';
import { nowDbTimestamp, toIsoTimestamp } from '../time';
import { resolveSource, sourceColumns } from './chart-source';
import {
  findProjectAccess,
  requirePermission,
  requireProjectPermission,
  resolveProjectAccess,
  type ProjectPermission,
} from './project-access';
import type { CachedRead } from './read-cache';
import { commitThenPublish } from './unit-of-work';

export function presentChart(row: ChartRow): Chart {
  return {
    id: row.id,
    projectId: row.project_id,
    title: row.title,
    source: JSON.parse(row.source_json) as ChartSource,
    type: row.type as ChartType,
    encoding: JSON.parse(row.encoding_json) as ChartEncoding,
    position: row.position,
    width: row.width,
    createdBy: row.created_by,
    createdAt: toIsoTimestamp(row.created_at),
    updatedAt: toIsoTimestamp(row.updated_at),
  };
}

/** The chart, if the user may see its project; 404 alike when it does not exist and when it is not visible. */
export async function visibleChart(db: Executor, principal: Principal, id: number, needed: ProjectPermission = 'read') {
  const row = await findChartById(db, id);
  const access = row ? await findProjectAccess(db, principal, row.project_id) : undefined;
  if (!row || !access) throw notFound(`chart ${id}`);
  requirePermission(access, needed);
  return { row, chart: presentChart(row), access };
}

async function chartEvent(
  trx: Executor,
  type: ProjectEvent['type'],
  projectId: number,
  chartId: number,
  data: unknown,
): Promise<BusMessage> {
  return { kind: 'event', event: { type, projectId, chartId, data }, audience: await findProjectAudience(trx, projectId) };
}

/**
 * Every rule of a spec, the source's columns included: 400 unknown_column naming a column the
 * source does not have, invalid_encoding, unknown_dataset, invalid_query. Reads the source
 * (a query's columns come from running it with LIMIT 0), so it runs outside any transaction.
 */
async function validateSpec(ctx: AppContext, projectId: number, spec: { source: ChartSource; type: ChartType; encoding: ChartEncoding }) {
  checkChartEncoding(spec);
  const source = await resolveSource(ctx, ctx.db, projectId, spec.source);
  validateChartSpec(spec, await sourceColumns(ctx, source));
}

/** A project's charts in dashboard order (cacheable; see ReadCache). */
export function chartsRead(ctx: AppContext, principal: Principal, projectId: number): CachedRead<ChartList> {
  return {
    scope: `u${principal.id}:charts:${projectId}`,
    load: async () => {
      await resolveProjectAccess(ctx.db, principal, projectId);
      return { items: (await listChartsOfProject(ctx.db, projectId)).map(presentChart) };
    },
  };
}

/** One chart (cacheable). */
export function chartRead(ctx: AppContext, principal: Principal, id: number): CachedRead<Chart> {
  return { scope: `u${principal.id}:chart:${id}`, load: async () => (await visibleChart(ctx.db, principal, id)).chart };
}

/** A new chart, placed after the project's last one. */
export async function createChart(ctx: AppContext, principal: Principal, projectId: number, input: CreateChartBody): Promise<Chart> {
  await requireProjectPermission(ctx.db, principal, projectId, 'write');
  await validateSpec(ctx, projectId, input);
  return commitThenPublish(ctx, async (trx, outbox) => {
    await requireProjectPermission(trx, principal, projectId, 'write');
    const now = nowDbTimestamp();
    const row = await insertChart(trx, {
      project_id: projectId,
      title: input.title,
      source_json: JSON.stringify(input.source),
      type: input.type,
      encoding_json: JSON.stringify(input.encoding),
      position: await nextChartPosition(trx, projectId),
      width: input.width ?? DEFAULT_CHART_WIDTH,
      created_by: principal.id,
      created_at: now,
      updated_at: now,
    });
    const chart = presentChart(row);
    outbox.push(await chartEvent(trx, 'chart.created', projectId, row.id, chart));
    return chart;
  });
}

/** Replaces the given fields; a changed source, type or encoding is validated as a whole spec. */
export async function changeChart(ctx: AppContext, principal: Principal, id: number, input: UpdateChartBody): Promise<Chart> {
  const { chart } = await visibleChart(ctx.db, principal, id, 'write');
  if (input.source !== undefined || input.type !== undefined || input.encoding !== undefined) {
    await validateSpec(ctx, chart.projectId, {
      source: input.source ?? chart.source,
      type: input.type ?? chart.type,
      encoding: input.encoding ?? chart.encoding,
    });
  }
  return commitThenPublish(ctx, async (trx, outbox) => {
    const { row } = await visibleChart(trx, principal, id, 'write');
    const changes: ChartUpdate = { updated_at: nowDbTimestamp() };
    if (input.title !== undefined) changes.title = input.title;
    if (input.source !== undefined) changes.source_json = JSON.stringify(input.source);
    if (input.type !== undefined) changes.type = input.type;
    if (input.encoding !== undefined) changes.encoding_json = JSON.stringify(input.encoding);
    if (input.width !== undefined) changes.width = input.width;
    await updateChart(trx, id, changes);
    const updated = await findChartById(trx, id);
    if (!updated) throw notFound(`chart ${id}`);
    const presented = presentChart(updated);
    outbox.push(await chartEvent(trx, 'chart.updated', row.project_id, id, presented));
    return presented;
  });
}

export async function removeChart(ctx: AppContext, principal: Principal, id: number): Promise<void> {
  await commitThenPublish(ctx, async (trx, outbox) => {
    const { row } = await visibleChart(trx, principal, id, 'write');
    await deleteChart(trx, id);
    await closePositionGap(trx, row.project_id, row.position);
    outbox.push(await chartEvent(trx, 'chart.deleted', row.project_id, id, { id }));
  });
}

const idList = (ids: readonly number[]) => ids.join(', ');

/**
 * PUT /projects/:id/dashboard: `order` must name every chart of the project exactly once;
 * otherwise 400 invalid_order naming the charts missing, unknown or repeated. Each moved chart
 * gets chart.updated.
 */
export async function arrangeDashboard(
  ctx: AppContext,
  principal: Principal,
  projectId: number,
  body: DashboardOrderBody,
): Promise<ChartList> {
  return commitThenPublish(ctx, async (trx, outbox) => {
    await requireProjectPermission(trx, principal, projectId, 'write');
    const rows = await listChartsOfProject(trx, projectId);
    const known = new Set(rows.map((r) => r.id));
    const repeated = [...new Set(body.order.filter((id, i) => body.order.indexOf(id) !== i))];
    const unknown = body.order.filter((id) => !known.has(id));
    const missing = rows.map((r) => r.id).filter((id) => !body.order.includes(id));
    const problems = [
      ...(unknown.length > 0
        ? [`${idList(unknown)} ${unknown.length === 1 ? 'is not a chart' : 'are not charts'} of project ${projectId}`]
        : []),
      ...(repeated.length > 0 ? [`${idList(repeated)} ${repeated.length === 1 ? 'appears' : 'appear'} more than once`] : []),
      ...(missing.length > 0 ? [`${idList(missing)} ${missing.length === 1 ? 'is' : 'are'} missing`] : []),
    ];
    if (problems.length > 0) {
      throw badRequest('invalid_order', `order must list every chart of project ${projectId} exactly once: ${problems.join('; ')}`);
    }
    const now = nowDbTimestamp();
    const audience = await findProjectAudience(trx, projectId);
    const arranged: Chart[] = [];
    for (const [position, id] of body.order.entries()) {
      const row = rows.find((r) => r.id === id) as ChartRow;
      if (row.position === position) {
        arranged.push(presentChart(row));
        continue;
      }
      await updateChart(trx, id, { position, updated_at: now });
      const chart = presentChart({ ...row, position, updated_at: now });
      arranged.push(chart);
      outbox.push({ kind: 'event', event: { type: 'chart.updated', projectId, chartId: id, data: chart }, audience });
    }
    return { items: arranged };
  });
}

/**
 * chart.data_changed for each chart of the project whose source reads the dataset: a
 * {datasetId} source naming it, or a {sql} source whose query names one of `names` (its name,
 * and its former name when it is renamed). Sent with the dataset's own event once the
 * transaction has committed.
 */
export async function chartDataChangedMessages(
  ctx: AppContext,
  trx: Transaction<Database>,
  projectId: number,
  datasetId: number,
  names: readonly string[],
): Promise<BusMessage[]> {
  const charts = await listChartsOfProject(trx, projectId);
  const tables = names.map((name) => ({ name }));
  const affected = charts.filter((row) => {
    const source = JSON.parse(row.source_json) as ChartSource;
    if ('datasetId' in source) return source.datasetId === datasetId;
    try {
      return ctx.queries.datasetsNamedBy(source.sql, tables).length > 0;
    } catch {
      return false; // a query that no longer parses reads nothing
    }
  });
  if (affected.length === 0) return [];
  const audience = await findProjectAudience(trx, projectId);
  return affected.map((row) => ({
    kind: 'event',
    event: { type: 'chart.data_changed', projectId, chartId: row.id, datasetId, data: { chartId: row.id } },
    audience,
  }));
}
