import type { ColumnKind } from './chart-spec';

/** A column of a chart's source as the query engine describes it: DuckDB's type name. */
export interface SourceColumn {
  readonly name: string;
  readonly type: string;
}

const NUMBER_TYPES = new Set([
  'TINYINT',
  'SMALLINT',
  'INTEGER',
  'BIGINT',
  'HUGEINT',
  'UTINYINT',
  'USMALLINT',
  'UINTEGER',
  'UBIGINT',
  'UHUGEINT',
  'FLOAT',
  'DOUBLE',
  'REAL',
  'INT',
  'INT1',
  'INT2',
  'INT4',
  'INT8',
  'INT16',
  'INT32',
  'INT64',
  'INT128',
  'FLOAT4',
  'FLOAT8',
  'SHORT',
  'LONG',
  'SIGNED',
  'NUMERIC',
  'DECIMAL',
  'VARINT',
  'BIGNUM',
]);
const TEMPORAL_TYPES = new Set([
  'DATE',
  'TIME',
  'TIMETZ',
  'TIME WITH TIME ZONE',
  'TIME_NS',
  'TIMESTAMP',
  'DATETIME',
  'TIMESTAMPTZ',
  'TIMESTAMP WITH TIME ZONE',
  'TIMESTAMP_S',
  'TIMESTAMP_MS',
  'TIMESTAMP_NS',
  'TIMESTAMP_US',
  // The API's own name for TIMESTAMP WITH TIME ZONE (data-engine/column-types.ts): the
  // columns of datasets and query results come with the API's type names.
  'TIMESTAMP_TZ',
]);
const STRING_TYPES = new Set(['VARCHAR', 'TEXT', 'STRING', 'CHAR', 'BPCHAR', 'NVARCHAR', 'UUID']);
const BOOLEAN_TYPES = new Set(['BOOLEAN', 'BOOL', 'LOGICAL']);

/**
 * What kind of value a DuckDB type holds, as far as charts care. Lists, structs, maps,
 * unions, intervals, binary and JSON are `other`: they can be shown in a table but not
 * grouped, measured or placed on an axis.
 */
export function columnKind(type: string): ColumnKind {
  const t = type.trim().toUpperCase();
  if (t.endsWith(']')) return 'other'; // LIST (INTEGER[]) and ARRAY (INTEGER[3])
  // DECIMAL(18,3), VARCHAR(20): the name before the parameters; ENUM('a', 'b') is text.
  const base = t.replace(/\s*\(.*$/s, '');
  if (base === 'ENUM') return 'string';
  if (NUMBER_TYPES.has(base)) return 'number';
  if (TEMPORAL_TYPES.has(base)) return 'temporal';
  if (STRING_TYPES.has(base)) return 'string';
  if (BOOLEAN_TYPES.has(base)) return 'boolean';
  return 'other';
}
