import { validateChartSpec } from '../../../app/server/charts/chart-columns';
import { checkChartEncoding } from '../../../app/server/charts/chart-rules';
import type { ChartEncoding, ChartSpec, ChartType } from '../../../app/server/charts/chart-spec';
import { columnKind } from '../../../app/server/charts/column-kinds';
import { SALES_COLUMNS } from './sales-fixture';

/** The per-type rules and the checks against the source's columns, each with its 400. */
function errorOf(spec: ChartSpec, columns = SALES_COLUMNS): { statusCode: number; code: string; message: string } | undefined {
  try {
    validateChartSpec(spec, columns);
    return undefined;
  } catch (error) {
    return error as { statusCode: number; code: string; message: string };
  }
}

const spec = (type: ChartType, encoding: ChartEncoding): ChartSpec => ({ type, encoding });

function expectInvalid(s: ChartSpec, message: string | RegExp, code = 'invalid_encoding') {
  const error = errorOf(s);
  expect(error).toMatchObject({ statusCode: 400, code });
  if (typeof message === 'string') expect(error?.message).toContain(message);
  else expect(error?.message).toMatch(message);
}

describe('what each chart type needs and allows', () => {
  it.each([
    ['bar', { x: 'region', y: ['revenue', 'units'], aggregate: 'sum' }],
    ['bar', { x: 'region', series: 'year', y: ['revenue'], aggregate: 'sum', sort: 'y-desc', limit: 5 }],
    ['line', { x: 'day', y: ['revenue'] }],
    ['area', { x: 'day', series: 'product', y: ['units'], aggregate: 'max' }],
    ['scatter', { x: 'units', y: ['revenue'], series: 'region' }],
    ['pie', { x: 'product', y: ['revenue'], aggregate: 'sum' }],
    ['pie', { x: 'product', y: ['product'], aggregate: 'count' }],
    ['heatmap', { x: 'region', series: 'year', y: ['units'], aggregate: 'avg' }],
    ['number', { y: ['revenue'], aggregate: 'sum' }],
    ['number', { y: ['units'] }],
    ['table', {}],
    ['table', { x: 'region', series: 'year', y: ['revenue', 'units'], aggregate: 'sum' }],
    ['table', { y: ['region', 'day'] }],
    ['table', { x: 'region', y: ['day'], aggregate: 'max' }],
  ] as [ChartType, ChartEncoding][])('accepts %s with %j', (type, encoding) => {
    expect(errorOf(spec(type, encoding))).toBeUndefined();
  });

  it.each([
    ['bar', { y: ['revenue'] }, 'encoding.x is required for a bar chart: the column for the categories along the axis'],
    ['line', { y: ['revenue'] }, 'encoding.x is required for a line chart'],
    ['area', { y: ['revenue'] }, 'encoding.x is required for an area chart'],
    ['scatter', { y: ['revenue'] }, 'encoding.x is required for a scatter chart'],
    ['bar', { x: 'region' }, 'encoding.y is required for a bar chart: the column for the bar lengths'],
    ['scatter', { x: 'units' }, 'encoding.y is required for a scatter chart'],
    ['pie', { y: ['revenue'] }, 'encoding.x is required for a pie chart: the column for the slice names'],
    ['pie', { x: 'product' }, 'encoding.y is required for a pie chart'],
    ['pie', { x: 'product', y: ['revenue', 'units'] }, 'encoding.y must name exactly one column for a pie chart'],
    ['pie', { x: 'product', y: ['revenue'], series: 'region' }, 'encoding.series is not allowed for a pie chart'],
    ['heatmap', { x: 'region', y: ['units'] }, 'encoding.series is required for a heatmap chart: the column for the rows of the grid'],
    ['heatmap', { series: 'year', y: ['units'] }, 'encoding.x is required for a heatmap chart'],
    ['heatmap', { x: 'region', series: 'year' }, 'encoding.y is required for a heatmap chart: the column for the colour of each cell'],
    ['heatmap', { x: 'region', series: 'year', y: ['units', 'revenue'] }, 'encoding.y must name exactly one column for a heatmap chart'],
    ['number', { x: 'region', y: ['revenue'] }, 'encoding.x is not allowed for a number'],
    ['number', { series: 'region', y: ['revenue'] }, 'encoding.series is not allowed for a number'],
    ['number', {}, 'encoding.y is required for a number: the column for the value shown'],
    ['number', { y: ['revenue', 'units'] }, 'encoding.y must name exactly one column for a number'],
    ['number', { y: ['revenue'], aggregate: 'sum', sort: 'y-desc' }, 'encoding.sort is not allowed for a number: it shows one value'],
    ['number', { y: ['revenue'], aggregate: 'sum', limit: 3 }, 'encoding.limit is not allowed for a number'],
    ['bar', { x: 'region', series: 'year', y: ['revenue', 'units'] }, 'encoding.y must name one column when encoding.series is set'],
    ['line', { x: 'region', series: 'region', y: ['revenue'] }, 'encoding.series must be a different column from encoding.x ("region")'],
    ['table', { x: 'region', aggregate: 'sum' }, 'encoding.aggregate needs encoding.y: the columns to sum'],
    ['table', { y: ['units'], sort: 'x-asc' }, 'encoding.sort "x-asc" orders by encoding.x, which is not set'],
    ['table', { x: 'region', sort: 'y-desc' }, 'encoding.sort "y-desc" orders by encoding.y, which is not set'],
  ] as [ChartType, ChartEncoding, string][])('refuses %s with %j: %s', (type, encoding, message) => {
    expectInvalid(spec(type, encoding), message);
  });

  it('checks the type rules before the source is known', () => {
    expect(() => checkChartEncoding(spec('pie', { x: 'no such column' }))).toThrow('encoding.y is required for a pie chart');
    expect(() => checkChartEncoding(spec('pie', { x: 'no such column', y: ['nor this'] }))).not.toThrow();
  });
});

