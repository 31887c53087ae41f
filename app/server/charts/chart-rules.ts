import { badRequest } from '../errors';
import { MAX_Y_COLUMNS, type ChartSpec, type ChartType } from './chart-spec';

type Need = 'required' | 'optional' | 'forbidden';

/** What one chart type needs and allows in its encoding. */
export interface ChartTypeRule {
  readonly x: Need;
  readonly series: Need;
  /** How many y columns: `min` 0 means y is optional. */
  readonly y: { readonly min: number; readonly max: number };
  /** Whether sort and limit mean anything (a number shows one value). */
  readonly sortAndLimit: boolean;
  /** Whether the y values are drawn as lengths, positions, angles or colours, so must be numbers. */
  readonly measuresY: boolean;
  /** What each field is to this type, for error messages. */
  readonly roles: { readonly x?: string; readonly y?: string; readonly series?: string };
}

const XY_RULE = {
  x: 'required',
  series: 'optional',
  y: { min: 1, max: MAX_Y_COLUMNS },
  sortAndLimit: true,
  measuresY: true,
} as const;

export const CHART_TYPE_RULES: Readonly<Record<ChartType, ChartTypeRule>> = {
  bar: { ...XY_RULE, roles: { x: 'the categories along the axis', y: 'the bar lengths', series: 'the bars within a category' } },
  line: { ...XY_RULE, roles: { x: 'the points along the axis', y: 'the line heights', series: 'one line per value' } },
  area: { ...XY_RULE, roles: { x: 'the points along the axis', y: 'the area heights', series: 'one area per value' } },
  scatter: { ...XY_RULE, roles: { x: 'the horizontal position', y: 'the vertical position', series: 'one colour per value' } },
  pie: {
    x: 'required',
    series: 'forbidden',
    y: { min: 1, max: 1 },
    sortAndLimit: true,
    measuresY: true,
    roles: { x: 'the slice names', y: 'the slice sizes' },
  },
  heatmap: {
    x: 'required',
    series: 'required',
    y: { min: 1, max: 1 },
    sortAndLimit: true,
    measuresY: true,
    roles: { x: 'the columns of the grid', y: 'the colour of each cell', series: 'the rows of the grid' },
  },
  number: {
    x: 'forbidden',
    series: 'forbidden',
    y: { min: 1, max: 1 },
    sortAndLimit: false,
    measuresY: true,
    roles: { y: 'the value shown' },
  },
  table: {
    x: 'optional',
    series: 'optional',
    y: { min: 0, max: MAX_Y_COLUMNS },
    sortAndLimit: true,
    measuresY: false,
    roles: { x: 'the first column (rows are grouped by it when aggregated)', y: 'the value columns', series: 'a second grouping column' },
  },
};

/** A 400 `invalid_encoding` whose message names the field that is wrong. */
export const invalidEncoding = (message: string) => badRequest('invalid_encoding', message);

const article = (type: ChartType) => (type === 'area' ? 'an area chart' : type === 'number' ? 'a number' : `a ${type} chart`);

/**
 * The rules of the chart type that need no source: which encoding fields it needs and
 * allows. Throws a 400 `invalid_encoding` naming the first field that breaks one.
 */
export function checkChartEncoding({ type, encoding }: ChartSpec): void {
  const rule = CHART_TYPE_RULES[type];
  const what = article(type);
  const y = encoding.y ?? [];
  for (const field of ['x', 'series'] as const) {
    const present = encoding[field] !== undefined;
    if (rule[field] === 'required' && !present) {
      throw invalidEncoding(`encoding.${field} is required for ${what}: the column for ${rule.roles[field]}`);
    }
    if (rule[field] === 'forbidden' && present) throw invalidEncoding(`encoding.${field} is not allowed for ${what}`);
  }
  if (y.length < rule.y.min) throw invalidEncoding(`encoding.y is required for ${what}: the column for ${rule.roles.y}`);
  if (y.length > rule.y.max) {
    throw invalidEncoding(`encoding.y must name ${rule.y.max === 1 ? 'exactly one column' : `at most ${rule.y.max} columns`} for ${what}`);
  }
  if (encoding.series !== undefined && y.length > 1 && type !== 'table') {
    throw invalidEncoding(`encoding.y must name one column when encoding.series is set: the series splits that one measure`);
  }
  if (encoding.series !== undefined && encoding.series === encoding.x) {
    throw invalidEncoding(`encoding.series must be a different column from encoding.x ("${encoding.x}")`);
  }
  if (encoding.aggregate !== undefined && y.length === 0) {
    throw invalidEncoding(`encoding.aggregate needs encoding.y: the columns to ${encoding.aggregate}`);
  }
  if (!rule.sortAndLimit) {
    for (const field of ['sort', 'limit'] as const) {
      if (encoding[field] !== undefined) throw invalidEncoding(`encoding.${field} is not allowed for ${what}: it shows one value`);
    }
  }
  if (encoding.sort?.startsWith('x') && encoding.x === undefined) {
    throw invalidEncoding(`encoding.sort "${encoding.sort}" orders by encoding.x, which is not set`);
  }
  if (encoding.sort?.startsWith('y') && y.length === 0) {
    throw invalidEncoding(`encoding.sort "${encoding.sort}" orders by encoding.y, which is not set`);
  }
}
