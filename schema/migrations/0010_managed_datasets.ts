import { sql, type Kysely } from 'kysely';
import { columnTypes } from './column-types';

/**
 * Datasets become managed (uploaded, stored in versions) or registered (an external uri), with
 * the current version, its schema and row count, and names unique per project whatever their
 * letter case (`name_key`, the name folded to lower case in JavaScript, which folds the same
 * way whatever the database's collation).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const types = columnTypes(db);
  // One column per statement: SQLite adds one at a time. NOT NULL columns need a default for
  // the rows that exist; the backfill below sets their real values.
  await db.schema
    .alterTable('datasets')
    .addColumn('kind', 'varchar(16)', (c) => c.notNull().defaultTo('registered'))
    .execute();
  await db.schema
    .alterTable('datasets')
    .addColumn('name_key', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('datasets').addColumn('version', 'integer').execute();
  await db.schema.alterTable('datasets').addColumn('schema_json', types.mediumText).execute();
  await db.schema.alterTable('datasets').addColumn('row_count', 'bigint').execute();
  await db.schema
    .alterTable('datasets')
    .addColumn('updated_at', types.timestamp, (c) => c.notNull().defaultTo('1970-01-01 00:00:00.000'))
    .execute();
  await sql`update datasets set updated_at = created_at`.execute(db);

  // Existing names that differ only by case keep their names; all but the oldest get a key
  // that cannot collide with a name (names cannot contain '/').
  const rows = await db.selectFrom('datasets').select(['id', 'project_id', 'name']).orderBy('id').execute();
  const taken = new Set<string>();
  for (const row of rows as { id: number; project_id: number; name: string }[]) {
    let key = row.name.toLowerCase();
    if (taken.has(`${row.project_id}/${key}`)) key = `${key}/${row.id}`.slice(-200);
    taken.add(`${row.project_id}/${key}`);
    await db.updateTable('datasets').set({ name_key: key }).where('id', '=', row.id).execute();
  }
  await db.schema.createIndex('datasets_project_name_key_uq').on('datasets').columns(['project_id', 'name_key']).unique().execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  const drop = db.schema.dropIndex('datasets_project_name_key_uq');
  // MySQL names the table of an index; SQLite index names are global.
  await (columnTypes(db).isMysql ? drop.on('datasets') : drop).execute();
  for (const column of ['updated_at', 'row_count', 'schema_json', 'version', 'name_key', 'kind']) {
    await db.schema.alterTable('datasets').dropColumn(column).execute();
  }
}
