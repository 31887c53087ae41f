import type { DatasetUpdate } from '../../../schema/datasets.table';
import type { AppContext, Principal } from '../context';
import { notFound } from '../errors';
import { deleteDataset, findDatasetById, insertDataset, listDatasetsOfProject, updateDataset } from '../repositories/dataset-repository';
import type { Executor } from '../repositories/executor';
import { findProjectAudience } from '../repositories/project-repository';
import type { PageQuery } from '../schemas/common.schema';
import type { CreateDatasetBody, Dataset, UpdateDatasetBody } from '../schemas/dataset.schema';
import { nowDbTimestamp } from '../time';
import { decodeCursor, toPage, type PageResult } from './cursor';
import { findProjectAccess, requireProjectPermission, resolveProjectAccess } from './project-access';
import { presentDataset } from './representations';
import type { CachedRead } from './read-cache';
import { commitThenPublish } from './unit-of-work';

/**
 * The dataset, if the user may see its project; 404 alike when it does not exist and when it
 * is not visible, so ids do not leak. Any other failure (the database is down) propagates.
 */
async function visibleDataset(db: Executor, principal: Principal, id: number) {
  const dataset = await findDatasetById(db, id);
  const access = dataset ? await findProjectAccess(db, principal, dataset.project_id) : undefined;
  if (!dataset || !access) throw notFound(`dataset ${id}`);
  return { dataset, access };
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

export async function createDataset(ctx: AppContext, principal: Principal, projectId: number, input: CreateDatasetBody): Promise<Dataset> {
  return commitThenPublish(ctx, async (trx, outbox) => {
    await requireProjectPermission(trx, principal, projectId, 'write');
    const row = await insertDataset(trx, {
      project_id: projectId,
      name: input.name,
      uri: input.uri,
      format: input.format,
      size_bytes: input.sizeBytes ?? 0,
      created_by: principal.id,
      created_at: nowDbTimestamp(),
    });
    const dataset = presentDataset(row);
    outbox.push({
      kind: 'event',
      event: { type: 'dataset.created', projectId, datasetId: row.id, data: dataset },
      audience: await findProjectAudience(trx, projectId),
    });
    return dataset;
  });
}

export async function changeDataset(ctx: AppContext, principal: Principal, id: number, input: UpdateDatasetBody): Promise<Dataset> {
  return commitThenPublish(ctx, async (trx, outbox) => {
    const { dataset, access } = await visibleDataset(trx, principal, id);
    await requireProjectPermission(trx, principal, access.project.id, 'write');
    const changes: DatasetUpdate = {
      name: input.name ?? dataset.name,
      uri: input.uri ?? dataset.uri,
      format: input.format ?? dataset.format,
      size_bytes: input.sizeBytes ?? dataset.size_bytes,
    };
    await updateDataset(trx, id, changes);
    const row = await findDatasetById(trx, id);
    if (!row) throw notFound(`dataset ${id}`);
    const updated = presentDataset(row);
    outbox.push({
      kind: 'event',
      event: { type: 'dataset.updated', projectId: row.project_id, datasetId: id, data: updated },
      audience: await findProjectAudience(trx, row.project_id),
    });
    return updated;
  });
}

export async function removeDataset(ctx: AppContext, principal: Principal, id: number): Promise<void> {
  await commitThenPublish(ctx, async (trx, outbox) => {
    const { dataset, access } = await visibleDataset(trx, principal, id);
    await requireProjectPermission(trx, principal, access.project.id, 'write');
    await deleteDataset(trx, id);
    outbox.push({
      kind: 'event',
      event: { type: 'dataset.deleted', projectId: dataset.project_id, datasetId: id, data: { id } },
      audience: await findProjectAudience(trx, dataset.project_id),
    });
  });
}
