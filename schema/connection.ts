import * as fs from 'node:fs';
import * as path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, MysqlDialect, SqliteDialect } from 'kysely';
import { createPool, type PoolOptions } from 'mysql2';
import type { Database } from './database';

export type DialectName = 'mysql' | 'sqlite';

export interface DatabaseConnectionProps {
  /**
   * `sqlite:<file>` (or `sqlite::memory:`) for the embedded database, or
   * `mysql://user:pass@host:port/db` for MySQL/MariaDB. Query parameters on the MySQL URL:
   * `ssl=true` requires TLS, `sslCa=<file>` names the CA bundle (e.g. the RDS one).
   */
  readonly url: string;
  /**
   * Most connections the MySQL pool opens (ignored for SQLite, which has one).
   * @default 10
   */
  readonly poolSize?: number;
  /**
   * How long opening a MySQL connection may take before the request fails with 503.
   * @default 5000
   */
  readonly connectTimeoutMs?: number;
}

export interface DatabaseConnection {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** Closes the pool (MySQL) or the file (SQLite). */
  destroy(): Promise<void>;
}

export function dialectOf(url: string): DialectName {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (url.startsWith('mysql://')) return 'mysql';
  throw new Error(`DATABASE_URL "${redactUrl(url)}" is not supported: use sqlite:<file> or mysql://user:pass@host:port/db`);
}

/** The URL with its password replaced, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
}

export function sqliteFileOf(url: string): string {
  const rest = url.slice('sqlite:'.length);
  return rest.startsWith('//') ? rest.slice(2) : rest;
}

export function mysqlPoolOptions(url: string, poolSize: number, connectTimeoutMs: number): PoolOptions {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database) throw new Error(`DATABASE_URL "${redactUrl(url)}" names no database: add /<database> after the host`);
  const sslCa = parsed.searchParams.get('sslCa');
  const ssl = parsed.searchParams.get('ssl') === 'true' || sslCa !== null;
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database,
    connectionLimit: poolSize,
    maxIdle: poolSize,
    connectTimeout: connectTimeoutMs,
    waitForConnections: true,
    // Bounded so a database outage fails requests quickly instead of queueing forever.
    queueLimit: poolSize * 50,
    enableKeepAlive: true,
    charset: 'UTF8MB4_UNICODE_CI',
    // Timestamps travel as UTC text, exactly as SQLite stores them.
    dateStrings: true,
    timezone: 'Z',
    supportBigNumbers: true,
    // Kysely sends text queries, never prepared statements; mysql2 would otherwise reserve a
    // 16,000-slot statement cache in every pooled connection (about 0.5 MB each).
    maxPreparedStatements: 32,
    ...(ssl ? { ssl: sslCa ? { ca: fs.readFileSync(sslCa, 'utf8'), rejectUnauthorized: true } : { rejectUnauthorized: true } } : {}),
  };
}

export function createDatabaseConnection(props: DatabaseConnectionProps): DatabaseConnection {
  const dialect = dialectOf(props.url);
  if (dialect === 'sqlite') {
    const file = sqliteFileOf(props.url);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const sqlite = new SqliteDatabase(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    return { db, dialect, destroy: () => db.destroy() };
  }
  const pool = createPool(mysqlPoolOptions(props.url, props.poolSize ?? 10, props.connectTimeoutMs ?? 5000));
  const db = new Kysely<Database>({ dialect: new MysqlDialect({ pool }) });
  return { db, dialect, destroy: () => db.destroy() };
}
