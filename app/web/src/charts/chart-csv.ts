import type { ChartData } from './chart-types';

/**
 * A chart's data as CSV (RFC 4180, CRLF line ends, a UTF-8 byte-order mark so spreadsheet
 * programs read Unicode): one header row of column names, then each row. Fields with
 * commas, quotes, line breaks or edge spaces are quoted by Papa Parse, and text cells that
 * a spreadsheet would run as a formula (=, +, -, @, tab, CR first) get a leading ' so
 * opening an export never executes anything. The CSV library is fetched on first use.
 */
export async function chartCsv(data: ChartData): Promise<string> {
  const { unparse } = await import('papaparse');
  const csv = unparse(
    { fields: data.columns.map((c) => c.name), data: data.rows.map((r) => r.map((cell) => (cell === null ? '' : cell))) },
    { newline: '\r\n', escapeFormulae: true, quotes: false },
  );
  return `\uFEFF${csv}\r\n`;
}
