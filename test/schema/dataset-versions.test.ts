import type { Kysely } from 'kysely';
import { createDatabaseConnection, type DatabaseConnection } from '../../schema/connection';
import type { Database } from '../../schema/database';
import type { NewDatasetVersionRow } from '../../schema/dataset-versions.table';
import type { NewDatasetRow } from '../../schema/datasets.table';
import { migrateToLatest } from '../../schema/migrate';
import { migrations } from '../../schema/migrations';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../app/support/test-databases';

const NOW = '2025-01-01 00:00:00.000';
const constraintError = { code: expect.stringMatching(/^(SQLITE_CONSTRAINT|ER_)/) };

async function insertId(promise: Promise<{ insertId?: bigint }>): Promise<number> {
  return Number((await promise).insertId);
}

function managed(projectId: number, name: string, userId: number | null): NewDatasetRow {
  return {
    project_id: projectId,
    name,
    name_key: name.toLowerCase(),
    kind: 'managed',
    uri: `file:/objects/${name}`,
    format: 'csv',
    size_bytes: 10,
    version: 1,
    schema_json: '{"columns":[]}',
    row_count: 1,
    created_by: userId,
    created_at: NOW,
    updated_at: NOW,
  };
}

function version(datasetId: number, number: number, key: string, extra: Partial<NewDatasetVersionRow> = {}): NewDatasetVersionRow {
  return {
    dataset_id: datasetId,
    version: number,
    format: 'csv',
    storage_key: key,
    size_bytes: 10,
    row_count: 1,
    schema_json: '{"columns":[]}',
    read_spec: '{"format":"parquet"}',
    sha256: 'a'.repeat(64),
    profile_json: null,
    run_id: null,
    created_by: null,
    created_at: NOW,
    ...extra,
  };
}

