import { badRequest } from '../errors';

/**
 * A dataset name is a table name in SQL and part of a file name in downloads, so it may hold
 * any printable text except path characters. Letter case does not make two names different:
 * queries resolve table names case-insensitively, so a project's names are unique in any case.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const FORBIDDEN = /[/\\\u0000-\u001f\u007f]/;

export const DATASET_NAME_RULE = "a dataset name may not contain '/', '\\' or control characters, nor be '.' or '..'";

/** Throws 400 invalid_name naming the rule when `name` breaks it. */
export function checkDatasetName(name: string): void {
  if (FORBIDDEN.test(name) || name === '.' || name === '..' || name.trim() === '') {
    throw badRequest('invalid_name', `dataset name ${JSON.stringify(name)} is not allowed: ${DATASET_NAME_RULE}`);
  }
}

/** The form names are compared in (unique per project). */
export function datasetNameKey(name: string): string {
  return name.toLowerCase();
}
