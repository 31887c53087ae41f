import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const types = columnTypes(db);
  await types
    .tableOptions(
      db.schema
        .createTable('project_files')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('project_id', 'integer', (c) => c.notNull())
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('storage_key', 'varchar(512)', (c) => c.notNull())
        .addColumn('size_bytes', 'bigint', (c) => c.notNull())
        .addColumn('parameters', types.mediumText, (c) => c.notNull())
        .addColumn('created_by', 'integer')
        .addColumn('created_at', types.timestamp, (c) => c.notNull())
        .addColumn('updated_at', types.timestamp, (c) => c.notNull())
        .addForeignKeyConstraint('project_files_project_fk', ['project_id'], 'projects', ['id'], (fk) => fk.onDelete('cascade'))
        .addForeignKeyConstraint('project_files_created_by_fk', ['created_by'], 'users', ['id'], (fk) => fk.onDelete('set null')),
    )
    .execute();
  // Unique indexes rather than constraints, so they have these names on SQLite too. The first
  // is also the project's list order and the foreign key's index.
  await db.schema.createIndex('project_files_project_name_uq').on('project_files').columns(['project_id', 'name']).unique().execute();
  await db.schema.createIndex('project_files_storage_key_uq').on('project_files').column('storage_key').unique().execute();
  await db.schema.createIndex('project_files_created_by_idx').on('project_files').column('created_by').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('project_files').execute();
}
