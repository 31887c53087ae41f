import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { checkParameters, type JsonValue } from '../../../charts/notebooks/notebook-parameters';
import type { ProjectFileRow } from '../../../schema/project-files.table';
import { badRequest } from '../errors';
import { findProjectFileByName } from '../repositories/project-file-repository';
import type { Executor } from '../repositories/executor';
import { OUTPUT_PATH_PARAMETER } from '../runs/local/local-executor';
import { declaredNotebookParameters, parseNotebook } from '../runs/notebook-document';
import type { LibraryEntry, NotebookParameter } from '../schemas/file.schema';

/** How tasks name the platform's own files: `library/<file>`. */
export const LIBRARY_PREFIX = 'library/';
/** The repository's parameterized notebooks (notebooks/) and PySpark jobs (charts/spark/jobs/). */
export const LIBRARY_NOTEBOOKS_DIR = path.resolve(__dirname, '..', '..', '..', 'notebooks');
export const LIBRARY_JOBS_DIR = path.resolve(__dirname, '..', '..', '..', 'charts', 'spark', 'jobs');

/** What a task's `notebook` or `application` names: a project file or a library file. */
export type RunSource =
  | { readonly origin: 'project'; readonly name: string; readonly file: ProjectFileRow; readonly parameters: NotebookParameter[] }
  | { readonly origin: 'library'; readonly name: string; readonly localPath: string; readonly parameters: NotebookParameter[] };

/** The parameters as the API shows them (the parser's help text stays out). */
export function apiParameters(notebookBytes: Buffer | string): NotebookParameter[] {
  return declaredNotebookParameters(parseNotebook(notebookBytes)).map((p) => ({
    name: p.name,
    default: p.default,
    type: p.type,
    nullable: p.nullable,
  }));
}

let library: Promise<LibraryEntry[]> | undefined;

async function readLibrary(): Promise<LibraryEntry[]> {
  const entries: LibraryEntry[] = [];
  for (const file of (await fs.readdir(LIBRARY_NOTEBOOKS_DIR)).filter((f) => f.endsWith('.ipynb')).sort()) {
    const parameters = apiParameters(await fs.readFile(path.join(LIBRARY_NOTEBOOKS_DIR, file)));
    entries.push({ name: `${LIBRARY_PREFIX}${file}`, kind: 'notebook', parameters });
  }
  for (const file of (await fs.readdir(LIBRARY_JOBS_DIR)).filter((f) => f.endsWith('.py')).sort()) {
    entries.push({ name: `${LIBRARY_PREFIX}${file}`, kind: 'spark', parameters: [] });
  }
  return entries;
}

/** The platform's notebooks and Spark jobs (read once: they ship with the server). */
export function libraryEntries(): Promise<LibraryEntry[]> {
  library ??= readLibrary().catch((error: unknown) => {
    library = undefined;
    throw error;
  });
  return library;
}

/** The file a task names, or undefined when there is none of that name. */
export async function findRunSource(db: Executor, projectId: number, name: string): Promise<RunSource | undefined> {
  if (name.startsWith(LIBRARY_PREFIX)) {
    const entry = (await libraryEntries()).find((e) => e.name === name);
    if (entry === undefined) return undefined;
    const file = name.slice(LIBRARY_PREFIX.length);
    const localPath = path.join(entry.kind === 'notebook' ? LIBRARY_NOTEBOOKS_DIR : LIBRARY_JOBS_DIR, file);
    return { origin: 'library', name, localPath, parameters: entry.parameters };
  }
  const file = await findProjectFileByName(db, projectId, name);
  if (file === undefined) return undefined;
  return { origin: 'project', name, file, parameters: JSON.parse(file.parameters) as NotebookParameter[] };
}

/** The file a run needs; 400 naming it when the project has no such file. */
export async function requireRunSource(
  db: Executor,
  projectId: number,
  field: 'notebook' | 'application',
  name: string,
): Promise<RunSource> {
  const source = await findRunSource(db, projectId, name);
  if (source === undefined) {
    throw badRequest(
      `${field}_not_found`,
      `${field} '${name}' is neither a file of project ${projectId} nor a platform file (GET /api/library lists them as library/<file>)`,
    );
  }
  return source;
}

/**
 * Checks parameters against what the notebook declares: 400 unknown_parameter or
 * invalid_parameter naming the first one that is wrong. `output_path` is the platform's to set.
 */
export function requireValidParameters(declared: readonly NotebookParameter[], supplied: Record<string, unknown>): void {
  if (Object.hasOwn(supplied, OUTPUT_PATH_PARAMETER)) {
    throw badRequest(
      'invalid_parameter',
      `parameter '${OUTPUT_PATH_PARAMETER}' is set by the platform for every run (where the notebook writes its result); leave it out`,
    );
  }
  const problems = checkParameters(
    declared.map((p) => ({ ...p, default: p.default as JsonValue, type: p.type as never, help: null })),
    supplied as Record<string, JsonValue>,
  );
  const [first] = problems;
  if (first !== undefined) throw badRequest(first.code, first.message);
}
