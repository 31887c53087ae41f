import type { DuckDBConnection } from '@duckdb/node-api';
import { datasetReadError, type InvalidDatasetError } from './data-errors';
import { newLineOption, STRICT_CSV_OPTIONS, type CsvReadSpec } from './dataset-read-spec';
import { quoteLiteral, stringStructLiteral } from './sql-text';

/** DuckDB's own delimiter candidates. */
const DELIMITER_CANDIDATES = [',', '\t', ';', '|'];

/** sniff_csv writes "(empty)" for "none". */
function orEmpty(value: unknown): string {
  return typeof value === 'string' && value !== '(empty)' ? value : '';
}

/** The first line of the file (up to the first line break outside quotes), from its first bytes. */
export function firstLine(head: Buffer): string {
  const text = head.toString('utf8');
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if ((char === '\n' || char === '\r') && !quoted) return text.slice(0, i);
  }
  return text;
}

/** Splits a header line on `delimiter` outside double quotes (RFC 4180), unquoting fields. */
export function splitHeader(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

/** The candidate delimiter the header line uses most, outside quotes, if any. */
function headerDelimiter(line: string): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const candidate of DELIMITER_CANDIDATES) {
    const count = splitHeader(line, candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

function invalid(error: unknown, pathNames: ReadonlyMap<string, string>): InvalidDatasetError {
  return datasetReadError('csv', error, pathNames);
}

interface Dialect {
  readonly delimiter: string;
  readonly quote: string;
  readonly escape: string;
  readonly newline: string;
  readonly comment: string;
  readonly skipRows: number;
  readonly dateFormat?: string;
  readonly timestampFormat?: string;
}

/**
 * Settles how to read a CSV file: its dialect from DuckDB's sniffer on a sample, then column
 * types from the whole file (so a value far down does not break a later read), always with
 * the first line as the header and the strict options. DuckDB's sniffer does not fail on a
 * ragged row near the top: it falls back to a one-column reading with another delimiter, and
 * given a ragged last row it skips the lines before it. So when it finds one column (or no
 * dialect) although the header line has a delimiter, or skips lines, the file is parsed
 * strictly with the header's delimiter, which fails naming the first bad line.
 */
export async function detectCsvReadSpec(connection: DuckDBConnection, file: string, head: Buffer): Promise<CsvReadSpec> {
  const names = new Map([[file, 'the file']]);
  const header = firstLine(head);
  const delimiterInHeader = headerDelimiter(header);
  let dialect: Dialect | undefined;
  let sniffError: unknown;
  try {
    const reader = await connection.runAndReadAll(
      `SELECT Delimiter, Quote, Escape, NewLineDelimiter, Comment, SkipRows, Columns, DateFormat, TimestampFormat FROM sniff_csv(${quoteLiteral(file)}, ${STRICT_CSV_OPTIONS})`,
    );
    const [delimiter, quote, escape, newline, comment, skipRows, columns, dateFormat, timestampFormat] = reader.getRowsJS()[0] as unknown[];
    const oneColumn = (columns as unknown[]).length === 1;
    // A ragged last row makes the sniffer skip every line before it and take it for the
    // header (`a,b\n1,2\n3,4,5` reads as zero rows of columns 3, 4, 5). The header is always
    // the first line here, so a skip means the same fallback.
    const skipsHeader = Number(skipRows) > 0;
    if (!skipsHeader && !(oneColumn && delimiterInHeader !== undefined && delimiterInHeader !== delimiter)) {
      dialect = {
        delimiter: orEmpty(delimiter),
        quote: orEmpty(quote),
        escape: orEmpty(escape),
        newline: orEmpty(newline),
        comment: orEmpty(comment),
        skipRows: Number(skipRows),
        ...(typeof dateFormat === 'string' ? { dateFormat } : {}),
        ...(typeof timestampFormat === 'string' ? { timestampFormat } : {}),
      };
    }
  } catch (error) {
    sniffError = error;
  }
  if (dialect === undefined) {
    if (delimiterInHeader === undefined) throw invalid(sniffError, names);
    // Parse strictly with the header's delimiter: the ragged or undecodable line is named.
    const columns = splitHeader(header, delimiterInHeader).map(
      (name, index) => [name === '' ? `column${index}` : name, 'VARCHAR'] as const,
    );
    try {
      await connection.run(
        `SELECT count(*) FROM read_csv(${quoteLiteral(file)}, auto_detect = false, ${STRICT_CSV_OPTIONS}, delim = ${quoteLiteral(delimiterInHeader)}, quote = '"', escape = '"', columns = ${stringStructLiteral(columns)})`,
      );
    } catch (error) {
      throw invalid(error, names);
    }
    dialect = { delimiter: delimiterInHeader, quote: '"', escape: '"', newline: '', comment: '', skipRows: 0 };
  }
  return { format: 'csv', ...dialect, columns: await wholeFileColumns(connection, file, dialect, names) };
}

/** Column names and types detected over every row, with the dialect fixed. */
async function wholeFileColumns(connection: DuckDBConnection, file: string, dialect: Dialect, names: ReadonlyMap<string, string>) {
  const options = [
    STRICT_CSV_OPTIONS,
    `delim = ${quoteLiteral(dialect.delimiter)}`,
    `quote = ${quoteLiteral(dialect.quote)}`,
    `escape = ${quoteLiteral(dialect.escape)}`,
    `comment = ${quoteLiteral(dialect.comment)}`,
    `skip = ${dialect.skipRows}`,
    'sample_size = -1',
  ];
  const newLine = newLineOption(dialect.newline);
  if (newLine !== undefined) options.push(newLine);
  if (dialect.dateFormat !== undefined) options.push(`dateformat = ${quoteLiteral(dialect.dateFormat)}`);
  if (dialect.timestampFormat !== undefined) options.push(`timestampformat = ${quoteLiteral(dialect.timestampFormat)}`);
  try {
    const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_csv(${quoteLiteral(file)}, ${options.join(', ')})`);
    return reader.getRowsJS().map((row) => ({ name: String(row[0]), duckdbType: String(row[1]) }));
  } catch (error) {
    throw invalid(error, names);
  }
}
