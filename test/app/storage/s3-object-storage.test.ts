import * as fs from 'node:fs';
import { LocalCacheTooSmallError, StorageUnavailableError } from '../../../app/server/storage/storage-errors';
import { chunkedSource, patternBytes, readAll, s3StorageUnderTest, type StorageUnderTest } from './support/storage-fixtures';

async function put(subject: StorageUnderTest, key: string, bytes: Buffer): Promise<void> {
  const staged = await subject.storage.stage(chunkedSource(bytes), { maxBytes: bytes.length });
  await staged.commit(key);
}

describe('S3 storage outage (s3rver stopped, then started again)', () => {
  let subject: StorageUnderTest;

  beforeEach(async () => {
    subject = await s3StorageUnderTest();
  });

  afterEach(async () => {
    await subject.dispose();
  });

  it('answers every operation with StorageUnavailableError while S3 is down, keeps no local scratch, and works again once it is back', async () => {
    await put(subject, 'datasets/1/1/v1-a.csv', patternBytes(1000));
    await subject.s3!.stop();

    await expect(subject.storage.stage(chunkedSource(patternBytes(1000)), { maxBytes: 1000 })).rejects.toBeInstanceOf(
      StorageUnavailableError,
    );
    await expect(subject.storage.get('datasets/1/1/v1-a.csv')).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(subject.storage.head('datasets/1/1/v1-a.csv')).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(subject.storage.delete('datasets/1/1/v1-a.csv')).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(subject.storage.deletePrefix('datasets/1/')).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(subject.storage.localFile('datasets/1/1/v2-b.csv')).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(subject.localScratchFiles()).toEqual([]);

    await subject.s3!.start();
    expect((await readAll((await subject.storage.get('datasets/1/1/v1-a.csv')).body)).equals(patternBytes(1000))).toBe(true);
    await put(subject, 'datasets/1/1/v2-b.csv', patternBytes(10));
    expect(subject.rawKeys()).toEqual(['datasets/1/1/v1-a.csv', 'datasets/1/1/v2-b.csv']);
  });

  it('a commit that fails because S3 went down leaves the key absent, and discard then leaves no local copy', async () => {
    const staged = await subject.storage.stage(chunkedSource(patternBytes(2000)), { maxBytes: 2000 });
    await subject.s3!.stop();
    await expect(staged.commit('datasets/1/1/v1-a.csv')).rejects.toBeInstanceOf(StorageUnavailableError);
    await staged.discard();
    expect(fs.existsSync(staged.localPath)).toBe(false);
    await subject.s3!.start();
    expect(await subject.storage.head('datasets/1/1/v1-a.csv')).toBeUndefined();
    // The staged object the outage kept from being deleted goes with the next sweep.
    expect(await subject.storage.sweepStaging(0)).toBeLessThanOrEqual(1);
    expect(subject.rawKeys()).toEqual([]);
  });
});

describe('S3 storage multipart upload', () => {
  it('streams a file larger than one part through a multipart upload and aborts one that passes the limit', async () => {
    const subject = await s3StorageUnderTest();
    try {
      const bytes = patternBytes(20 * 1024 * 1024, 5);
      await put(subject, 'datasets/1/1/v1-big.csv', bytes);
      expect(subject.s3Commands).toEqual(
        expect.arrayContaining(['CreateMultipartUploadCommand', 'UploadPartCommand', 'CompleteMultipartUploadCommand']),
      );
      expect((await readAll((await subject.storage.get('datasets/1/1/v1-big.csv')).body)).equals(bytes)).toBe(true);

      subject.s3Commands.length = 0;
      await expect(subject.storage.stage(chunkedSource(patternBytes(30 * 1024 * 1024)), { maxBytes: 18 * 1024 * 1024 })).rejects.toThrow(
        /larger than the limit/,
      );
      expect(subject.s3Commands).toContain('UploadPartCommand');
      expect(subject.s3Commands).toContain('AbortMultipartUploadCommand');
      expect(subject.rawKeys()).toEqual(['datasets/1/1/v1-big.csv']);
    } finally {
      await subject.dispose();
    }
  });
});

