import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** One upstream file vendored verbatim under specs/ (see specs/sources.json). */
export interface VendoredSpec {
  /** Path under specs/. */
  readonly path: string;
  /** GitHub owner/name. */
  readonly repository: string;
  /** Release tag the file was taken from. */
  readonly ref: string;
  /** Commit the tag points to; downloads use it, so a moved tag cannot change the file. */
  readonly commit: string;
  readonly upstreamPath: string;
  readonly license: string;
  /** git blob id of the upstream file (git hash-object). */
  readonly blob: string;
}

export const SPECS_DIR = path.resolve(__dirname, '..', 'specs');
export const SOURCES_FILE = path.join(SPECS_DIR, 'sources.json');

export function readVendoredSpecs(): VendoredSpec[] {
  return (JSON.parse(fs.readFileSync(SOURCES_FILE, 'utf8')) as { files: VendoredSpec[] }).files;
}

/** The id git gives a file's content: sha1 over "blob <length>\0" and the bytes. */
export function gitBlobId(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

export function rawGitHubUrl(spec: Pick<VendoredSpec, 'repository' | 'upstreamPath'>, commitOrTag: string): string {
  return `https://raw.githubusercontent.com/${spec.repository}/${commitOrTag}/${spec.upstreamPath}`;
}
