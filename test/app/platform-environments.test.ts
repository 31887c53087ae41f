import * as fs from 'node:fs';
import * as path from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeClusterCommand, DescribeNodegroupCommand, EKSClient, ListNodegroupsCommand } from '@aws-sdk/client-eks';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { RELEASES_DIR } from '../../lib/config';
import { PlatformReleaseSchema } from '../../lib/config/release-schema';
import { hasAwsCredentials } from '../../app/server/services/platform-service';
import { copyReleases } from '../promotion/release-fixtures';
import { SAMPLE_HISTORY, recordSampleHistory } from '../support/release-history';
import { adminOf, startTestApp, type TestApp, type TestUser } from './support/test-app';
import { createTestDatabase, type TestDatabase } from './support/test-databases';

const AWS_VARIABLES = Object.keys(process.env).filter((k) => k.startsWith('AWS_'));

describe('GET /api/platform/environments', () => {
  let database: TestDatabase;
  let t: TestApp;
  let admin: TestUser;
  const saved: NodeJS.ProcessEnv = {};

  beforeAll(async () => {
    for (const key of AWS_VARIABLES) {
      saved[key] = process.env[key];
      delete process.env[key];
    }
    database = await createTestDatabase('sqlite');
    t = await startTestApp({ database });
    admin = await adminOf(t);
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
    Object.assign(process.env, saved);
  });

  const get = (token?: string) => t.request({ method: 'GET', url: '/api/platform/environments', token });

  it('answers an admin with every pinned release, and no live status without AWS credentials', async () => {
    const response = await get(admin.token);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.environments.map((e: { name: string }) => e.name)).toEqual(['local', 'dev', 'staging', 'prod']);
    for (const env of body.environments) {
      expect(env.release).toEqual(JSON.parse(fs.readFileSync(path.join(RELEASES_DIR, `${env.name}.json`), 'utf8')));
    }
    const byName = Object.fromEntries(body.environments.map((e: { name: string }) => [e.name, e]));
    expect(byName.local.live).toEqual({ state: 'skipped', reason: 'local runs on a laptop Kubernetes cluster, not in AWS' });
    expect(byName.prod.live).toEqual({ state: 'skipped', reason: 'the server has no AWS credentials' });
    expect(byName.prod.region).toMatch(/^[a-z]{2}-[a-z]+-\d$/);
    expect(Date.parse(body.checkedAt)).not.toBeNaN();
  });

  it.each(['analyst', 'viewer'] as const)('answers a user with role %s 403', async (role) => {
    const user = await t.createUser(role);
    const response = await get(user.token);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({ error: { code: 'forbidden', message: 'only admins may see platform environments' } });
  });

  it('answers a request without a token 401', async () => {
    const response = await get();
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthorized');
  });

  describe('with AWS credentials', () => {
    const cfn = mockClient(CloudFormationClient);
    const eks = mockClient(EKSClient);
    const rds = mockClient(RDSClient);
    beforeAll(() => {
      process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
      process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    });
    afterAll(() => {
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
      cfn.restore();
      eks.restore();
      rds.restore();
    });

    it("adds each AWS environment's live status, and reports a denied call per environment", async () => {
      cfn.on(DescribeStacksCommand).callsFake(({ StackName }: { StackName: string }) => {
        const [, env, part] = StackName.split('-');
        const output =
          part === 'Cluster'
            ? { OutputKey: 'ClusterName', OutputValue: `eks-${env}` }
            : { OutputKey: 'DatabaseInstanceId', OutputValue: `db-${env}` };
        return { Stacks: [{ StackName, StackStatus: 'UPDATE_COMPLETE', CreationTime: new Date(), Outputs: [output] }] };
      });
      eks.on(DescribeClusterCommand).callsFake(({ name }: { name: string }) => {
        if (name === 'eks-staging') {
          throw Object.assign(new Error('not authorized to perform: eks:DescribeCluster'), {
            name: 'AccessDeniedException',
            $metadata: { httpStatusCode: 403 },
          });
        }
        return { cluster: { name, status: 'ACTIVE', version: '1.36' } };
      });
      eks.on(ListNodegroupsCommand).resolves({ nodegroups: ['system'] });
      eks.on(DescribeNodegroupCommand).resolves({ nodegroup: { status: 'ACTIVE', health: { issues: [] } } });
      rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [{ DBInstanceStatus: 'available', EngineVersion: '8.4.10' }] });

      const response = await get(admin.token);
      expect(response.statusCode).toBe(200);
      const byName = Object.fromEntries(response.json().environments.map((e: { name: string }) => [e.name, e]));
      expect(byName.dev.live).toEqual({
        state: 'ok',
        cluster: {
          name: 'eks-dev',
          status: 'ACTIVE',
          version: '1.36',
          nodegroups: [{ name: 'system', status: 'ACTIVE', healthy: true, issues: [] }],
        },
        database: { id: 'db-dev', status: 'available', engineVersion: '8.4.10' },
      });
      expect(byName.staging.live).toMatchObject({ state: 'unavailable', kind: 'denied' });
      expect(byName.staging.live.reason).toMatch(/^eks:DescribeCluster denied on cluster eks-staging/);
      expect(byName.local.live.state).toBe('skipped');
    });
  });

  it('gives the field-by-field differences of dev -> staging and staging -> prod with the commands that promote', async () => {
    const body = (await get(admin.token)).json();
    const read = (env: string) => JSON.parse(fs.readFileSync(path.join(RELEASES_DIR, `${env}.json`), 'utf8'));
    // An independent flattening of the files: every leaf whose value differs between the stages.
    const leaves = (value: object, prefix = ''): [string, string][] =>
      Object.entries(value).flatMap(([k, v]) =>
        typeof v === 'object' ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)] as [string, string]],
      );
    const expected = (source: string, target: string) => {
      const sourceValues = Object.fromEntries(leaves(read(source)));
      return leaves(read(target))
        .filter(([field, value]) => sourceValues[field] !== value)
        .map(([field, value]) => ({ field, from: value, to: sourceValues[field] }));
    };
    expect(body.promotions).toEqual([
      {
        source: 'dev',
        target: 'staging',
        changes: expected('dev', 'staging'),
        command: 'npm run platform -- promote --from dev --to staging',
        dryRunCommand: 'npm run platform -- promote --from dev --to staging --dry-run',
      },
      {
        source: 'staging',
        target: 'prod',
        changes: expected('staging', 'prod'),
        command: 'npm run platform -- promote --from staging --to prod',
        dryRunCommand: 'npm run platform -- promote --from staging --to prod --dry-run',
      },
    ]);
    // The checked-in files differ between the stages (the page would otherwise show nothing).
    expect(body.promotions[0].changes).toContainEqual({
      field: 'platformVersion',
      from: read('staging').platformVersion,
      to: read('dev').platformVersion,
    });
  });

  it("documents the release with the release file's own schema, so a new pin needs no second edit", async () => {
    const openapi = (await t.request({ method: 'GET', url: '/api/openapi.json' })).json();
    const responses = openapi.paths['/api/platform/environments'].get.responses['200'].content['application/json'].schema;
    const environment = responses.properties.environments.items;
    const strip = (schema: unknown): unknown => JSON.parse(JSON.stringify(schema));
    expect(environment.properties.release).toEqual(strip(PlatformReleaseSchema));
    for (const name of ['local', 'dev', 'staging', 'prod']) {
      const file = JSON.parse(fs.readFileSync(path.join(RELEASES_DIR, `${name}.json`), 'utf8'));
      expect(Object.keys(file)).toEqual(Object.keys(PlatformReleaseSchema.properties));
      for (const group of ['images', 'charts', 'eksAddons'] as const) {
        expect(Object.keys(file[group])).toEqual(Object.keys(PlatformReleaseSchema.properties[group].properties));
      }
    }
  });

  it('detects the credential sources a pod or a laptop has, without the instance metadata service', () => {
    expect(hasAwsCredentials({})).toBe(false);
    expect(hasAwsCredentials({ AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.23/v1/credentials' })).toBe(true);
    expect(hasAwsCredentials({ AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/secrets/token' })).toBe(true);
    expect(hasAwsCredentials({ AWS_PROFILE: 'datavis-admin' })).toBe(true);
  });

  describe('with a recorded history', () => {
    let releases: ReturnType<typeof copyReleases>;
    let withHistory: TestApp;
    beforeAll(async () => {
      releases = copyReleases();
      recordSampleHistory(releases.dir);
      withHistory = await startTestApp({ database, env: { RELEASES_DIR: releases.dir } });
    });
    afterAll(async () => {
      await withHistory?.close();
      releases?.cleanup();
    });

    it('lists each change newest first with who, when, the versions and the snapshot, and offers a rollback only where one is left', async () => {
      const adminHere = await adminOf(withHistory);
      const body = (await withHistory.request({ method: 'GET', url: '/api/platform/environments', token: adminHere.token })).json();
      const byName = Object.fromEntries(body.environments.map((e: { name: string }) => [e.name, e]));
      const prod = JSON.parse(fs.readFileSync(path.join(RELEASES_DIR, 'prod.json'), 'utf8'));
      const staging = JSON.parse(fs.readFileSync(path.join(RELEASES_DIR, 'staging.json'), 'utf8'));
      expect(byName.prod.history).toEqual([
        { action: 'rollback', ...SAMPLE_HISTORY.prodRollback, sourceEnv: null, from: staging.platformVersion, to: prod.platformVersion },
        {
          action: 'promote',
          ...SAMPLE_HISTORY.prodPromotion,
          sourceEnv: 'staging',
          from: prod.platformVersion,
          to: staging.platformVersion,
        },
      ]);
      expect(byName.prod.historyTotal).toBe(2);
      expect(byName.prod.lastChange).toMatchObject({ action: 'rollback', at: SAMPLE_HISTORY.prodRollback.at });
      expect(byName.prod.rollbackCommand).toBeNull();
      expect(byName.staging.history).toEqual([
        {
          action: 'promote',
          ...SAMPLE_HISTORY.stagingPromotion,
          sourceEnv: 'dev',
          from: prod.platformVersion,
          to: staging.platformVersion,
          snapshotId: null,
        },
      ]);
      expect(byName.staging.rollbackCommand).toBe('npm run platform -- rollback --env staging');
      expect(byName.dev.history).toEqual([]);
      expect(byName.dev.rollbackCommand).toBeNull();
      expect(byName.local.history).toEqual([]);
    });
  });
});
