import * as fs from 'fs';
import * as path from 'path';
import { AwsEnvironmentName, PlatformRelease } from '../../lib/config';
import {
  FileOps,
  NODE_FILE_OPS,
  PromotionDeps,
  RefusedError,
  ReleaseStore,
  SynthesisResult,
  checkProdFloor,
  checkStageOrder,
  checkVersionOrder,
  executePlan,
  planPromotion,
  planRollback,
} from '../../lib/promotion';
import { copyReleases, editRelease, snapshotFiles } from './release-fixtures';

const CLEAN: SynthesisResult = { ok: true, findings: [], outdir: '' };

describe('promotion gates on temporary copies of the release files', () => {
  let dir: string;
  let cleanup: () => void;
  let synthesized: Array<{ env: AwsEnvironmentName; release: PlatformRelease }>;
  let synthResult: SynthesisResult;
  let deps: PromotionDeps;

  beforeEach(() => {
    ({ dir, cleanup } = copyReleases());
    synthesized = [];
    synthResult = CLEAN;
    let clock = Date.parse('2026-03-01T10:00:00Z');
    deps = {
      store: new ReleaseStore(dir),
      synthesize: (env, release) => {
        synthesized.push({ env, release });
        return synthResult;
      },
      now: () => new Date((clock += 60_000)),
      user: () => 'release.manager@example.com',
    };
  });
  afterEach(() => cleanup());

  const gate = (plan: { gates: Array<{ gate: string; status: string; message: string }> }, name: string) =>
    plan.gates.find((g) => g.gate === name)!;

  describe('allowed paths', () => {
    test("dev -> staging writes dev's release into staging.json and appends one history line", async () => {
      const dev = deps.store.read('dev');
      const before = deps.store.read('staging');
      const plan = await planPromotion('dev', 'staging', { offline: true }, deps);
      expect(plan.allowed).toBe(true);
      expect(plan.gates.map((g) => [g.gate, g.status])).toEqual([
        ['stage-order', 'passed'],
        ['version-order', 'passed'],
        ['prod-floor', 'passed'],
        ['live-source', 'skipped'],
        ['synthesis', 'passed'],
      ]);
      expect(synthesized).toEqual([{ env: 'staging', release: dev }]);
      expect(plan.changes).toContainEqual({ field: 'platformVersion', from: '1.1.0', to: '1.2.0' });

      const outcome = await executePlan(plan, { offline: true }, deps);
      expect(outcome.written).toBe(true);
      expect(deps.store.read('staging')).toEqual(dev);
      const history = deps.store.history('staging');
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({
        action: 'promote',
        env: 'staging',
        sourceEnv: 'dev',
        from: '1.1.0',
        to: '1.2.0',
        by: 'release.manager@example.com',
        snapshotId: null,
        previousRelease: before,
        release: dev,
      });
      expect(Date.parse(history[0].at)).not.toBeNaN();
    });

    test('staging -> prod as a dry run passes every gate and writes nothing', async () => {
      const before = snapshotFiles(dir);
      const plan = await planPromotion('staging', 'prod', { offline: true, dryRun: true }, deps);
      expect(plan.allowed).toBe(true);
      expect(plan.snapshotRequired).toBe(true);
      expect(plan.changes.map((c) => c.field)).toEqual(['platformVersion', 'images.webApp', 'images.notebookRunner']);
      const outcome = await executePlan(plan, { offline: true, dryRun: true }, deps);
      expect(outcome.written).toBe(false);
      expect(snapshotFiles(dir)).toEqual(before);
    });

    test('a pre-release newer than the target is allowed outside prod', async () => {
      editRelease(dir, 'dev', { platformVersion: '1.3.0-rc.1' });
      const plan = await planPromotion('dev', 'staging', { offline: true }, deps);
      expect(plan.allowed).toBe(true);
    });
  });

  describe('refusals', () => {
    test.each([
      ['dev', 'prod', /skips staging/],
      ['staging', 'dev', /promotion only moves forward/],
      ['prod', 'staging', /use rollback/],
      ['dev', 'dev', /promotion only moves forward/],
      ['local', 'dev', /local is not part of the AWS promotion chain/],
      ['dev', 'local', /local is not part of the AWS promotion chain/],
    ] as const)('%s -> %s is refused by the stage order', async (from, to, why) => {
      const plan = await planPromotion(from, to, { offline: true }, deps);
      expect(plan.allowed).toBe(false);
      expect(gate(plan, 'stage-order')).toMatchObject({ status: 'refused', message: expect.stringMatching(why) });
      expect(gate(plan, 'synthesis').status).toBe('skipped');
      expect(synthesized).toEqual([]);
    });

    test('a downgrade is refused and points at rollback', async () => {
      editRelease(dir, 'dev', { platformVersion: '1.0.5' });
      const plan = await planPromotion('dev', 'staging', { offline: true }, deps);
      expect(gate(plan, 'version-order')).toMatchObject({
        status: 'refused',
        message: '1.0.5 is older than 1.1.0 that staging runs; downgrades go through `rollback --env staging`',
      });
      expect(synthesized).toEqual([]);
    });

    test('the same version again is refused', async () => {
      editRelease(dir, 'dev', { platformVersion: '1.1.0', images: { webApp: '1.1.0-hotfix' } });
      const plan = await planPromotion('dev', 'staging', { offline: true }, deps);
      expect(gate(plan, 'version-order')).toMatchObject({
        status: 'refused',
        message: 'staging already runs 1.1.0; a promotion must raise the platform version',
      });
    });

    test('prod below 1.0.0 is refused by the prod floor', () => {
      const candidate = { ...deps.store.read('staging'), platformVersion: '1.0.0-rc.2' };
      expect(checkProdFloor('prod', candidate)).toMatchObject({
        status: 'refused',
        message: 'prod runs 1.0.0 or later; 1.0.0-rc.2 is below it',
      });
      expect(checkProdFloor('staging', { ...candidate, platformVersion: '0.4.0' }).status).toBe('passed');
      expect(checkProdFloor('prod', { ...candidate, platformVersion: '1.0.0' }).status).toBe('passed');
    });

    test('a candidate that fails synthesis is refused with every finding listed', async () => {
      synthResult = {
        ok: false,
        outdir: '',
        findings: [
          {
            plugin: 'AwsSolutions',
            rule: 'AwsSolutions-S1',
            severity: 'error',
            constructPath: 'Datavis-staging-Data/Logs/Resource',
            description: 'The S3 Bucket has server access logs disabled.',
          },
          {
            plugin: 'CloudFormation Validate',
            rule: 'E3012',
            severity: 'error',
            constructPath: 'Datavis-staging-Cluster/Eks/Resource',
            description: 'Property has wrong type.',
          },
        ],
      };
      const plan = await planPromotion('dev', 'staging', { offline: true }, deps);
      expect(plan.allowed).toBe(false);
      expect(gate(plan, 'synthesis')).toMatchObject({
        status: 'refused',
        message: 'staging does not pass validation with the candidate release: 2 unacknowledged finding(s)',
        details: [
          '[AwsSolutions] AwsSolutions-S1 at Datavis-staging-Data/Logs/Resource: The S3 Bucket has server access logs disabled.',
          '[CloudFormation Validate] E3012 at Datavis-staging-Cluster/Eks/Resource: Property has wrong type.',
        ],
      });
      await expect(executePlan(plan, { offline: true }, deps)).rejects.toThrow(RefusedError);
      expect(deps.store.history('staging')).toEqual([]);
    });

    test('a candidate whose config does not load is refused with the error', async () => {
      synthResult = {
        ok: false,
        outdir: '',
        error: 'Invalid platform configuration: kubernetesVersion is "1.30"; allowed: 1.35, 1.36',
        findings: [],
      };
      const plan = await planPromotion('dev', 'staging', { offline: true }, deps);
      expect(gate(plan, 'synthesis').message).toBe(
        'staging does not synthesize with the candidate release: Invalid platform configuration: kubernetesVersion is "1.30"; allowed: 1.35, 1.36',
      );
    });

    test('writing prod offline is refused: the snapshot needs AWS', async () => {
      const before = snapshotFiles(dir);
      const plan = await planPromotion('staging', 'prod', { offline: true }, deps);
      expect(plan.allowed).toBe(false);
      expect(gate(plan, 'snapshot')).toMatchObject({
        status: 'refused',
        message: expect.stringContaining('needs AWS: run without --offline'),
      });
      await expect(executePlan(plan, { offline: true }, deps)).rejects.toThrow(/refused: snapshot/);
      expect(snapshotFiles(dir)).toEqual(before);
    });
  });

  describe('the gate functions on their own', () => {
    test('stage order names the stage each environment takes releases from', () => {
      expect(checkStageOrder('dev', 'staging').status).toBe('passed');
      expect(checkStageOrder('staging', 'prod').status).toBe('passed');
      expect(checkStageOrder('dev', 'prod').message).toBe('promoting dev to prod skips staging; prod takes releases from staging only');
    });

    test('version order compares semantic versions, not strings', () => {
      const base = { platformVersion: '1.9.0' } as PlatformRelease;
      expect(checkVersionOrder('staging', base, { platformVersion: '1.10.0' } as PlatformRelease).status).toBe('passed');
      expect(checkVersionOrder('staging', base, { platformVersion: '1.9.0-rc.1' } as PlatformRelease).status).toBe('refused');
    });
  });

  describe('rollback', () => {
    test('walks back one promotion at a time, then refuses', async () => {
      const staging110 = deps.store.read('staging');
      await executePlan(await planPromotion('dev', 'staging', { offline: true }, deps), {}, deps);
      editRelease(dir, 'dev', { platformVersion: '1.3.0', images: { webApp: '1.3.0' } });
      const staging120 = deps.store.read('staging');
      await executePlan(await planPromotion('dev', 'staging', { offline: true }, deps), {}, deps);
      expect(deps.store.read('staging').platformVersion).toBe('1.3.0');

      const first = await planRollback('staging', { offline: true }, deps);
      expect(first.allowed).toBe(true);
      expect(first.changes).toContainEqual({ field: 'platformVersion', from: '1.3.0', to: '1.2.0' });
      await executePlan(first, {}, deps);
      expect(deps.store.read('staging')).toEqual(staging120);

      await executePlan(await planRollback('staging', { offline: true }, deps), {}, deps);
      expect(deps.store.read('staging')).toEqual(staging110);
      expect(deps.store.history('staging').map((e) => `${e.action} ${e.from}->${e.to}`)).toEqual([
        'promote 1.1.0->1.2.0',
        'promote 1.2.0->1.3.0',
        'rollback 1.3.0->1.2.0',
        'rollback 1.2.0->1.1.0',
      ]);

      const third = await planRollback('staging', { offline: true }, deps);
      expect(third.allowed).toBe(false);
      expect(gate(third, 'history').message).toMatch(/^no promotion of staging is left in releases\/history\/staging.jsonl to roll back/);
    });

    test('is refused when the release file was edited by hand after the last recorded change', async () => {
      await executePlan(await planPromotion('dev', 'staging', { offline: true }, deps), {}, deps);
      editRelease(dir, 'staging', { rdsEngineVersion: '8.4.9' });
      const plan = await planRollback('staging', { offline: true }, deps);
      expect(plan.allowed).toBe(false);
      expect(gate(plan, 'history')).toMatchObject({ status: 'refused', details: ['rdsEngineVersion: recorded 8.4.10, file has 8.4.9'] });
    });

    test('of an environment with no history is refused', async () => {
      const plan = await planRollback('prod', { offline: true }, deps);
      expect(plan.allowed).toBe(false);
      expect(gate(plan, 'history').status).toBe('refused');
    });
  });

  describe('all or nothing', () => {
    test('a promotion that fails half-way, after the release file was replaced, leaves every file as it was', async () => {
      await executePlan(await planPromotion('dev', 'staging', { offline: true }, deps), {}, deps);
      editRelease(dir, 'dev', { platformVersion: '1.4.0' });
      const before = snapshotFiles(dir);
      let renames = 0;
      const failingOps: FileOps = {
        ...NODE_FILE_OPS,
        rename: (from, to) => {
          renames += 1;
          if (renames === 2) throw Object.assign(new Error(`EIO: i/o error, rename '${from}' -> '${to}'`), { code: 'EIO' });
          NODE_FILE_OPS.rename(from, to);
        },
      };
      const failingDeps = { ...deps, store: new ReleaseStore(dir, failingOps) };
      const plan = await planPromotion('dev', 'staging', { offline: true }, failingDeps);
      await expect(executePlan(plan, {}, failingDeps)).rejects.toThrow(/EIO/);
      expect(renames).toBe(2);
      expect(snapshotFiles(dir)).toEqual(before);
    });

    test('a history file that cannot be replaced leaves a new history file absent and the release untouched', async () => {
      // history/staging.jsonl is a directory: writing its temporary works, renaming over it fails.
      fs.mkdirSync(path.join(dir, 'history', 'staging.jsonl', 'blocker'), { recursive: true });
      const before = snapshotFiles(dir);
      const store = new ReleaseStore(dir, {
        ...NODE_FILE_OPS,
        readFile: (f) => (f.endsWith('staging.jsonl') ? undefined : NODE_FILE_OPS.readFile(f)),
      });
      const release = deps.store.read('dev');
      expect(() =>
        store.record({
          action: 'promote',
          env: 'staging',
          at: '2026-03-01T10:00:00.000Z',
          by: 'a@example.com',
          sourceEnv: 'dev',
          from: '1.1.0',
          to: '1.2.0',
          snapshotId: null,
          previousRelease: deps.store.read('staging'),
          release,
        }),
      ).toThrow(
        /^EISDIR: illegal operation on a directory, rename '.*history\/staging\.jsonl\.[^']*\.tmp' -> '.*history\/staging\.jsonl'$/,
      );
      expect(snapshotFiles(dir)).toEqual(before);
    });
  });
});
