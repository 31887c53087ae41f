import { MAX_CHART_CELLS, MAX_CHART_ROWS, type Aggregate, type ChartDataColumn, type ChartSpec } from './chart-spec';
import { validateChartSpec } from './chart-columns';
import { columnKind, type SourceColumn } from './column-kinds';
import { quoteIdentifier as q, relationSql } from './sql-identifiers';

/** The rows a chart is computed from: a query (SELECT, WITH or FROM) and its columns. */
export interface ChartSourceRelation {
  readonly sql: string;
  readonly columns: readonly SourceColumn[];
}

/**
 * One DuckDB SELECT computing exactly a chart's data, and what its columns are.
 * `limitBy: 'rows'`: the query returns up to `limit + 1` rows (one more tells the limit cut).
 * `limitBy: 'x'` (aggregated, with x and series): the query returns the rows of up to
 * `limit + 1` x values, at most MAX_CHART_CELLS + 1 rows, each with a trailing column
 * numbering its x value (1..). chart-data.ts turns either into ChartData.
 */
export interface CompiledChartQuery {
  readonly sql: string;
  readonly columns: readonly ChartDataColumn[];
  readonly limit: number;
  readonly limitBy: 'rows' | 'x';
}

const SOURCE = q('chart_source');
const col = (name: string) => `${SOURCE}.${q(name)}`;
const DIRECTION = { asc: 'ASC NULLS LAST', desc: 'DESC NULLS LAST' } as const;

function aggregateSql(aggregate: Aggregate, name: string): string {
  return `${aggregate}(${col(name)})`;
}

/**
 * Compiles a chart spec over a source into one SELECT. Validates the spec against the
 * source's columns first (chart-columns.ts): every identifier written into the query is a
 * column the source has, quoted; no value from the spec is written into it otherwise.
 * The source's own SQL is the caller's to check: run the result with the same sandbox as
 * any user query.
 */
export function compileChartQuery(spec: ChartSpec, source: ChartSourceRelation): CompiledChartQuery {
  validateChartSpec(spec, source.columns);
  const { encoding } = spec;
  const kindOf = (name: string) => columnKind((source.columns.find((c) => c.name === name) as SourceColumn).type);
  const from = `FROM (\n${relationSql(source.sql)}\n) AS ${SOURCE}`;
  const limit = spec.type === 'number' ? 1 : Math.min(encoding.limit ?? MAX_CHART_ROWS, MAX_CHART_ROWS);
  const y = encoding.y ?? [];
  const aggregate = encoding.aggregate;

  // A table without encoding: the source's rows as they are.
  if (encoding.x === undefined && encoding.series === undefined && y.length === 0) {
    return {
      sql: `SELECT *\n${from}\nLIMIT ${limit + 1}`,
      columns: source.columns.map((c) => ({ name: c.name, role: 'value', kind: columnKind(c.type), column: c.name })),
      limit,
      limitBy: 'rows',
    };
  }

  const groups: ChartDataColumn[] = [
    ...(encoding.x !== undefined ? [{ name: encoding.x, role: 'x' as const, kind: kindOf(encoding.x), column: encoding.x }] : []),
    ...(encoding.series !== undefined
      ? [{ name: encoding.series, role: 'series' as const, kind: kindOf(encoding.series), column: encoding.series }]
      : []),
  ];
  const measures: ChartDataColumn[] = y.map((name) =>
    aggregate === undefined
      ? { name, role: 'y', kind: kindOf(name), column: name }
      : {
          name: `${aggregate}(${name})`,
          role: 'y',
          kind: aggregate === 'min' || aggregate === 'max' ? kindOf(name) : 'number',
          column: name,
          aggregate,
        },
  );
  const columns = [...groups, ...measures];

  if (aggregate !== undefined && encoding.x !== undefined && encoding.series !== undefined) {
    return { sql: compileTopX(spec, from, limit, aggregate), columns, limit, limitBy: 'x' };
  }

  const select = [
    ...groups.map((g) => col(g.column)),
    ...measures.map((m) => (aggregate === undefined ? col(m.column) : aggregateSql(aggregate, m.column))),
  ];
  const positions = { groups: groups.map((_, i) => i + 1), firstY: groups.length + 1 };
  const order = orderBy(encoding.sort, encoding.x !== undefined, positions);
  const lines = [`SELECT ${select.join(', ')}`, from];
  if (aggregate !== undefined) {
    // Grouped by every x and series; without either, one row of totals, none over no rows.
    lines.push(groups.length > 0 ? `GROUP BY ${positions.groups.join(', ')}` : 'HAVING count(*) > 0');
  }
  if (order.length > 0) lines.push(`ORDER BY ${order.join(', ')}`);
  lines.push(`LIMIT ${limit + 1}`);
  return { sql: lines.join('\n'), columns, limit, limitBy: 'rows' };
}

