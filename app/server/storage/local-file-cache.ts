import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { LRUCache } from 'lru-cache';
import type { LocalFile } from './object-storage';
import { LocalCacheTooSmallError, StorageError, StorageUnavailableError } from './storage-errors';

export interface LocalFileCacheOptions {
  /** A directory only this process uses (a pod's emptyDir); emptied by `init()`. */
  readonly dir: string;
  /** Largest total size of cached files; least recently used files are evicted past it. */
  readonly maxBytes: number;
}

interface Entry {
  readonly path: string;
  readonly sizeBytes: number;
  leases: number;
  evicted: boolean;
}

/**
 * A bounded local copy of remote objects, so DuckDB can read S3 datasets as local files.
 * Objects are immutable under their key (a dataset version's key names its version), so a
 * cached file is never stale and a new version is a new key. Least recently used files are
 * evicted once the total passes `maxBytes`; a file being read (leased) is deleted only when
 * its last reader releases it, so the directory can briefly hold more than `maxBytes` by the
 * size of files in use. Concurrent requests for the same key share one download.
 */
export class LocalFileCache {
  readonly dir: string;
  readonly maxBytes: number;
  /** Where an S3 upload keeps its local copy for inspection; same file system, so adopt() is a rename. */
  readonly spoolDir: string;
  private readonly entries: LRUCache<string, Entry>;
  private readonly inflight = new Map<string, Promise<Entry>>();

  constructor(options: LocalFileCacheOptions) {
    if (!Number.isSafeInteger(options.maxBytes) || options.maxBytes < 1) {
      throw new Error(`the local data cache size must be a positive integer of bytes, got ${options.maxBytes}`);
    }
    this.dir = path.resolve(options.dir);
    this.maxBytes = options.maxBytes;
    this.spoolDir = path.join(this.dir, '.spool');
    this.entries = new LRUCache<string, Entry>({
      maxSize: options.maxBytes,
      sizeCalculation: (entry) => Math.max(1, entry.sizeBytes),
      dispose: (entry) => {
        entry.evicted = true;
        if (entry.leases === 0) void removeQuietly(entry.path);
      },
    });
  }

  /** Empties the directory (what a previous process left is unaccounted for) and creates it. */
  async init(): Promise<void> {
    await fs.rm(this.dir, { recursive: true, force: true });
    await fs.mkdir(this.spoolDir, { recursive: true, mode: 0o700 });
  }

  /** Bytes of the files the cache currently accounts for. */
  get usedBytes(): number {
    return this.entries.calculatedSize;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /**
   * Leases the local copy of `key`, calling `download(destination)` on a miss (once for all
   * concurrent callers). `download` writes the whole object to `destination` and returns its
   * size; it should throw LocalCacheTooSmallError (see `assertFits`) as soon as it knows the
   * object is too large.
   */
  async acquire(key: string, download: (destination: string) => Promise<number>): Promise<LocalFile> {
    for (;;) {
      const entry = this.entries.get(key) ?? (await this.fill(key, download));
      // The entry may have been evicted by another fill between its insertion and now.
      if (!entry.evicted) return this.lease(entry);
    }
  }

  /** Moves `file` (same file system) into the cache as the copy of `key`. */
  async adopt(key: string, file: string, sizeBytes: number): Promise<void> {
    if (sizeBytes > this.maxBytes || this.entries.has(key)) {
      await removeQuietly(file);
      return;
    }
    const target = this.pathFor(key);
    await fs.rename(file, target);
    this.entries.set(key, { path: target, sizeBytes, leases: 0, evicted: false });
  }

  /** Drops the copy of `key` (its object was deleted). */
  forget(key: string): void {
    this.entries.delete(key);
  }

  assertFits(sizeBytes: number): void {
    if (sizeBytes > this.maxBytes) throw new LocalCacheTooSmallError(sizeBytes, this.maxBytes);
  }

  private fill(key: string, download: (destination: string) => Promise<number>): Promise<Entry> {
    let pending = this.inflight.get(key);
    if (pending === undefined) {
      pending = this.download(key, download).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  private async download(key: string, download: (destination: string) => Promise<number>): Promise<Entry> {
    const partial = path.join(this.dir, `.download-${randomUUID()}`);
    try {
      const sizeBytes = await download(partial);
      this.assertFits(sizeBytes);
      const target = this.pathFor(key);
      await fs.rename(partial, target);
      const entry: Entry = { path: target, sizeBytes, leases: 0, evicted: false };
      this.entries.set(key, entry);
      return entry;
    } catch (error) {
      await removeQuietly(partial);
      if (error instanceof StorageError) throw error;
      throw new StorageUnavailableError('cache download', error);
    }
  }

  private lease(entry: Entry): LocalFile {
    entry.leases += 1;
    let released = false;
    return {
      path: entry.path,
      sizeBytes: entry.sizeBytes,
      release: () => {
        if (released) return;
        released = true;
        entry.leases -= 1;
        if (entry.evicted && entry.leases === 0) void removeQuietly(entry.path);
      },
    };
  }

  /** Cached files are named by a hash of the key, keeping its extension for readability. */
  private pathFor(key: string): string {
    const extension = path.extname(key).replace(/[^A-Za-z0-9.]/g, '');
    return path.join(this.dir, createHash('sha256').update(key).digest('hex') + extension);
  }
}

async function removeQuietly(file: string): Promise<void> {
  await fs.rm(file, { force: true }).catch(() => undefined);
}
