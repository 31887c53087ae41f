import { invalidEncoding } from './chart-rules';

/**
 * A DuckDB identifier for any column name: wrapped in double quotes, with each double quote
 * doubled, so spaces, quotes, keywords and any Unicode stay part of the name. DuckDB's
 * parser ends a string at NUL, so a name with one cannot be written; no source has one.
 */
export function quoteIdentifier(name: string): string {
  if (name.includes('\u0000')) throw invalidEncoding(`the column name ${JSON.stringify(name)} contains a NUL character`);
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The source query as a relation to select from: surrounding blanks and trailing semicolons
 * removed. Placed on lines of its own by the caller, so a trailing `-- comment` ends there.
 */
export function relationSql(sql: string): string {
  return sql.replace(/[\s;]+$/u, '').trim();
}
