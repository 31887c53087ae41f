import { finished, pipeline } from 'node:stream/promises';
import type { Readable, Writable } from 'node:stream';
import { MeteredStream } from './metered-stream';
import { ObjectTooLargeError, StorageUnavailableError, UploadInterruptedError } from './storage-errors';

export interface MeteredCopyResult {
  readonly sizeBytes: number;
  readonly sha256: string;
}

/**
 * Copies `source` into every sink through one MeteredStream (byte limit, SHA-256), with
 * backpressure from the slowest sink, and resolves once every sink has finished and every
 * promise in `alsoAwait` (for sinks whose end is signalled elsewhere, like an S3 upload) has
 * settled. On failure every stream is destroyed and the error is classified: over the limit
 * -> ObjectTooLargeError; a sink or `alsoAwait` failed -> StorageUnavailableError; otherwise
 * the source failed or ended early -> UploadInterruptedError. Cleaning up what the sinks
 * wrote is the caller's job.
 */
export async function meteredCopy(
  source: Readable,
  maxBytes: number,
  sinks: readonly Writable[],
  alsoAwait: readonly Promise<unknown>[] = [],
): Promise<MeteredCopyResult> {
  const meter = new MeteredStream(maxBytes);
  let sinkError: unknown;
  const noteSinkError = (error: unknown) => {
    sinkError ??= error;
    throw error;
  };
  for (const sink of sinks) meter.pipe(sink);
  try {
    await Promise.all([
      pipeline(source, meter),
      ...sinks.map((sink) => finished(sink).catch(noteSinkError)),
      ...alsoAwait.map((promise) => promise.catch(noteSinkError)),
    ]);
  } catch (error) {
    meter.destroy();
    // With an error, so that a consumer such as a multipart upload fails (and aborts) instead
    // of taking the early end for the end of the file.
    for (const sink of sinks) sink.destroy(new Error('copy abandoned'));
    if (!source.destroyed) source.destroy();
    if (error instanceof ObjectTooLargeError) throw error;
    if (sinkError !== undefined) throw new StorageUnavailableError('write', sinkError);
    throw new UploadInterruptedError(error);
  }
  return { sizeBytes: meter.sizeBytes, sha256: meter.sha256 };
}
