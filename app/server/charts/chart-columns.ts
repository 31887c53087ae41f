import { badRequest } from '../errors';
import type { ChartSpec } from './chart-spec';
import { CHART_TYPE_RULES, checkChartEncoding, invalidEncoding } from './chart-rules';
import { columnKind, type SourceColumn } from './column-kinds';

/** How many of the source's column names an unknown_column message lists. */
const LISTED_COLUMNS = 20;

/** Every column the encoding names, with the field that names it (`encoding.y[1]`). */
export function encodingReferences({ encoding }: ChartSpec): { field: string; name: string }[] {
  return [
    ...(encoding.x !== undefined ? [{ field: 'encoding.x', name: encoding.x }] : []),
    ...(encoding.y ?? []).map((name, i) => ({ field: `encoding.y[${i}]`, name })),
    ...(encoding.series !== undefined ? [{ field: 'encoding.series', name: encoding.series }] : []),
  ];
}

function unknownColumn(field: string, name: string, columns: readonly SourceColumn[]): Error {
  const names = columns.slice(0, LISTED_COLUMNS).map((c) => JSON.stringify(c.name));
  const more = columns.length > LISTED_COLUMNS ? `, and ${columns.length - LISTED_COLUMNS} more` : '';
  const near = columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
  const hint = near ? `; did you mean ${JSON.stringify(near.name)}? Names are matched exactly` : '';
  const list = columns.length === 0 ? 'it has no columns' : `its columns: ${names.join(', ')}${more}`;
  return badRequest('unknown_column', `${field} names the column ${JSON.stringify(name)}, which the source does not have (${list})${hint}`);
}

/**
 * Looks each column the encoding names up in the source's columns and checks its type
 * fits its use. Throws a 400 `unknown_column` naming a column the source does not have, or
 * a 400 `invalid_encoding` naming the field whose column cannot be used that way.
 * Returns the source column of each reference.
 */
export function checkEncodingAgainstColumns(spec: ChartSpec, columns: readonly SourceColumn[]): Map<string, SourceColumn> {
  const { type, encoding } = spec;
  const found = new Map<string, SourceColumn>();
  for (const { field, name } of encodingReferences(spec)) {
    const column = columns.find((c) => c.name === name);
    if (!column) throw unknownColumn(field, name, columns);
    // DuckDB matches identifiers case-insensitively and binds to the first of "a" and "A".
    const alike = columns.filter((c) => c.name.toLowerCase() === name.toLowerCase());
    if (alike.length > 1) {
      throw invalidEncoding(
        `${field} names the column ${JSON.stringify(name)}, which is ambiguous: the source has columns that differ only in case (${alike
          .map((c) => JSON.stringify(c.name))
          .join(', ')}); rename them in the source`,
      );
    }
    found.set(name, column);
  }
  for (const field of ['x', 'series'] as const) {
    const name = encoding[field];
    if (name === undefined) continue;
    const column = found.get(name) as SourceColumn;
    if (columnKind(column.type) === 'other') {
      throw invalidEncoding(
        `encoding.${field} cannot use the column ${JSON.stringify(name)} (${column.type}): lists, structs, maps, intervals and binary values cannot be grouped or placed on an axis`,
      );
    }
  }
  const aggregate = encoding.aggregate;
  const rule = CHART_TYPE_RULES[type];
  (encoding.y ?? []).forEach((name, i) => {
    const column = found.get(name) as SourceColumn;
    const kind = columnKind(column.type);
    const what = `encoding.y[${i}] ${JSON.stringify(name)} is ${column.type}`;
    if ((aggregate === 'sum' || aggregate === 'avg') && kind !== 'number') {
      throw invalidEncoding(`${what}: aggregate ${aggregate} needs a numeric column (count works on any column)`);
    }
    if ((aggregate === 'min' || aggregate === 'max') && kind === 'other') {
      throw invalidEncoding(`${what}: aggregate ${aggregate} needs numbers, text, dates or booleans (count works on any column)`);
    }
    if (rule.measuresY && aggregate !== 'count' && kind !== 'number') {
      throw invalidEncoding(`${what}: a ${type} chart draws numbers; pick a numeric column, or aggregate count`);
    }
  });
  return found;
}

/** Every rule of the chart spec: the type's own (chart-rules.ts), then the source's columns. */
export function validateChartSpec(spec: ChartSpec, columns: readonly SourceColumn[]): void {
  checkChartEncoding(spec);
  checkEncodingAgainstColumns(spec, columns);
}
