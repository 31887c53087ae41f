import * as path from 'node:path';
import { assertObjectKey } from './object-storage';

export type StorageLocation =
  { readonly kind: 'file'; readonly dir: string } | { readonly kind: 's3'; readonly bucket: string; readonly prefix: string };

export interface StorageConfig {
  readonly location: StorageLocation;
  /** Local copies of S3 objects for the query engine (an emptyDir with a size limit in the cluster). */
  readonly cacheDir: string;
  /** @default 4 GiB */
  readonly cacheMaxBytes: number;
  /** S3-compatible endpoint instead of AWS (tests, MinIO). @default undefined (AWS) */
  readonly s3Endpoint: string | undefined;
  /** Path-style bucket addressing, which most S3-compatible servers need. @default false */
  readonly s3ForcePathStyle: boolean;
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * Parses STORAGE_URL: `file:<dir>` (relative to the working directory, or `file:///abs`) or
 * `s3://bucket[/prefix]`. Throws naming the value and what is allowed.
 */
export function parseStorageUrl(url: string): StorageLocation {
  if (url.startsWith('file:')) {
    const rest = url.slice('file:'.length);
    const dir = rest.startsWith('//') ? rest.slice(2) : rest;
    if (dir === '') throw new Error(`STORAGE_URL="${url}" is invalid: file: needs a directory, e.g. file:./data/objects`);
    return { kind: 'file', dir: path.resolve(dir) };
  }
  if (url.startsWith('s3://')) {
    const rest = url.slice('s3://'.length).replace(/\/+$/, '');
    const slash = rest.indexOf('/');
    const bucket = slash === -1 ? rest : rest.slice(0, slash);
    const prefix = slash === -1 ? '' : rest.slice(slash + 1);
    if (!BUCKET_NAME.test(bucket)) throw new Error(`STORAGE_URL="${url}" is invalid: "${bucket}" is not an S3 bucket name`);
    if (prefix !== '') {
      try {
        assertObjectKey(prefix);
      } catch {
        throw new Error(
          `STORAGE_URL="${url}" is invalid: the prefix "${prefix}" must be '/'-separated segments of letters, digits and ._=-`,
        );
      }
    }
    return { kind: 's3', bucket, prefix };
  }
  throw new Error(`STORAGE_URL="${url}" is invalid: use file:<dir> or s3://bucket/prefix`);
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name}="${raw}" is invalid: expected a positive integer`);
  return value;
}

/**
 * Reads STORAGE_URL (default `file:<dataDir>/objects`), STORAGE_CACHE_DIR (default
 * `<dataDir>/cache`), STORAGE_CACHE_MAX_BYTES (default 4 GiB), S3_ENDPOINT and
 * S3_FORCE_PATH_STYLE. AWS credentials and region come from the SDK's default chain (Pod
 * Identity in the cluster), never from here.
 */
export function loadStorageConfig(env: NodeJS.ProcessEnv, dataDir: string): StorageConfig {
  const url = env.STORAGE_URL === undefined || env.STORAGE_URL === '' ? `file:${path.join(dataDir, 'objects')}` : env.STORAGE_URL;
  const endpoint = env.S3_ENDPOINT === undefined || env.S3_ENDPOINT === '' ? undefined : env.S3_ENDPOINT;
  if (endpoint !== undefined && !/^https?:\/\/[^/]+\/?$/.test(endpoint)) {
    throw new Error(`S3_ENDPOINT="${endpoint}" is invalid: expected http(s)://host[:port]`);
  }
  return {
    location: parseStorageUrl(url),
    cacheDir: path.resolve(
      env.STORAGE_CACHE_DIR === undefined || env.STORAGE_CACHE_DIR === '' ? path.join(dataDir, 'cache') : env.STORAGE_CACHE_DIR,
    ),
    cacheMaxBytes: positiveInt(env, 'STORAGE_CACHE_MAX_BYTES', 4 * 1024 ** 3),
    s3Endpoint: endpoint,
    s3ForcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
  };
}