/** ORDER BY terms by SELECT position: the sort's column first, then the groups for ties. */
function orderBy(sort: ChartSpec['encoding']['sort'], hasX: boolean, positions: { groups: number[]; firstY: number }): string[] {
  const [by, dir] = (sort ?? (hasX ? 'x-asc' : undefined))?.split('-') ?? [];
  if (by === undefined) return [];
  const direction = DIRECTION[dir as 'asc' | 'desc'];
  if (by === 'x') return [`1 ${direction}`, ...positions.groups.slice(1).map((p) => `${p} ${DIRECTION.asc}`)];
  return [`${positions.firstY} ${direction}`, ...positions.groups.map((p) => `${p} ${DIRECTION.asc}`)];
}

/**
 * Aggregated with x and series: the limit counts x values, so "top 10 regions by revenue,
 * by year" keeps every year of the 10 regions. Sorting by y ranks each x by the aggregate
 * over all its rows (computed in the same scan with GROUPING SETS), not by one series.
 */
function compileTopX(spec: ChartSpec, from: string, limit: number, aggregate: Aggregate): string {
  const { x, series, y, sort } = spec.encoding as { x: string; series: string; y: string[]; sort?: string };
  const [by, dir] = (sort ?? 'x-asc').split('-') as ['x' | 'y', 'asc' | 'desc'];
  const [cx, cs, total, key, rank] = ['chart_x', 'chart_series', 'chart_total', 'chart_key', 'chart_rank'].map(q);
  const cy = y.map((_, i) => q(`chart_y${i + 1}`));
  const measures = y.map((name, i) => `${aggregateSql(aggregate, name)} AS ${cy[i]}`).join(', ');
  const grouped =
    by === 'x'
      ? [`SELECT ${col(x)} AS ${cx}, ${col(series)} AS ${cs}, ${measures}, 0 AS ${total}, ${col(x)} AS ${key}`, from, `GROUP BY 1, 2`]
      : [
          `SELECT *, max(CASE WHEN ${total} = 1 THEN ${cy[0]} END) OVER (PARTITION BY ${cx}) AS ${key}`,
          `FROM (`,
          `SELECT ${col(x)} AS ${cx}, ${col(series)} AS ${cs}, ${measures}, grouping(${col(series)}) AS ${total}`,
          from,
          `GROUP BY GROUPING SETS ((${col(x)}, ${col(series)}), (${col(x)}))`,
          `) AS ${q('chart_totals')}`,
        ];
  return [
    `SELECT ${cx}, ${cs}, ${cy.join(', ')}, ${rank}`,
    `FROM (`,
    `SELECT *, dense_rank() OVER (ORDER BY ${key} ${DIRECTION[dir]}, ${cx} ${DIRECTION.asc}) AS ${rank}`,
    `FROM (`,
    ...grouped,
    `) AS ${q('chart_grouped')}`,
    `) AS ${q('chart_ranked')}`,
    `WHERE ${total} = 0 AND ${rank} <= ${limit + 1}`,
    `ORDER BY ${rank}, ${cs} ${DIRECTION.asc}`,
    `LIMIT ${MAX_CHART_CELLS + 1}`,
  ].join('\n');
}
