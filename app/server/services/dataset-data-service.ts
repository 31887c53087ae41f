import type { Readable } from 'node:stream';
import type { DatasetVersionRow } from '../../../schema/dataset-versions.table';
import type { AppContext, Principal } from '../context';
import { InvalidQueryError } from '../data-engine/data-errors';
import { previewDataset, profileDataset } from '../data-engine/dataset-inspector';
import type { DatasetReadSpec } from '../data-engine/dataset-read-spec';
import type { QueryableDataset } from '../data-engine/query-engine';
import { notFound } from '../errors';
import { listRegisteredDatasetNames } from '../repositories/dataset-repository';
import {
  findDatasetVersion,
  listCurrentVersionsOfProject,
  listDatasetVersions,
  saveVersionProfile,
} from '../repositories/dataset-version-repository';
import type { DatasetPreview, DatasetProfile, DatasetVersion, QueryResult } from '../schemas/dataset.schema';
import { requireManaged, visibleDataset } from './dataset-service';
import { resolveProjectAccess } from './project-access';
import { presentDatasetVersion } from './representations';

/** A managed dataset the user may read, and one of its versions (the current one by default). */
async function readableVersion(ctx: AppContext, principal: Principal, datasetId: number, version?: number) {
  const { dataset } = await visibleDataset(ctx.db, principal, datasetId);
  requireManaged(dataset);
  const number = version ?? dataset.version ?? 0;
  const row = await findDatasetVersion(ctx.db, datasetId, number);
  if (!row) throw notFound(`version ${number} of dataset ${datasetId}`);
  return { dataset, version: row };
}

/** Reads a version's file through a local copy (the object itself locally, the bounded cache on S3). */
async function withLocalFile<T>(
  ctx: AppContext,
  version: Pick<DatasetVersionRow, 'storage_key'>,
  read: (path: string) => Promise<T>,
): Promise<T> {
  const file = await ctx.storage.localFile(version.storage_key);
  try {
    return await read(file.path);
  } finally {
    file.release();
  }
}

export async function listVersions(ctx: AppContext, principal: Principal, datasetId: number): Promise<{ items: DatasetVersion[] }> {
  const { dataset } = await visibleDataset(ctx.db, principal, datasetId);
  if (dataset.kind !== 'managed') return { items: [] };
  return { items: (await listDatasetVersions(ctx.db, datasetId)).map(presentDatasetVersion) };
}

export async function previewVersion(
  ctx: AppContext,
  principal: Principal,
  datasetId: number,
  query: { limit: number; version?: number },
): Promise<DatasetPreview> {
  const { version } = await readableVersion(ctx, principal, datasetId, query.version);
  const readSpec = JSON.parse(version.read_spec) as DatasetReadSpec;
  const preview = await withLocalFile(ctx, version, (path) => previewDataset(ctx.sandboxes, { path, readSpec }, query.limit));
  return { ...preview, rowCount: Number(version.row_count), version: version.version };
}

/** Profiles in progress, so concurrent first requests for one version compute it once. */
const profiling = new WeakMap<AppContext, Map<number, Promise<DatasetProfile>>>();

/**
 * The version's profile: computed on the first request (it reads the whole file) and kept in
 * its row, since a version never changes. Keeping it is not a write any cached read shows, so
 * no read cache is invalidated.
 */
export async function profileVersion(ctx: AppContext, principal: Principal, datasetId: number, version?: number): Promise<DatasetProfile> {
  const { version: row } = await readableVersion(ctx, principal, datasetId, version);
  if (row.profile_json !== null) return { ...(JSON.parse(row.profile_json) as Omit<DatasetProfile, 'version'>), version: row.version };
  let inflight = profiling.get(ctx);
  if (!inflight) profiling.set(ctx, (inflight = new Map()));
  let pending = inflight.get(row.id);
  if (!pending) {
    const computing = (async () => {
      const readSpec = JSON.parse(row.read_spec) as DatasetReadSpec;
      const profile = await withLocalFile(ctx, row, (path) => profileDataset(ctx.sandboxes, { path, readSpec }));
      await saveVersionProfile(ctx.db, row.id, JSON.stringify(profile));
      return { ...profile, version: row.version } as DatasetProfile;
    })().finally(() => inflight.delete(row.id));
    inflight.set(row.id, computing);
    pending = computing;
  }
  return pending;
}

const MEDIA_TYPES = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
} as const;

export interface DownloadFile {
  readonly body: Readable;
  readonly sizeBytes: number;
  readonly mediaType: string;
  /** `<name>-v<version>.<format>`, for Content-Disposition. */
  readonly fileName: string;
  readonly sha256: string;
}

export async function downloadVersion(ctx: AppContext, principal: Principal, datasetId: number, version?: number): Promise<DownloadFile> {
  const { dataset, version: row } = await readableVersion(ctx, principal, datasetId, version);
  const object = await ctx.storage.get(row.storage_key);
  return {
    body: object.body,
    sizeBytes: Number(row.size_bytes),
    mediaType: MEDIA_TYPES[row.format],
    fileName: `${dataset.name}-v${row.version}.${row.format}`,
    sha256: row.sha256,
  };
}

/**
 * The project's datasets as the query engine sees them: every managed dataset at its current
 * version, a table named by the dataset's name whose file is opened only when a query names it.
 * Charts and any other feature that runs SQL over a project take this list.
 */
export async function projectQueryableDatasets(ctx: AppContext, projectId: number): Promise<QueryableDataset[]> {
  const rows = await listCurrentVersionsOfProject(ctx.db, projectId);
  return rows.map((row) => ({
    name: row.name,
    readSpec: JSON.parse(row.read_spec) as DatasetReadSpec,
    openFile: () => ctx.storage.localFile(row.storage_key),
  }));
}

const MISSING_TABLE = /Table with name (.+?) does not exist/;

/** POST /projects/:id/query: one read-only statement over the project's managed datasets. */
export async function runQuery(
  ctx: AppContext,
  principal: Principal,
  projectId: number,
  body: { sql: string; limit?: number },
): Promise<QueryResult> {
  await resolveProjectAccess(ctx.db, principal, projectId);
  const datasets = await projectQueryableDatasets(ctx, projectId);
  try {
    return await ctx.queries.query({ sql: body.sql, datasets, limit: body.limit ?? 1000 });
  } catch (error) {
    const missing = error instanceof InvalidQueryError ? MISSING_TABLE.exec(error.message)?.[1] : undefined;
    if (missing !== undefined) {
      const registered = (await listRegisteredDatasetNames(ctx.db, projectId)).find((name) => name.toLowerCase() === missing.toLowerCase());
      if (registered !== undefined) {
        throw new InvalidQueryError(
          `${JSON.stringify(registered)} is a registered dataset (an external uri): only uploaded (managed) datasets can be queried`,
        );
      }
    }
    throw error;
  }
}
