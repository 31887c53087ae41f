import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { specPath } from '../support/specs';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const IMPORTS_DIR = path.join(REPO_ROOT, 'charts', 'imports');
const CDK8S = path.join(REPO_ROOT, 'node_modules', '.bin', 'cdk8s');

/** The CRDS table of scripts/import-crds.ts (module name -> CRD file), read from its source so the two cannot drift. */
function importedCrds(): [string, string][] {
  const script = fs.readFileSync(path.join(REPO_ROOT, 'scripts', 'import-crds.ts'), 'utf8');
  const table = /const CRDS[^=]*=\s*\{([^}]*)\}/.exec(script);
  if (!table) throw new Error('scripts/import-crds.ts has no CRDS table');
  return [...table[1].matchAll(/^\s*'?([\w-]+)'?\s*:\s*'([^']+\.yaml)'/gm)].map((m) => [m[1], m[2]]);
}

function firstDifference(committed: string, fresh: string): string | null {
  if (committed === fresh) return null;
  const a = committed.split('\n');
  const b = fresh.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}: committed ${JSON.stringify(a[i])}, fresh import ${JSON.stringify(b[i])}`;
  }
  return 'the files differ in line endings';
}

describe('charts/imports', () => {
  test('is exactly what `npm run import:crds` (cdk8s import of the Spark operator CRDs) generates', () => {
    const crds = importedCrds();
    expect(crds).toContainEqual(['sparkapplication', 'sparkoperator.k8s.io_sparkapplications.yaml']);

    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'datavis-crd-import-'));
    try {
      // The same invocation as scripts/import-crds.ts, into a scratch directory.
      for (const [moduleName, file] of crds) {
        execFileSync(
          CDK8S,
          [
            'import',
            `${moduleName}:=${specPath('spark-operator', file)}`,
            '--language',
            'typescript',
            '--output',
            outdir,
            '--no-save',
            '--no-check-upgrade',
          ],
          { cwd: REPO_ROOT, stdio: 'pipe' },
        );
      }
      const fresh = fs.readdirSync(outdir).sort();
      const committed = fs.readdirSync(IMPORTS_DIR).sort();
      expect(fresh).toEqual(['sparkapplication-sparkoperator.k8s.io.ts']);
      expect(committed).toEqual(fresh);
      for (const file of fresh) {
        const difference = firstDifference(
          fs.readFileSync(path.join(IMPORTS_DIR, file), 'utf8'),
          fs.readFileSync(path.join(outdir, file), 'utf8'),
        );
        expect({ file, difference }).toEqual({ file, difference: null });
      }
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
