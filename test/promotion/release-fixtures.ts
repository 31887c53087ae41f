import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RELEASES_DIR } from '../../lib/config';

/** A temporary copy of the checked-in release files (no history), removed by `cleanup`. */
export function copyReleases(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datavis-releases-'));
  for (const file of fs.readdirSync(RELEASES_DIR)) {
    if (file.endsWith('.json')) fs.copyFileSync(path.join(RELEASES_DIR, file), path.join(dir, file));
  }
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Changes fields of a release file in place, e.g. `editRelease(dir, 'dev', { platformVersion: '1.0.5' })`. */
export function editRelease(dir: string, env: string, patch: Record<string, unknown>): void {
  const file = path.join(dir, `${env}.json`);
  const release = JSON.parse(fs.readFileSync(file, 'utf8'));
  const merged = { ...release, ...patch };
  for (const key of ['images', 'charts', 'eksAddons'] as const) {
    if (patch[key] !== undefined) merged[key] = { ...release[key], ...(patch[key] as object) };
  }
  fs.writeFileSync(file, JSON.stringify(merged, undefined, 2) + '\n');
}

/** Every file under `dir` with its content, to compare before and after. */
export function snapshotFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}
