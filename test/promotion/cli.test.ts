import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { copyReleases, snapshotFiles } from './release-fixtures';

const ROOT = path.resolve(__dirname, '..', '..');
const TS_NODE = path.join(ROOT, 'node_modules', '.bin', 'ts-node');
const HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'datavis-cli-home-'));

/** Runs `npm run platform -- <args>` as a subprocess without any AWS credentials (and never the instance metadata service). */
function cli(...args: string[]) {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('AWS_') && !key.startsWith('CDK_') && !key.startsWith('DATAVIS_') && key !== 'HOME') env[key] = value;
  }
  Object.assign(env, {
    HOME,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: path.join(HOME, 'none'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(HOME, 'none'),
  });
  const result = spawnSync(TS_NODE, [path.join('bin', 'platform-cli.ts'), ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 230_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

afterAll(() => fs.rmSync(HOME, { recursive: true, force: true }));

describe('npm run platform', () => {
  test('status --json lists every pinned release and why live status is unavailable without credentials', () => {
    const { code, stdout } = cli('status', '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.command).toBe('status');
    const byEnv = Object.fromEntries(out.environments.map((e: { env: string }) => [e.env, e]));
    expect(Object.keys(byEnv)).toEqual(['local', 'dev', 'staging', 'prod']);
    const checkedIn = JSON.parse(fs.readFileSync(path.join(ROOT, 'lib', 'config', 'releases', 'prod.json'), 'utf8'));
    expect(byEnv.prod.release).toEqual(checkedIn);
    expect(byEnv.local.live.state).toBe('skipped');
    expect(byEnv.dev.live).toMatchObject({ state: 'unavailable', kind: 'credentials' });
    expect(byEnv.dev.live.reason).toContain('No AWS credentials for cloudformation:DescribeStacks');
  });

  test('promote --from staging --to prod --offline --dry-run explains field by field what would change, and writes nothing', () => {
    const before = snapshotFiles(path.join(ROOT, 'lib', 'config', 'releases'));
    const staging = JSON.parse(fs.readFileSync(path.join(ROOT, 'lib', 'config', 'releases', 'staging.json'), 'utf8'));
    const prod = JSON.parse(fs.readFileSync(path.join(ROOT, 'lib', 'config', 'releases', 'prod.json'), 'utf8'));
    const { code, stdout, stderr } = cli('promote', '--from', 'staging', '--to', 'prod', '--offline', '--dry-run');
    expect(stdout).toContain(`Promote staging -> prod: ${prod.platformVersion} -> ${staging.platformVersion} (dry run)`);
    expect(stdout).toMatch(
      new RegExp(`platformVersion\\s+${prod.platformVersion.replace(/\./g, '\\.')} -> ${staging.platformVersion.replace(/\./g, '\\.')}`),
    );
    expect(stdout).toMatch(/PASS\s+stage-order/);
    expect(stdout).toMatch(/SKIP\s+live-source\s+--offline/);
    expect(stdout).toMatch(/PASS\s+synthesis\s+prod synthesizes with the candidate release/);
    expect(stdout).toContain('a manual RDS snapshot of the prod database would be created');
    expect(stdout).toContain('Result: allowed; dry run, nothing written.');
    expect(stderr).toContain('Synthesizing prod with');
    expect(code).toBe(0);
    expect(snapshotFiles(path.join(ROOT, 'lib', 'config', 'releases'))).toEqual(before);
  }, 240_000);

  test('a refused promotion exits 3 with the reason, in JSON too', () => {
    const { code, stdout } = cli('promote', '--from', 'dev', '--to', 'prod', '--offline', '--dry-run', '--json');
    expect(code).toBe(3);
    const out = JSON.parse(stdout);
    expect(out.allowed).toBe(false);
    expect(out.gates[0]).toEqual({
      gate: 'stage-order',
      status: 'refused',
      message: 'promoting dev to prod skips staging; prod takes releases from staging only',
    });
  });

  test('usage errors exit 2 and name what is allowed', () => {
    const unknownEnv = cli('promote', '--from', 'qa', '--to', 'prod', '--dry-run');
    expect(unknownEnv.code).toBe(2);
    expect(unknownEnv.stderr).toContain('--from is "qa"; allowed: local, dev, staging, prod');
    const unknownCommand = cli('deploy');
    expect(unknownCommand.code).toBe(2);
  });

  test('writing without --yes in a non-interactive shell is a usage error, raised before the gates run', () => {
    const fixtures = copyReleases();
    try {
      const before = snapshotFiles(fixtures.dir);
      const noYes = cli('promote', '--from', 'dev', '--to', 'staging', '--offline', '--releases-dir', fixtures.dir);
      expect(noYes.code).toBe(2);
      expect(noYes.stderr).toContain(
        'Refusing to write without confirmation in a non-interactive shell: pass --yes to write, or --dry-run to preview.',
      );
      expect(noYes.stderr).not.toContain('Synthesizing');
      expect(snapshotFiles(fixtures.dir)).toEqual(before);
      expect(cli('history', '--env', 'staging', '--releases-dir', fixtures.dir).stdout).toContain(
        'No promotion or rollback of staging is recorded.',
      );
    } finally {
      fixtures.cleanup();
    }
  });
});
