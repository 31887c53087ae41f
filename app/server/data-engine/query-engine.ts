import { performance } from 'node:perf_hooks';
import { StatementType } from '@duckdb/node-api';
import type { LocalFile } from '../storage/object-storage';
import { columnTypeOf, type DatasetColumn } from './column-types';
import { cleanEngineMessage, DataError, ENGINE_ERROR_PREFIX, InvalidQueryError, QueryTimeoutError } from './data-errors';
import { readFunctionSql, type DatasetReadSpec } from './dataset-read-spec';
import { openSandbox, type Sandbox } from './duckdb-sandbox';
import { jsonRows, type JsonValue } from './json-values';
import type { SandboxPool } from './sandbox-pool';
import { quoteIdentifier } from './sql-text';

/** A ready managed dataset of the project, as the query sees it: a table named `name`. */
export interface QueryableDataset {
  readonly name: string;
  readonly readSpec: DatasetReadSpec;
  /** A local file with the current version's bytes (ObjectStorage.localFile of its key). */
  openFile(): Promise<LocalFile>;
}

export interface QueryRequest {
  readonly sql: string;
  /** Exactly the project's datasets: nothing else can be named or read. */
  readonly datasets: readonly QueryableDataset[];
  /** Most rows returned (1..10000, or 1..`maxLimit`); more rows set `truncated`. */
  readonly limit: number;
  /**
   * A higher ceiling for `limit`, for the server's own queries whose SQL bounds its rows
   * itself (a chart's query returns at most MAX_CHART_CELLS + 1). @default MAX_QUERY_ROWS
   */
  readonly maxLimit?: number;
}

export interface QueryResult {
  readonly columns: DatasetColumn[];
  /** One array per row, values in column order, JSON-safe (see column-types.ts). */
  readonly rows: JsonValue[][];
  readonly rowCount: number;
  readonly truncated: boolean;
  readonly elapsedMs: number;
}

export interface QueryEngineOptions {
  readonly pool: SandboxPool;
  /** Longest a query may take from submission, queueing included. @default 30000 */
  readonly timeoutMs?: number;
  /** Longest SQL text accepted, in characters. @default 100000 */
  readonly maxSqlLength?: number;
}

export const MAX_QUERY_ROWS = 10_000;

interface QueryState {
  timedOut: boolean;
  /** The sandbox the query runs in, while it is open. */
  sandbox?: Sandbox;
}

/**
 * DuckDB reports its errors as "<Kind> Error: message". (Duck-typed: errors made by the native
 * addon are not `instanceof Error` in every JavaScript realm, e.g. under jest.)
 */
function isEngineError(error: unknown): error is Error {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && ENGINE_ERROR_PREFIX.test(message);
}

/**
 * Runs untrusted SQL over a project's datasets. Each query gets its own locked-down DuckDB
 * (duckdb-sandbox.ts) that can read only the files of the datasets the SQL names, as views
 * named by the datasets' names; it must be exactly one statement, and that statement must be a
 * SELECT (WITH ... SELECT included), as DuckDB's own parser and binder classify it. Results
 * are read as a stream up to `limit` + 1 rows. Past the timeout the running query is
 * interrupted (`connection.interrupt()`) and the caller gets QueryTimeoutError at once; the
 * pool slot is held until DuckDB has actually stopped, so the concurrency bound stays true.
 */
export class QueryEngine {
  private readonly pool: SandboxPool;
  private readonly timeoutMs: number;
  private readonly maxSqlLength: number;

  private constructor(
    options: QueryEngineOptions,
    /** A sandbox with no files, used only to parse SQL for the table names it mentions. */
    private readonly parser: Sandbox,
  ) {
    this.pool = options.pool;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxSqlLength = options.maxSqlLength ?? 100_000;
  }

  static async create(options: QueryEngineOptions): Promise<QueryEngine> {
    const parser = await openSandbox([], { ...options.pool.limits, threads: 1 });
    await parser.lock();
    return new QueryEngine(options, parser);
  }

  async close(): Promise<void> {
    await this.parser.close();
  }

  async query(request: QueryRequest): Promise<QueryResult> {
    const started = performance.now();
    const { sql, limit } = request;
    const maxLimit = request.maxLimit ?? MAX_QUERY_ROWS;
    if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit)
      throw new InvalidQueryError(`limit must be an integer from 1 to ${maxLimit}`);
    if (sql.trim() === '') throw new InvalidQueryError('the query is empty');
    if (sql.length > this.maxSqlLength) throw new InvalidQueryError(`the query is longer than ${this.maxSqlLength} characters`);
    const referenced = this.referencedDatasets(sql, request.datasets);