describe.each(DIALECTS)('managed datasets and their versions on %s', (dialect) => {
  let database: TestDatabase;
  let connection: DatabaseConnection;
  let db: Kysely<Database>;
  let userId: number;
  let projectId: number;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    connection = createDatabaseConnection({ url: database.url });
    db = connection.db;
    // Up to the migration before this work, with rows the new migrations must carry over.
    const names = Object.keys(migrations);
    const before = names[names.indexOf('0010_managed_datasets') - 1]!;
    const { Migrator } = await import('kysely');
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo(before)).error).toBeUndefined();
    userId = await insertId(
      db
        .insertInto('users')
        .values({ email: 'u@x.io', password_hash: 'h', role: 'analyst', created_at: NOW, disabled_at: null })
        .executeTakeFirstOrThrow(),
    );
    projectId = await insertId(
      db
        .insertInto('projects')
        .values({ owner_id: userId, name: 'p', description: '', created_at: NOW, updated_at: NOW })
        .executeTakeFirstOrThrow(),
    );
    // Registered datasets from before names were unique per project in any letter case.
    const legacy = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    for (const name of ['Sales', 'sales', 'Other']) {
      await legacy
        .insertInto('datasets')
        .values({ project_id: projectId, name, uri: 's3://b/k', format: 'csv', size_bytes: 1, created_by: userId, created_at: NOW })
        .execute();
    }
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await connection?.destroy();
    await database?.drop();
  });

  it('carries existing datasets over as registered, with updated_at and keys that keep same-name-but-case rows apart', async () => {
    const rows = await db
      .selectFrom('datasets')
      .select(['id', 'name', 'name_key', 'kind', 'version', 'updated_at'])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.name, r.kind, r.version, String(r.updated_at).slice(0, 19)])).toEqual([
      ['Sales', 'registered', null, '2025-01-01 00:00:00'],
      ['sales', 'registered', null, '2025-01-01 00:00:00'],
      ['Other', 'registered', null, '2025-01-01 00:00:00'],
    ]);
    expect(rows.map((r) => r.name_key)).toEqual(['sales', `sales/${rows[1]!.id}`, 'other']);
  });

  it('refuses a second dataset whose name differs only by letter case, in the same project only', async () => {
    await expect(
      db
        .insertInto('datasets')
        .values(managed(projectId, 'OTHER', userId))
        .execute(),
    ).rejects.toMatchObject(constraintError);
    const otherProject = await insertId(
      db
        .insertInto('projects')
        .values({ owner_id: userId, name: 'q', description: '', created_at: NOW, updated_at: NOW })
        .executeTakeFirstOrThrow(),
    );
    await expect(
      db
        .insertInto('datasets')
        .values(managed(otherProject, 'Other', userId))
        .execute(),
    ).resolves.toBeDefined();
  });

  it('keeps one row per dataset and version number and per storage key', async () => {
    const datasetId = await insertId(
      db
        .insertInto('datasets')
        .values(managed(projectId, 'versions', userId))
        .executeTakeFirstOrThrow(),
    );
    await db
      .insertInto('dataset_versions')
      .values(version(datasetId, 1, 'datasets/1/1/v1-a.csv'))
      .execute();
    await expect(
      db
        .insertInto('dataset_versions')
        .values(version(datasetId, 1, 'datasets/1/1/v1-b.csv'))
        .execute(),
    ).rejects.toMatchObject(constraintError);
    await expect(
      db
        .insertInto('dataset_versions')
        .values(version(datasetId, 2, 'datasets/1/1/v1-a.csv'))
        .execute(),
    ).rejects.toMatchObject(constraintError);
    await expect(
      db
        .insertInto('dataset_versions')
        .values(version(999999, 1, 'datasets/1/9/v1-c.csv'))
        .execute(),
    ).rejects.toMatchObject(constraintError);
  });

  it('deletes versions with their dataset; a deleted run or user leaves the version without them', async () => {
    const datasetId = await insertId(
      db
        .insertInto('datasets')
        .values(managed(projectId, 'cascade', userId))
        .executeTakeFirstOrThrow(),
    );
    const author = await insertId(
      db
        .insertInto('users')
        .values({ email: 'a@x.io', password_hash: 'h', role: 'analyst', created_at: NOW, disabled_at: null })
        .executeTakeFirstOrThrow(),
    );
    const taskId = await insertId(
      db
        .insertInto('tasks')
        .values({
          project_id: projectId,
          title: 't',
          kind: 'notebook',
          status: 'pending',
          notebook: 'n.ipynb',
          parameters: '{}',
          schedule: null,
          created_by: null,
          created_at: NOW,
          updated_at: NOW,
          started_at: null,
          finished_at: null,
        })
        .executeTakeFirstOrThrow(),
    );
    const runId = await insertId(
      db
        .insertInto('runs')
        .values({
          task_id: taskId,
          project_id: projectId,
          number: 1,
          trigger: 'manual',
          attempt: 1,
          status: 'succeeded',
          parameters: '{}',
          backend: 'local',
          external_id: null,
          message: null,
          scheduled_for: null,
          not_before: null,
          created_by: null,
          created_at: NOW,
          started_at: null,
          finished_at: null,
        })
        .executeTakeFirstOrThrow(),
    );
    await db
      .insertInto('dataset_versions')
      .values(version(datasetId, 1, 'datasets/1/2/v1-a.csv', { run_id: runId, created_by: author }))
      .execute();
    await db.deleteFrom('runs').where('id', '=', runId).execute();
    await db.deleteFrom('users').where('id', '=', author).execute();
    const kept = await db.selectFrom('dataset_versions').select(['run_id', 'created_by']).where('dataset_id', '=', datasetId).execute();
    expect(kept).toEqual([{ run_id: null, created_by: null }]);
    await db.deleteFrom('datasets').where('id', '=', datasetId).execute();
    expect(await db.selectFrom('dataset_versions').selectAll().where('dataset_id', '=', datasetId).execute()).toEqual([]);
  });
});
