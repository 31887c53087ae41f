import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { loadEnvironmentConfig } from '../../lib/config';
import { createPlatform } from '../../lib/platform';
import {
  CLUSTER_NAME_OUTPUT,
  DATABASE_INSTANCE_OUTPUT,
  contextSettingSource,
  platformStackName,
  readCdkContext,
  synthesisGate,
  synthesizeEnvironment,
  synthesizeWithValidation,
} from '../../lib/promotion';
import { copyReleases, editRelease } from './release-fixtures';

const context = readCdkContext();

/** Synthesizes dev from the release files in `releasesDir`, without the validation plugins (fast). */
function synthesizeDev(releasesDir: string): Record<string, Record<string, unknown>> {
  const config = loadEnvironmentConfig('dev', { source: contextSettingSource(context), releasesDir });
  const app = new App({ context, builtinCloudFormationValidation: false, outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'datavis-pin-')) });
  const stacks = createPlatform(app, config);
  const templates = { data: Template.fromStack(stacks.data).toJSON(), cluster: Template.fromStack(stacks.cluster).toJSON() };
  fs.rmSync(app.outdir, { recursive: true, force: true });
  return templates;
}

/** Paths (a.b.c) whose values differ between two JSON documents. */
function differences(a: unknown, b: unknown, at = ''): string[] {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) =>
      differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], at === '' ? k : `${at}.${k}`),
    );
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [`${at}: ${JSON.stringify(a)} -> ${JSON.stringify(b)}`];
}

describe('synthesis uses only what the release file pins', () => {
  const fixtures = copyReleases();
  afterAll(() => fixtures.cleanup());

  test('changing rdsEngineVersion in a copy of dev.json changes the engine version in the template, and nothing else', () => {
    const pinned = synthesizeDev(fixtures.dir);
    editRelease(fixtures.dir, 'dev', { rdsEngineVersion: '8.4.9' });
    const changed = synthesizeDev(fixtures.dir);

    expect(JSON.stringify(pinned.data)).toContain('"EngineVersion":"8.4.10"');
    const dataChanges = differences(pinned.data, changed.data);
    expect(dataChanges.length).toBeGreaterThan(0);
    for (const change of dataChanges) expect(change).toMatch(/EngineVersion: "8\.4\.10" -> "8\.4\.9"$/);
    expect(differences(pinned.cluster, changed.cluster)).toEqual([]);
  });

  test('the stacks carry the outputs and names the CLI looks resources up by', () => {
    const templates = synthesizeDev(fixtures.dir);
    expect(Object.keys(templates.cluster.Outputs as object)).toContain(CLUSTER_NAME_OUTPUT);
    expect(Object.keys(templates.data.Outputs as object)).toContain(DATABASE_INSTANCE_OUTPUT);
    const config = loadEnvironmentConfig('dev', { source: contextSettingSource(context), releasesDir: fixtures.dir });
    const stacks = createPlatform(new App({ context, builtinCloudFormationValidation: false }), config);
    expect(stacks.cluster.stackName).toBe(platformStackName('dev', 'Cluster'));
    expect(stacks.data.stackName).toBe(platformStackName('dev', 'Data'));
  });
});

describe('the synthesis gate', () => {
  test('lists every unacknowledged cdk-nag finding with its construct path', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'datavis-nag-'));
    try {
      const app = new App({ outdir, context: { '@aws-cdk/core:appMode': 'inmemory' }, builtinCloudFormationValidation: false });
      const stack = new Stack(app, 'Candidate', { env: { account: '111111111111', region: 'eu-west-1' } });
      new s3.Bucket(stack, 'Unlogged', { enforceSSL: true });
      const result = synthesizeWithValidation(app);
      expect(result.ok).toBe(false);
      expect(result.findings).toEqual([
        expect.objectContaining({
          plugin: 'AwsSolutions',
          rule: 'AwsSolutions-S1',
          constructPath: 'Candidate/Unlogged/Resource',
          severity: 'error',
        }),
      ]);
      const gate = synthesisGate('staging', result);
      expect(gate.status).toBe('refused');
      expect(gate.details?.[0]).toMatch(
        /^\[AwsSolutions\] AwsSolutions-S1 at Candidate\/Unlogged\/Resource: The S3 Bucket has server access logs disabled/,
      );
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('a candidate the environment config rejects fails before synthesis, naming the field', () => {
    const release = { ...loadEnvironmentConfig('dev', { source: contextSettingSource(context) }).release, kubernetesVersion: '1.30' };
    const result = synthesizeEnvironment('dev', release, { context });
    expect(result.ok).toBe(false);
    expect(result.error).toBe('Invalid platform configuration: releases/dev.json kubernetesVersion is "1.30"; allowed: 1.35, 1.36');
    expect(fs.existsSync(result.outdir)).toBe(false);
  });
});