describe('the encoding against the source columns', () => {
  it.each([
    ['encoding.x', { x: 'regoin', y: ['revenue'] }, 'regoin'],
    ['encoding.y[1]', { x: 'region', y: ['revenue', 'profit'] }, 'profit'],
    ['encoding.series', { x: 'region', y: ['revenue'], series: 'quarter' }, 'quarter'],
  ] as [string, ChartEncoding, string][])('answers unknown_column naming %s and the column', (field, encoding, column) => {
    expectInvalid(
      spec('line', encoding),
      `${field} names the column "${column}", which the source does not have (its columns: "region", "product", "year", "day", "revenue", "units")`,
      'unknown_column',
    );
  });

  it('matches names exactly and suggests the one that differs only in case', () => {
    expectInvalid(spec('bar', { x: 'Region', y: ['revenue'] }), 'did you mean "region"? Names are matched exactly', 'unknown_column');
  });

  it('lists at most 20 of a wide source’s columns', () => {
    const wide = Array.from({ length: 45 }, (_, i) => ({ name: `c${i}`, type: 'DOUBLE' }));
    const error = errorOf(spec('number', { y: ['missing'] }), wide);
    expect(error?.message).toContain('"c19", and 25 more');
    expect(error?.message).not.toContain('"c20"');
  });

  it('refuses a name the source has twice in different case, which DuckDB would bind to the first', () => {
    const columns = [
      { name: 'amount', type: 'DOUBLE' },
      { name: 'Amount', type: 'DOUBLE' },
    ];
    const error = errorOf(spec('number', { y: ['Amount'], aggregate: 'sum' }), columns);
    expect(error).toMatchObject({ code: 'invalid_encoding' });
    expect(error?.message).toContain('encoding.y[0] names the column "Amount", which is ambiguous');
  });

  it.each(['sum', 'avg'] as const)('refuses %s over a text column, naming it', (aggregate) => {
    expectInvalid(
      spec('bar', { x: 'product', y: ['region'], aggregate }),
      `encoding.y[0] "region" is VARCHAR: aggregate ${aggregate} needs a numeric column (count works on any column)`,
    );
  });

  it('counts values of any column, text and dates included', () => {
    expect(errorOf(spec('bar', { x: 'product', y: ['region'], aggregate: 'count' }))).toBeUndefined();
    expect(errorOf(spec('number', { y: ['day'], aggregate: 'count' }))).toBeUndefined();
  });

  it('refuses text as a measure of a drawn chart without a counting aggregate', () => {
    expectInvalid(spec('bar', { x: 'product', y: ['region'] }), 'encoding.y[0] "region" is VARCHAR: a bar chart draws numbers');
    expectInvalid(spec('number', { y: ['day'], aggregate: 'max' }), 'encoding.y[0] "day" is DATE: a number chart draws numbers');
  });

  it('refuses lists and structs as x, series or a min/max measure', () => {
    const columns = [...SALES_COLUMNS, { name: 'tags', type: 'VARCHAR[]' }, { name: 'meta', type: 'STRUCT(a INTEGER)' }];
    const e1 = errorOf(spec('bar', { x: 'tags', y: ['units'], aggregate: 'count' }), columns);
    expect(e1?.message).toContain('encoding.x cannot use the column "tags" (VARCHAR[])');
    const e2 = errorOf(spec('table', { x: 'region', series: 'meta', y: ['units'] }), columns);
    expect(e2?.message).toContain('encoding.series cannot use the column "meta" (STRUCT(a INTEGER))');
    const e3 = errorOf(spec('table', { x: 'region', y: ['tags'], aggregate: 'max' }), columns);
    expect(e3?.message).toContain('encoding.y[0] "tags" is VARCHAR[]: aggregate max needs numbers, text, dates or booleans');
    expect(errorOf(spec('table', { x: 'region', y: ['tags'], aggregate: 'count' }), columns)).toBeUndefined();
  });
});

describe('column kinds from DuckDB type names', () => {
  it.each([
    ['BIGINT', 'number'],
    ['DECIMAL(18,3)', 'number'],
    ['double', 'number'],
    ['UHUGEINT', 'number'],
    ['VARCHAR', 'string'],
    ["ENUM('a', 'b')", 'string'],
    ['UUID', 'string'],
    ['DATE', 'temporal'],
    ['TIMESTAMP WITH TIME ZONE', 'temporal'],
    ['TIMESTAMP_NS', 'temporal'],
    ['BOOLEAN', 'boolean'],
    ['INTEGER[]', 'other'],
    ['DOUBLE[3]', 'other'],
    ['STRUCT(a INTEGER, "b c" VARCHAR)', 'other'],
    ['MAP(VARCHAR, INTEGER)', 'other'],
    ['INTERVAL', 'other'],
    ['BLOB', 'other'],
  ])('%s is %s', (type, kind) => {
    expect(columnKind(type)).toBe(kind);
  });
});
