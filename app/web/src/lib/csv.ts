/**
 * Rows as CSV (RFC 4180, CRLF line ends, a UTF-8 byte-order mark so spreadsheet programs read
 * Unicode): one header row, then each row. Fields with commas, quotes, line breaks or edge
 * spaces are quoted by Papa Parse, and text cells that a spreadsheet would run as a formula
 * (=, +, -, @, tab, CR first) get a leading ' so opening an export never executes anything.
 * Objects and arrays are written as JSON. The CSV library is fetched on first use.
 */
export async function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): Promise<string> {
  const { unparse } = await import('papaparse');
  const cell = (value: unknown) => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : value);
  const csv = unparse(
    { fields: [...header], data: rows.map((row) => row.map(cell)) },
    { newline: '\r\n', escapeFormulae: true, quotes: false },
  );
  return `\uFEFF${csv}\r\n`;
}
