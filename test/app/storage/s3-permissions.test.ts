import { S3_ACTIONS_BY_COMMAND, STORAGE_S3_ACTIONS, type S3CommandName } from '../../../app/server/storage/s3-actions';
import { chunkedSource, failingSource, patternBytes, readAll, s3StorageUnderTest } from './support/storage-fixtures';

describe('the S3 actions the storage declares are exactly those its commands need', () => {
  it('every command a full exercise of the storage sends is declared, and every declared action is used', async () => {
    const subject = await s3StorageUnderTest();
    try {
      const { storage } = subject;
      // One-part upload (PutObject), commit (CopyObject + DeleteObject).
      const small = await storage.stage(chunkedSource(patternBytes(1000)), { maxBytes: 1000 });
      await small.commit('datasets/1/1/v1-small.csv');
      // Multipart upload (8 MiB parts), and one that fails midway and is aborted.
      const big = await storage.stage(chunkedSource(patternBytes(20 * 1024 * 1024)), { maxBytes: 32 * 1024 * 1024 });
      await big.commit('datasets/1/1/v2-big.csv');
      await expect(storage.stage(failingSource(17 * 1024 * 1024), { maxBytes: 32 * 1024 * 1024 })).rejects.toThrow();
      // Reads, listing, deletes and the staging sweep.
      await readAll((await storage.get('datasets/1/1/v1-small.csv')).body);
      await storage.head('datasets/1/1/v1-small.csv');
      for await (const _object of storage.list('datasets/')) void _object;
      const discarded = await storage.stage(chunkedSource(patternBytes(10)), { maxBytes: 10 });
      await discarded.discard();
      await storage.sweepStaging(0);
      await storage.delete('datasets/1/1/v1-small.csv');
      await storage.deletePrefix('datasets/1/');

      const sent = [...new Set(subject.s3Commands)].sort();
      expect(sent.filter((command) => !(command in S3_ACTIONS_BY_COMMAND))).toEqual([]);
      const used = [...new Set(sent.flatMap((command) => S3_ACTIONS_BY_COMMAND[command as S3CommandName]))].sort();
      expect(used).toEqual(STORAGE_S3_ACTIONS);
      expect(sent).toEqual(Object.keys(S3_ACTIONS_BY_COMMAND).sort());
    } finally {
      await subject.dispose();
    }
  });
});
