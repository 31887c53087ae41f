import { createReadStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { isOneOf, MANAGED_DATASET_FORMATS, type ManagedDatasetFormat } from '../../../schema/vocabulary';
import type { AppContext, Principal } from '../context';
import { badRequest, conflict, notFound } from '../errors';
import { findDatasetById, insertDataset, lockDatasetById } from '../repositories/dataset-repository';
import type { Executor } from '../repositories/executor';
import type { Dataset } from '../schemas/dataset.schema';
import { nowDbTimestamp } from '../time';
import { chartDataChangedMessages } from './chart-service';
import { commitUpload, datasetEvent, stageAndInspect, writeVersion, type InspectedUpload } from './dataset-ingest';
import { checkDatasetName, datasetNameKey } from './dataset-names';
import { datasetExists, requireFreeName, requireManaged, visibleDataset } from './dataset-service';
import { requireProjectPermission } from './project-access';

/** An upload's bytes and what the request said about them. */
export interface UploadFile {
  readonly stream: Readable;
  /** The request's (or multipart part's) Content-Type, without parameters. */
  readonly contentType?: string;
  /** The multipart part's file name, if any. */
  readonly fileName?: string;
}

/**
 * A request body holding one file. `open()` is called only once the request was allowed (a
 * refused one reads no bytes); `finish()`, once the file was read, checks that nothing else
 * followed it (a second file in a multipart body).
 */
export interface UploadBody {
  open(): Promise<UploadFile>;
  finish?(): Promise<void>;
}

const FORMAT_OF_EXTENSION: Record<string, ManagedDatasetFormat> = {
  '.csv': 'csv',
  '.json': 'json',
  '.jsonl': 'json',
  '.ndjson': 'json',
  '.parquet': 'parquet',
};
const FORMAT_OF_MEDIA_TYPE: Record<string, ManagedDatasetFormat> = {
  'text/csv': 'csv',
  'application/json': 'json',
  'application/x-ndjson': 'json',
  'application/vnd.apache.parquet': 'parquet',
};

/**
 * The format the file is declared in: `?format=`, else the file name's extension, else the
 * media type, else `fallback` (a new version keeps its dataset's format); 400 when none says.
 */
export function declaredFormat(
  explicit: ManagedDatasetFormat | undefined,
  body: Pick<UploadFile, 'contentType' | 'fileName'>,
  fallback?: ManagedDatasetFormat,
): ManagedDatasetFormat {
  const format =
    explicit ??
    (body.fileName ? FORMAT_OF_EXTENSION[path.extname(body.fileName).toLowerCase()] : undefined) ??
    (body.contentType ? FORMAT_OF_MEDIA_TYPE[body.contentType] : undefined) ??
    fallback;
  if (format === undefined) {
    throw badRequest('format_required', 'say which format the file is in: ?format=csv, json or parquet');
  }
  return format;
}

/** POST /projects/:id/datasets/upload: a new managed dataset whose version 1 is the body. */
export async function uploadDataset(
  ctx: AppContext,
  principal: Principal,
  projectId: number,
  query: { name: string; format?: ManagedDatasetFormat },
  body: UploadBody,
): Promise<Dataset> {
  checkDatasetName(query.name);
  // Refusals that need no bytes come before the body is read.
  await requireProjectPermission(ctx.db, principal, projectId, 'write');
  await requireFreeName(ctx.db, projectId, query.name);
  const file = await body.open();
  const format = declaredFormat(query.format, file);
  const upload = await stageAndInspect(ctx, file.stream, format, body.finish);
  return commitUpload(
    ctx,
    upload,
    () => datasetExists(query.name),
    async (write, onCommitted) => {
      const { trx } = write;
      await requireProjectPermission(trx, principal, projectId, 'write');
      const now = nowDbTimestamp();
      const created = await insertDataset(trx, {
        project_id: projectId,
        name: query.name,
        name_key: datasetNameKey(query.name),
        kind: 'managed',
        uri: '',
        format,
        size_bytes: 0,
        version: null,
        schema_json: null,
        row_count: null,
        created_by: principal.id,
        created_at: now,
        updated_at: now,
      });
      const row = await writeVersion(ctx, write, created, 1, { upload, createdBy: principal.id, runId: null }, onCommitted);
      const { message, dataset } = await datasetEvent(trx, 'dataset.created', row);
      write.outbox.push(message);
      return dataset;
    },
  );
}

/** The next version of a managed dataset, in the transaction that locks its row. */
async function appendVersion(
  ctx: AppContext,
  datasetId: number,
  upload: InspectedUpload,
  who: { createdBy: number | null; runId: number | null; recheck?: (trx: Executor, projectId: number) => Promise<void> },
): Promise<Dataset> {
  const updated = await commitUpload(
    ctx,
    upload,
    () => conflict('version_conflict', `another version of dataset ${datasetId} was added at the same time; retry`),
    async (write, onCommitted) => {
      const current = await lockDatasetById(write.trx, datasetId, ctx.dialect === 'mysql');
      if (!current) throw notFound(`dataset ${datasetId}`);
      await who.recheck?.(write.trx, current.project_id);
      requireManaged(current);
      const row = await writeVersion(ctx, write, current, (current.version ?? 0) + 1, { upload, ...who }, onCommitted);
      const { message, dataset } = await datasetEvent(write.trx, 'dataset.updated', row);
      // The charts' events go first: a client that sees dataset.updated has seen them all.
      write.outbox.push(...(await chartDataChangedMessages(ctx, write.trx, current.project_id, datasetId, [current.name])), message);
      return dataset;
    },
  );
  // The charts' cached data of the older version is unreachable now (its keys name that
  // version); dropping it frees the memory before it would expire.
  await ctx.chartData.dropDataset(datasetId);
  return updated;
}

/** POST /datasets/:id/versions: the body becomes the dataset's next version. */
export async function addVersion(
  ctx: AppContext,
  principal: Principal,
  datasetId: number,
  query: { format?: ManagedDatasetFormat },
  body: UploadBody,
): Promise<Dataset> {
  const { dataset } = await visibleDataset(ctx.db, principal, datasetId, 'write');
  requireManaged(dataset);
  const fallback = isOneOf(MANAGED_DATASET_FORMATS, dataset.format) ? dataset.format : undefined;
  const file = await body.open();
  const upload = await stageAndInspect(ctx, file.stream, declaredFormat(query.format, file, fallback), body.finish);
  return appendVersion(ctx, datasetId, upload, {
    createdBy: principal.id,
    runId: null,
    recheck: async (trx, projectId) => {
      await requireProjectPermission(trx, principal, projectId, 'write');
    },
  });
}

/** Where the bytes of a new version come from, for features that produce files (runs). */
export type VersionSource = { readonly localPath: string } | { readonly storageKey: string };

export interface AddVersionFromFileInput {
  readonly datasetId: number;
  readonly source: VersionSource;
  /** @default the dataset's current format, else the file name's extension */
  readonly format?: ManagedDatasetFormat;
  /** The run whose output the file is. @default null */
  readonly runId?: number | null;
  /** @default null */
  readonly createdBy?: number | null;
}

/**
 * Adds a file that is already on this machine or in the object storage as the next version of
 * a managed dataset, with no access check (the caller decided), exactly as an upload would:
 * inspected, stored under a new write-once key, row and object together or neither, and
 * dataset.updated sent to the project's audience. The source is left as it is. Rejects with
 * 404 for a missing dataset, 400 registered_dataset or invalid_dataset (naming the problem),
 * 413 over MAX_UPLOAD_BYTES, 503 when storage or database are unavailable.
 */
export async function addDatasetVersionFromFile(ctx: AppContext, input: AddVersionFromFileInput): Promise<Dataset> {
  const dataset = await findDatasetById(ctx.db, input.datasetId);
  if (!dataset) throw notFound(`dataset ${input.datasetId}`);
  requireManaged(dataset);
  const fileName = 'localPath' in input.source ? input.source.localPath : input.source.storageKey;
  const fallback = isOneOf(MANAGED_DATASET_FORMATS, dataset.format) ? dataset.format : undefined;
  const format = input.format ?? declaredFormat(undefined, { fileName }, fallback);
  if ('localPath' in input.source) {
    const stat = await fs.stat(input.source.localPath).catch(() => undefined);
    if (!stat?.isFile()) throw new Error(`${input.source.localPath} is not a file: no version added to dataset ${input.datasetId}`);
  }
  const stream =
    'localPath' in input.source ? createReadStream(input.source.localPath) : (await ctx.storage.get(input.source.storageKey)).body;
  const upload = await stageAndInspect(ctx, stream, format);
  return appendVersion(ctx, input.datasetId, upload, { createdBy: input.createdBy ?? null, runId: input.runId ?? null });
}
