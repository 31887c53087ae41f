import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { SandboxPool } from '../../../../app/server/data-engine/sandbox-pool';

/** A temporary folder for dataset files and DuckDB spill directories, removed by `dispose`. */
export class DataWorkspace {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'data-engine-'));
  readonly pool = new SandboxPool({
    memoryLimitBytes: 256 * 1024 * 1024,
    threads: 2,
    tempRoot: path.join(this.dir, 'tmp'),
    maxTempBytes: 256 * 1024 * 1024,
    maxConcurrent: 2,
  });

  /** Writes a file (text or bytes) under the workspace and returns its path. */
  file(name: string, content: string | Buffer): string {
    const file = path.join(this.dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  }

  /** Writes a Parquet file from a SELECT, using an ordinary (not locked-down) DuckDB. */
  async parquet(name: string, select: string): Promise<string> {
    const file = path.join(this.dir, name);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`COPY (${select}) TO '${file}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    return file;
  }

  /** Spill directories left behind (there must be none once work has settled). */
  leftoverTempDirs(): string[] {
    const tmp = path.join(this.dir, 'tmp');
    return fs.existsSync(tmp) ? fs.readdirSync(tmp) : [];
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** `rows` lines of a CSV with a header, from a row function. */
export function csvLines(header: string, rows: number, row: (index: number) => string): string {
  const lines = [header];
  for (let i = 0; i < rows; i += 1) lines.push(row(i));
  return `${lines.join('\n')}\n`;
}
