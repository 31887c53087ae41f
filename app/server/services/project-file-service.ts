import * as fs from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { AppContext, Principal } from '../context';
import { classifyDatabaseError } from '../database-errors';
import { badRequest, conflict, notFound } from '../errors';
import {
  deleteProjectFile,
  findProjectFileById,
  findProjectFileByName,
  insertProjectFile,
  listProjectFiles,
} from '../repositories/project-file-repository';
import type { Executor } from '../repositories/executor';
import { InvalidNotebookError } from '../runs/notebook-document';
import { MAX_PROJECT_FILE_BYTES, type ProjectFile } from '../schemas/file.schema';
import type { StoredObject } from '../storage/object-storage';
import { projectFileKey } from '../storage/run-keys';
import { nowDbTimestamp } from '../time';
import type { UploadBody } from './dataset-upload-service';
import { apiParameters } from './notebook-source';
import { findProjectAccess, requireProjectPermission, type ProjectPermission } from './project-access';
import { presentProjectFile } from './run-representations';
import { invalidateReads } from './unit-of-work';

const fileExists = (name: string) =>
  conflict('file_exists', `the project already has a file named '${name}': delete it first or choose another name`);

/** The file, if the user may see its project with `needed`; 404 alike when missing or invisible. */
async function visibleFile(db: Executor, principal: Principal, id: number, needed: ProjectPermission = 'read') {
  const file = await findProjectFileById(db, id);
  const access = file ? await findProjectAccess(db, principal, file.project_id) : undefined;
  if (!file || !access) throw notFound(`file ${id}`);
  if (needed !== 'read') await requireProjectPermission(db, principal, file.project_id, needed);
  return file;
}

/** What a file's bytes declare: a notebook must be nbformat 4 JSON; a .py must be UTF-8 text. */
function inspect(name: string, bytes: Buffer) {
  if (name.endsWith('.ipynb')) {
    try {
      return apiParameters(bytes);
    } catch (error) {
      if (error instanceof InvalidNotebookError) throw badRequest('invalid_notebook', `${name}: ${error.message}`);
      // The parameters cell is not something the platform can read (not literal Python).
      throw badRequest('invalid_notebook', `${name}: its parameters cell cannot be read: ${(error as Error).message}`);
    }
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badRequest('invalid_file', `${name}: a PySpark file must be UTF-8 text`);
  }
  return [];
}

/**
 * POST /projects/:id/files?name=: the body (at most 5 MiB) becomes a project file. The bytes are
 * staged, checked, then committed to a write-once key in the transaction that inserts the row;
 * a refused or failed upload leaves neither row nor object.
 */
export async function uploadProjectFile(
  ctx: AppContext,
  principal: Principal,
  projectId: number,
  name: string,
  body: UploadBody,
): Promise<ProjectFile> {
  await requireProjectPermission(ctx.db, principal, projectId, 'write');
  if (await findProjectFileByName(ctx.db, projectId, name)) throw fileExists(name);
  const file = await body.open();
  const staged = await ctx.storage.stage(file.stream, { maxBytes: MAX_PROJECT_FILE_BYTES });
  let committedKey: string | undefined;
  try {
    await body.finish?.();
    const parameters = inspect(name, await fs.readFile(staged.localPath));
    const row = await ctx.db.transaction().execute(async (trx) => {
      await requireProjectPermission(trx, principal, projectId, 'write');
      if (await findProjectFileByName(trx, projectId, name)) throw fileExists(name);
      const key = projectFileKey(projectId, name.endsWith('.ipynb') ? 'ipynb' : 'py');
      await staged.commit(key);
      committedKey = key;
      const now = nowDbTimestamp();
      return insertProjectFile(trx, {
        project_id: projectId,
        name,
        storage_key: key,
        size_bytes: staged.sizeBytes,
        parameters: JSON.stringify(parameters),
        created_by: principal.id,
        created_at: now,
        updated_at: now,
      });
    });
    await invalidateReads(ctx);
    return presentProjectFile(row);
  } catch (error) {
    if (committedKey === undefined) {
      await staged.discard();
    } else {
      const key = committedKey;
      await ctx.storage
        .delete(key)
        .catch((cleanupError: unknown) =>
          ctx.log.warn({ err: cleanupError, key }, 'could not delete the object of a failed file upload; reconciliation will'),
        );
    }
    throw classifyDatabaseError(error) === 'unique_violation' ? fileExists(name) : error;
  }
}

export async function listFiles(ctx: AppContext, principal: Principal, projectId: number): Promise<{ items: ProjectFile[] }> {
  await requireProjectPermission(ctx.db, principal, projectId, 'read');
  return { items: (await listProjectFiles(ctx.db, projectId)).map(presentProjectFile) };
}

export async function getFile(ctx: AppContext, principal: Principal, id: number): Promise<ProjectFile> {
  return presentProjectFile(await visibleFile(ctx.db, principal, id));
}

export async function fileContent(
  ctx: AppContext,
  principal: Principal,
  id: number,
): Promise<{ file: ProjectFile; object: StoredObject; stream: Readable }> {
  const row = await visibleFile(ctx.db, principal, id);
  const object = await ctx.storage.get(row.storage_key);
  return { file: presentProjectFile(row), object, stream: object.body };
}

/** Deletes the row, then the object (one a failure leaves is removed by the reconciliation). */
export async function removeFile(ctx: AppContext, principal: Principal, id: number): Promise<void> {
  const row = await ctx.db.transaction().execute(async (trx) => {
    const file = await visibleFile(trx, principal, id, 'write');
    await deleteProjectFile(trx, id);
    return file;
  });
  await invalidateReads(ctx);
  await ctx.storage
    .delete(row.storage_key)
    .catch((error: unknown) => ctx.log.warn({ err: error, key: row.storage_key }, 'deleted file left for the reconciliation'));
}
