import { sql } from 'kysely';
import { createDatabaseConnection, type DatabaseConnection } from '../../schema/connection';
import { migrateToLatest } from '../../schema/migrate';
import {
  DATASET_FORMATS,
  DATASET_KINDS,
  EVENT_TYPES,
  MANAGED_DATASET_FORMATS,
  MEMBER_ROLES,
  TASK_KINDS,
  TASK_STATUSES,
  USER_ROLES,
  VOCABULARY_MAX_LENGTH,
} from '../../schema/vocabulary';
import { startTestApp } from '../app/support/test-app';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../app/support/test-databases';

/** Each vocabulary and the column that stores it. */
const STORED = [
  { table: 'users', column: 'role', values: USER_ROLES },
  { table: 'project_members', column: 'role', values: MEMBER_ROLES },
  { table: 'tasks', column: 'kind', values: TASK_KINDS },
  { table: 'tasks', column: 'status', values: TASK_STATUSES },
  { table: 'datasets', column: 'format', values: DATASET_FORMATS },
  { table: 'datasets', column: 'kind', values: DATASET_KINDS },
  { table: 'dataset_versions', column: 'format', values: MANAGED_DATASET_FORMATS },
] as const;

describe.each(DIALECTS)('vocabularies and the columns that store them on %s', (dialect) => {
  let database: TestDatabase;
  let connection: DatabaseConnection;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    connection = createDatabaseConnection({ url: database.url });
    await migrateToLatest(connection.db);
  });
  afterAll(async () => {
    await connection?.destroy();
    await database?.drop();
  });

  /** The declared width of a varchar column, as the migrations created it. */
  async function columnWidth(table: string, column: string): Promise<number> {
    if (dialect === 'mysql') {
      const { rows } = await sql<{ width: number }>`
        select character_maximum_length as width from information_schema.columns
        where table_schema = database() and table_name = ${table} and column_name = ${column}`.execute(connection.db);
      return Number(rows[0]?.width);
    }
    const { rows } = await sql<{ name: string; type: string }>`select name, type from pragma_table_info(${table})`.execute(connection.db);
    const type = rows.find((r) => r.name === column)?.type ?? '';
    return Number(/^varchar\((\d+)\)$/i.exec(type)?.[1]);
  }

  it.each(STORED)('every value of $column in $table fits the column', async ({ table, column, values }) => {
    const width = await columnWidth(table, column);
    expect(width).toBe(VOCABULARY_MAX_LENGTH);
    for (const value of values) expect(value.length).toBeLessThanOrEqual(width);
  });
});

describe('the API takes its enums from the vocabularies', () => {
  it('documents exactly the vocabulary lists in its OpenAPI schemas', async () => {
    const database = await createTestDatabase('sqlite');
    const t = await startTestApp({ database });
    try {
      const spec = (await t.request({ method: 'GET', url: '/api/openapi.json' })).json();
      const ok = (path: string, method: string) => spec.paths[path][method].responses['200'].content['application/json'].schema;
      const task = ok('/api/tasks/{id}', 'get');
      expect(task.properties.kind.enum).toEqual(TASK_KINDS);
      expect(task.properties.status.enum).toEqual(TASK_STATUSES);
      expect(ok('/api/datasets/{id}', 'get').properties.format.enum).toEqual(DATASET_FORMATS);
      expect(ok('/api/me', 'get').properties.role.enum).toEqual(USER_ROLES);
      expect(ok('/api/projects/{id}', 'get').properties.members.items.properties.role.enum).toEqual(MEMBER_ROLES);
      const summary = ok('/api/dashboard/summary', 'get').properties;
      expect(Object.keys(summary.tasks.properties.byStatus.properties)).toEqual(TASK_STATUSES);
      expect(Object.keys(summary.tasks.properties.byKind.properties)).toEqual(TASK_KINDS);
      expect(Object.keys(summary.datasets.properties.byFormat.properties)).toEqual(DATASET_FORMATS);
      expect(spec.paths['/api/ws'].get.description).toContain(EVENT_TYPES.join('|'));
    } finally {
      await t.close();
      await database.drop();
    }
  });
});
