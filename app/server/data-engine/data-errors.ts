/**
 * Typed failures of dataset inspection and queries, each with the HTTP status and error code
 * a route answers with (see DESIGN.md, "Data (managed datasets)").
 */
export abstract class DataError extends Error {
  abstract readonly statusCode: number;
  abstract readonly code: string;
}

/** The file is not readable as the declared format (400 invalid_dataset, naming what and where). */
export class InvalidDatasetError extends DataError {
  readonly statusCode = 400;
  readonly code = 'invalid_dataset';
  constructor(
    message: string,
    /** 1-based line of a CSV or JSON file the problem is on, when known. */
    readonly line?: number,
  ) {
    super(message);
    this.name = 'InvalidDatasetError';
  }
}

/** The SQL is not allowed or not valid (400 invalid_query). */
export class InvalidQueryError extends DataError {
  readonly statusCode = 400;
  readonly code = 'invalid_query';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidQueryError';
  }
}

/** The query ran past its time limit and was interrupted (400 query_timeout). */
export class QueryTimeoutError extends DataError {
  readonly statusCode = 400;
  readonly code = 'query_timeout';
  constructor(readonly timeoutMs: number) {
    super(`the query ran longer than ${timeoutMs} ms and was stopped; narrow it down or aggregate more`);
    this.name = 'QueryTimeoutError';
  }
}

/** Too many queries are waiting for the engine (503 engine_busy): try again shortly. */
export class QueryEngineBusyError extends DataError {
  readonly statusCode = 503;
  readonly code = 'engine_busy';
  constructor() {
    super('the query engine is busy; retry shortly');
    this.name = 'QueryEngineBusyError';
  }
}

/**
 * DuckDB's message without its hints about reader options the user cannot set and with each
 * local file path replaced by the name the user knows it by.
 */
/**
 * How DuckDB starts its error messages: "<Kind> Error: ", possibly after "Error: " or after
 * what the client library was doing ("Failed to extract statements: ").
 */
export const ENGINE_ERROR_PREFIX = /^(Error: )?(Failed to [a-z ]+: )?([A-Za-z]+ )*Error: /;

export function cleanEngineMessage(message: string, pathNames: ReadonlyMap<string, string> = new Map()): string {
  let text = message;
  for (const [path, name] of pathNames) text = text.replaceAll(path, name);
  const cut = text.search(/\n\s*(Possible (fixes|Solution)|Possible solutions:|\n {2}file = |LINE \d+:)/);
  if (cut !== -1) text = text.slice(0, cut);
  // "Error: Invalid Input Error: ..." -> "..."; "Failed to extract statements: Parser Error: ..." -> "..."
  return text.replace(ENGINE_ERROR_PREFIX, '').replace(/\s+/g, ' ').trim();
}

/** The 1-based line of "CSV Error on Line: N" in a DuckDB message, if any. */
export function csvErrorLine(message: string): number | undefined {
  const match = /CSV Error on Line: (\d+)/.exec(message);
  return match === null ? undefined : Number(match[1]);
}

const FORMAT_NAMES = { csv: 'CSV', json: 'JSON', parquet: 'Parquet' } as const;

/**
 * An InvalidDatasetError from a DuckDB error met while reading a dataset file. A CSV error
 * names its line: "CSV error on line 3: Expected Number of Columns: 2 Found: 3".
 */
export function datasetReadError(
  format: keyof typeof FORMAT_NAMES,
  error: unknown,
  pathNames: ReadonlyMap<string, string>,
): InvalidDatasetError {
  const message = error instanceof Error ? error.message : String(error);
  const line = csvErrorLine(message);
  if (line === undefined) {
    return new InvalidDatasetError(`not a readable ${FORMAT_NAMES[format]} file: ${cleanEngineMessage(message, pathNames)}`);
  }
  const lines = message.split('\n').map((text) => text.trim());
  const at = lines.findIndex((text) => text.includes('CSV Error on Line:'));
  const reason = lines.slice(at + 1).find((text) => text !== '' && !text.startsWith('Original Line:')) ?? 'the row cannot be read';
  return new InvalidDatasetError(`CSV error on line ${line}: ${cleanEngineMessage(reason, pathNames)}`, line);
}
