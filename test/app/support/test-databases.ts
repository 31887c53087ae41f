import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { DialectName } from '../../../schema/connection';

/** Both databases the suite runs against. */
export const DIALECTS: readonly DialectName[] = ['sqlite', 'mysql'];

/** Server URL without a database; the throwaway test account may create datavis_test* databases. */
export const TEST_MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://datavis_test:datavis_test@127.0.0.1:3306/';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestDatabase {
  readonly dialect: DialectName;
  readonly url: string;
  /** For MySQL: the server part, to open side connections (e.g. a proxy in front of it). */
  readonly host: string;
  readonly port: number;
  readonly name: string;
  drop(): Promise<void>;
}

function mysqlServer(): URL {
  return new URL(TEST_MYSQL_URL);
}

/** A fresh, empty database of its own for one test file. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  const name = `datavis_test_${randomBytes(6).toString('hex')}`;
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datavis-test-'));
    return {
      dialect,
      url: `sqlite:${path.join(dir, `${name}.sqlite`)}`,
      host: '',
      port: 0,
      name,
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const server = mysqlServer();
  const admin = () =>
    createConnection({
      host: server.hostname,
      port: Number(server.port || 3306),
      user: decodeURIComponent(server.username),
      password: decodeURIComponent(server.password),
    });
  const conn = await admin();
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  await conn.end();
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  return {
    dialect,
    url: url.toString(),
    host: server.hostname,
    port: Number(server.port || 3306),
    name,
    drop: async () => {
      const c = await admin();
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}
