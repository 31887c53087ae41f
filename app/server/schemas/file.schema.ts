import { Type, type Static } from '@sinclair/typebox';
import { Id, Timestamp } from './common.schema';

/** Largest project file (a notebook or a PySpark file). */
export const MAX_PROJECT_FILE_BYTES = 5 * 1024 * 1024;

/** `report.ipynb`, `jobs/clean_up.py`: letters, digits and `_.-` in '/'-separated parts, no `..`. */
export const PROJECT_FILE_NAME_PATTERN = '^(?!.*\\.\\.)(?!/)(?!.*//)(?!library/)[A-Za-z0-9_][A-Za-z0-9_./-]{0,194}\\.(ipynb|py)$';

export const NotebookParameter = Type.Object(
  {
    name: Type.String(),
    default: Type.Unknown({ description: "The default as JSON (null when it is an expression, type 'any')" }),
    type: Type.String({ description: 'JSON type of the default: string, integer, number, boolean, null, array, object or any' }),
    nullable: Type.Boolean({ description: 'null is accepted besides the type (a default of None with a type annotation)' }),
  },
  { title: 'NotebookParameter' },
);
export type NotebookParameter = Static<typeof NotebookParameter>;

export const ProjectFile = Type.Object(
  {
    id: Id,
    projectId: Id,
    name: Type.String(),
    sizeBytes: Type.Integer({ minimum: 0 }),
    parameters: Type.Array(NotebookParameter, { description: "What a notebook's parameters cell declares ([] for a .py)" }),
    createdBy: Type.Union([Id, Type.Null()]),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'ProjectFile' },
);
export type ProjectFile = Static<typeof ProjectFile>;

export const FileUploadQuery = Type.Object({
  name: Type.String({
    minLength: 1,
    maxLength: 200,
    pattern: PROJECT_FILE_NAME_PATTERN,
    description: 'File name ending in .ipynb (a notebook) or .py (a PySpark job); may contain folders (a/b.py); not under library/',
  }),
});
export type FileUploadQuery = Static<typeof FileUploadQuery>;

export const ProjectFileList = Type.Object({ items: Type.Array(ProjectFile) });

export const LibraryEntry = Type.Object(
  {
    name: Type.String({ description: '`library/<file>`, as a task names it' }),
    kind: Type.Union([Type.Literal('notebook'), Type.Literal('spark')]),
    parameters: Type.Array(NotebookParameter),
  },
  { title: 'LibraryEntry' },
);
export const LibraryList = Type.Object({ items: Type.Array(LibraryEntry) });
export type LibraryEntry = Static<typeof LibraryEntry>;
