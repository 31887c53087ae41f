import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Timestamp } from './users.table';

/** A notebook (.ipynb) or PySpark file (.py) of a project; its bytes are one stored object. */
export interface ProjectFilesTable {
  id: Generated<number>;
  project_id: number;
  /** `report.ipynb`, `jobs/clean.py`: unique per project. */
  name: string;
  /** The object's key (app/server/storage/run-keys.ts); written once, unique. */
  storage_key: string;
  size_bytes: number;
  /** JSON array of the parameters a notebook's `parameters` cell declares ([] for a .py). */
  parameters: string;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type ProjectFileRow = Selectable<ProjectFilesTable>;
export type NewProjectFileRow = Insertable<ProjectFilesTable>;
export type ProjectFileUpdate = Updateable<ProjectFilesTable>;
