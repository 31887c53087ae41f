import * as fs from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { columnTypeOf, type DatasetColumn } from './column-types';
import { detectCsvReadSpec } from './csv-dialect';
import { datasetReadError, InvalidDatasetError } from './data-errors';
import { readFunctionSql, type DatasetFormat, type DatasetReadSpec } from './dataset-read-spec';
import { profileRelation, type DatasetProfile } from './dataset-profile';
import { jsonRows, type JsonValue } from './json-values';
import type { SandboxPool } from './sandbox-pool';
import { quoteIdentifier, quoteLiteral } from './sql-text';

/** A stored dataset file and how to read it (from its inspection at upload). */
export interface DatasetFileRef {
  readonly path: string;
  readonly readSpec: DatasetReadSpec;
}

export interface DatasetInspection {
  readonly readSpec: DatasetReadSpec;
  readonly columns: DatasetColumn[];
  readonly rowCount: number;
  /** With `profile: true`: the profile, computed from the same single read of the file. */
  readonly profile?: DatasetProfile;
}

export interface DatasetPreview {
  readonly columns: DatasetColumn[];
  /** One array per row, values in column order, JSON-safe (see column-types.ts). */
  readonly rows: JsonValue[][];
}

const HEAD_BYTES = 64 * 1024;
const PARQUET_MAGIC = Buffer.from('PAR1');
const NAMES = { csv: 'CSV', json: 'JSON', parquet: 'Parquet' } as const;

async function readHead(path: string): Promise<{ head: Buffer; size: number }> {
  const handle = await fs.open(path, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(HEAD_BYTES, size));
    await handle.read(buffer, 0, buffer.length, 0);
    return { head: buffer, size };
  } finally {
    await handle.close();
  }
}

/**
 * Refuses, before DuckDB reads anything, what is plainly not the declared format: an empty
 * file, Parquet declared as text or text declared as Parquet, binary bytes declared as text,
 * JSON declared as CSV, and JSON that is not objects.
 */
function checkDeclaredFormat(format: DatasetFormat, head: Buffer, size: number): void {
  if (size === 0) throw new InvalidDatasetError('the file is empty');
  const isParquet = head.subarray(0, 4).equals(PARQUET_MAGIC);
  if (format === 'parquet') {
    if (!isParquet) throw new InvalidDatasetError('the file is not Parquet: it does not start with the PAR1 magic bytes');
    return;
  }
  if (isParquet) throw new InvalidDatasetError(`the file is Parquet, not ${NAMES[format]}`);
  if (head.includes(0)) throw new InvalidDatasetError(`the file is binary, not ${NAMES[format]} text`);
  const first = head.toString('utf8').trimStart()[0];
  if (first === undefined) throw new InvalidDatasetError('the file has no data: only blank space');
  if (format === 'csv' && (first === '{' || first === '[')) {
    throw new InvalidDatasetError(`the file looks like JSON, not CSV: it starts with "${first}"`);
  }
  if (format === 'json' && first !== '{' && first !== '[') {
    throw new InvalidDatasetError('not a JSON dataset: expected an array of objects or one object per line, starting with "[" or "{"');
  }
}

async function jsonReadSpec(connection: DuckDBConnection, path: string, names: ReadonlyMap<string, string>): Promise<DatasetReadSpec> {
  try {
    const reader = await connection.runAndReadAll(
      `DESCRIBE SELECT * FROM read_json(${quoteLiteral(path)}, format = 'auto', records = true, sample_size = -1)`,
    );
    return { format: 'json', columns: reader.getRowsJS().map((row) => ({ name: String(row[0]), duckdbType: String(row[1]) })) };
  } catch (error) {
    const invalid = datasetReadError('json', error, names);
    if (/non-record JSON/.test(invalid.message)) throw new InvalidDatasetError('not a JSON dataset: every row must be a JSON object');
    throw invalid;
  }
}

