import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const types = columnTypes(db);
  await types
    .tableOptions(
      db.schema
        .createTable('charts')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('project_id', 'integer', (c) => c.notNull())
        .addColumn('title', 'varchar(200)', (c) => c.notNull())
        // A {sql} source may be up to 50,000 characters (MAX_SOURCE_SQL_LENGTH).
        .addColumn('source_json', types.mediumText, (c) => c.notNull())
        .addColumn('type', 'varchar(16)', (c) => c.notNull())
        .addColumn('encoding_json', types.mediumText, (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'integer')
        .addColumn('created_at', types.timestamp, (c) => c.notNull())
        .addColumn('updated_at', types.timestamp, (c) => c.notNull())
        .addForeignKeyConstraint('charts_project_fk', ['project_id'], 'projects', ['id'], (fk) => fk.onDelete('cascade'))
        .addForeignKeyConstraint('charts_created_by_fk', ['created_by'], 'users', ['id'], (fk) => fk.onDelete('set null')),
    )
    .execute();
  // The foreign key's index is also the dashboard's order: a project's charts by position.
  await db.schema.createIndex('charts_project_position_idx').on('charts').columns(['project_id', 'position', 'id']).execute();
  await db.schema.createIndex('charts_created_by_idx').on('charts').column('created_by').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('charts').execute();
}
