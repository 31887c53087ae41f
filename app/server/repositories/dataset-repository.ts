import type { DatasetRow, DatasetUpdate, NewDatasetRow } from '../../../schema/datasets.table';
import type { Executor, PageRequest } from './executor';

export async function findDatasetById(db: Executor, id: number): Promise<DatasetRow | undefined> {
  return db.selectFrom('datasets').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The dataset row, locked until the transaction ends on MySQL (SQLite transactions already exclude other writers). */
export async function lockDatasetById(db: Executor, id: number, isMysql: boolean): Promise<DatasetRow | undefined> {
  const query = db.selectFrom('datasets').selectAll().where('id', '=', id);
  return (isMysql ? query.forUpdate() : query).executeTakeFirst();
}

/** The project's dataset whose name equals `nameKey` in any letter case. */
export async function findDatasetByNameKey(db: Executor, projectId: number, nameKey: string): Promise<DatasetRow | undefined> {
  return db.selectFrom('datasets').selectAll().where('project_id', '=', projectId).where('name_key', '=', nameKey).executeTakeFirst();
}

export async function listDatasetsOfProject(db: Executor, projectId: number, page: PageRequest): Promise<DatasetRow[]> {
  let query = db.selectFrom('datasets').selectAll().where('project_id', '=', projectId).orderBy('id', 'desc').limit(page.limit);
  if (page.beforeId !== undefined) query = query.where('id', '<', page.beforeId);
  return query.execute();
}

/** Names of the project's registered datasets (they cannot be queried; errors say so). */
export async function listRegisteredDatasetNames(db: Executor, projectId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('datasets')
    .select('name')
    .where('project_id', '=', projectId)
    .where('kind', '=', 'registered')
    .execute();
  return rows.map((row) => row.name);
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
