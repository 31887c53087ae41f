import { sql } from 'kysely';
import { createDatabaseConnection, type DatabaseConnection } from '../../schema/connection';
import { migrateToEmpty, migrateToLatest } from '../../schema/migrate';
import { migrations } from '../../schema/migrations';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../app/support/test-databases';

const TABLES = [
  'users',
  'projects',
  'project_members',
  'tasks',
  'datasets',
  'dataset_versions',
  'refresh_tokens',
  'runs',
  'project_files',
  'charts',
] as const;
const NOW = '2025-01-01 00:00:00.000';

/**
 * better-sqlite3's native part keeps the error class of the first test file that loaded it,
 * so its errors may come from another jest realm: match on fields, not on `instanceof Error`.
 */
const constraintError = { code: expect.stringMatching(/^(SQLITE_CONSTRAINT|ER_)/) };
const missingTable = { message: expect.stringMatching(/no such table|doesn't exist/) };

describe.each(DIALECTS)('schema migrations on %s', (dialect) => {
  let database: TestDatabase;
  let connection: DatabaseConnection;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    connection = createDatabaseConnection({ url: database.url });
  });
  afterAll(async () => {
    await connection?.destroy();
    await database?.drop();
  });

  it('applies every numbered migration in order, and again is a no-op', async () => {
    expect(await migrateToLatest(connection.db)).toEqual(Object.keys(migrations));
    expect(Object.keys(migrations)).toEqual([...Object.keys(migrations)].sort());
    expect(await migrateToLatest(connection.db)).toEqual([]);
    for (const table of TABLES) {
      await expect(connection.db.selectFrom(table).selectAll().limit(1).execute()).resolves.toEqual([]);
    }
  });

  it('enforces the foreign keys and their ON DELETE rules', async () => {
    const db = connection.db;
    const user = Number(
      (
        await db
          .insertInto('users')
          .values({ email: 'o@x.io', password_hash: 'h', role: 'analyst', created_at: NOW, disabled_at: null })
          .executeTakeFirstOrThrow()
      ).insertId,
    );
    const member = Number(
      (
        await db
          .insertInto('users')
          .values({ email: 'm@x.io', password_hash: 'h', role: 'viewer', created_at: NOW, disabled_at: null })
          .executeTakeFirstOrThrow()
      ).insertId,
    );
    const project = Number(
      (
        await db
          .insertInto('projects')
          .values({ owner_id: user, name: 'p', description: '', created_at: NOW, updated_at: NOW })
          .executeTakeFirstOrThrow()
      ).insertId,
    );
    await db.insertInto('project_members').values({ project_id: project, user_id: member, role: 'viewer' }).execute();
    await db
      .insertInto('tasks')
      .values({
        project_id: project,
        title: 't',
        kind: 'manual',
        status: 'pending',
        notebook: null,
        parameters: '{}',
        schedule: null,
        created_by: member,
        created_at: NOW,
        updated_at: NOW,
        started_at: null,
        finished_at: null,
      })
      .execute();
    await db
      .insertInto('datasets')
      .values({
        project_id: project,
        name: 'd',
        name_key: 'd',
        kind: 'registered',
        uri: 's3://b/k',
        format: 'csv',
        size_bytes: 2 ** 40,
        version: null,
        schema_json: null,
        row_count: null,
        created_by: member,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
    await db
      .insertInto('refresh_tokens')
      .values({ user_id: member, token_hash: 'a'.repeat(64), expires_at: NOW, revoked_at: null })
      .execute();

    await expect(
      db
        .insertInto('tasks')
        .values({
          project_id: 999999,
          title: 't',
          kind: 'manual',
          status: 'pending',
          notebook: null,
          parameters: '{}',
          schedule: null,
          created_by: null,
          created_at: NOW,
          updated_at: NOW,
          started_at: null,
          finished_at: null,
        })
        .execute(),
    ).rejects.toMatchObject(constraintError);
    // An owner cannot be deleted while owning projects (RESTRICT).
    await expect(db.deleteFrom('users').where('id', '=', user).execute()).rejects.toMatchObject(constraintError);
    await expect(
      db.insertInto('users').values({ email: 'o@x.io', password_hash: 'h', role: 'viewer', created_at: NOW, disabled_at: null }).execute(),
    ).rejects.toMatchObject(constraintError);

    // Deleting a member: membership and tokens go (CASCADE), authored rows stay without author (SET NULL).
    await db.deleteFrom('users').where('id', '=', member).execute();
    expect(await db.selectFrom('project_members').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('refresh_tokens').selectAll().execute()).toEqual([]);
    expect((await db.selectFrom('tasks').select('created_by').executeTakeFirstOrThrow()).created_by).toBeNull();
    expect(Number((await db.selectFrom('datasets').select('size_bytes').executeTakeFirstOrThrow()).size_bytes)).toBe(2 ** 40);

    // Deleting the project takes its tasks and datasets with it (CASCADE).
    await db.deleteFrom('projects').where('id', '=', project).execute();
    expect(await db.selectFrom('tasks').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('datasets').selectAll().execute()).toEqual([]);
  });

  it('keeps one run per task and scheduled fire time, any number of unscheduled runs, and deletes runs with their task', async () => {
    const db = connection.db;
    const owner = Number(
      (
        await db
          .insertInto('users')
          .values({ email: 'runs@x.io', password_hash: 'h', role: 'analyst', created_at: NOW, disabled_at: null })
          .executeTakeFirstOrThrow()
      ).insertId,
    );
    const project = Number(
      (
        await db
          .insertInto('projects')
          .values({ owner_id: owner, name: 'runs', description: '', created_at: NOW, updated_at: NOW })
          .executeTakeFirstOrThrow()
      ).insertId,
    );
    const task = Number(
      (
        await db
          .insertInto('tasks')
          .values({
            project_id: project,
            title: 'scheduled',
            kind: 'notebook',
            status: 'pending',
            notebook: 'report.ipynb',
            parameters: '{}',
            schedule: '* * * * *',
            created_by: owner,
            created_at: NOW,
            updated_at: NOW,
            started_at: null,
            finished_at: null,
          })
          .executeTakeFirstOrThrow()
      ).insertId,
    );
    const run = (number: number, scheduledFor: string | null) => ({
      task_id: task,
      project_id: project,
      number,
      trigger: scheduledFor === null ? ('manual' as const) : ('schedule' as const),
      attempt: 1,
      status: 'queued' as const,
      parameters: '{}',
      backend: 'local' as const,
      external_id: null,
      message: null,
      scheduled_for: scheduledFor,
      not_before: null,
      created_by: owner,
      created_at: NOW,
      started_at: null,
      finished_at: null,
    });
    await db.insertInto('runs').values(run(1, '2025-01-01 07:00:00.000')).execute();
    await expect(db.insertInto('runs').values(run(2, '2025-01-01 07:00:00.000')).execute()).rejects.toMatchObject(constraintError);
    await db.insertInto('runs').values(run(2, null)).execute();
    await db.insertInto('runs').values(run(3, null)).execute();
    await expect(db.insertInto('runs').values(run(3, '2025-01-01 08:00:00.000')).execute()).rejects.toMatchObject(constraintError);
    expect(await db.selectFrom('runs').select('number').where('task_id', '=', task).orderBy('number').execute()).toEqual([
      { number: 1 },
      { number: 2 },
      { number: 3 },
    ]);
    await db.deleteFrom('tasks').where('id', '=', task).execute();
    expect(await db.selectFrom('runs').selectAll().where('task_id', '=', task).execute()).toEqual([]);
  });

  it('indexes every foreign key and list order', async () => {
    const expected = [
      'projects_owner_id_idx',
      'project_members_user_id_idx',
      'tasks_project_id_idx',
      'tasks_created_by_idx',
      'datasets_project_id_idx',
      'datasets_created_by_idx',
      'refresh_tokens_user_id_idx',
      'runs_task_id_idx',
      'runs_project_id_idx',
      'runs_status_idx',
      'runs_created_by_idx',
      'datasets_project_name_key_uq',
      'dataset_versions_dataset_version_uq',
      'dataset_versions_storage_key_uq',
      'dataset_versions_run_id_idx',
      'dataset_versions_created_by_idx',
      'project_files_project_name_uq',
      'project_files_storage_key_uq',
      'project_files_created_by_idx',
      'tasks_output_dataset_id_idx',
      'tasks_schedule_idx',
      'charts_project_position_idx',
      'charts_created_by_idx',
    ];
    const names =
      dialect === 'mysql'
        ? (
            await sql<{
              name: string;
            }>`select distinct index_name as name from information_schema.statistics where table_schema = database()`.execute(connection.db)
          ).rows.map((r) => r.name)
        : (await sql<{ name: string }>`select name from sqlite_master where type = 'index'`.execute(connection.db)).rows.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(expected));
  });

  if (dialect === 'mysql') {
    it('stores text as utf8mb4 in InnoDB tables', async () => {
      const { rows } = await sql<{ table_name: string; engine: string; table_collation: string }>`
        select table_name as table_name, engine as engine, table_collation as table_collation
        from information_schema.tables where table_schema = database() and table_name in (${sql.join([...TABLES])})`.execute(connection.db);
      expect(rows).toHaveLength(TABLES.length);
      for (const row of rows) expect(row).toMatchObject({ engine: 'InnoDB', table_collation: 'utf8mb4_bin' });
    });
  }

  it('reverts every migration with down, and applies them again', async () => {
    await migrateToEmpty(connection.db);
    for (const table of TABLES) await expect(connection.db.selectFrom(table).selectAll().execute()).rejects.toMatchObject(missingTable);
    expect(await migrateToLatest(connection.db)).toHaveLength(Object.keys(migrations).length);
  });
});
