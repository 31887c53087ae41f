import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { ObjectTooLargeError } from './storage-errors';

/**
 * A pass-through stream that counts bytes, hashes them with SHA-256 and fails with
 * ObjectTooLargeError on the first chunk that would take the total past `maxBytes`, before
 * that chunk is passed on. It holds no data itself, so memory stays flat whatever the size.
 */
export class MeteredStream extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private total = 0;
  private digest: string | undefined;

  constructor(private readonly maxBytes: number) {
    super();
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) throw new Error(`maxBytes must be a non-negative integer, got ${maxBytes}`);
  }

  get sizeBytes(): number {
    return this.total;
  }

  /** The hex SHA-256 of everything that passed; available once the stream has ended. */
  get sha256(): string {
    if (this.digest === undefined) throw new Error('the checksum is known only after the stream has ended');
    return this.digest;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.total + chunk.length > this.maxBytes) {
      callback(new ObjectTooLargeError(this.maxBytes));
      return;
    }
    this.total += chunk.length;
    this.hash.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.digest = this.hash.digest('hex');
    callback();
  }
}
