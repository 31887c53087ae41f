import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Timestamp } from './users.table';
import type { ManagedDatasetFormat } from './vocabulary';

/** One stored version of a managed dataset: a write-once object and how to read it. */
export interface DatasetVersionsTable {
  id: Generated<number>;
  dataset_id: number;
  /** 1, 2, 3... per dataset. */
  version: number;
  format: ManagedDatasetFormat;
  /** The object's key in the storage (app/server/storage/dataset-keys.ts); unique. */
  storage_key: string;
  size_bytes: number;
  row_count: number;
  /** JSON {columns:[{name,type}]}. */
  schema_json: string;
  /** JSON DatasetReadSpec (app/server/data-engine/dataset-read-spec.ts): how to read the file without sniffing. */
  read_spec: string;
  /** Lower-case hex SHA-256 of the bytes. */
  sha256: string;
  /** JSON DatasetProfile, computed on the first request for it and kept (versions never change). */
  profile_json: string | null;
  /** The run whose output this version is, if any. */
  run_id: number | null;
  created_by: number | null;
  created_at: Timestamp;
}

export type DatasetVersionRow = Selectable<DatasetVersionsTable>;
export type NewDatasetVersionRow = Insertable<DatasetVersionsTable>;
export type DatasetVersionUpdate = Updateable<DatasetVersionsTable>;
