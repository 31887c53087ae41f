/** SQL text building for the SQL this server writes itself; user SQL is never spliced. */

/** A double-quoted identifier: quotes inside are doubled, so any name is one identifier. */
export function quoteIdentifier(name: string): string {
  if (name.includes('\0')) throw new Error('an identifier cannot contain a NUL character');
  return `"${name.replaceAll('"', '""')}"`;
}

/** A single-quoted string literal: quotes inside are doubled. */
export function quoteLiteral(text: string): string {
  if (text.includes('\0')) throw new Error('a string literal cannot contain a NUL character');
  return `'${text.replaceAll("'", "''")}'`;
}

const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether a name can be written in SQL without quotes (users must quote the others). */
export function isPlainIdentifier(name: string): boolean {
  return PLAIN_IDENTIFIER.test(name);
}

/** A DuckDB STRUCT literal of string values, e.g. {'a': 'BIGINT'} for read_csv's `columns`. */
export function stringStructLiteral(entries: readonly (readonly [string, string])[]): string {
  return `{${entries.map(([key, value]) => `${quoteLiteral(key)}: ${quoteLiteral(value)}`).join(', ')}}`;
}
