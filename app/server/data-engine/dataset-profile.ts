import type { DuckDBConnection } from '@duckdb/node-api';
import { isNumericColumnType, isOrderedColumnType, type ColumnType, type DatasetColumn } from './column-types';
import { jsonValueOf, type JsonValue } from './json-values';
import { quoteIdentifier } from './sql-text';

export interface HistogramBin {
  /** Inclusive lower edge. */
  readonly from: number;
  /** Upper edge: exclusive, except for the last bin, which includes the maximum. */
  readonly to: number;
  readonly count: number;
}

export interface ColumnProfile {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullCount: number;
  readonly distinctCount: number;
  /** Smallest and largest value (JSON-safe, see column-types.ts); null when every value is null or the type has no order. */
  readonly min: JsonValue;
  readonly max: JsonValue;
  /** Numbers only: the mean of the finite values, or null when there is none. */
  readonly mean?: number | null;
  /** Up to 5 most frequent non-null values, most frequent first, ties by value. */
  readonly top: { readonly value: JsonValue; readonly count: number }[];
  /** Numbers only: counts of finite values in up to 10 equal-width bins from min to max. */
  readonly histogram?: HistogramBin[];
}

export interface DatasetProfile {
  readonly rowCount: number;
  readonly columns: ColumnProfile[];
}

const HISTOGRAM_BINS = 10;
const TOP_VALUES = 5;

/** Nested values have no useful ordering or frequency for a profile. */
function hasTopValues(type: ColumnType): boolean {
  return type !== 'list' && type !== 'struct' && type !== 'map' && type !== 'other';
}

/**
 * Profiles every column of `relation` (a table the caller filled): null and distinct counts,
 * min/max, mean and a histogram for numbers, and the top values. One aggregate query for all
 * columns, then one query per column for its top values and one per numeric column for its
 * histogram.
 */
export async function profileRelation(
  connection: DuckDBConnection,
  relation: string,
  columns: readonly DatasetColumn[],
  rowCount: number,
): Promise<DatasetProfile> {
  const aggregates: string[] = [];
  for (const column of columns) {
    const c = quoteIdentifier(column.name);
    const asDouble = `TRY_CAST(${c} AS DOUBLE)`;
    const ordered = isOrderedColumnType(column.type);
    const numeric = isNumericColumnType(column.type);
    aggregates.push(
      `count(*) FILTER (WHERE ${c} IS NULL)`,
      hasTopValues(column.type) ? `count(DISTINCT ${c})` : `0`,
      ordered ? `min(${c})` : 'NULL',
      ordered ? `max(${c})` : 'NULL',
      numeric ? `avg(${asDouble}) FILTER (WHERE isfinite(${asDouble}))` : 'NULL',
      numeric ? `min(${asDouble}) FILTER (WHERE isfinite(${asDouble}))` : 'NULL',
      numeric ? `max(${asDouble}) FILTER (WHERE isfinite(${asDouble}))` : 'NULL',
    );
  }
  const reader = await connection.runAndReadAll(`SELECT ${aggregates.join(', ')} FROM ${relation}`);
  const values = reader.getRows()[0]!;
  const types = reader.columnTypes();
  const profiles: ColumnProfile[] = [];
  for (const [index, column] of columns.entries()) {
    const at = index * 7;
    const stat = (offset: number) => jsonValueOf(values[at + offset]!, types[at + offset]!);
    const numeric = isNumericColumnType(column.type);
    const finiteMin = values[at + 5] as number | null;
    const finiteMax = values[at + 6] as number | null;
    profiles.push({
      name: column.name,
      type: column.type,
      nullCount: Number(values[at]),
      distinctCount: Number(values[at + 1]),
      min: stat(2),
      max: stat(3),
      ...(numeric ? { mean: values[at + 4] as number | null } : {}),
      top: hasTopValues(column.type) ? await topValues(connection, relation, column.name) : [],
      ...(numeric ? { histogram: await histogram(connection, relation, column, finiteMin, finiteMax) } : {}),
    });
  }
  return { rowCount, columns: profiles };
}

async function topValues(connection: DuckDBConnection, relation: string, name: string): Promise<{ value: JsonValue; count: number }[]> {
  const c = quoteIdentifier(name);
  const reader = await connection.runAndReadAll(
    `SELECT ${c}, count(*) AS n FROM ${relation} WHERE ${c} IS NOT NULL GROUP BY ${c} ORDER BY n DESC, ${c} LIMIT ${TOP_VALUES}`,
  );
  const [valueType] = reader.columnTypes();
  return reader.getRows().map((row) => ({ value: jsonValueOf(row[0]!, valueType!), count: Number(row[1]) }));
}

/**
 * Equal-width bins over the finite values. An integer column spanning fewer than 10 values
 * gets one bin per value ([v, v + 1)), so small counts are not split across fractional edges.
 */
async function histogram(
  connection: DuckDBConnection,
  relation: string,
  column: DatasetColumn,
  min: number | null,
  max: number | null,
): Promise<HistogramBin[]> {
  if (min === null || max === null) return [];
  const value = `TRY_CAST(${quoteIdentifier(column.name)} AS DOUBLE)`;
  const span = max - min;
  const perValue = column.type === 'integer' && span < HISTOGRAM_BINS;
  const binCount = perValue ? span + 1 : span === 0 ? 1 : HISTOGRAM_BINS;
  const width = perValue ? 1 : span === 0 ? 1 : span / HISTOGRAM_BINS;
  const reader = await connection.runAndReadAll(
    `SELECT least(floor((${value} - ${min}) / ${width}), ${binCount - 1})::INTEGER AS bin, count(*) AS n FROM ${relation} WHERE isfinite(${value}) GROUP BY bin`,
  );
  const counts = new Map(reader.getRowsJS().map((row) => [Number(row[0]), Number(row[1])]));
  return Array.from({ length: binCount }, (_, bin) => ({
    from: min + bin * width,
    to: bin === binCount - 1 && !perValue ? max : min + (bin + 1) * width,
    count: counts.get(bin) ?? 0,
  }));
}
