import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import type { AppConfig } from '../../../../app/server/config';
import { S3TestServer } from '../../storage/support/s3-test-server';
import { startTestApp, type TestApp } from '../../support/test-app';
import type { TestDatabase } from '../../support/test-databases';

export type StorageKind = 'file' | 's3';
export const STORAGE_KINDS: readonly StorageKind[] = ['file', 's3'];

export interface DatasetTestApp extends TestApp {
  readonly storageKind: StorageKind;
  /** The s3rver behind the app's storage (S3 only), to stop and start. */
  readonly s3?: S3TestServer;
  /** Every stored key, staged uploads included, as the backend holds them (dataset files under datasets/). */
  storedKeys(): string[];
  /** Files left in the S3 upload spool (inspection copies of uploads). */
  spoolFiles(): string[];
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * The real app on `database` with its storage on a local folder or on S3 (an s3rver of the
 * test's own, through the AWS SDK and HTTP, configured by the same STORAGE_URL/S3_* variables
 * as in production).
 */
export async function startDatasetApp(
  database: TestDatabase,
  storageKind: StorageKind,
  config: Partial<AppConfig> = {},
  options: { s3?: S3TestServer } = {},
): Promise<DatasetTestApp> {
  let s3 = options.s3;
  let env: NodeJS.ProcessEnv = {};
  if (storageKind === 's3') {
    if (!s3) {
      s3 = new S3TestServer();
      await s3.start();
    }
    process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
    process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
    process.env.AWS_REGION = 'us-east-1';
    env = { STORAGE_URL: `s3://${s3.bucket}/app`, S3_ENDPOINT: s3.endpoint, S3_FORCE_PATH_STYLE: 'true' };
  }
  const ownsServer = storageKind === 's3' && options.s3 === undefined;
  const t = await startTestApp({ database, env, config });
  const objectsDir = t.config.storage.location.kind === 'file' ? t.config.storage.location.dir : '';
  return {
    ...t,
    storageKind,
    s3,
    storedKeys: () =>
      storageKind === 'file'
        ? listFiles(objectsDir)
        : s3!
            .allKeys()
            .filter((key) => key.startsWith('app/'))
            .map((key) => key.slice('app/'.length)),
    spoolFiles: () => listFiles(path.join(t.config.storage.cacheDir, '.spool')),
    async close() {
      await t.close();
      if (ownsServer) await s3?.dispose();
    },
  };
}

/** POST the bytes as a raw upload body. */
export function upload(
  t: TestApp,
  token: string | undefined,
  projectId: number,
  name: string,
  bytes: Buffer | string,
  options: { format?: string; contentType?: string } = {},
): Promise<LightMyRequestResponse> {
  const query = new URLSearchParams({ name, ...(options.format ? { format: options.format } : {}) });
  return t.request({
    method: 'POST',
    url: `/api/projects/${projectId}/datasets/upload?${query}`,
    token,
    payload: bytes,
    headers: { 'content-type': options.contentType ?? 'text/csv' },
  });
}

/** A multipart/form-data body with the given file parts. */
export function multipartBody(
  files: { name: string; content: Buffer | string; type?: string }[],
  boundary = 'test-boundary-7MA4YWxk',
): Buffer {
  const parts = files.map((file) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'text/csv'}\r\n\r\n`,
      ),
      Buffer.from(file.content),
      Buffer.from('\r\n'),
    ]),
  );
  return Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]);
}

export const MULTIPART_TYPE = 'multipart/form-data; boundary=test-boundary-7MA4YWxk';

export const SALES_CSV = [
  'region,product,quantity,price,day',
  'north,widget,3,2.5,2024-01-01',
  'south,widget,1,2.5,2024-01-02',
  'north,gadget,2,10,2024-01-02',
  'east,gadget,,10,2024-01-03',
  'north,widget,5,2.5,2024-01-04',
  '',
].join('\n');
