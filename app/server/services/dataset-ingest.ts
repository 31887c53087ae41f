import type { Readable } from 'node:stream';
import type { Transaction } from 'kysely';
import type { Database } from '../../../schema/database';
import type { DatasetRow } from '../../../schema/datasets.table';
import type { ManagedDatasetFormat } from '../../../schema/vocabulary';
import type { AppContext } from '../context';
import { classifyDatabaseError } from '../database-errors';
import { inspectDataset, type DatasetInspection } from '../data-engine/dataset-inspector';
import { findProjectAudience } from '../repositories/project-repository';
import { insertDatasetVersion } from '../repositories/dataset-version-repository';
import { findDatasetById, updateDataset } from '../repositories/dataset-repository';
import type { BusMessage } from '../realtime/project-event';
import type { Dataset } from '../schemas/dataset.schema';
import { datasetVersionKey } from '../storage/dataset-keys';
import type { StagedObject } from '../storage/object-storage';
import { nowDbTimestamp } from '../time';
import { presentDataset } from './representations';
import { invalidateReads } from './unit-of-work';

/** A file received and read: its bytes staged in storage, and what inspection found in them. */
export interface InspectedUpload {
  readonly staged: StagedObject;
  readonly format: ManagedDatasetFormat;
  readonly inspection: DatasetInspection;
}

/**
 * Streams `source` into a staged object (MAX_UPLOAD_BYTES enforced on the way, nothing held in
 * memory) and inspects it. On any failure the staged bytes are gone before this rejects.
 */
export async function stageAndInspect(
  ctx: AppContext,
  source: Readable,
  format: ManagedDatasetFormat,
  afterRead?: () => Promise<void>,
): Promise<InspectedUpload> {
  const staged = await ctx.storage.stage(source, { maxBytes: ctx.config.maxUploadBytes });
  try {
    await afterRead?.();
    return { staged, format, inspection: await inspectDataset(ctx.sandboxes, staged.localPath, format) };
  } catch (error) {
    await staged.discard();
    throw error;
  }
}

/** Where an object is, as a dataset's uri: the storage location and the key. */
export function objectUri(ctx: AppContext, key: string): string {
  return `${ctx.storage.location.replace(/\/+$/, '')}/${key}`;
}

export interface VersionInput {
  readonly upload: InspectedUpload;
  readonly createdBy: number | null;
  readonly runId: number | null;
}

/** In a transaction: what the version write needs besides the dataset row. */
export interface VersionWrite {
  readonly trx: Transaction<Database>;
  readonly outbox: BusMessage[];
}

/**
 * Makes the staged upload version `version` of `dataset`: commits the object to its final
 * write-once key, inserts the version row and moves the dataset row to it, all inside the
 * caller's transaction. The caller publishes the event.
 */
export async function writeVersion(
  ctx: AppContext,
  { trx }: VersionWrite,
  dataset: DatasetRow,
  version: number,
  input: VersionInput,
  onCommitted: (key: string) => void,
): Promise<DatasetRow> {
  const { upload } = input;
  const key = datasetVersionKey(dataset.project_id, dataset.id, version, upload.format);
  await upload.staged.commit(key);
  onCommitted(key);
  const now = nowDbTimestamp();
  const schemaJson = JSON.stringify({ columns: upload.inspection.columns });
  await insertDatasetVersion(trx, {
    dataset_id: dataset.id,
    version,
    format: upload.format,
    storage_key: key,
    size_bytes: upload.staged.sizeBytes,
    row_count: upload.inspection.rowCount,
    schema_json: schemaJson,
    read_spec: JSON.stringify(upload.inspection.readSpec),
    sha256: upload.staged.sha256,
    profile_json: null,
    run_id: input.runId,
    created_by: input.createdBy,
    created_at: now,
  });
  await updateDataset(trx, dataset.id, {
    version,
    format: upload.format,
    uri: objectUri(ctx, key),
    size_bytes: upload.staged.sizeBytes,
    row_count: upload.inspection.rowCount,
    schema_json: schemaJson,
    updated_at: now,
  });
  const row = await findDatasetById(trx, dataset.id);
  if (!row) throw new Error(`dataset ${dataset.id} vanished inside its own update`);
  return row;
}

/** The event of a dataset change, for the project's audience, sent once the transaction has committed. */
export async function datasetEvent(
  trx: Transaction<Database>,
  type: 'dataset.created' | 'dataset.updated',
  row: DatasetRow,
): Promise<{ message: BusMessage; dataset: Dataset }> {
  const dataset = presentDataset(row);
  return {
    dataset,
    message: {
      kind: 'event',
      event: { type, projectId: row.project_id, datasetId: row.id, data: dataset },
      audience: await findProjectAudience(trx, row.project_id),
    },
  };
}

/**
 * Runs `work` in one transaction around committing `upload`'s object, keeping "no row without
 * its object, no object without its row": when the transaction fails after the object was
 * committed, the object is deleted (if even that fails, the start-up reconciliation removes
 * it); when it fails before, the staged bytes are discarded. Unique violations become
 * `onUniqueViolation()`. Events and the read-cache invalidation go out after the commit.
 */
export async function commitUpload<T>(
  ctx: AppContext,
  upload: InspectedUpload,
  onUniqueViolation: () => Error,
  work: (write: VersionWrite, onCommitted: (key: string) => void) => Promise<T>,
): Promise<T> {
  const outbox: BusMessage[] = [];
  let committedKey: string | undefined;
  let result: T;
  try {
    result = await ctx.db.transaction().execute((trx) =>
      work({ trx, outbox }, (key) => {
        committedKey = key;
      }),
    );
  } catch (error) {
    if (committedKey === undefined) {
      await upload.staged.discard();
    } else {
      const key = committedKey;
      await ctx.storage
        .delete(key)
        .catch((cleanupError: unknown) =>
          ctx.log.warn({ err: cleanupError, key }, 'could not delete the object of a failed dataset write; reconciliation will'),
        );
    }
    throw classifyDatabaseError(error) === 'unique_violation' ? onUniqueViolation() : error;
  }
  await invalidateReads(ctx, outbox);
  return result;
}
