import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Timestamp } from './users.table';
import type { TaskKind, TaskStatus } from './vocabulary';

export type { TaskKind, TaskStatus } from './vocabulary';

export interface TasksTable {
  id: Generated<number>;
  project_id: number;
  title: string;
  kind: TaskKind;
  status: TaskStatus;
  notebook: string | null;
  /** JSON object serialized as text (MariaDB's JSON type is LONGTEXT with a check anyway). */
  parameters: string;
  schedule: string | null;
  /** IANA time zone the schedule is read in. */
  time_zone: ColumnType<string, string | undefined, string>;
  timeout_seconds: ColumnType<number, number | undefined, number>;
  max_retries: ColumnType<number, number | undefined, number>;
  retry_delay_seconds: ColumnType<number, number | undefined, number>;
  /** A Spark task's PySpark file: a project file name or `library/<file>.py`. */
  application: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON array of strings: the application's arguments. */
  arguments: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON SparkSizing; null means the platform's defaults. */
  spark: ColumnType<string | null, string | null | undefined, string | null>;
  output_dataset_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** When the schedule was last set: fire times before it are never due. */
  schedule_since: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  started_at: string | null;
  finished_at: string | null;
}

export type TaskRow = Selectable<TasksTable>;
export type NewTaskRow = Insertable<TasksTable>;
export type TaskUpdate = Updateable<TasksTable>;
