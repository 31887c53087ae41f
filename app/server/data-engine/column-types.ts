import { Type, type Static } from '@sinclair/typebox';
import { DuckDBTypeId, type DuckDBType } from '@duckdb/node-api';

/**
 * The column types the API speaks of, and the one mapping from DuckDB's types to them. Every
 * schema, preview, profile and query result names its columns' types with these words, and
 * json-values.ts says how each one's values are written in JSON.
 *
 * | type          | DuckDB types                                        | JSON value                          |
 * |---------------|-----------------------------------------------------|-------------------------------------|
 * | integer       | TINYINT..BIGINT, unsigned, HUGEINT, BIGNUM           | number; string when beyond +-2^53-1 |
 * | double        | FLOAT, DOUBLE                                        | number; "NaN", "Infinity", "-Infinity" |
 * | decimal       | DECIMAL(p,s)                                         | number when p <= 15, else string    |
 * | boolean       | BOOLEAN                                              | true / false                        |
 * | string        | VARCHAR, ENUM, UUID, BIT                             | string                              |
 * | json          | JSON                                                 | the parsed JSON value               |
 * | date          | DATE                                                 | "YYYY-MM-DD"                        |
 * | timestamp     | TIMESTAMP, TIMESTAMP_S/_MS/_NS (no time zone)        | "YYYY-MM-DDTHH:MM:SS[.fraction]"    |
 * | timestamp_tz  | TIMESTAMP WITH TIME ZONE                             | "YYYY-MM-DDTHH:MM:SS[.fraction]Z"   |
 * | time          | TIME, TIME_NS, TIME WITH TIME ZONE                   | "HH:MM:SS[.fraction][+HH]"          |
 * | interval      | INTERVAL                                             | DuckDB's text, e.g. "1 day 02:00:00" |
 * | binary        | BLOB                                                 | base64 string                       |
 * | list          | LIST, ARRAY                                          | array                               |
 * | struct        | STRUCT                                               | object                              |
 * | map           | MAP                                                  | array of {key, value}               |
 * | other         | UNION, VARIANT, GEOMETRY, ...                        | as close a JSON form as exists      |
 *
 * Infinite dates and timestamps are "infinity" / "-infinity". NULL is null everywhere.
 */
export const COLUMN_TYPES = [
  'integer',
  'double',
  'decimal',
  'boolean',
  'string',
  'json',
  'date',
  'timestamp',
  'timestamp_tz',
  'time',
  'interval',
  'binary',
  'list',
  'struct',
  'map',
  'other',
] as const;

export type ColumnType = (typeof COLUMN_TYPES)[number];

/** TypeBox schema of a column type, for route schemas. */
export const ColumnTypeSchema = Type.Union(COLUMN_TYPES.map((name) => Type.Literal(name)));

export const DatasetColumnSchema = Type.Object({ name: Type.String(), type: ColumnTypeSchema });
export type DatasetColumn = Static<typeof DatasetColumnSchema>;

const NUMERIC: ReadonlySet<ColumnType> = new Set(['integer', 'double', 'decimal']);

/** Columns that get a mean and a histogram in the profile. */
export function isNumericColumnType(type: ColumnType): boolean {
  return NUMERIC.has(type);
}

/** Columns whose values have an order, so min and max mean something. */
export function isOrderedColumnType(type: ColumnType): boolean {
  return NUMERIC.has(type) || ['string', 'date', 'timestamp', 'timestamp_tz', 'time', 'interval', 'boolean'].includes(type);
}

export function columnTypeOf(type: DuckDBType): ColumnType {
  switch (type.typeId) {
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.BIGNUM:
      return 'integer';
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return 'double';
    case DuckDBTypeId.DECIMAL:
      return 'decimal';
    case DuckDBTypeId.BOOLEAN:
      return 'boolean';
    case DuckDBTypeId.VARCHAR:
      return type.alias === 'JSON' ? 'json' : 'string';
    case DuckDBTypeId.ENUM:
    case DuckDBTypeId.UUID:
    case DuckDBTypeId.BIT:
      return 'string';
    case DuckDBTypeId.DATE:
      return 'date';
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return 'timestamp';
    case DuckDBTypeId.TIMESTAMP_TZ:
      return 'timestamp_tz';
    case DuckDBTypeId.TIME:
    case DuckDBTypeId.TIME_NS:
    case DuckDBTypeId.TIME_TZ:
      return 'time';
    case DuckDBTypeId.INTERVAL:
      return 'interval';
    case DuckDBTypeId.BLOB:
      return 'binary';
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return 'list';
    case DuckDBTypeId.STRUCT:
      return 'struct';
    case DuckDBTypeId.MAP:
      return 'map';
    default:
      return 'other';
  }
}
