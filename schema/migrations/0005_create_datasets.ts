import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const types = columnTypes(db);
  await types
    .tableOptions(
      db.schema
        .createTable('datasets')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('project_id', 'integer', (c) => c.notNull())
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('uri', 'varchar(2000)', (c) => c.notNull())
        .addColumn('format', 'varchar(16)', (c) => c.notNull())
        .addColumn('size_bytes', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'integer')
        .addColumn('created_at', types.timestamp, (c) => c.notNull())
        .addForeignKeyConstraint('datasets_project_fk', ['project_id'], 'projects', ['id'], (fk) => fk.onDelete('cascade'))
        .addForeignKeyConstraint('datasets_created_by_fk', ['created_by'], 'users', ['id'], (fk) => fk.onDelete('set null')),
    )
    .execute();
  await db.schema.createIndex('datasets_project_id_idx').on('datasets').columns(['project_id', 'id']).execute();
  await db.schema.createIndex('datasets_created_by_idx').on('datasets').column('created_by').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('datasets').execute();
}
