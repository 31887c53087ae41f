import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Timestamp } from './users.table';
import type { DatasetFormat } from './vocabulary';

export type { DatasetFormat } from './vocabulary';

export interface DatasetsTable {
  id: Generated<number>;
  project_id: number;
  name: string;
  uri: string;
  format: DatasetFormat;
  size_bytes: number;
  created_by: number | null;
  created_at: Timestamp;
}

export type DatasetRow = Selectable<DatasetsTable>;
export type NewDatasetRow = Insertable<DatasetsTable>;
export type DatasetUpdate = Updateable<DatasetsTable>;
