import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
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
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  started_at: string | null;
  finished_at: string | null;
}

export type TaskRow = Selectable<TasksTable>;
export type NewTaskRow = Insertable<TasksTable>;
export type TaskUpdate = Updateable<TasksTable>;
