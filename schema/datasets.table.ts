import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Timestamp } from './users.table';

export type DatasetFormat = 'csv' | 'parquet' | 'json' | 'delta';
export const DATASET_FORMATS: readonly DatasetFormat[] = ['csv', 'parquet', 'json', 'delta'];

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
