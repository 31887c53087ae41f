import * as fs from 'node:fs/promises';
import { S3Client } from '@aws-sdk/client-s3';
import { FileObjectStorage } from './file-object-storage';
import { LocalFileCache } from './local-file-cache';
import type { ObjectStorage } from './object-storage';
import { S3ObjectStorage } from './s3-object-storage';
import type { StorageConfig } from './storage-config';
import { StorageUnavailableError } from './storage-errors';

export interface CreateObjectStorageOverrides {
  /** Use this client instead of one built from the config (tests with a custom credential). */
  readonly s3Client?: S3Client;
}

/**
 * The S3 client: bounded connect and socket-idle timeouts so an unreachable store fails fast
 * (a 503) instead of holding requests, and the SDK's standard retry of 3 attempts.
 */
export function createS3Client(config: StorageConfig): S3Client {
  return new S3Client({
    endpoint: config.s3Endpoint,
    forcePathStyle: config.s3ForcePathStyle,
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
  });
}

/**
 * Builds the storage STORAGE_URL names and prepares it: creates the `file:` directory, or
 * empties the local cache for S3. Staged objects left by a previous process are swept by the
 * caller (`sweepStaging`) once it knows no other replica may still be writing them.
 */
export async function createObjectStorage(config: StorageConfig, overrides: CreateObjectStorageOverrides = {}): Promise<ObjectStorage> {
  if (config.location.kind === 'file') {
    const storage = new FileObjectStorage(config.location.dir);
    try {
      await fs.mkdir(storage.root, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw new StorageUnavailableError('create the storage directory', error);
    }
    return storage;
  }
  const cache = new LocalFileCache({ dir: config.cacheDir, maxBytes: config.cacheMaxBytes });
  await cache.init();
  return new S3ObjectStorage({
    client: overrides.s3Client ?? createS3Client(config),
    bucket: config.location.bucket,
    prefix: config.location.prefix,
    cache,
  });
}
