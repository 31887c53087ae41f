import * as fs from 'node:fs';
import { ObjectNotFoundError, ObjectTooLargeError, UploadInterruptedError } from '../../../app/server/storage/storage-errors';
import {
  chunkedSource,
  failingSource,
  fileStorageUnderTest,
  patternBytes,
  readAll,
  s3StorageUnderTest,
  sha256Hex,
  type StorageUnderTest,
} from './support/storage-fixtures';

// The same behaviour is required of every backend STORAGE_URL can name.
describe.each([
  ['file: storage', fileStorageUnderTest],
  ['S3 storage (s3rver)', () => s3StorageUnderTest()],
])('%s', (_name, create) => {
  let subject: StorageUnderTest;

  beforeEach(async () => {
    subject = await create();
  });

  afterEach(async () => {
    await subject.dispose();
  });

  it('stages a streamed upload with its size and sha256, and get returns the same bytes after commit', async () => {
    const bytes = patternBytes(3 * 1024 * 1024 + 17);
    const staged = await subject.storage.stage(chunkedSource(bytes), { maxBytes: 10 * 1024 * 1024 });
    expect(staged.sizeBytes).toBe(bytes.length);
    expect(staged.sha256).toBe(sha256Hex(bytes));
    expect(fs.readFileSync(staged.localPath).equals(bytes)).toBe(true);

    await staged.commit('datasets/1/2/v1-a.csv');
    const stored = await subject.storage.get('datasets/1/2/v1-a.csv');
    expect(stored.sizeBytes).toBe(bytes.length);
    expect((await readAll(stored.body)).equals(bytes)).toBe(true);
    expect(await subject.storage.head('datasets/1/2/v1-a.csv')).toMatchObject({ key: 'datasets/1/2/v1-a.csv', sizeBytes: bytes.length });
  });

  it('keeps a staged object invisible until commit, and commit leaves nothing staged behind', async () => {
    const staged = await subject.storage.stage(chunkedSource(patternBytes(1000)), { maxBytes: 1000 });
    await expect(subject.storage.get('datasets/1/2/v1-a.csv')).rejects.toBeInstanceOf(ObjectNotFoundError);
    expect(await collect(subject.storage.list('datasets/'))).toEqual([]);

    await staged.commit('datasets/1/2/v1-a.csv');
    expect((await collect(subject.storage.list('datasets/'))).map((object) => object.key)).toEqual(['datasets/1/2/v1-a.csv']);
    expect(subject.rawKeys().filter((key) => key.includes('.staging'))).toEqual([]);
    expect(await subject.storage.sweepStaging(0)).toBe(0);
  });

  it('discard leaves no object, no staged object and no local copy', async () => {
    const staged = await subject.storage.stage(chunkedSource(patternBytes(5000)), { maxBytes: 10_000 });
    await staged.discard();
    expect(subject.rawKeys()).toEqual([]);
    expect(fs.existsSync(staged.localPath)).toBe(false);
    expect(subject.localScratchFiles()).toEqual([]);
  });

  it('refuses an upload one byte over the limit with ObjectTooLargeError and keeps nothing of it', async () => {
    const limit = 6 * 1024 * 1024;
    await expect(subject.storage.stage(chunkedSource(patternBytes(limit + 1)), { maxBytes: limit })).rejects.toBeInstanceOf(
      ObjectTooLargeError,
    );
    expect(subject.rawKeys()).toEqual([]);
    expect(subject.localScratchFiles()).toEqual([]);
    // Exactly the limit is accepted.
    const staged = await subject.storage.stage(chunkedSource(patternBytes(limit)), { maxBytes: limit });
    expect(staged.sizeBytes).toBe(limit);
    await staged.discard();
  });

  it('turns a body that fails midway (client disconnect) into UploadInterruptedError and keeps nothing of it', async () => {
    await expect(subject.storage.stage(failingSource(256 * 1024), { maxBytes: 10 * 1024 * 1024 })).rejects.toBeInstanceOf(
      UploadInterruptedError,
    );
    expect(subject.rawKeys()).toEqual([]);
    expect(subject.localScratchFiles()).toEqual([]);
  });

  it('sweepStaging removes staged objects a crashed process left, but only those older than asked', async () => {
    await subject.storage.stage(chunkedSource(patternBytes(100)), { maxBytes: 100 });
    expect(await subject.storage.sweepStaging(60 * 60 * 1000)).toBe(0);
    expect(subject.rawKeys()).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // S3 times have 1 s resolution
    expect(await subject.storage.sweepStaging(500)).toBe(1);
    expect(subject.rawKeys()).toEqual([]);
  });

  it('lists under a prefix, deletes one object, then everything under a prefix', async () => {
    for (const key of ['datasets/1/2/v1-a.csv', 'datasets/1/2/v2-b.csv', 'datasets/1/3/v1-c.json', 'datasets/10/4/v1-d.csv']) {
      const staged = await subject.storage.stage(chunkedSource(patternBytes(10)), { maxBytes: 10 });
      await staged.commit(key);
    }
    expect((await collect(subject.storage.list('datasets/1/'))).map((object) => object.key)).toEqual([
      'datasets/1/2/v1-a.csv',
      'datasets/1/2/v2-b.csv',
      'datasets/1/3/v1-c.json',
    ]);
    await subject.storage.delete('datasets/1/2/v1-a.csv');
    await subject.storage.delete('datasets/1/2/v1-a.csv'); // deleting twice is fine
    expect(await subject.storage.head('datasets/1/2/v1-a.csv')).toBeUndefined();
    expect(await subject.storage.deletePrefix('datasets/1/')).toBe(2);
    expect(subject.rawKeys()).toEqual(['datasets/10/4/v1-d.csv']);
  });

  it('gives a local file with the object bytes for the query engine', async () => {
    const bytes = patternBytes(12_345, 3);
    const staged = await subject.storage.stage(chunkedSource(bytes), { maxBytes: 20_000 });
    await staged.commit('datasets/1/2/v1-a.csv');
    const local = await subject.storage.localFile('datasets/1/2/v1-a.csv');
    expect(local.sizeBytes).toBe(bytes.length);
    expect(fs.readFileSync(local.path).equals(bytes)).toBe(true);
    local.release();
    await expect(subject.storage.localFile('datasets/1/2/missing.csv')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('answers a missing key with ObjectNotFoundError and rejects keys that escape or name the staging area', async () => {
    await expect(subject.storage.get('datasets/9/9/none.csv')).rejects.toBeInstanceOf(ObjectNotFoundError);
    for (const key of ['../etc/passwd', '/abs/key', 'datasets/../x', '.staging/1', 'a//b', 'a/b c']) {
      await expect(subject.storage.get(key)).rejects.toThrow(/invalid object key/);
    }
    await expect(subject.storage.deletePrefix('datasets')).rejects.toThrow(/must end with '\/'/);
  });
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
