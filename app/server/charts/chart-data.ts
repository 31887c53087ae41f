import { MAX_CHART_CELLS, type ChartCell, type ChartData, type ColumnKind } from './chart-spec';
import type { CompiledChartQuery } from './chart-query';

/**
 * A DuckDB value as JSON. Works on what @duckdb/node-api's `getRows()` gives (bigint,
 * DuckDBDecimalValue, DuckDBDateValue, ...) and on what `getRowsJson()` gives (the same as
 * strings): numbers become JSON numbers when they fit one (an integer beyond 2^53 stays a
 * string, so no digit is lost), dates and times DuckDB's own text ("2024-01-31",
 * "2024-01-31 12:00:00"); lists and structs become text (DuckDB's "[1, 2]" from getRows(),
 * JSON "[1,2]" from getRowsJson()); NaN and infinities become null.
 */
export function chartCell(value: unknown, kind: ColumnKind): ChartCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value === 'string') return kind === 'number' ? numberFromText(value) : value;
  if (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype) return JSON.stringify(value, jsonBigints);
  const text = String(value); // DuckDB's value classes print themselves as DuckDB does
  return kind === 'number' ? numberFromText(text) : text;
}

function numberFromText(text: string): ChartCell {
  const n = Number(text);
  if (!Number.isFinite(n)) return text === 'NaN' || /^-?Infinity$/.test(text) ? null : text;
  // "12345678901234567890" as a double would change its digits: keep such integers as text.
  return /^-?\d+$/.test(text) && !Number.isSafeInteger(n) ? text : n;
}

const jsonBigints = (_key: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);

/** The rows of a compiled chart query (chart-query.ts), in column order, as ChartData. */
export function toChartData(compiled: CompiledChartQuery, rows: readonly (readonly unknown[])[]): ChartData {
  const width = compiled.columns.length;
  let kept: readonly (readonly unknown[])[];
  let truncated: boolean;
  if (compiled.limitBy === 'rows') {
    truncated = rows.length > compiled.limit;
    kept = rows.slice(0, compiled.limit);
  } else {
    // The trailing column numbers the x values; the query returned one x value too many
    // (to tell the limit cut) and at most MAX_CHART_CELLS + 1 rows.
    kept = rows.filter((r) => Number(r[width]) <= compiled.limit);
    truncated = kept.length < rows.length || rows.length > MAX_CHART_CELLS;
    kept = kept.slice(0, MAX_CHART_CELLS);
  }
  return {
    columns: [...compiled.columns],
    rows: kept.map((r) => compiled.columns.map((c, i) => chartCell(r[i], c.kind))),
    truncated,
  };
}
