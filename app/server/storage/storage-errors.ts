/**
 * Typed failures of the object storage. Each carries the HTTP status and error code a route
 * answers with, so the mapping lives in one place and routes only rethrow.
 */
export abstract class StorageError extends Error {
  abstract readonly statusCode: number;
  abstract readonly code: string;
}

/**
 * The store could not be reached or refused to work (network error, S3 5xx or throttling,
 * credentials or permissions, a full or read-only disk). Routes answer 503 and the next
 * request tries again: nothing is cached about the outage.
 */
export class StorageUnavailableError extends StorageError {
  readonly statusCode = 503;
  readonly code = 'storage_unavailable';
  constructor(operation: string, cause: unknown) {
    super(`the data storage is unavailable (${operation}); retry shortly`, { cause });
    this.name = 'StorageUnavailableError';
  }
}

/** A write went past its byte limit. Nothing of it is left in the store. */
export class ObjectTooLargeError extends StorageError {
  readonly statusCode = 413;
  readonly code = 'payload_too_large';
  constructor(readonly maxBytes: number) {
    super(`the file is larger than the limit of ${maxBytes} bytes`);
    this.name = 'ObjectTooLargeError';
  }
}

export class ObjectNotFoundError extends StorageError {
  readonly statusCode = 404;
  readonly code = 'not_found';
  constructor(readonly key: string) {
    super(`stored object ${key} not found`);
    this.name = 'ObjectNotFoundError';
  }
}

/**
 * An object cannot be read through the local cache because it alone is larger than the cache.
 * This is a deployment limit (raise the cache size), not a client error: 503.
 */
export class LocalCacheTooSmallError extends StorageError {
  readonly statusCode = 503;
  readonly code = 'storage_unavailable';
  constructor(
    readonly sizeBytes: number,
    readonly cacheMaxBytes: number,
  ) {
    super(`a ${sizeBytes}-byte file does not fit in the ${cacheMaxBytes}-byte local data cache`);
    this.name = 'LocalCacheTooSmallError';
  }
}

/** The body stream of an upload failed before its end (client disconnect, truncated multipart). */
export class UploadInterruptedError extends StorageError {
  readonly statusCode = 400;
  readonly code = 'upload_interrupted';
  constructor(cause: unknown) {
    super('the upload ended before the whole file was received', { cause });
    this.name = 'UploadInterruptedError';
  }
}
