/**
 * Writes the local environment as plain YAML to dist/local/ (see README, "Kubernetes charts"):
 * the platform charts with laptop settings, a MySQL StatefulSet in place of RDS, and the Helm
 * values files for the Spark operator and JupyterHub releases.
 *
 *   npm run synth:local
 */
import * as fs from 'fs';
import * as path from 'path';
import { localPlatform } from '../charts/local';

const OUT_DIR = path.resolve(__dirname, '..', 'dist', 'local');

function main(): void {
  fs.rmSync(OUT_DIR, { recursive: true, force: true });
  fs.mkdirSync(path.join(OUT_DIR, 'values'), { recursive: true });
  const files = localPlatform().files();
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(OUT_DIR, name), content);
  }
  console.log(`dist/local: ${Object.keys(files).sort().join(', ')}`);
}

main();
