import type { Readable } from 'node:stream';

/**
 * One interface over the places data files live: a local folder (`file:`) or an S3 bucket
 * prefix (`s3://`). Keys are relative, '/'-separated paths such as
 * `datasets/12/34/v2-<id>.csv` (see dataset-keys.ts); they are validated by `assertObjectKey`.
 *
 * Writes are two-step so that a caller can keep "no database row without its object, and no
 * object without its row": `stage()` streams the bytes under a temporary key (checking the
 * byte limit and computing the checksum on the way), then the caller either `commit()`s the
 * staged object to its final key or `discard()`s it. Staged objects that were neither (the
 * process died) are removed by `sweepStaging()` at start-up.
 */
export interface ObjectStorage {
  /** `file:<absolute dir>` or `s3://bucket/prefix`, for logs and errors (no credentials). */
  readonly location: string;
  /**
   * Streams `source` into a staged object. Rejects with ObjectTooLargeError past
   * `maxBytes`, UploadInterruptedError when `source` fails or ends early, and
   * StorageUnavailableError when the store fails; in every case nothing is left behind.
   */
  stage(source: Readable, options: StageOptions): Promise<StagedObject>;
  /** The object's bytes as a stream. ObjectNotFoundError when there is no such key. */
  get(key: string): Promise<StoredObject>;
  /** Size and time of an object, or undefined when there is none. */
  head(key: string): Promise<ObjectInfo | undefined>;
  /** Removes an object; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** Removes every object under `prefix` (which must end with '/'); returns how many. */
  deletePrefix(prefix: string): Promise<number>;
  /** Every object under `prefix` (which must end with '/'), staged objects excluded. */
  list(prefix: string): AsyncIterable<ObjectInfo>;
  /**
   * A local file with the object's bytes, for engines that read files (DuckDB). For `file:`
   * storage the object itself; for S3 a copy in the bounded local cache, kept at least until
   * `release()`. Call `release()` exactly once when done reading.
   */
  localFile(key: string): Promise<LocalFile>;
  /** Removes staged objects older than `olderThanMs`; returns how many. */
  sweepStaging(olderThanMs: number): Promise<number>;
}

export interface StageOptions {
  /** Largest accepted size; one byte more fails the whole write with ObjectTooLargeError. */
  readonly maxBytes: number;
}

/** Bytes written under a temporary key, waiting for `commit` or `discard`. */
export interface StagedObject {
  readonly sizeBytes: number;
  /** Lower-case hex SHA-256 of the bytes, computed while they streamed in. */
  readonly sha256: string;
  /** A local file with the same bytes, readable until commit or discard (for inspection). */
  readonly localPath: string;
  /**
   * Makes the bytes the object at `key`. Keys are written once: committing to a key that
   * already holds an object is refused on `file:` storage. After a commit, `localPath` is gone.
   */
  commit(key: string): Promise<void>;
  /** Removes the staged bytes. Safe to call after a failed commit, and more than once. */
  discard(): Promise<void>;
}

export interface StoredObject {
  readonly body: Readable;
  readonly sizeBytes: number;
}

export interface ObjectInfo {
  readonly key: string;
  readonly sizeBytes: number;
  readonly lastModified: Date;
}

export interface LocalFile {
  readonly path: string;
  readonly sizeBytes: number;
  release(): void;
}

const KEY_SEGMENT = /^[A-Za-z0-9_=-][A-Za-z0-9._=-]*$/;

/**
 * Keys are relative paths of segments made of letters, digits and `._=-`, not starting with
 * a dot (so `..` and the staging area `.staging/` cannot be named), at most 512 characters.
 */
export function assertObjectKey(key: string): void {
  const segments = key.split('/');
  if (key.length === 0 || key.length > 512 || !segments.every((segment) => KEY_SEGMENT.test(segment))) {
    throw new Error(`invalid object key "${key}": use '/'-separated segments of letters, digits and ._=- not starting with a dot`);
  }
}

/** A prefix is a key followed by '/', naming a "folder" of objects. */
export function assertObjectPrefix(prefix: string): void {
  if (!prefix.endsWith('/')) throw new Error(`invalid object prefix "${prefix}": it must end with '/'`);
  assertObjectKey(prefix.slice(0, -1));
}