    const state: QueryState = { timedOut: false };
    let timer: NodeJS.Timeout | undefined;
    let watchdog: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        state.timedOut = true;
        // An interrupt that lands between two statements (creating the views, preparing) is
        // lost when the next one starts, so keep interrupting until the work has stopped.
        state.sandbox?.connection.interrupt();
        watchdog = setInterval(() => state.sandbox?.connection.interrupt(), 50);
        reject(new QueryTimeoutError(this.timeoutMs));
      }, this.timeoutMs);
    });
    const running = this.pool.run((open) => this.execute(open, sql, limit, referenced, state));
    // Settles after the deadline when the deadline answered first; nothing more to report then.
    running.catch(() => undefined).finally(() => clearInterval(watchdog));
    try {
      const result = await Promise.race([running, deadline]);
      return { ...result, elapsedMs: Math.round(performance.now() - started) };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The datasets the SQL names, without running it (what a query's result depends on); 400
   * invalid_query when it cannot be parsed.
   */
  datasetsNamedBy<T extends { readonly name: string }>(sql: string, datasets: readonly T[]): T[] {
    return this.referencedDatasets(sql, datasets);
  }

  /** The datasets the SQL names (DuckDB's parser, case-insensitively as DuckDB resolves names). */
  private referencedDatasets<T extends { readonly name: string }>(sql: string, datasets: readonly T[]): T[] {
    let names: readonly string[];
    try {
      names = this.parser.connection.getTableNames(sql, false);
    } catch (error) {
      throw new InvalidQueryError(isEngineError(error) ? cleanEngineMessage(error.message) : 'the query cannot be parsed');
    }
    const referenced = new Map<string, T>();
    for (const name of names) {
      const matches = datasets.filter((dataset) => dataset.name.toLowerCase() === name.toLowerCase());
      if (matches.length > 1) throw new InvalidQueryError(`"${name}" names more than one dataset (names differ only by case): rename one`);
      if (matches.length === 1) referenced.set(matches[0]!.name, matches[0]!);
    }
    return [...referenced.values()];
  }

  private async execute(
    open: (files: readonly string[]) => Promise<Sandbox>,
    sql: string,
    limit: number,
    datasets: readonly QueryableDataset[],
    state: QueryState,
  ): Promise<Omit<QueryResult, 'elapsedMs'>> {
    const stopIfTimedOut = () => {
      if (state.timedOut) throw new QueryTimeoutError(this.timeoutMs);
    };
    stopIfTimedOut();
    const files: LocalFile[] = [];
    const pathNames = new Map<string, string>();
    try {
      for (const dataset of datasets) {
        const file = await dataset.openFile();
        files.push(file);
        pathNames.set(file.path, dataset.name);
      }
      if (state.timedOut) throw new QueryTimeoutError(this.timeoutMs);
      const sandbox = await open(files.map((file) => file.path));
      state.sandbox = sandbox;
      const { connection } = sandbox;
      for (const [index, dataset] of datasets.entries()) {
        await connection.run(
          `CREATE VIEW ${quoteIdentifier(dataset.name)} AS SELECT * FROM ${readFunctionSql(files[index]!.path, dataset.readSpec)}`,
        );
      }
      await sandbox.lock();
      const statements = await connection.extractStatements(sql);
      if (statements.count !== 1) throw new InvalidQueryError(`exactly one statement is allowed; this query has ${statements.count}`);
      const prepared = await statements.prepare(0);
      if (prepared.statementType !== StatementType.SELECT) {
        throw new InvalidQueryError('only a SELECT statement (or WITH ... SELECT) is allowed: the data is read-only');
      }
      const reader = await prepared.streamAndReadUntil(limit + 1);
      const types = reader.columnTypes();
      const rows = reader.getRows();
      const truncated = rows.length > limit;
      const kept = truncated ? rows.slice(0, limit) : rows;
      return {
        columns: reader.columnNames().map((name, index) => ({ name, type: columnTypeOf(types[index]!) })),
        rows: jsonRows(kept, types),
        rowCount: kept.length,
        truncated,
      };
    } catch (error) {
      if (state.timedOut) throw new QueryTimeoutError(this.timeoutMs);
      if (error instanceof DataError || !isEngineError(error)) throw error;
      throw new InvalidQueryError(cleanEngineMessage(error.message, pathNames));
    } finally {
      state.sandbox = undefined; // the pool closes it next: no more interrupts on it
      for (const file of files) file.release();
    }
  }
}
