import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const types = columnTypes(db);
  await types
    .tableOptions(
      db.schema
        .createTable('tasks')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('project_id', 'integer', (c) => c.notNull())
        .addColumn('title', 'varchar(200)', (c) => c.notNull())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('notebook', 'varchar(500)')
        .addColumn('parameters', types.mediumText, (c) => c.notNull())
        .addColumn('schedule', 'varchar(100)')
        .addColumn('created_by', 'integer')
        .addColumn('created_at', types.timestamp, (c) => c.notNull())
        .addColumn('updated_at', types.timestamp, (c) => c.notNull())
        .addColumn('started_at', types.timestamp)
        .addColumn('finished_at', types.timestamp)
        .addForeignKeyConstraint('tasks_project_fk', ['project_id'], 'projects', ['id'], (fk) => fk.onDelete('cascade'))
        // Deleting a user keeps the tasks they created, without an author.
        .addForeignKeyConstraint('tasks_created_by_fk', ['created_by'], 'users', ['id'], (fk) => fk.onDelete('set null')),
    )
    .execute();
  await db.schema.createIndex('tasks_project_id_idx').on('tasks').columns(['project_id', 'id']).execute();
  await db.schema.createIndex('tasks_created_by_idx').on('tasks').column('created_by').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('tasks').execute();
}
