import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const types = columnTypes(db);
  await types
    .tableOptions(
      db.schema
        .createTable('runs')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('task_id', 'integer', (c) => c.notNull())
        // Denormalized from the task so a project's runs list and access checks need no join.
        .addColumn('project_id', 'integer', (c) => c.notNull())
        // 1, 2, 3... per task, in creation order.
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('trigger', 'varchar(16)', (c) => c.notNull())
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('parameters', types.mediumText, (c) => c.notNull())
        .addColumn('backend', 'varchar(16)', (c) => c.notNull())
        // The backend's handle: a Job or SparkApplication (namespace/name) or a local process id.
        .addColumn('external_id', 'varchar(300)')
        .addColumn('message', 'varchar(2000)')
        // The fire time a scheduled run was created for; unique per task, so replicas that race
        // to create it create exactly one.
        .addColumn('scheduled_for', types.timestamp)
        // When a retry may start (retryDelaySeconds after the failed attempt).
        .addColumn('not_before', types.timestamp)
        .addColumn('created_by', 'integer')
        .addColumn('created_at', types.timestamp, (c) => c.notNull())
        .addColumn('started_at', types.timestamp)
        .addColumn('finished_at', types.timestamp)
        .addForeignKeyConstraint('runs_task_fk', ['task_id'], 'tasks', ['id'], (fk) => fk.onDelete('cascade'))
        .addForeignKeyConstraint('runs_project_fk', ['project_id'], 'projects', ['id'], (fk) => fk.onDelete('cascade'))
        .addForeignKeyConstraint('runs_created_by_fk', ['created_by'], 'users', ['id'], (fk) => fk.onDelete('set null'))
        .addUniqueConstraint('runs_task_number_uq', ['task_id', 'number'])
        .addUniqueConstraint('runs_task_scheduled_for_uq', ['task_id', 'scheduled_for']),
    )
    .execute();
  // A task's runs newest first (the runs list and "the task's latest run").
  await db.schema.createIndex('runs_task_id_idx').on('runs').columns(['task_id', 'id']).execute();
  await db.schema.createIndex('runs_project_id_idx').on('runs').columns(['project_id', 'id']).execute();
  // Runs that still need work (queued, running) at start-up and by the scheduler.
  await db.schema.createIndex('runs_status_idx').on('runs').columns(['status', 'id']).execute();
  await db.schema.createIndex('runs_created_by_idx').on('runs').column('created_by').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('runs').execute();
}
