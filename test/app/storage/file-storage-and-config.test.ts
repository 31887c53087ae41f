import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { datasetPrefix, datasetVersionKey, projectDatasetsPrefix } from '../../../app/server/storage/dataset-keys';
import { FileObjectStorage } from '../../../app/server/storage/file-object-storage';
import { loadStorageConfig, parseStorageUrl } from '../../../app/server/storage/storage-config';
import { chunkedSource, patternBytes } from './support/storage-fixtures';

describe('file: storage specifics', () => {
  let dir: string;
  let storage: FileObjectStorage;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'file-storage-'));
    storage = new FileObjectStorage(dir);
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes objects readable by the server user only (0600 files in 0700 directories)', async () => {
    const staged = await storage.stage(chunkedSource(patternBytes(10)), { maxBytes: 10 });
    await staged.commit('datasets/1/2/v1-a.csv');
    expect(fs.statSync(storage.pathOf('datasets/1/2/v1-a.csv')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dir, 'datasets', '1', '2')).mode & 0o777).toBe(0o700);
  });

  it('refuses to commit over an existing key, so a committed version is never overwritten', async () => {
    const first = await storage.stage(chunkedSource(patternBytes(10, 1)), { maxBytes: 10 });
    await first.commit('datasets/1/2/v1-a.csv');
    const second = await storage.stage(chunkedSource(patternBytes(10, 2)), { maxBytes: 10 });
    await expect(second.commit('datasets/1/2/v1-a.csv')).rejects.toThrow(/already exists/);
    await second.discard();
    expect(fs.readFileSync(storage.pathOf('datasets/1/2/v1-a.csv')).equals(patternBytes(10, 1))).toBe(true);
    expect(fs.readdirSync(path.join(dir, '.staging'))).toEqual([]);
  });

  it('localFile is the object file itself', async () => {
    const staged = await storage.stage(chunkedSource(patternBytes(10)), { maxBytes: 10 });
    await staged.commit('datasets/1/2/v1-a.csv');
    const local = await storage.localFile('datasets/1/2/v1-a.csv');
    expect(local.path).toBe(storage.pathOf('datasets/1/2/v1-a.csv'));
    local.release();
  });

  it('removes emptied directories when the last object under them is deleted', async () => {
    const staged = await storage.stage(chunkedSource(patternBytes(10)), { maxBytes: 10 });
    await staged.commit('datasets/1/2/v1-a.csv');
    await storage.delete('datasets/1/2/v1-a.csv');
    expect(fs.readdirSync(dir).filter((name) => name !== '.staging')).toEqual([]);
  });
});

describe('STORAGE_URL and storage settings', () => {
  it('defaults to a folder under DATA_DIR and a 4 GiB cache', () => {
    const config = loadStorageConfig({}, '/srv/data');
    expect(config.location).toEqual({ kind: 'file', dir: '/srv/data/objects' });
    expect(config.cacheDir).toBe('/srv/data/cache');
    expect(config.cacheMaxBytes).toBe(4 * 1024 ** 3);
  });

  it('parses file: and s3:// locations', () => {
    expect(parseStorageUrl('file:///var/lib/datavis')).toEqual({ kind: 'file', dir: '/var/lib/datavis' });
    expect(parseStorageUrl('s3://my-bucket/dev/datasets/')).toEqual({ kind: 's3', bucket: 'my-bucket', prefix: 'dev/datasets' });
    expect(parseStorageUrl('s3://my-bucket')).toEqual({ kind: 's3', bucket: 'my-bucket', prefix: '' });
  });

  it('rejects a bad STORAGE_URL, bucket, prefix, endpoint or cache size naming the value', () => {
    expect(() => parseStorageUrl('ftp://x')).toThrow('STORAGE_URL="ftp://x" is invalid: use file:<dir> or s3://bucket/prefix');
    expect(() => parseStorageUrl('s3://Bad_Bucket/x')).toThrow(/"Bad_Bucket" is not an S3 bucket name/);
    expect(() => parseStorageUrl('s3://bucket/../x')).toThrow(/the prefix "..\/x"/);
    expect(() => parseStorageUrl('file:')).toThrow(/needs a directory/);
    expect(() => loadStorageConfig({ S3_ENDPOINT: 'localhost:9000' }, '/d')).toThrow(/S3_ENDPOINT="localhost:9000" is invalid/);
    expect(() => loadStorageConfig({ STORAGE_CACHE_MAX_BYTES: '-5' }, '/d')).toThrow(/STORAGE_CACHE_MAX_BYTES="-5" is invalid/);
  });
});

describe('dataset object keys', () => {
  it('puts every version of a dataset under its project and dataset prefixes, with a write-once key per upload', () => {
    const key = datasetVersionKey(7, 42, 3, 'csv');
    expect(key).toMatch(/^datasets\/7\/42\/v3-[0-9a-f]{12}\.csv$/);
    expect(key.startsWith(datasetPrefix(7, 42))).toBe(true);
    expect(key.startsWith(projectDatasetsPrefix(7))).toBe(true);
    expect(datasetVersionKey(7, 42, 3, 'csv')).not.toBe(key);
    expect(() => datasetVersionKey(7, 0, 1, 'csv')).toThrow(/datasetId must be a positive integer/);
  });
});
