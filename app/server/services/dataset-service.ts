import type { DatasetRow, DatasetUpdate } from '../../../schema/datasets.table';
import type { AppContext, Principal } from '../context';
import { badRequest, conflict, notFound } from '../errors';
import { classifyDatabaseError } from '../database-errors';
import {
  deleteDataset,
  findDatasetById,
  findDatasetByNameKey,
  insertDataset,
  listDatasetsOfProject,
  updateDataset,
} from '../repositories/dataset-repository';
import type { Executor } from '../repositories/executor';
import { findProjectAudience } from '../repositories/project-repository';
import type { PageQuery } from '../schemas/common.schema';
import type { CreateDatasetBody, Dataset, UpdateDatasetBody } from '../schemas/dataset.schema';
import { datasetPrefix } from '../storage/dataset-keys';
import { nowDbTimestamp } from '../time';
import { decodeCursor, toPage, type PageResult } from './cursor';
import { checkDatasetName, datasetNameKey } from './dataset-names';
import {
  findProjectAccess,
  requirePermission,
  requireProjectPermission,
  resolveProjectAccess,
  type ProjectPermission,
} from './project-access';
import { chartDataChangedMessages } from './chart-service';
import { presentDataset } from './representations';
import type { CachedRead } from './read-cache';
import { commitThenPublish } from './unit-of-work';

/**
 * The dataset, if the user may see its project; 404 alike when it does not exist and when it
 * is not visible, so ids do not leak. Any other failure (the database is down) propagates.
 */
export async function visibleDataset(db: Executor, principal: Principal, id: number, needed: ProjectPermission = 'read') {
  const dataset = await findDatasetById(db, id);
  const access = dataset ? await findProjectAccess(db, principal, dataset.project_id) : undefined;
  if (!dataset || !access) throw notFound(`dataset ${id}`);
  requirePermission(access, needed);
  return { dataset, access };
}

export const datasetExists = (name: string) =>
  conflict('dataset_exists', `the project already has a dataset named ${JSON.stringify(name)} (names are compared in any letter case)`);

/** 409 dataset_exists when another dataset of the project has this name in any letter case. */
export async function requireFreeName(db: Executor, projectId: number, name: string, exceptId?: number): Promise<void> {
  const existing = await findDatasetByNameKey(db, projectId, datasetNameKey(name));
  if (existing && existing.id !== exceptId) throw datasetExists(name);
}

/** A managed dataset, or 400 saying that registered ones hold no data the platform can read. */
export function requireManaged(dataset: DatasetRow): void {
  if (dataset.kind !== 'managed') {
    throw badRequest(
      'registered_dataset',
      `dataset ${dataset.id} is registered (an external uri the platform does not read): only uploaded (managed) datasets have versions, previews, profiles, downloads and queries`,
    );
  }
}

/** A page of a project's datasets, if the user may see the project (cacheable; see ReadCache). */
export function datasetsRead(ctx: AppContext, principal: Principal, projectId: number, page: PageQuery): CachedRead<PageResult<Dataset>> {
  const beforeId = decodeCursor(page.cursor);
  return {
    scope: `u${principal.id}:datasets:${projectId}:${page.limit}:${beforeId ?? ''}`,
    load: async () => {
      await resolveProjectAccess(ctx.db, principal, projectId);
      const rows = await listDatasetsOfProject(ctx.db, projectId, { beforeId, limit: page.limit + 1 });
      return toPage(rows, page.limit, presentDataset);
    },
  };
}

/** One dataset, if the user may see its project (cacheable). */
export function datasetRead(ctx: AppContext, principal: Principal, id: number): CachedRead<Dataset> {
  return {
    scope: `u${principal.id}:dataset:${id}`,
    load: async () => presentDataset((await visibleDataset(ctx.db, principal, id)).dataset),
  };
}

function uniqueNameConflict(name: string) {
  return (error: unknown) => {
    throw classifyDatabaseError(error) === 'unique_violation' ? datasetExists(name) : error;
  };
}

