import { ApiError } from '../api/errors';
import type { Chart, CreateChartBody, PreviewChartBody } from '../api/charts';
import type { Aggregate, ChartType } from './chart-types';

/** The builder's fields, as the form holds them (strings for the inputs). */
export interface BuilderState {
  title: string;
  sourceKind: 'dataset' | 'sql';
  datasetId: string;
  sql: string;
  type: ChartType;
  x: string;
  y: string[];
  series: string;
  aggregate: '' | Aggregate;
  sort: '' | NonNullable<Chart['encoding']['sort']>;
  limit: string;
  width: string;
}

/** A field of the builder an error can be shown next to. */
export type BuilderField = 'title' | 'source' | 'type' | 'x' | 'y' | 'series' | 'aggregate' | 'sort' | 'limit' | 'width';

export const EMPTY_BUILDER: BuilderState = {
  title: '',
  sourceKind: 'dataset',
  datasetId: '',
  sql: '',
  type: 'bar',
  x: '',
  y: [],
  series: '',
  aggregate: '',
  sort: '',
  limit: '',
  width: '6',
};

/** An existing chart in the builder's fields. */
export function builderStateOf(chart: Chart): BuilderState {
  const { encoding, source } = chart;
  return {
    title: chart.title,
    sourceKind: 'sql' in source ? 'sql' : 'dataset',
    datasetId: 'datasetId' in source ? String(source.datasetId) : '',
    sql: 'sql' in source ? source.sql : '',
    type: chart.type,
    x: encoding.x ?? '',
    y: [...(encoding.y ?? [])],
    series: encoding.series ?? '',
    aggregate: encoding.aggregate ?? '',
    sort: encoding.sort ?? '',
    limit: encoding.limit === undefined ? '' : String(encoding.limit),
    width: String(chart.width),
  };
}

/** The spec the fields describe, or undefined while there is no source to read yet. */
export function previewBody(s: BuilderState): PreviewChartBody | undefined {
  const source =
    s.sourceKind === 'sql' ? (s.sql.trim() ? { sql: s.sql } : undefined) : s.datasetId ? { datasetId: Number(s.datasetId) } : undefined;
  if (!source) return undefined;
  const encoding: PreviewChartBody['encoding'] = {
    ...(s.x ? { x: s.x } : {}),
    ...(s.y.length > 0 ? { y: s.y } : {}),
    ...(s.series ? { series: s.series } : {}),
    ...(s.aggregate ? { aggregate: s.aggregate } : {}),
    ...(s.sort ? { sort: s.sort } : {}),
    // A limit that is not a whole number goes as it is: the server names the field.
    ...(s.limit.trim() ? { limit: Number(s.limit) } : {}),
  };
  return { source, type: s.type, encoding };
}

export function createBody(s: BuilderState): CreateChartBody | undefined {
  const spec = previewBody(s);
  if (!spec) return undefined;
  return { title: s.title, ...spec, width: Number(s.width) };
}

const FIELD_IN_MESSAGE =
  /(?:^|[\s(/])(?:body[/.])?(title|width|type|source(?:[/.](?:sql|datasetId))?|encoding[/.](x|y|series|aggregate|sort|limit))\b/;

/**
 * The builder field a server error is about: the API names it at the start of the message
 * ("encoding.y[0] names the column …", "body/encoding/limit must be <= 5000"); a query that
 * fails is about the source. Undefined for errors about no field (an outage, a timeout).
 */
export function fieldOfError(error: unknown): BuilderField | undefined {
  if (!(error instanceof ApiError) || error.status !== 400) return undefined;
  if (error.code === 'invalid_query' || error.code === 'unknown_dataset' || error.code === 'invalid_dataset') return 'source';
  const m = FIELD_IN_MESSAGE.exec(error.message);
  if (!m) return undefined;
  if (m[2]) return m[2] as BuilderField;
  return m[1].startsWith('source') ? 'source' : (m[1] as BuilderField);
}
