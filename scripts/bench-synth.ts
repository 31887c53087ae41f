import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runMeasured } from './process-tree-sampler';

/**
 * Prints wall time and peak memory of synthesizing every AWS environment (what `npm run synth`
 * does, without the CLI's own start-up) and of the whole jest suite.
 */
async function main(): Promise<void> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'datavis-bench-synth-'));
  const root = path.resolve(__dirname, '..');
  try {
    const synth = await runMeasured(process.execPath, ['-r', 'ts-node/register', path.join(root, 'bin/platform.ts')], {
      ...process.env,
      CDK_OUTDIR: outdir,
      TS_NODE_PROJECT: path.join(root, 'tsconfig.json'),
    });
    report('synthesize dev, staging and prod', synth);
    if (process.argv.includes('--synth-only')) return;
    const jest = await runMeasured(process.execPath, [path.join(root, 'node_modules/jest/bin/jest.js'), '--silent']);
    report('jest suite', jest);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function report(what: string, figures: { exitCode: number | null; wallSeconds: number; peakTreeRssMiB: number }): void {
  const status = figures.exitCode === 0 ? 'ok' : `FAILED (exit ${figures.exitCode})`;
  console.log(
    `${what.padEnd(36)} ${figures.wallSeconds.toFixed(1).padStart(6)} s   peak RSS ${String(figures.peakTreeRssMiB).padStart(5)} MiB   ${status}`,
  );
  if (figures.exitCode !== 0) process.exitCode = 1;
}

void main();
