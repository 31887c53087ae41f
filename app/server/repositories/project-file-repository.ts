import type { NewProjectFileRow, ProjectFileRow } from '../../../schema/project-files.table';
import type { Executor } from './executor';

/** Most files a project lists (GET /projects/:id/files is not paged). */
export const MAX_LISTED_FILES = 1000;

export async function findProjectFileById(db: Executor, id: number): Promise<ProjectFileRow | undefined> {
  return db.selectFrom('project_files').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findProjectFileByName(db: Executor, projectId: number, name: string): Promise<ProjectFileRow | undefined> {
  return db.selectFrom('project_files').selectAll().where('project_id', '=', projectId).where('name', '=', name).executeTakeFirst();
}

export async function listProjectFiles(db: Executor, projectId: number): Promise<ProjectFileRow[]> {
  return db.selectFrom('project_files').selectAll().where('project_id', '=', projectId).orderBy('name').limit(MAX_LISTED_FILES).execute();
}

export async function insertProjectFile(db: Executor, file: NewProjectFileRow): Promise<ProjectFileRow> {
  const result = await db.insertInto('project_files').values(file).executeTakeFirstOrThrow();
  const row = await findProjectFileById(db, Number(result.insertId));
  if (!row) throw new Error(`project file ${String(result.insertId)} vanished right after insert`);
  return row;
}

export async function deleteProjectFile(db: Executor, id: number): Promise<number> {
  const result = await db.deleteFrom('project_files').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Which of `keys` a project file row names. */
export async function findProjectFileKeys(db: Executor, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('project_files')
    .select('storage_key')
    .where('storage_key', 'in', [...keys])
    .execute();
  return new Set(rows.map((row) => row.storage_key));
}
