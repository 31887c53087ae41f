import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

/**
 * Upstream schemas and reference facts (Spark operator CRDs, JupyterHub values schema, load
 * balancer controller annotations, Pod Security checklist), vendored in specs/ with their
 * sources (specs/sources.json, specs/README.md).
 */
export const SPECS_DIR = path.resolve(__dirname, '../../specs');

export function specPath(...parts: string[]): string {
  const file = path.join(SPECS_DIR, ...parts);
  if (!fs.existsSync(file)) throw new Error(`spec file ${path.relative(process.cwd(), file)} not found in specs/`);
  return file;
}

export function readSpecText(...parts: string[]): string {
  return fs.readFileSync(specPath(...parts), 'utf8');
}

export function readSpecYaml<T = unknown>(...parts: string[]): T {
  return parse(readSpecText(...parts), { maxAliasCount: -1 }) as T;
}
