import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { closed } from './file-object-storage';
import type { LocalFileCache } from './local-file-cache';
import { meteredCopy } from './metered-copy';
import {
  assertObjectKey,
  assertObjectPrefix,
  type LocalFile,
  type ObjectInfo,
  type ObjectStorage,
  type StageOptions,
  type StagedObject,
  type StoredObject,
} from './object-storage';
import { ObjectNotFoundError, StorageUnavailableError } from './storage-errors';

/** CopyObject copies at most 5 GiB in one request; larger objects would need a multipart copy. */
export const S3_MAX_OBJECT_BYTES = 5 * 1024 ** 3;

export interface S3ObjectStorageOptions {
  readonly client: S3Client;
  readonly bucket: string;
  /** Key prefix inside the bucket, without a trailing '/'; '' for the bucket root. */
  readonly prefix: string;
  /** Local copies for DuckDB, and the spool an upload is inspected from. */
  readonly cache: LocalFileCache;
  /** Multipart part size. @default 8 MiB (S3's minimum is 5 MiB) */
  readonly partSizeBytes?: number;
  /** Parts uploaded at once; memory per upload is about partSizeBytes x (queueSize + 1). @default 2 */
  readonly queueSize?: number;
}

function isMissing(error: unknown): boolean {
  const candidate = error as { name?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  return candidate?.name === 'NoSuchKey' || candidate?.name === 'NotFound' || candidate?.$metadata?.httpStatusCode === 404;
}

/**
 * Objects in an S3 bucket under a prefix (`s3://bucket/prefix`, the AWS setting). Uploads
 * stream through lib-storage's multipart Upload to `<prefix>/.staging/`, and at the same time
 * into a local spool file the caller inspects; commit is a server-side CopyObject to the key
 * and a delete of the staged object, after which the spool becomes the key's cached copy.
 * Every S3 failure other than "no such key" is a StorageUnavailableError.
 */
export class S3ObjectStorage implements ObjectStorage {
  readonly location: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly base: string;
  private readonly cache: LocalFileCache;
  private readonly partSize: number;
  private readonly queueSize: number;

  constructor(options: S3ObjectStorageOptions) {
    if (options.prefix !== '') assertObjectKey(options.prefix);
    this.client = options.client;
    this.bucket = options.bucket;
    this.base = options.prefix === '' ? '' : `${options.prefix}/`;
    this.cache = options.cache;
    this.partSize = options.partSizeBytes ?? 8 * 1024 * 1024;
    this.queueSize = options.queueSize ?? 2;
    this.location = `s3://${this.bucket}/${options.prefix}`;
  }

  private fullKey(key: string): string {
    assertObjectKey(key);
    return this.base + key;
  }

  async stage(source: Readable, options: StageOptions): Promise<StagedObject> {
    const maxBytes = Math.min(options.maxBytes, S3_MAX_OBJECT_BYTES);
    const id = `${Date.now()}-${randomUUID()}`;
    const stagingKey = `${this.base}.staging/${id}`;
    const spoolPath = path.join(this.cache.spoolDir, id);
    const spool = createWriteStream(spoolPath, { flags: 'wx', mode: 0o600 });
    const body = new PassThrough();
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: stagingKey, Body: body },
      partSize: this.partSize,
      queueSize: this.queueSize,
      leavePartsOnError: false,
    });
    const uploaded = upload.done();
    try {
      const { sizeBytes, sha256 } = await meteredCopy(source, maxBytes, [spool, body], [uploaded]);
      return new S3StagedObject(this, stagingKey, spoolPath, sizeBytes, sha256);
    } catch (error) {
      // The body failed, so the upload fails too; once it has settled it has sent
      // AbortMultipartUpload for the parts already stored (lib-storage, leavePartsOnError false).
      await uploaded.catch(() => undefined);
      await this.deleteFull(stagingKey).catch(() => undefined);
      await closed(spool);
      await fs.rm(spoolPath, { force: true }).catch(() => undefined);
      throw error;
    }
  }

  async get(key: string): Promise<StoredObject> {
    const fullKey = this.fullKey(key);
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: fullKey }));
      return { body: response.Body as Readable, sizeBytes: response.ContentLength ?? 0 };
    } catch (error) {
      if (isMissing(error)) throw new ObjectNotFoundError(key);
      throw new StorageUnavailableError('read', error);
    }
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const fullKey = this.fullKey(key);
    try {
      const response = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: fullKey }));
      return { key, sizeBytes: response.ContentLength ?? 0, lastModified: response.LastModified ?? new Date(0) };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw new StorageUnavailableError('stat', error);
    }
  }

  async delete(key: string): Promise<void> {
    await this.deleteFull(this.fullKey(key));
    this.cache.forget(key);
  }

  async deletePrefix(prefix: string): Promise<number> {
    assertObjectPrefix(prefix);
    return this.deleteAllUnder(
      this.base + prefix,
      (key) => this.cache.forget(key.slice(this.base.length)),
      () => true,
    );
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    assertObjectPrefix(prefix);
    for await (const object of this.listFull(this.base + prefix)) {
      yield { ...object, key: object.key.slice(this.base.length) };
    }
  }

  async localFile(key: string): Promise<LocalFile> {
    const fullKey = this.fullKey(key);
    return this.cache.acquire(key, async (destination) => {
      let response;
      try {
        response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: fullKey }));
      } catch (error) {
        if (isMissing(error)) throw new ObjectNotFoundError(key);
        throw new StorageUnavailableError('read', error);
      }
      const body = response.Body as Readable;
      try {
        this.cache.assertFits(response.ContentLength ?? 0);
      } catch (error) {
        body.destroy();
        throw error;
      }
      try {
        await pipeline(body, createWriteStream(destination, { flags: 'wx', mode: 0o600 }));
      } catch (error) {
        throw new StorageUnavailableError('read', error);
      }
      return (await fs.stat(destination)).size;
    });
  }

  async sweepStaging(olderThanMs: number): Promise<number> {
    const cutoff = Date.now() - olderThanMs;
    return this.deleteAllUnder(
      `${this.base}.staging/`,
      () => undefined,
      (object) => object.lastModified.getTime() < cutoff,
    );
  }

  /** Server-side copy to the final key, then the staged object goes and the spool is cached. */
  async commitStaged(stagingKey: string, spoolPath: string, sizeBytes: number, key: string): Promise<void> {
    const fullKey = this.fullKey(key);
    try {
      await this.client.send(new CopyObjectCommand({ Bucket: this.bucket, Key: fullKey, CopySource: `${this.bucket}/${stagingKey}` }));
    } catch (error) {
      throw new StorageUnavailableError('commit', error);
    }
    // The object is final now; a staged copy left by an outage here is removed by sweepStaging.
    await this.deleteFull(stagingKey).catch(() => undefined);
    await this.cache.adopt(key, spoolPath, sizeBytes).catch(() => fs.rm(spoolPath, { force: true }).catch(() => undefined));
  }

  async deleteFull(fullKey: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: fullKey }));
    } catch (error) {
      if (!isMissing(error)) throw new StorageUnavailableError('delete', error);
    }
  }

  private async *listFull(fullPrefix: string): AsyncIterable<ObjectInfo> {
    let token: string | undefined;
    do {
      let page;
      try {
        page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: fullPrefix, ContinuationToken: token }));
      } catch (error) {
        throw new StorageUnavailableError('list', error);
      }
      for (const object of page.Contents ?? []) {
        if (object.Key === undefined) continue;
        yield { key: object.Key, sizeBytes: object.Size ?? 0, lastModified: object.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  /** Deletes, 1,000 keys per request (S3's batch limit), the objects under a full prefix that match. */
  private async deleteAllUnder(
    fullPrefix: string,
    onDeleted: (fullKey: string) => void,
    select: (object: ObjectInfo) => boolean,
  ): Promise<number> {
    let batch: string[] = [];
    let count = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      const keys = batch;
      batch = [];
      try {
        const response = await this.client.send(
          new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }),
        );
        if ((response.Errors ?? []).length > 0) throw new Error(response.Errors?.[0]?.Message ?? 'DeleteObjects failed');
      } catch (error) {
        throw new StorageUnavailableError('delete', error);
      }
      keys.forEach(onDeleted);
      count += keys.length;
    };
    for await (const object of this.listFull(fullPrefix)) {
      if (!select(object)) continue;
      batch.push(object.key);
      if (batch.length === 1000) await flush();
    }
    await flush();
    return count;
  }
}

class S3StagedObject implements StagedObject {
  private settled = false;

  constructor(
    private readonly storage: S3ObjectStorage,
    private readonly stagingKey: string,
    readonly localPath: string,
    readonly sizeBytes: number,
    readonly sha256: string,
  ) {}

  async commit(key: string): Promise<void> {
    if (this.settled) throw new Error('this staged object was already committed or discarded');
    await this.storage.commitStaged(this.stagingKey, this.localPath, this.sizeBytes, key);
    this.settled = true;
  }

  async discard(): Promise<void> {
    this.settled = true;
    await fs.rm(this.localPath, { force: true }).catch(() => undefined);
    await this.storage.deleteFull(this.stagingKey).catch(() => undefined);
  }
}
