import { Type, type Static } from '@sinclair/typebox';
import { quoteLiteral, stringStructLiteral } from './sql-text';

/**
 * How to read a dataset file exactly as it was read when it was uploaded: the dialect and
 * column types settled by inspecting the whole file once. Stored with the dataset version and
 * handed back to the preview, profile and query engine, so they read the file with no
 * sniffing (faster, and the types never change between two reads of the same version).
 */
const ColumnSpec = Type.Object({ name: Type.String(), duckdbType: Type.String() });

export const CsvReadSpecSchema = Type.Object({
  format: Type.Literal('csv'),
  delimiter: Type.String(),
  quote: Type.String(),
  escape: Type.String(),
  newline: Type.String(),
  comment: Type.String(),
  skipRows: Type.Integer({ minimum: 0 }),
  dateFormat: Type.Optional(Type.String()),
  timestampFormat: Type.Optional(Type.String()),
  columns: Type.Array(ColumnSpec),
});

/** A JSON array of objects or a sequence of objects (one per line, or pretty-printed); DuckDB tells which. */
export const JsonReadSpecSchema = Type.Object({
  format: Type.Literal('json'),
  columns: Type.Array(ColumnSpec),
});

export const ParquetReadSpecSchema = Type.Object({ format: Type.Literal('parquet') });

export const DatasetReadSpecSchema = Type.Union([CsvReadSpecSchema, JsonReadSpecSchema, ParquetReadSpecSchema]);
export type DatasetReadSpec = Static<typeof DatasetReadSpecSchema>;
export type CsvReadSpec = Static<typeof CsvReadSpecSchema>;
export type DatasetFormat = DatasetReadSpec['format'];

/**
 * The strict CSV options every read uses: a row with more or fewer fields than the header is
 * an error (strict_mode, no null_padding), as are undecodable bytes; nothing is skipped
 * (ignore_errors off) and nothing is kept aside (no rejects table).
 */
export const STRICT_CSV_OPTIONS = "header = true, strict_mode = true, null_padding = false, ignore_errors = false, encoding = 'utf-8'";

/**
 * The `new_line` option for the sniffed line ending, or none. DuckDB's reader without one
 * takes LF, CRLF and CR alike; given `new_line = '\r\n'` with auto-detection off, DuckDB 1.5
 * reads zero rows of a CRLF file (the line ending of Windows and of Python's csv.writer), so
 * CRLF is left to that default.
 */
export function newLineOption(newline: string): string | undefined {
  return newline === '' || newline === '\\r\\n' ? undefined : `new_line = ${quoteLiteral(newline)}`;
}

/** The SQL table function that reads `path` as `spec` says, with no auto-detection. */
export function readFunctionSql(path: string, spec: DatasetReadSpec): string {
  const file = quoteLiteral(path);
  switch (spec.format) {
    case 'csv': {
      const options = [
        'auto_detect = false',
        STRICT_CSV_OPTIONS,
        `delim = ${quoteLiteral(spec.delimiter)}`,
        `quote = ${quoteLiteral(spec.quote)}`,
        `escape = ${quoteLiteral(spec.escape)}`,
        `comment = ${quoteLiteral(spec.comment)}`,
        `skip = ${spec.skipRows}`,
        `columns = ${stringStructLiteral(spec.columns.map((column) => [column.name, column.duckdbType]))}`,
      ];
      const newLine = newLineOption(spec.newline);
      if (newLine !== undefined) options.push(newLine);
      if (spec.dateFormat !== undefined) options.push(`dateformat = ${quoteLiteral(spec.dateFormat)}`);
      if (spec.timestampFormat !== undefined) options.push(`timestampformat = ${quoteLiteral(spec.timestampFormat)}`);
      return `read_csv(${file}, ${options.join(', ')})`;
    }
    case 'json':
      return `read_json(${file}, auto_detect = false, format = 'auto', records = true, columns = ${stringStructLiteral(
        spec.columns.map((column) => [column.name, column.duckdbType]),
      )})`;
    case 'parquet':
      return `read_parquet(${file})`;
  }
}
