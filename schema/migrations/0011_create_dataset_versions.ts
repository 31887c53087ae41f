import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const types = columnTypes(db);
  await types
    .tableOptions(
      db.schema
        .createTable('dataset_versions')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('dataset_id', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('format', 'varchar(16)', (c) => c.notNull())
        // Object keys are at most 512 characters (app/server/storage/object-storage.ts).
        .addColumn('storage_key', 'varchar(512)', (c) => c.notNull())
        .addColumn('size_bytes', 'bigint', (c) => c.notNull())
        .addColumn('row_count', 'bigint', (c) => c.notNull())
        .addColumn('schema_json', types.mediumText, (c) => c.notNull())
        .addColumn('read_spec', types.mediumText, (c) => c.notNull())
        .addColumn('sha256', 'char(64)', (c) => c.notNull())
        .addColumn('profile_json', types.mediumText)
        .addColumn('run_id', 'integer')
        .addColumn('created_by', 'integer')
        .addColumn('created_at', types.timestamp, (c) => c.notNull())
        .addForeignKeyConstraint('dataset_versions_dataset_fk', ['dataset_id'], 'datasets', ['id'], (fk) => fk.onDelete('cascade'))
        .addForeignKeyConstraint('dataset_versions_run_fk', ['run_id'], 'runs', ['id'], (fk) => fk.onDelete('set null'))
        .addForeignKeyConstraint('dataset_versions_created_by_fk', ['created_by'], 'users', ['id'], (fk) => fk.onDelete('set null')),
    )
    .execute();
  // Unique indexes rather than constraints, so they have these names on SQLite too.
  // Also the index of dataset_id: a dataset's versions in order, and "version n of dataset d".
  await db.schema
    .createIndex('dataset_versions_dataset_version_uq')
    .on('dataset_versions')
    .columns(['dataset_id', 'version'])
    .unique()
    .execute();
  // The reconciliation of stored objects looks versions up by key.
  await db.schema.createIndex('dataset_versions_storage_key_uq').on('dataset_versions').column('storage_key').unique().execute();
  await db.schema.createIndex('dataset_versions_run_id_idx').on('dataset_versions').column('run_id').execute();
  await db.schema.createIndex('dataset_versions_created_by_idx').on('dataset_versions').column('created_by').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('dataset_versions').execute();
}
