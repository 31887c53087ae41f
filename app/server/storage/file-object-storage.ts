import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
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

const STAGING_DIR = '.staging';

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/**
 * Any other file-system failure (full or read-only disk, permissions, I/O error) means the
 * store is not usable now: a storage outage, answered 503.
 */
async function unavailableOnError<T>(operation: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new StorageUnavailableError(operation, error);
  }
}

/** Resolves once `stream` has closed (its file descriptor is released). */
export function closed(stream: import('node:stream').Writable): Promise<void> {
  if (stream.closed) return Promise.resolve();
  return new Promise((resolve) => stream.once('close', () => resolve()));
}

/** fsync a directory so a rename or link in it survives a crash. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Objects as files under one directory (`file:` storage, the local default): key `a/b/c` is
 * the file `<root>/a/b/c`. Staged writes go to `<root>/.staging/` on the same file system, so
 * a commit is a hard link (atomic, and refused when the key exists) followed by an unlink.
 * Files are 0600 and directories 0700: only the server's user can read the data.
 */
export class FileObjectStorage implements ObjectStorage {
  readonly root: string;
  readonly location: string;
  private readonly stagingDir: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.location = `file:${this.root}`;
    this.stagingDir = path.join(this.root, STAGING_DIR);
  }

  pathOf(key: string): string {
    assertObjectKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  async stage(source: Readable, options: StageOptions): Promise<StagedObject> {
    const stagingPath = path.join(this.stagingDir, `${Date.now()}-${randomUUID()}.part`);
    await unavailableOnError('prepare upload', () => fs.mkdir(this.stagingDir, { recursive: true, mode: 0o700 }));
    // flush: fsync before close, so an acknowledged upload survives a crash.
    const sink = createWriteStream(stagingPath, { flags: 'wx', mode: 0o600, flush: true });
    try {
      const { sizeBytes, sha256 } = await meteredCopy(source, options.maxBytes, [sink]);
      return new FileStagedObject(this, stagingPath, sizeBytes, sha256);
    } catch (error) {
      // A write stream destroyed while still opening creates its file afterwards: remove the
      // file only once the stream has closed.
      await closed(sink);
      await fs.rm(stagingPath, { force: true }).catch(() => undefined);
      throw error;
    }
  }

  async get(key: string): Promise<StoredObject> {
    const file = this.pathOf(key);
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(file, 'r');
    } catch (error) {
      if (isNotFound(error)) throw new ObjectNotFoundError(key);
      throw new StorageUnavailableError('read', error);
    }
    const { size } = await handle.stat();
    return { body: handle.createReadStream(), sizeBytes: size };
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const file = this.pathOf(key);
    try {
      const stat = await fs.stat(file);
      return stat.isFile() ? { key, sizeBytes: stat.size, lastModified: stat.mtime } : undefined;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw new StorageUnavailableError('stat', error);
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    await unavailableOnError('delete', () => fs.rm(file, { force: true }));
    await this.pruneEmptyParents(path.dirname(file));
  }

  async deletePrefix(prefix: string): Promise<number> {
    assertObjectPrefix(prefix);
    let count = 0;
    for await (const _object of this.list(prefix)) count += 1;
    const dir = this.pathOf(prefix.slice(0, -1));
    await unavailableOnError('delete', () => fs.rm(dir, { recursive: true, force: true }));
    await this.pruneEmptyParents(path.dirname(dir));
    return count;
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    assertObjectPrefix(prefix);
    yield* this.walk(this.pathOf(prefix.slice(0, -1)), prefix);
  }

  async localFile(key: string): Promise<LocalFile> {
    const info = await this.head(key);
    if (info === undefined) throw new ObjectNotFoundError(key);
    return { path: this.pathOf(key), sizeBytes: info.sizeBytes, release: () => undefined };
  }

  async sweepStaging(olderThanMs: number): Promise<number> {
    const cutoff = Date.now() - olderThanMs;
    let names: string[];
    try {
      names = await fs.readdir(this.stagingDir);
    } catch (error) {
      if (isNotFound(error)) return 0;
      throw new StorageUnavailableError('sweep staging', error);
    }
    let removed = 0;
    for (const name of names) {
      const file = path.join(this.stagingDir, name);
      const stat = await fs.stat(file).catch(() => undefined);
      if (stat !== undefined && stat.mtimeMs < cutoff) {
        await fs.rm(file, { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  /** Commits a staged file: link under the key's path (fails when it exists), then unlink. */
  async commitStaged(stagingPath: string, key: string): Promise<void> {
    const file = this.pathOf(key);
    try {
      await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      await fs.link(stagingPath, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        throw new Error(`object ${key} already exists: keys are written once`, { cause: error });
      throw new StorageUnavailableError('commit', error);
    }
    await fs.rm(stagingPath, { force: true });
    await unavailableOnError('commit', () => syncDirectory(path.dirname(file)));
  }

  private async *walk(dir: string, keyPrefix: string): AsyncIterable<ObjectInfo> {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (isNotFound(error)) return;
      throw new StorageUnavailableError('list', error);
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        yield* this.walk(full, `${keyPrefix}${entry.name}/`);
      } else if (entry.isFile()) {
        const stat = await fs.stat(full).catch(() => undefined);
        if (stat !== undefined) yield { key: `${keyPrefix}${entry.name}`, sizeBytes: stat.size, lastModified: stat.mtime };
      }
    }
  }

  /** Removes now-empty directories from `dir` up to (not including) the root. */
  private async pruneEmptyParents(dir: string): Promise<void> {
    let current = dir;
    while (current.startsWith(this.root + path.sep) && current !== this.stagingDir) {
      try {
        await fs.rmdir(current);
      } catch {
        return;
      }
      current = path.dirname(current);
    }
  }
}

class FileStagedObject implements StagedObject {
  private settled = false;

  constructor(
    private readonly storage: FileObjectStorage,
    readonly localPath: string,
    readonly sizeBytes: number,
    readonly sha256: string,
  ) {}

  async commit(key: string): Promise<void> {
    if (this.settled) throw new Error('this staged object was already committed or discarded');
    await this.storage.commitStaged(this.localPath, key);
    this.settled = true;
  }

  async discard(): Promise<void> {
    this.settled = true;
    await fs.rm(this.localPath, { force: true }).catch(() => undefined);
  }
}
