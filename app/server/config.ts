import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dialectOf } from '../../schema/connection';
import { loadPlatformSettings, type PlatformSettings } from './platform/platform-settings';
import { loadRunsConfig, type RunsConfig } from './runs/runs-config';
import { loadStorageConfig, type StorageConfig } from './storage/storage-config';
import { parseTrustProxy, type TrustProxySetting } from './trust-proxy';

/** scrypt cost parameters; see services/password-hasher.ts for the reasoning. */
export interface PasswordHashingConfig {
  /** CPU/memory cost N (a power of two). */
  readonly cost: number;
  /** Block size r. */
  readonly blockSize: number;
  /** Parallelization p. */
  readonly parallelization: number;
}

export interface AppConfig {
  readonly nodeEnv: string;
  /** @default 3000 */
  readonly port: number;
  /** @default '0.0.0.0' */
  readonly host: string;
  /** @default 'sqlite:<dataDir>/datavis.sqlite' */
  readonly databaseUrl: string;
  /** Where the SQLite file, the generated JWT secret and local runs live (absolute). @default `<cwd>/data` */
  readonly dataDir: string;
  /** MySQL pool size. @default 10 */
  readonly dbPoolSize: number;
  /** HS256 key for access tokens; undefined means "generate and keep one in dataDir". */
  readonly jwtSecret: string | undefined;
  readonly adminEmail: string | undefined;
  readonly adminPassword: string | undefined;
  /** Enables pub/sub fan-out across replicas and the read cache. @default undefined */
  readonly redisUrl: string | undefined;
  /** Prefix of every Redis key and channel, so environments can share one Redis. @default 'datavis:' */
  readonly redisKeyPrefix: string;
  /** @default 'info' */
  readonly logLevel: string;
  /**
   * Peers whose X-Forwarded-For / X-Forwarded-Proto are believed (TRUST_PROXY): see
   * trust-proxy.ts. The client address decides login throttling; the protocol, whether the
   * refresh cookie is Secure. @default false (only the socket counts)
   */
  readonly trustProxy: TrustProxySetting;
  /** Largest accepted request body. @default 262144 (256 KiB) */
  readonly bodyLimitBytes: number;
  /** @default 900 (15 minutes) */
  readonly accessTokenTtlSeconds: number;
  /** @default 1209600 (14 days) */
  readonly refreshTokenTtlSeconds: number;
  /** Failed logins allowed per account and per client address within the window. @default 5 */
  readonly loginMaxFailures: number;
  /** @default 900 */
  readonly loginWindowSeconds: number;
  /** Close a WebSocket whose unsent data exceeds this. @default 1048576 (1 MiB) */
  readonly wsMaxBufferedBytes: number;
  /**
   * Longest a replica trusts its in-process copy of an authenticated user (role, disabled)
   * without hearing of a change; see services/principal-cache.ts. 0 reads the user from the
   * database on every request. @default 5
   */
  readonly authCacheSeconds: number;
  /**
   * Longest a replica serves a read from its own memory without hearing of a write; see
   * services/memory-read-cache.ts. 0 turns the memory copy off. @default 5
   */
  readonly readCacheMemorySeconds: number;
  /** Most memory that copy may take, in MiB. @default 32 */
  readonly readCacheMemoryMb: number;
  readonly passwordHashing: PasswordHashingConfig;
  /** Where dataset versions, project files and run outputs are stored (STORAGE_URL and its cache). */
  readonly storage: StorageConfig;
  /** Largest accepted upload (datasets, project files are capped lower). @default 1073741824 (1 GiB) */
  readonly maxUploadBytes: number;
  /** Longest an interactive query (or chart computation) may take. @default 30000 */
  readonly queryTimeoutMs: number;
  /** DuckDB memory limit per query sandbox, in MiB. @default 512 */
  readonly queryMemoryMb: number;
  /** DuckDB threads per query sandbox. @default 2 */
  readonly queryThreads: number;
  /** Query sandboxes running at once; further queries wait (up to 32), then answer 503. @default 2 */
  readonly queryMaxConcurrent: number;
  /**
   * Port of the Prometheus /metrics listener, separate from the API's so the load balancer
   * never reaches it; 0 picks a free port. @default 9464
   */
  readonly metricsPort: number;
  /** Where the server runs, for the operators' pages and the platform metrics. */
  readonly platform: PlatformSettings;
  /** Where and how notebook and Spark runs execute (RUNS_BACKEND, RUNS_MAX_CONCURRENT, ...). */
  readonly runs: RunsConfig;
}

