import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Timestamp } from './users.table';

/**
 * A chart of a project's dashboard. The spec's shapes (source, type, encoding) are defined
 * once in app/server/charts/chart-spec.ts; the table keeps them as JSON text.
 */
export interface ChartsTable {
  id: Generated<number>;
  project_id: number;
  title: string;
  /** JSON {datasetId} or {sql}. */
  source_json: string;
  /** bar|line|area|scatter|pie|heatmap|table|number (CHART_TYPES). */
  type: string;
  /** JSON {x?, y?, series?, aggregate?, sort?, limit?}. */
  encoding_json: string;
  /** Place on the dashboard, 0 first; the charts of a project are numbered 0..n-1. */
  position: number;
  /** Columns of the 12-column grid. */
  width: number;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type ChartRow = Selectable<ChartsTable>;
export type NewChartRow = Insertable<ChartsTable>;
export type ChartUpdate = Updateable<ChartsTable>;
