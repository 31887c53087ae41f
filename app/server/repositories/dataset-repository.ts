import type { DatasetRow, DatasetUpdate, NewDatasetRow } from '../../../schema/datasets.table';
import type { Executor, PageRequest } from './executor';

export async function findDatasetById(db: Executor, id: number): Promise<DatasetRow | undefined> {
  return db.selectFrom('datasets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listDatasetsOfProject(db: Executor, projectId: number, page: PageRequest): Promise<DatasetRow[]> {
  let query = db.selectFrom('datasets').selectAll().where('project_id', '=', projectId).orderBy('id', 'desc').limit(page.limit);
  if (page.beforeId !== undefined) query = query.where('id', '<', page.beforeId);
  return query.execute();
}

export async function insertDataset(db: Executor, dataset: NewDatasetRow): Promise<DatasetRow> {
  const result = await db.insertInto('datasets').values(dataset).executeTakeFirstOrThrow();
  const row = await findDatasetById(db, Number(result.insertId));
  if (!row) throw new Error(`dataset ${String(result.insertId)} vanished right after insert`);
  return row;
}

export async function updateDataset(db: Executor, id: number, changes: DatasetUpdate): Promise<void> {
  await db.updateTable('datasets').set(changes).where('id', '=', id).execute();
}

export async function deleteDataset(db: Executor, id: number): Promise<number> {
  const result = await db.deleteFrom('datasets').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}
