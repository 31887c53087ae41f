import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import type { ObjectStorage } from '../../../../app/server/storage/object-storage';
import { createObjectStorage, createS3Client } from '../../../../app/server/storage/create-object-storage';
import { loadStorageConfig } from '../../../../app/server/storage/storage-config';
import { S3TestServer } from './s3-test-server';

/** Deterministic bytes: `size` bytes of a repeating pattern that depends on `seed`. */
export function patternBytes(size: number, seed = 1): Buffer {
  const buffer = Buffer.alloc(size);
  for (let i = 0; i < size; i += 1) buffer[i] = (i * 31 + seed * 7) % 251;
  return buffer;
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A source that yields `bytes` in chunks of `chunkSize`, the way a request body arrives. */
export function chunkedSource(bytes: Buffer, chunkSize = 64 * 1024): Readable {
  return Readable.from(
    (function* () {
      for (let offset = 0; offset < bytes.length; offset += chunkSize) yield bytes.subarray(offset, offset + chunkSize);
    })(),
  );
}

/** A source that sends `bytesBeforeFailure` bytes and then fails, like a client that disconnects. */
export function failingSource(bytesBeforeFailure: number): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(patternBytes(bytesBeforeFailure));
        setImmediate(() => this.destroy(new Error('client disconnected')));
      }
    },
  });
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface StorageUnderTest {
  readonly storage: ObjectStorage;
  /** Every stored key, staged objects included, as the backend itself sees them. */
  rawKeys(): string[];
  /** Files left in local scratch areas (spool, partial downloads) that belong to no object. */
  localScratchFiles(): string[];
  readonly s3?: S3TestServer;
  /** Names of the S3 commands sent so far (S3 only), e.g. 'GetObjectCommand'. */
  readonly s3Commands: string[];
  readonly cacheDir?: string;
  dispose(): Promise<void>;
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

export async function fileStorageUnderTest(): Promise<StorageUnderTest> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'file-storage-'));
  const storage = await createObjectStorage(loadStorageConfig({ STORAGE_URL: `file:${dir}/objects` }, dir));
  return {
    storage,
    rawKeys: () =>
      listFiles(path.join(dir, 'objects'))
        .map((file) => path.relative(path.join(dir, 'objects'), file))
        .sort(),
    localScratchFiles: () => [],
    s3Commands: [],
    dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * S3 storage against s3rver, built by the production factory from environment variables (the
 * SDK's default credential chain reads the static test credentials from the environment).
 */
export async function s3StorageUnderTest(options: { cacheMaxBytes?: number; server?: S3TestServer } = {}): Promise<StorageUnderTest> {
  const ownsServer = options.server === undefined;
  const s3 = options.server ?? new S3TestServer();
  if (ownsServer) await s3.start();
  process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
  process.env.AWS_REGION = 'us-east-1';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 's3-storage-'));
  const env = {
    STORAGE_URL: `s3://${s3.bucket}/env-a`,
    S3_ENDPOINT: s3.endpoint,
    S3_FORCE_PATH_STYLE: 'true',
    STORAGE_CACHE_MAX_BYTES: String(options.cacheMaxBytes ?? 64 * 1024 * 1024),
  };
  const config = loadStorageConfig(env, dataDir);
  const client = createS3Client(config);
  const s3Commands: string[] = [];
  client.middlewareStack.add(
    (next, context) => (args) => {
      s3Commands.push(context.commandName as string);
      return next(args);
    },
    { step: 'initialize' },
  );
  const storage = await createObjectStorage(config, { s3Client: client });
  const cacheDir = path.join(dataDir, 'cache');
  return {
    storage,
    s3,
    s3Commands,
    cacheDir,
    // Keys as the storage names them: the bucket's keys without the STORAGE_URL prefix.
    rawKeys: () => s3.allKeys().map((key) => key.replace(/^env-a\//, '')),
    localScratchFiles: () =>
      listFiles(cacheDir).filter((file) => file.includes(`${path.sep}.spool${path.sep}`) || path.basename(file).startsWith('.download-')),
    dispose: async () => {
      if (ownsServer) await s3.dispose();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
