import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

/**
 * What a task needs to run (timeout, retries, time zone of its schedule, a Spark application
 * with its arguments and sizing, the dataset its result goes to) and what a run produced (its
 * executed notebook, the dataset version it added). Defaults are the DESIGN's, so existing
 * tasks keep working.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const types = columnTypes(db);
  // One column per statement: SQLite adds one at a time.
  const tasks = () => db.schema.alterTable('tasks');
  await tasks()
    .addColumn('timeout_seconds', 'integer', (c) => c.notNull().defaultTo(3600))
    .execute();
  await tasks()
    .addColumn('max_retries', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await tasks()
    .addColumn('retry_delay_seconds', 'integer', (c) => c.notNull().defaultTo(60))
    .execute();
  await tasks()
    .addColumn('time_zone', 'varchar(64)', (c) => c.notNull().defaultTo('UTC'))
    .execute();
  await tasks().addColumn('application', 'varchar(500)').execute();
  // JSON array of strings.
  await tasks().addColumn('arguments', types.mediumText).execute();
  // JSON SparkSizing (app/server/runs/spark-sizing.ts); null means the platform's defaults.
  await tasks().addColumn('spark', types.mediumText).execute();
  // SQLite takes a foreign key only inline when adding a column; MySQL ignores inline ones.
  await tasks()
    .addColumn('output_dataset_id', 'integer', (c) => (types.isMysql ? c : c.references('datasets.id').onDelete('set null')))
    .execute();
  // When the schedule was last saved: no fire time before it is ever due.
  await tasks().addColumn('schedule_since', types.timestamp).execute();
  if (types.isMysql) {
    await db.schema
      .alterTable('tasks')
      .addForeignKeyConstraint('tasks_output_dataset_fk', ['output_dataset_id'], 'datasets', ['id'])
      .onDelete('set null')
      .execute();
  }
  await db.schema.createIndex('tasks_output_dataset_id_idx').on('tasks').column('output_dataset_id').execute();
  // The scheduler's scan: tasks that have a schedule.
  await db.schema.createIndex('tasks_schedule_idx').on('tasks').columns(['schedule', 'id']).execute();

  const runs = () => db.schema.alterTable('runs');
  // The executed notebook's key in the object storage, once there is one.
  await runs().addColumn('output_key', 'varchar(512)').execute();
  // The output dataset's version this run added.
  await runs().addColumn('output_dataset_version', 'integer').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  const isMysql = columnTypes(db).isMysql;
  for (const column of ['output_dataset_version', 'output_key']) await db.schema.alterTable('runs').dropColumn(column).execute();
  if (isMysql) await db.schema.alterTable('tasks').dropConstraint('tasks_output_dataset_fk').execute();
  for (const index of ['tasks_schedule_idx', 'tasks_output_dataset_id_idx']) {
    const drop = db.schema.dropIndex(index);
    await (isMysql ? drop.on('tasks') : drop).execute();
  }
  for (const column of [
    'schedule_since',
    'output_dataset_id',
    'spark',
    'arguments',
    'application',
    'time_zone',
    'retry_delay_seconds',
    'max_retries',
    'timeout_seconds',
  ]) {
    await db.schema.alterTable('tasks').dropColumn(column).execute();
  }
}