/** Registers an external uri as a dataset (the platform lists it; it does not read it). */
export async function createDataset(ctx: AppContext, principal: Principal, projectId: number, input: CreateDatasetBody): Promise<Dataset> {
  checkDatasetName(input.name);
  return commitThenPublish(ctx, async (trx, outbox) => {
    await requireProjectPermission(trx, principal, projectId, 'write');
    await requireFreeName(trx, projectId, input.name);
    const now = nowDbTimestamp();
    const row = await insertDataset(trx, {
      project_id: projectId,
      name: input.name,
      name_key: datasetNameKey(input.name),
      kind: 'registered',
      uri: input.uri,
      format: input.format,
      size_bytes: input.sizeBytes ?? 0,
      version: null,
      schema_json: null,
      row_count: null,
      created_by: principal.id,
      created_at: now,
      updated_at: now,
    });
    const dataset = presentDataset(row);
    outbox.push({
      kind: 'event',
      event: { type: 'dataset.created', projectId, datasetId: row.id, data: dataset },
      audience: await findProjectAudience(trx, projectId),
    });
    return dataset;
  }).catch(uniqueNameConflict(input.name));
}

/** Renames a dataset; a registered one may also change its uri, format and size. */
export async function changeDataset(ctx: AppContext, principal: Principal, id: number, input: UpdateDatasetBody): Promise<Dataset> {
  if (input.name !== undefined) checkDatasetName(input.name);
  return commitThenPublish(ctx, async (trx, outbox) => {
    const { dataset } = await visibleDataset(trx, principal, id, 'write');
    if (dataset.kind === 'managed' && (input.uri !== undefined || input.format !== undefined || input.sizeBytes !== undefined)) {
      throw badRequest(
        'managed_dataset',
        `dataset ${id} is managed: its uri, format and size follow its versions (upload a new version); only its name can change`,
      );
    }
    if (input.name !== undefined) await requireFreeName(trx, dataset.project_id, input.name, id);
    const changes: DatasetUpdate = {
      name: input.name ?? dataset.name,
      name_key: datasetNameKey(input.name ?? dataset.name),
      uri: input.uri ?? dataset.uri,
      format: input.format ?? dataset.format,
      size_bytes: input.sizeBytes ?? dataset.size_bytes,
      updated_at: nowDbTimestamp(),
    };
    await updateDataset(trx, id, changes);
    const row = await findDatasetById(trx, id);
    if (!row) throw notFound(`dataset ${id}`);
    const updated = presentDataset(row);
    // A renamed dataset changes what the charts' queries naming either name read.
    if (row.name !== dataset.name) {
      outbox.push(...(await chartDataChangedMessages(ctx, trx, row.project_id, id, [dataset.name, row.name])));
    }
    outbox.push({
      kind: 'event',
      event: { type: 'dataset.updated', projectId: row.project_id, datasetId: id, data: updated },
      audience: await findProjectAudience(trx, row.project_id),
    });
    return updated;
  }).catch(uniqueNameConflict(input.name ?? ''));
}

/**
 * Deletes a dataset and, for a managed one, its stored versions. The storage is read first (an
 * outage answers 503 before anything changed), then the row goes, then the objects: a failure
 * between the two leaves objects without a row, which the reconciliation removes, never a row
 * without its objects.
 */
export async function removeDataset(ctx: AppContext, principal: Principal, id: number): Promise<void> {
  const { dataset } = await visibleDataset(ctx.db, principal, id, 'write');
  const prefix = datasetPrefix(dataset.project_id, id);
  const keys: string[] = [];
  if (dataset.kind === 'managed') for await (const object of ctx.storage.list(prefix)) keys.push(object.key);
  await commitThenPublish(ctx, async (trx, outbox) => {
    const { dataset: current } = await visibleDataset(trx, principal, id, 'write');
    // The charts reading it have no data any more: their dashboards show why on the next read.
    outbox.push(...(await chartDataChangedMessages(ctx, trx, current.project_id, id, [current.name])));
    await deleteDataset(trx, id);
    outbox.push({
      kind: 'event',
      event: { type: 'dataset.deleted', projectId: current.project_id, datasetId: id, data: { id } },
      audience: await findProjectAudience(trx, current.project_id),
    });
  });
  await ctx.chartData.dropDataset(id);
  if (dataset.kind === 'managed') {
    await ctx.storage
      .deletePrefix(prefix)
      .catch((error: unknown) =>
        ctx.log.warn({ err: error, prefix, objects: keys.length }, 'deleted dataset objects left for the reconciliation'),
      );
  }
}