describe('S3 storage local cache for the query engine', () => {
  let writer: StorageUnderTest;
  const readers: StorageUnderTest[] = [];

  beforeEach(async () => {
    writer = await s3StorageUnderTest();
  });

  afterEach(async () => {
    for (const reader of readers.splice(0)) await reader.dispose();
    await writer.dispose();
  });

  /** Another replica: same bucket, its own empty cache. */
  async function replica(cacheMaxBytes: number): Promise<StorageUnderTest> {
    const reader = await s3StorageUnderTest({ server: writer.s3, cacheMaxBytes });
    readers.push(reader);
    return reader;
  }

  const gets = (subject: StorageUnderTest) => subject.s3Commands.filter((name) => name === 'GetObjectCommand').length;

  it('serves a just-committed upload from its spool without downloading it', async () => {
    await put(writer, 'datasets/1/1/v1-a.csv', patternBytes(4000));
    writer.s3Commands.length = 0;
    const local = await writer.storage.localFile('datasets/1/1/v1-a.csv');
    expect(fs.readFileSync(local.path).equals(patternBytes(4000))).toBe(true);
    local.release();
    expect(writer.s3Commands).toEqual([]);
  });

  it('downloads once for concurrent readers of one key, and each version key is its own file', async () => {
    await put(writer, 'datasets/1/1/v1-a.csv', patternBytes(3000, 1));
    await put(writer, 'datasets/1/1/v2-b.csv', patternBytes(3000, 2));
    const reader = await replica(10_000);

    const leases = await Promise.all([1, 2, 3, 4].map(() => reader.storage.localFile('datasets/1/1/v2-b.csv')));
    expect(gets(reader)).toBe(1);
    expect(new Set(leases.map((lease) => lease.path)).size).toBe(1);
    expect(fs.readFileSync(leases[0]!.path).equals(patternBytes(3000, 2))).toBe(true);
    const v1 = await reader.storage.localFile('datasets/1/1/v1-a.csv');
    expect(v1.path).not.toBe(leases[0]!.path);
    expect(fs.readFileSync(v1.path).equals(patternBytes(3000, 1))).toBe(true);
    leases.forEach((lease) => lease.release());
    v1.release();
    await reader.storage.localFile('datasets/1/1/v2-b.csv').then((lease) => lease.release());
    expect(gets(reader)).toBe(2);
  });

  it('evicts the least recently used file past its size, but deletes a file being read only after release', async () => {
    for (const name of ['a', 'b', 'c']) await put(writer, `datasets/1/1/v1-${name}.csv`, patternBytes(3000));
    const reader = await replica(7000);

    const a = await reader.storage.localFile('datasets/1/1/v1-a.csv'); // held while the others come in
    await reader.storage.localFile('datasets/1/1/v1-b.csv').then((lease) => lease.release());
    await reader.storage.localFile('datasets/1/1/v1-c.csv').then((lease) => lease.release());
    expect(fs.existsSync(a.path)).toBe(true); // evicted from the accounting, still being read
    a.release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fs.existsSync(a.path)).toBe(false);

    const before = gets(reader);
    await reader.storage.localFile('datasets/1/1/v1-c.csv').then((lease) => lease.release());
    expect(gets(reader)).toBe(before); // still cached
    await reader.storage.localFile('datasets/1/1/v1-a.csv').then((lease) => lease.release());
    expect(gets(reader)).toBe(before + 1); // evicted earlier, downloaded again
  });

  it('refuses an object larger than the whole cache with LocalCacheTooSmallError and keeps no partial file', async () => {
    await put(writer, 'datasets/1/1/v1-a.csv', patternBytes(3000));
    const reader = await replica(1000);
    await expect(reader.storage.localFile('datasets/1/1/v1-a.csv')).rejects.toBeInstanceOf(LocalCacheTooSmallError);
    expect(reader.localScratchFiles()).toEqual([]);
    expect(fs.readdirSync(reader.cacheDir!).filter((name) => name !== '.spool')).toEqual([]);
  });
});