export const DEFAULT_PASSWORD_HASHING: PasswordHashingConfig = { cost: 2 ** 16, blockSize: 8, parallelization: 1 };

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name}="${raw}" is invalid: expected an integer from ${min} to ${max}`);
  }
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** Reads the start-up settings from the environment and validates them early. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = env.NODE_ENV ?? 'development';
  // Absolute from here on: notebook runs work in a directory of their own, and every path
  // under the data dir handed to them must still lead to their files.
  const dataDir = path.resolve(nonEmpty(env.DATA_DIR) ?? './data');
  const databaseUrl = nonEmpty(env.DATABASE_URL) ?? `sqlite:${path.join(dataDir, 'datavis.sqlite')}`;
  dialectOf(databaseUrl);
  const jwtSecret = nonEmpty(env.JWT_SECRET);
  if (jwtSecret === undefined && nodeEnv === 'production') {
    throw new Error('JWT_SECRET is required when NODE_ENV=production: set it to at least 32 random characters shared by every replica');
  }
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    throw new Error(`JWT_SECRET is too short (${jwtSecret.length} characters): use at least 32 random characters`);
  }
  const adminPassword = nonEmpty(env.ADMIN_PASSWORD);
  if (adminPassword !== undefined && adminPassword.length < 12) {
    throw new Error('ADMIN_PASSWORD is too short: use at least 12 characters');
  }
  const port = intFromEnv(env, 'PORT', 3000, 0, 65535);
  const metricsPort = intFromEnv(env, 'METRICS_PORT', 9464, 0, 65535);
  if (metricsPort !== 0 && metricsPort === port) {
    throw new Error(`METRICS_PORT=${metricsPort} is the API's PORT: the metrics listener needs a port of its own`);
  }
  return {
    nodeEnv,
    port,
    host: nonEmpty(env.HOST) ?? '0.0.0.0',
    databaseUrl,
    dataDir,
    dbPoolSize: intFromEnv(env, 'DB_POOL_SIZE', 10, 1, 1000),
    jwtSecret,
    adminEmail: nonEmpty(env.ADMIN_EMAIL)?.toLowerCase(),
    adminPassword,
    redisUrl: nonEmpty(env.REDIS_URL),
    redisKeyPrefix: nonEmpty(env.REDIS_KEY_PREFIX) ?? 'datavis:',
    logLevel: nonEmpty(env.LOG_LEVEL) ?? 'info',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    bodyLimitBytes: intFromEnv(env, 'BODY_LIMIT_BYTES', 256 * 1024, 1024, 64 * 1024 * 1024),
    accessTokenTtlSeconds: intFromEnv(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 30, 86400),
    refreshTokenTtlSeconds: intFromEnv(env, 'REFRESH_TOKEN_TTL_SECONDS', 14 * 86400, 60, 365 * 86400),
    loginMaxFailures: intFromEnv(env, 'LOGIN_MAX_FAILURES', 5, 1, 1000),
    loginWindowSeconds: intFromEnv(env, 'LOGIN_WINDOW_SECONDS', 900, 1, 86400),
    wsMaxBufferedBytes: intFromEnv(env, 'WS_MAX_BUFFERED_BYTES', 1024 * 1024, 1024, 256 * 1024 * 1024),
    authCacheSeconds: intFromEnv(env, 'AUTH_CACHE_SECONDS', 5, 0, 300),
    readCacheMemorySeconds: intFromEnv(env, 'READ_CACHE_MEMORY_SECONDS', 5, 0, 300),
    readCacheMemoryMb: intFromEnv(env, 'READ_CACHE_MEMORY_MB', 32, 1, 4096),
    passwordHashing: DEFAULT_PASSWORD_HASHING,
    storage: loadStorageConfig(env, dataDir),
    maxUploadBytes: intFromEnv(env, 'MAX_UPLOAD_BYTES', 1024 ** 3, 1024, 5 * 1024 ** 3),
    queryTimeoutMs: intFromEnv(env, 'QUERY_TIMEOUT_MS', 30_000, 100, 600_000),
    queryMemoryMb: intFromEnv(env, 'QUERY_MEMORY_MB', 512, 64, 64 * 1024),
    queryThreads: intFromEnv(env, 'QUERY_THREADS', 2, 1, 64),
    queryMaxConcurrent: intFromEnv(env, 'QUERY_MAX_CONCURRENT', 2, 1, 64),
    metricsPort,
    platform: loadPlatformSettings(env),
    runs: loadRunsConfig(env),
  };
}

/**
 * The JWT signing key: JWT_SECRET when set, otherwise a random key generated once and kept in
 * `<dataDir>/jwt-secret` (mode 0600) so tokens survive restarts of a local instance.
 */
export function resolveJwtSecret(config: AppConfig): string {
  if (config.jwtSecret !== undefined) return config.jwtSecret;
  if (config.nodeEnv === 'production') {
    throw new Error('JWT_SECRET is required when NODE_ENV=production');
  }
  const file = path.join(config.dataDir, 'jwt-secret');
  if (fs.existsSync(file)) {
    const stored = fs.readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return stored;
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
