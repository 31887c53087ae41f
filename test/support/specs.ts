import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

/**
 * Upstream schemas and reference facts (Spark operator CRDs, JupyterHub values schema,
 * load balancer controller annotations, Pod Security checklist) live in the shared specs
 * folder next to the repository; set DATAVIS_SPECS_DIR to read them from elsewhere.
 */
export const SPECS_DIR = process.env.DATAVIS_SPECS_DIR ?? path.resolve(__dirname, '../../../shared/specs');

export function specPath(...parts: string[]): string {
  const file = path.join(SPECS_DIR, ...parts);
  if (!fs.existsSync(file)) {
    throw new Error(`spec file ${file} not found: the shared specs folder must sit beside the repository (or set DATAVIS_SPECS_DIR)`);
  }
  return file;
}

export function readSpecText(...parts: string[]): string {
  return fs.readFileSync(specPath(...parts), 'utf8');
}

export function readSpecYaml<T = unknown>(...parts: string[]): T {
  return parse(readSpecText(...parts), { maxAliasCount: -1 }) as T;
}
