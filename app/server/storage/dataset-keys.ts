import { randomBytes } from 'node:crypto';

/**
 * Where dataset files live in the object storage. Everything of a project is under one
 * prefix (deleting the project deletes that prefix), everything of a dataset under another,
 * and each version is its own write-once key:
 *
 *   datasets/<projectId>/<datasetId>/v<version>-<random>.<format>
 *
 * The version in the key means a cached copy is never stale; the random part means a retried
 * or concurrent upload of the same version number never overwrites a committed object.
 */
export type StoredDatasetFormat = 'csv' | 'json' | 'parquet';

function assertId(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${value}`);
}

export function projectDatasetsPrefix(projectId: number): string {
  assertId('projectId', projectId);
  return `datasets/${projectId}/`;
}

export function datasetPrefix(projectId: number, datasetId: number): string {
  assertId('datasetId', datasetId);
  return `${projectDatasetsPrefix(projectId)}${datasetId}/`;
}

export function datasetVersionKey(projectId: number, datasetId: number, version: number, format: StoredDatasetFormat): string {
  assertId('version', version);
  return `${datasetPrefix(projectId, datasetId)}v${version}-${randomBytes(6).toString('hex')}.${format}`;
}
