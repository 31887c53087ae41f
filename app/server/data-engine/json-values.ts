import {
  DuckDBArrayType,
  DuckDBBlobValue,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBListType,
  DuckDBMapType,
  DuckDBMapValue,
  DuckDBStructType,
  DuckDBStructValue,
  DuckDBTimestampTZValue,
  DuckDBTypeId,
  DuckDBUnionType,
  DuckDBUnionValue,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Largest DECIMAL width whose text survives a round trip through a double (15 significant digits). */
const DECIMAL_AS_NUMBER_MAX_WIDTH = 15;

function integerValue(value: bigint | number): number | string {
  if (typeof value === 'number') return value;
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}

function doubleValue(value: number): number | string {
  return Number.isFinite(value) ? value : String(value); // NaN, Infinity, -Infinity
}

function isInfinite(value: { readonly isFinite: boolean }): boolean {
  return !value.isFinite;
}

function infinityText(value: { toString(): string; readonly isFinite: boolean }, negative: boolean): string | undefined {
  return isInfinite(value) ? (negative ? '-infinity' : 'infinity') : undefined;
}

/** "2024-01-02 03:04:05.5" -> "2024-01-02T03:04:05.5"; "... +00" (UTC) -> "...Z". */
function isoTimestamp(text: string): string {
  return text.replace(' ', 'T').replace(/\+00$/, 'Z');
}

function parsedJson(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

/**
 * Converts one DuckDB value of `type` to a JSON-safe value, as documented in column-types.ts:
 * no bigint, no lost precision (large integers and wide decimals become strings), no NaN or
 * Infinity numbers, temporal values in ISO 8601 text.
 */
export function jsonValueOf(value: DuckDBValue, type: DuckDBType): JsonValue {
  if (value === null || value === undefined) return null;
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return value as boolean;
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.BIGNUM:
      return integerValue(value as bigint | number);
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return doubleValue(value as number);
    case DuckDBTypeId.DECIMAL: {
      const decimal = value as DuckDBDecimalValue;
      return decimal.width <= DECIMAL_AS_NUMBER_MAX_WIDTH ? Number(decimal.toString()) : decimal.toString();
    }
    case DuckDBTypeId.VARCHAR:
      return type.alias === 'JSON' ? parsedJson(value as string) : (value as string);
    case DuckDBTypeId.DATE: {
      const date = value as DuckDBDateValue;
      return infinityText(date, date.days < 0) ?? date.toString();
    }
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_TZ: {
      const timestamp = value as DuckDBTimestampTZValue;
      const infinite = isInfinite(timestamp) ? (timestamp.toString().startsWith('-') ? '-infinity' : 'infinity') : undefined;
      return infinite ?? isoTimestamp(timestamp.toString());
    }
    case DuckDBTypeId.BLOB:
      return Buffer.from((value as DuckDBBlobValue).bytes).toString('base64');
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY: {
      const itemType = (type as DuckDBListType | DuckDBArrayType).valueType;
      return (value as { items: readonly DuckDBValue[] }).items.map((item) => jsonValueOf(item, itemType));
    }
    case DuckDBTypeId.STRUCT: {
      const structType = type as DuckDBStructType;
      const entries = (value as DuckDBStructValue).entries;
      const result: { [key: string]: JsonValue } = {};
      structType.entryNames.forEach((name, index) => {
        result[name] = jsonValueOf(entries[name] ?? null, structType.entryTypes[index]!);
      });
      return result;
    }
    case DuckDBTypeId.MAP: {
      const mapType = type as DuckDBMapType;
      return (value as DuckDBMapValue).entries.map((entry) => ({
        key: jsonValueOf(entry.key, mapType.keyType),
        value: jsonValueOf(entry.value, mapType.valueType),
      }));
    }
    case DuckDBTypeId.UNION: {
      const union = value as DuckDBUnionValue;
      const unionType = type as DuckDBUnionType;
      const memberType = unionType.memberTypes[unionType.tagMemberIndexes[union.tag] ?? -1];
      return { tag: union.tag, value: memberType === undefined ? String(union.value) : jsonValueOf(union.value, memberType) };
    }
    default:
      // ENUM (already a string), UUID, BIT, TIME*, INTERVAL and anything newer: DuckDB's text.
      return typeof value === 'number' ? doubleValue(value) : String(value);
  }
}

/** Converts result rows (arrays in column order) to JSON-safe values. */
export function jsonRows(rows: readonly (readonly DuckDBValue[])[], types: readonly DuckDBType[]): JsonValue[][] {
  return rows.map((row) => row.map((value, index) => jsonValueOf(value, types[index]!)));
}
