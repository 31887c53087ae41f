/**
 * Regenerates charts/imports/ from the Spark operator CRDs with `cdk8s import`.
 *
 * The CRDs are read from specs/spark-operator (vendored upstream files, see specs/README.md).
 * The generated files are committed; never edit them by hand.
 *
 *   npm run import:crds
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const REPO_ROOT = path.resolve(__dirname, '..');
const SPECS_DIR = path.join(REPO_ROOT, 'specs');
const OUTPUT_DIR = path.join(REPO_ROOT, 'charts', 'imports');
const CDK8S = path.join(REPO_ROOT, 'node_modules', '.bin', 'cdk8s');

/** Module name (file prefix) -> CRD file under specs/spark-operator. */
const CRDS: Record<string, string> = {
  sparkapplication: 'sparkoperator.k8s.io_sparkapplications.yaml',
};

function main(): void {
  fs.rmSync(OUTPUT_DIR, { recursive: true, force: true });
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  for (const [moduleName, file] of Object.entries(CRDS)) {
    const crd = path.join(SPECS_DIR, 'spark-operator', file);
    if (!fs.existsSync(crd)) {
      throw new Error(`CRD ${crd} not found: run npm run refresh:specs`);
    }
    execFileSync(
      CDK8S,
      ['import', `${moduleName}:=${crd}`, '--language', 'typescript', '--output', OUTPUT_DIR, '--no-save', '--no-check-upgrade'],
      { cwd: REPO_ROOT, stdio: 'inherit' },
    );
  }
  const generated = fs
    .readdirSync(OUTPUT_DIR)
    .filter((f) => f.endsWith('.ts'))
    .sort();
  console.log(`charts/imports: ${generated.join(', ')}`);
}

main();