/**
 * Inspects an uploaded file in a locked-down DuckDB that can read only that file: settles how
 * to read it (`readSpec`, stored with the version), its typed columns and row count. Every
 * row and every value is read once with the strict options, so a file that inspects cleanly
 * will read cleanly later; anything unreadable is an InvalidDatasetError saying what (and for
 * CSV, on which line).
 */
export async function inspectDataset(
  pool: SandboxPool,
  path: string,
  format: DatasetFormat,
  options: { readonly profile?: boolean } = {},
): Promise<DatasetInspection> {
  const { head, size } = await readHead(path);
  checkDeclaredFormat(format, head, size);
  const names = new Map([[path, 'the file']]);
  return pool.run(async (open) => {
    const { connection } = await open([path]);
    const readSpec =
      format === 'csv'
        ? await detectCsvReadSpec(connection, path, head)
        : format === 'json'
          ? await jsonReadSpec(connection, path, names)
          : ({ format: 'parquet' } as const);
    const relation = options.profile === true ? 'dataset' : `(SELECT * FROM ${readFunctionSql(path, readSpec)})`;
    try {
      if (options.profile === true) await connection.run(`CREATE TEMP TABLE dataset AS SELECT * FROM ${readFunctionSql(path, readSpec)}`);
      const shape = await connection.runAndReadAll(`SELECT * FROM ${relation} LIMIT 0`);
      const types = shape.columnTypes();
      const columns = shape.columnNames().map((name, index) => ({ name, type: columnTypeOf(types[index]!) }));
      // count(column) for every column makes DuckDB convert every value, not just split rows.
      const counts = columns.map((column) => `count(${quoteIdentifier(column.name)})`);
      const counted = await connection.runAndReadAll(`SELECT ${['count(*)', ...counts].join(', ')} FROM ${relation}`);
      const rowCount = Number(counted.getRowsJS()[0]![0]);
      const profile = options.profile === true ? await profileRelation(connection, 'dataset', columns, rowCount) : undefined;
      return { readSpec, columns, rowCount, ...(profile === undefined ? {} : { profile }) };
    } catch (error) {
      if (error instanceof InvalidDatasetError) throw error;
      throw datasetReadError(format, error, names);
    }
  });
}

/** The first `limit` rows of a stored dataset file, JSON-safe, columns in file order. */
export async function previewDataset(pool: SandboxPool, file: DatasetFileRef, limit: number): Promise<DatasetPreview> {
  if (!Number.isInteger(limit) || limit < 0) throw new Error(`limit must be a non-negative integer, got ${limit}`);
  return pool.run(async (open) => {
    const { connection, lock } = await open([file.path]);
    await lock();
    const reader = await connection.runAndReadAll(`SELECT * FROM ${readFunctionSql(file.path, file.readSpec)} LIMIT ${limit}`);
    const types = reader.columnTypes();
    return {
      columns: reader.columnNames().map((name, index) => ({ name, type: columnTypeOf(types[index]!) })),
      rows: jsonRows(reader.getRows(), types),
    };
  });
}

/** The per-column profile of a stored dataset file (the file is read once into memory). */
export async function profileDataset(pool: SandboxPool, file: DatasetFileRef): Promise<DatasetProfile> {
  return pool.run(async (open) => {
    const { connection } = await open([file.path]);
    await connection.run(`CREATE TEMP TABLE dataset AS SELECT * FROM ${readFunctionSql(file.path, file.readSpec)}`);
    const shape = await connection.runAndReadAll('SELECT * FROM dataset LIMIT 0');
    const types = shape.columnTypes();
    const columns = shape.columnNames().map((name, index) => ({ name, type: columnTypeOf(types[index]!) }));
    const counted = await connection.runAndReadAll('SELECT count(*) FROM dataset');
    return profileRelation(connection, 'dataset', columns, Number(counted.getRowsJS()[0]![0]));
  });
}
