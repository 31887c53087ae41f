import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Timestamp } from './users.table';
import type { DatasetFormat, DatasetKind } from './vocabulary';

export type { DatasetFormat, DatasetKind } from './vocabulary';

export interface DatasetsTable {
  id: Generated<number>;
  project_id: number;
  name: string;
  /**
   * The name folded to lower case: unique per project, so two datasets never differ only by
   * case (queries resolve table names case-insensitively).
   */
  name_key: string;
  /** managed: the platform stores its versions; registered: an external uri it only lists. */
  kind: DatasetKind;
  /** Registered: the external location. Managed: where the current version's bytes are. */
  uri: string;
  format: DatasetFormat;
  size_bytes: number;
  /** The current version (managed only; null for registered datasets). */
  version: number | null;
  /** JSON {columns:[{name,type}]} of the current version (managed only). */
  schema_json: string | null;
  row_count: number | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type DatasetRow = Selectable<DatasetsTable>;
export type NewDatasetRow = Insertable<DatasetsTable>;
export type DatasetUpdate = Updateable<DatasetsTable>;
