import Ajv, { ValidateFunction } from 'ajv-draft-04';
import { NotebookParameter, notebookParameters } from '../../../charts/notebooks/notebook-parameters';
import schema40 from '../../../specs/nbformat/nbformat.v4.0.schema.json';
import schema41 from '../../../specs/nbformat/nbformat.v4.1.schema.json';
import schema42 from '../../../specs/nbformat/nbformat.v4.2.schema.json';
import schema43 from '../../../specs/nbformat/nbformat.v4.3.schema.json';
import schema44 from '../../../specs/nbformat/nbformat.v4.4.schema.json';
import schema45 from '../../../specs/nbformat/nbformat.v4.5.schema.json';

/** nbformat's own schemas (specs/nbformat, jupyter/nbformat v5.11.1), one per minor version. */
const SCHEMAS: readonly object[] = [schema40, schema41, schema42, schema43, schema44, schema45];
const LATEST_MINOR = SCHEMAS.length - 1;

/** A notebook that passed validation: nbformat 4 JSON. */
export interface NotebookJson {
  readonly nbformat: 4;
  readonly nbformat_minor: number;
  readonly metadata: { readonly [key: string]: unknown };
  readonly cells: readonly {
    readonly cell_type: string;
    readonly metadata: { readonly tags?: readonly string[]; readonly [key: string]: unknown };
    readonly source: string | readonly string[];
    readonly outputs?: readonly { readonly output_type: string; readonly [key: string]: unknown }[];
  }[];
}

/** Why an upload is not a notebook the platform runs; the message names what is wrong. */
export class InvalidNotebookError extends Error {
  public readonly code = 'invalid_notebook';
}

/** nbformat's validator.py relaxes a future minor's schema like this: extra keys are allowed. */
function relaxAdditionalProperties(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(relaxAdditionalProperties);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === 'additionalProperties' ? true : relaxAdditionalProperties(v)]),
    );
  }
  return value;
}

/** ...and cells and outputs of types it does not know yet are accepted. */
function allowUndefined(schema: { definitions: { cell: { oneOf: object[] }; output: { oneOf: object[] } } }): object {
  schema.definitions.cell.oneOf.push({ $ref: '#/definitions/unrecognized_cell' });
  schema.definitions.output.oneOf.push({ $ref: '#/definitions/unrecognized_output' });
  return schema;
}

const validators = new Map<number, ValidateFunction>();

/** The validator nbformat would use for this minor version (the newest, relaxed, for a later one). */
function validatorFor(minor: number): ValidateFunction {
  const key = Math.min(minor, LATEST_MINOR + 1);
  let validate = validators.get(key);
  if (validate === undefined) {
    const schema = key <= LATEST_MINOR ? SCHEMAS[key] : allowUndefined(relaxAdditionalProperties(SCHEMAS[LATEST_MINOR]) as never);
    // nbformat's schemas use `format` only as documentation; its own validator does not check them.
    const ajv = new Ajv({ allErrors: false, strict: false, validateFormats: false });
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  return validate;
}

/**
 * nbformat's validate() repairs the cell ids of a 4.5+ notebook before it checks the schema
 * (a missing or repeated id gets a new one, with a warning), and Jupyter, papermill and nbclient
 * read such notebooks the same way; so validation looks at a copy with the ids repaired.
 */
function withCellIdsRepaired(document: object, minor: number): object {
  const cells = (document as { cells?: unknown }).cells;
  if (minor < 5 || !Array.isArray(cells)) return document;
  const seen = new Set<unknown>();
  const repaired = cells.map((cell: unknown, index) => {
    if (cell === null || typeof cell !== 'object' || Array.isArray(cell)) return cell;
    const id = (cell as { id?: unknown }).id;
    const unique = id !== undefined && !seen.has(id);
    seen.add(id);
    return unique ? cell : { ...cell, id: `repaired-${index}` };
  });
  return { ...document, cells: repaired };
}

/**
 * Parses and validates an uploaded notebook: UTF-8 JSON, nbformat 4, valid against the nbformat
 * schema of its minor version. Throws InvalidNotebookError saying what is wrong and where.
 */
export function parseNotebook(bytes: Buffer | string): NotebookJson {
  let text: string;
  try {
    text = typeof bytes === 'string' ? bytes : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InvalidNotebookError('the notebook is not UTF-8 text');
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new InvalidNotebookError(`the notebook is not JSON: ${(error as Error).message}`);
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new InvalidNotebookError('the notebook must be a JSON object (nbformat 4)');
  }
  const { nbformat, nbformat_minor: minor } = document as { nbformat?: unknown; nbformat_minor?: unknown };
  if (nbformat !== 4) {
    throw new InvalidNotebookError(`only nbformat 4 notebooks are accepted, this one says nbformat ${JSON.stringify(nbformat ?? null)}`);
  }
  if (!Number.isInteger(minor) || (minor as number) < 0) {
    throw new InvalidNotebookError(`nbformat_minor must be a non-negative integer, got ${JSON.stringify(minor ?? null)}`);
  }
  const validate = validatorFor(minor as number);
  if (!validate(withCellIdsRepaired(document, minor as number))) {
    const error = validate.errors?.[0];
    const where = error?.instancePath === '' ? 'the notebook' : (error?.instancePath ?? 'the notebook');
    throw new InvalidNotebookError(`not a valid nbformat 4.${minor as number} notebook: ${where} ${error?.message ?? 'is invalid'}`);
  }
  return document as NotebookJson;
}

/** The declared parameters of a validated notebook (the same parser the NotebooksChart uses). */
export function declaredNotebookParameters(notebook: NotebookJson): NotebookParameter[] {
  return notebookParameters(notebook);
}

/** The first error a cell of an executed notebook shows: exception name and message. */
export function notebookError(notebook: NotebookJson): { ename: string; evalue: string } | undefined {
  for (const cell of notebook.cells) {
    for (const output of cell.outputs ?? []) {
      if (output.output_type === 'error') return { ename: String(output.ename), evalue: String(output.evalue) };
    }
  }
  return undefined;
}
