import * as path from 'node:path';
import { Readable } from 'node:stream';
import { inspectDataset } from '../../../../app/server/data-engine/dataset-inspector';
import type { QueryableDataset } from '../../../../app/server/data-engine/query-engine';
import { datasetVersionKey } from '../../../../app/server/storage/dataset-keys';
import { FileObjectStorage } from '../../../../app/server/storage/file-object-storage';
import type { DataWorkspace } from './data-fixtures';

/**
 * Stores CSV text as a dataset version of a project in `file:` storage (as an upload would:
 * stage, inspect, commit) and returns it as the query engine sees it.
 */
export async function storeCsvDataset(
  ws: DataWorkspace,
  storage: FileObjectStorage,
  projectId: number,
  datasetId: number,
  name: string,
  csv: string,
): Promise<QueryableDataset & { readonly key: string; readonly path: string }> {
  const staged = await storage.stage(Readable.from([Buffer.from(csv)]), { maxBytes: 64 * 1024 * 1024 });
  const inspection = await inspectDataset(ws.pool, staged.localPath, 'csv');
  const key = datasetVersionKey(projectId, datasetId, 1, 'csv');
  await staged.commit(key);
  return { name, readSpec: inspection.readSpec, key, path: storage.pathOf(key), openFile: () => storage.localFile(key) };
}

export function objectStorageIn(ws: DataWorkspace): FileObjectStorage {
  return new FileObjectStorage(path.join(ws.dir, 'objects'));
}
