import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
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
  created_by: number | null;
  created_at: Timestamp;
  started_at: string | null;
  finished_at: string | null;
}

export type RunRow = Selectable<RunsTable>;
export type NewRunRow = Insertable<RunsTable>;
export type RunUpdate = Updateable<RunsTable>;
