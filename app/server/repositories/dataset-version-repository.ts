import type { DatasetVersionRow, NewDatasetVersionRow } from '../../../schema/dataset-versions.table';
import type { Executor } from './executor';

export async function findDatasetVersion(db: Executor, datasetId: number, version: number): Promise<DatasetVersionRow | undefined> {
  return db
    .selectFrom('dataset_versions')
    .selectAll()
    .where('dataset_id', '=', datasetId)
    .where('version', '=', version)
    .executeTakeFirst();
}

/** Every version of a dataset, newest first (the profile, possibly large, is left out). */
export async function listDatasetVersions(db: Executor, datasetId: number): Promise<Omit<DatasetVersionRow, 'profile_json'>[]> {
  return db
    .selectFrom('dataset_versions')
    .select([
      'id',
      'dataset_id',
      'version',
      'format',
      'storage_key',
      'size_bytes',
      'row_count',
      'schema_json',
      'read_spec',
      'sha256',
      'run_id',
      'created_by',
      'created_at',
    ])
    .where('dataset_id', '=', datasetId)
    .orderBy('version', 'desc')
    .execute();
}

export async function insertDatasetVersion(db: Executor, row: NewDatasetVersionRow): Promise<DatasetVersionRow> {
  const result = await db.insertInto('dataset_versions').values(row).executeTakeFirstOrThrow();
  const inserted = await db.selectFrom('dataset_versions').selectAll().where('id', '=', Number(result.insertId)).executeTakeFirst();
  if (!inserted) throw new Error(`dataset version ${String(result.insertId)} vanished right after insert`);
  return inserted;
}

/** Keeps a computed profile with its version (versions never change, so it never goes stale). */
export async function saveVersionProfile(db: Executor, versionId: number, profileJson: string): Promise<void> {
  await db.updateTable('dataset_versions').set({ profile_json: profileJson }).where('id', '=', versionId).execute();
}

/** The current version of every managed dataset of a project, with its dataset's name. */
export async function listCurrentVersionsOfProject(
  db: Executor,
  projectId: number,
): Promise<{ name: string; dataset_id: number; storage_key: string; read_spec: string; schema_json: string; version: number }[]> {
  return db
    .selectFrom('datasets')
    .innerJoin('dataset_versions', (join) =>
      join.onRef('dataset_versions.dataset_id', '=', 'datasets.id').onRef('dataset_versions.version', '=', 'datasets.version'),
    )
    .select([
      'datasets.name',
      'datasets.id as dataset_id',
      'dataset_versions.storage_key',
      'dataset_versions.read_spec',
      'dataset_versions.schema_json',
      'dataset_versions.version',
    ])
    .where('datasets.project_id', '=', projectId)
    .where('datasets.kind', '=', 'managed')
    .orderBy('datasets.id')
    .execute();
}

/** Which of `keys` are the storage key of a version (the others belong to no row). */
export async function findStoredKeys(db: Executor, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.selectFrom('dataset_versions').select('storage_key').where('storage_key', 'in', keys).execute();
  return new Set(rows.map((row) => row.storage_key));
}
