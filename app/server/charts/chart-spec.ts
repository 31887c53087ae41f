import { Type, type Static } from '@sinclair/typebox';
import { Id, Name, StringEnum, Timestamp } from '../schemas/common.schema';

/**
 * The chart spec: what a chart plots and how. One source of truth for its shape: the route
 * schemas, the validator (chart-rules.ts, chart-columns.ts), the SQL compiler
 * (chart-query.ts) and the UI (which imports these types) all read it from here.
 */

export const CHART_TYPES = ['bar', 'line', 'area', 'scatter', 'pie', 'heatmap', 'table', 'number'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

export const AGGREGATES = ['sum', 'avg', 'count', 'min', 'max'] as const;
export type Aggregate = (typeof AGGREGATES)[number];

/** `x-*` orders by the x value, `y-*` by the (first) y value; see docs/web-app.md "Charts". */
export const CHART_SORTS = ['x-asc', 'x-desc', 'y-asc', 'y-desc'] as const;
export type ChartSort = (typeof CHART_SORTS)[number];

/**
 * Hard cap on what one chart returns: rows, or x values when the chart has a series. More
 * points than this are unreadable on any screen and would make the response megabytes.
 */
export const MAX_CHART_ROWS = 5000;
/** Hard cap on the rows of a chart with a series (x values times series). */
export const MAX_CHART_CELLS = 20000;
export const MAX_Y_COLUMNS = 10;
export const GRID_COLUMNS = 12;
export const DEFAULT_CHART_WIDTH = 6;
export const MAX_SOURCE_SQL_LENGTH = 50000;

const ColumnName = Type.String({ minLength: 1, maxLength: 255, description: 'A column of the source, by its exact name' });

/** Every row of a dataset (its latest version), or of a read-only query over the project's datasets. */
export type ChartSource = { datasetId: number } | { sql: string };

/**
 * One object with exactly one of the two fields rather than a union of two objects: Ajv's
 * errors then name the field that is wrong (`body/source/sql must NOT have fewer than 1
 * characters`) instead of the first field of the other branch.
 */
export const ChartSource = Type.Unsafe<ChartSource>(
  Type.Object(
    {
      datasetId: Type.Optional(Id),
      sql: Type.Optional(
        Type.String({
          minLength: 1,
          maxLength: MAX_SOURCE_SQL_LENGTH,
          pattern: '\\S',
          description: "A read-only query over the project's datasets (one SELECT or WITH statement)",
        }),
      ),
    },
    {
      additionalProperties: false,
      maxProperties: 1,
      // `type` in each branch keeps Ajv's strict mode quiet ("missing type object for keyword required").
      anyOf: [
        { type: 'object', required: ['datasetId'] },
        { type: 'object', required: ['sql'] },
      ],
      title: 'ChartSource',
      description: 'Either {datasetId} or {sql}',
    },
  ),
);

export const ChartTypeSchema = StringEnum(CHART_TYPES, 'How the data is drawn');
export const AggregateSchema = StringEnum(AGGREGATES, 'Groups the rows by x and series and aggregates each y; absent: rows as they are');
export const ChartSortSchema = StringEnum(CHART_SORTS, 'x-asc (default when there is an x), x-desc, y-asc or y-desc (by the first y)');

export const ChartEncoding = Type.Object(
  {
    x: Type.Optional(ColumnName),
    y: Type.Optional(
      Type.Array(ColumnName, { minItems: 1, maxItems: MAX_Y_COLUMNS, uniqueItems: true, description: `1..${MAX_Y_COLUMNS} columns` }),
    ),
    series: Type.Optional(ColumnName),
    aggregate: Type.Optional(AggregateSchema),
    sort: Type.Optional(ChartSortSchema),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_CHART_ROWS,
        description: `At most this many rows, or x values when there is a series (1..${MAX_CHART_ROWS}, the default)`,
      }),
    ),
  },
  { additionalProperties: false, title: 'ChartEncoding' },
);
export type ChartEncoding = Static<typeof ChartEncoding>;

const Title = Name(200, 'Chart title (1..200 characters)');
const Width = Type.Integer({ minimum: 1, maximum: GRID_COLUMNS, description: `Columns of the ${GRID_COLUMNS}-column dashboard grid` });

export const CreateChartBody = Type.Object(
  {
    title: Title,
    source: ChartSource,
    type: ChartTypeSchema,
    encoding: ChartEncoding,
    width: Type.Optional({ ...Width, default: DEFAULT_CHART_WIDTH }),
  },
  { additionalProperties: false },
);
export type CreateChartBody = Static<typeof CreateChartBody>;

/** A PATCH replaces whole fields: a new encoding replaces the old one, it is not merged. */
export const UpdateChartBody = Type.Object(
  {
    title: Type.Optional(Title),
    source: Type.Optional(ChartSource),
    type: Type.Optional(ChartTypeSchema),
    encoding: Type.Optional(ChartEncoding),
    width: Type.Optional(Width),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateChartBody = Static<typeof UpdateChartBody>;

/** What the validator and the compiler need of a chart. */
export interface ChartSpec {
  readonly type: ChartType;
  readonly encoding: ChartEncoding;
}

export const Chart = Type.Object(
  {
    id: Id,
    projectId: Id,
    title: Type.String(),
    source: ChartSource,
    type: ChartTypeSchema,
    encoding: ChartEncoding,
    position: Type.Integer({ minimum: 0, description: 'Place on the dashboard, 0 first' }),
    width: Width,
    createdBy: Type.Union([Id, Type.Null()]),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'Chart' },
);
export type Chart = Static<typeof Chart>;

export const DashboardOrderBody = Type.Object(
  { order: Type.Array(Id, { uniqueItems: true, maxItems: 1000, description: 'Every chart id of the project, in dashboard order' }) },
  { additionalProperties: false },
);
export type DashboardOrderBody = Static<typeof DashboardOrderBody>;

/** How a value is drawn: numbers are measured, strings and booleans are categories. */
export const COLUMN_KINDS = ['number', 'string', 'temporal', 'boolean', 'other'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

/** What a column of chart data is to the chart: `value` is a table column without encoding. */
export const CHART_ROLES = ['x', 'series', 'y', 'value'] as const;
export type ChartRole = (typeof CHART_ROLES)[number];

export const ChartDataColumn = Type.Object(
  {
    name: Type.String({ description: 'Label, e.g. "region" or "sum(revenue)"' }),
    role: StringEnum(CHART_ROLES),
    kind: StringEnum(COLUMN_KINDS),
    column: Type.String({ description: 'The source column it comes from' }),
    aggregate: Type.Optional(AggregateSchema),
  },
  { title: 'ChartDataColumn' },
);
export type ChartDataColumn = Static<typeof ChartDataColumn>;

export const ChartCell = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);
export type ChartCell = Static<typeof ChartCell>;

/**
 * A chart's data, what the UI draws: columns in the order x, series, y.. (or the source's
 * columns for a table without encoding), one array per row in that order. `truncated` says
 * the limit cut rows (or x values) off.
 */
export const ChartData = Type.Object(
  { columns: Type.Array(ChartDataColumn), rows: Type.Array(Type.Array(ChartCell)), truncated: Type.Boolean() },
  { title: 'ChartData' },
);
export type ChartData = Static<typeof ChartData>;
