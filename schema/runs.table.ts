import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Timestamp } from './users.table';
import type { RunBackend, RunStatus, RunTrigger } from './vocabulary';

export type { RunBackend, RunStatus, RunTrigger } from './vocabulary';

export interface RunsTable {
  id: Generated<number>;
  task_id: number;
  project_id: number;
  number: number;
  trigger: RunTrigger;
  attempt: number;
  status: RunStatus;
  /** JSON object serialized as text: the parameters this run was started with. */
  parameters: string;
  backend: RunBackend;
  external_id: string | null;
  message: string | null;
  scheduled_for: string | null;
  not_before: string | null;
  /** The executed notebook's key in the object storage, once there is one. */
  output_key: ColumnType<string | null, string | null | undefined, string | null>;
  /** The version of the task's output dataset this run added. */
  output_dataset_version: ColumnType<number | null, number | null | undefined, number | null>;
  created_by: number | null;
  created_at: Timestamp;
  started_at: string | null;
  finished_at: string | null;
}

export type RunRow = Selectable<RunsTable>;
export type NewRunRow = Insertable<RunsTable>;
export type RunUpdate = Updateable<RunsTable>;
