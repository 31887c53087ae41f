import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeClusterCommand, DescribeNodegroupCommand, EKSClient, ListNodegroupsCommand } from '@aws-sdk/client-eks';
import { CreateDBSnapshotCommand, DescribeDBInstancesCommand, DescribeDBSnapshotsCommand, RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { EnvironmentConfig } from '../../lib/config';
import {
  AwsCallError,
  PromotionDeps,
  ReleaseStore,
  createAwsClients,
  createPreChangeSnapshot,
  describeLiveStatus,
  executePlan,
  liveSourceGate,
  planPromotion,
  resolveEnvironmentResources,
  snapshotIdentifier,
} from '../../lib/promotion';
import { copyReleases } from './release-fixtures';

const REGION = 'eu-west-1';
const cfn = mockClient(CloudFormationClient);
const eks = mockClient(EKSClient);
const rds = mockClient(RDSClient);

function awsError(name: string, message: string, httpStatusCode: number, attempts = 1): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode, attempts } });
}

/** A healthy environment: stack outputs, an ACTIVE 1.36 cluster with two healthy node groups, an available database. */
function healthyEnvironment(env = 'staging') {
  cfn.on(DescribeStacksCommand, { StackName: `Datavis-${env}-Cluster` }).resolves({
    Stacks: [
      {
        StackName: `Datavis-${env}-Cluster`,
        CreationTime: new Date(),
        StackStatus: 'UPDATE_COMPLETE',
        Outputs: [{ OutputKey: 'ClusterName', OutputValue: `eks-${env}` }],
      },
    ],
  });
  cfn.on(DescribeStacksCommand, { StackName: `Datavis-${env}-Data` }).resolves({
    Stacks: [
      {
        StackName: `Datavis-${env}-Data`,
        CreationTime: new Date(),
        StackStatus: 'UPDATE_COMPLETE',
        Outputs: [{ OutputKey: 'DatabaseInstanceId', OutputValue: `db-${env}` }],
      },
    ],
  });
  eks.on(DescribeClusterCommand).resolves({ cluster: { name: `eks-${env}`, status: 'ACTIVE', version: '1.36' } });
  eks
    .on(ListNodegroupsCommand)
    .resolvesOnce({ nodegroups: ['system'], nextToken: 'page-2' })
    .resolves({ nodegroups: ['spark-driver'] });
  eks.on(DescribeNodegroupCommand).callsFake((input: { nodegroupName: string }) => ({
    nodegroup: { nodegroupName: input.nodegroupName, status: 'ACTIVE', health: { issues: [] } },
  }));
  rds
    .on(DescribeDBInstancesCommand)
    .resolves({ DBInstances: [{ DBInstanceIdentifier: `db-${env}`, DBInstanceStatus: 'available', EngineVersion: '8.4.10' }] });
}

describe('live AWS checks (aws-sdk-client-mock)', () => {
  const clients = () =>
    createAwsClients(REGION, { clientConfig: { credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } } });

  beforeEach(() => {
    cfn.reset();
    eks.reset();
    rds.reset();
  });
  afterAll(() => {
    cfn.restore();
    eks.restore();
    rds.restore();
  });

  test('a healthy source environment passes, reading every page of node groups', async () => {
    healthyEnvironment();
    const c = clients();
    const resources = await resolveEnvironmentResources(c, 'staging');
    expect(resources).toEqual({ clusterName: 'eks-staging', databaseInstanceId: 'db-staging' });
    const live = await describeLiveStatus(c, resources);
    expect(live.cluster.nodegroups.map((n) => n.name)).toEqual(['system', 'spark-driver']);
    expect(eks.commandCalls(ListNodegroupsCommand)[1].args[0].input).toEqual({ clusterName: 'eks-staging', nextToken: 'page-2' });
    const gate = liveSourceGate('staging', { kubernetesVersion: '1.36' } as never, live);
    expect(gate.status).toBe('passed');
    expect(gate.message).toBe('staging is healthy: cluster ACTIVE on 1.36, 2 node group(s) ACTIVE, database available');
  });

  test('a cluster that is not ACTIVE is refused', async () => {
    healthyEnvironment();
    eks.on(DescribeClusterCommand).resolves({ cluster: { name: 'eks-staging', status: 'UPDATING', version: '1.36' } });
    const c = clients();
    const gate = liveSourceGate(
      'staging',
      { kubernetesVersion: '1.36' } as never,
      await describeLiveStatus(c, await resolveEnvironmentResources(c, 'staging')),
    );
    expect(gate.status).toBe('refused');
    expect(gate.message).toContain('cluster eks-staging is UPDATING (must be ACTIVE)');
  });

  test('a cluster on another Kubernetes version than the release pins is refused', async () => {
    healthyEnvironment();
    eks.on(DescribeClusterCommand).resolves({ cluster: { name: 'eks-staging', status: 'ACTIVE', version: '1.35' } });
    const c = clients();
    const gate = liveSourceGate(
      'staging',
      { kubernetesVersion: '1.36' } as never,
      await describeLiveStatus(c, await resolveEnvironmentResources(c, 'staging')),
    );
    expect(gate.message).toContain('runs Kubernetes 1.35 but the release pins 1.36: deploy staging first');
  });

  test('a degraded node group is refused with its health issues', async () => {
    healthyEnvironment();
    eks.on(DescribeNodegroupCommand, { nodegroupName: 'spark-driver' }).resolves({
      nodegroup: {
        status: 'DEGRADED',
        health: { issues: [{ code: 'AsgInstanceLaunchFailures', message: 'Could not launch On-Demand Instances' }] },
      },
    });
    const c = clients();
    const gate = liveSourceGate(
      'staging',
      { kubernetesVersion: '1.36' } as never,
      await describeLiveStatus(c, await resolveEnvironmentResources(c, 'staging')),
    );
    expect(gate.status).toBe('refused');
    expect(gate.details).toContain(
      'node group spark-driver is DEGRADED, health issues: AsgInstanceLaunchFailures: Could not launch On-Demand Instances',
    );
  });

  test('a database instance that is not available is refused', async () => {
    healthyEnvironment();
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [{ DBInstanceIdentifier: 'db-staging', DBInstanceStatus: 'backing-up' }] });
    const c = clients();
    const gate = liveSourceGate(
      'staging',
      { kubernetesVersion: '1.36' } as never,
      await describeLiveStatus(c, await resolveEnvironmentResources(c, 'staging')),
    );
    expect(gate.status).toBe('refused');
    expect(gate.message).toContain('DB instance db-staging is backing-up (must be available)');
  });

  test('access denied names the missing permission', async () => {
    healthyEnvironment();
    eks
      .on(DescribeClusterCommand)
      .rejects(
        awsError(
          'AccessDeniedException',
          'User: arn:aws:sts::111111111111:assumed-role/dev/me is not authorized to perform: eks:DescribeCluster',
          403,
        ),
      );
    const c = clients();
    const resources = await resolveEnvironmentResources(c, 'staging');
    const err = await describeLiveStatus(c, resources).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AwsCallError);
    expect(err).toMatchObject({ kind: 'denied', action: 'eks:DescribeCluster', exitCode: 4 });
    expect((err as Error).message).toMatch(
      /^eks:DescribeCluster denied on cluster eks-staging in eu-west-1: grant eks:DescribeCluster to the identity running this command/,
    );
  });

  test('RDS access denied (Query protocol code) names rds:DescribeDBInstances', async () => {
    healthyEnvironment();
    rds.on(DescribeDBInstancesCommand).rejects(awsError('AccessDenied', 'not authorized to perform: rds:DescribeDBInstances', 403));
    const c = clients();
    const err = await describeLiveStatus(c, await resolveEnvironmentResources(c, 'staging')).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(
      /^rds:DescribeDBInstances denied on DB instance db-staging in eu-west-1: grant rds:DescribeDBInstances/,
    );
  });

  test('missing credentials say how to provide them or go offline', async () => {
    cfn
      .on(DescribeStacksCommand)
      .rejects(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));
    const err = await resolveEnvironmentResources(clients(), 'staging').catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'credentials', action: 'cloudformation:DescribeStacks' });
    expect((err as Error).message).toContain('No AWS credentials for cloudformation:DescribeStacks: set AWS_PROFILE');
    expect((err as Error).message).toContain('pass --offline');
  });

  test('a stack missing from the region asks whether the region is right', async () => {
    cfn.on(DescribeStacksCommand).rejects(awsError('ValidationError', 'Stack with id Datavis-staging-Cluster does not exist', 400));
    const err = await resolveEnvironmentResources(clients(), 'staging').catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'not-found' });
    expect((err as Error).message).toContain('Stack Datavis-staging-Cluster does not exist in region eu-west-1');
    expect((err as Error).message).toContain('is the staging region right (datavis:staging:region)');
  });

  test('a region that cannot be reached says which region setting to check', async () => {
    cfn
      .on(DescribeStacksCommand)
      .rejects(Object.assign(new Error('getaddrinfo ENOTFOUND cloudformation.eu-wset-1.amazonaws.com'), { code: 'ENOTFOUND' }));
    const c = createAwsClients('eu-wset-1', { clientConfig: { credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } } });
    const err = await resolveEnvironmentResources(c, 'dev').catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'region' });
    expect((err as Error).message).toMatch(
      /^cloudformation:DescribeStacks could not reach AWS in region "eu-wset-1": check the environment's region/,
    );
  });

  test('throttling that outlasts the retries reports the attempts made', async () => {
    cfn.on(DescribeStacksCommand).rejects(awsError('Throttling', 'Rate exceeded', 400, 5));
    const err = await resolveEnvironmentResources(clients(), 'staging').catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'throttled' });
    expect((err as Error).message).toBe(
      'cloudformation:DescribeStacks was throttled by AWS after 5 attempt(s) with exponential backoff; try again in a minute or raise AWS_MAX_ATTEMPTS. (Rate exceeded)',
    );
  });

  test('a prod promotion snapshots the prod database, waits for it and records its id', async () => {
    healthyEnvironment('staging');
    healthyEnvironment('prod');
    rds.on(CreateDBSnapshotCommand).resolves({ DBSnapshot: { DBSnapshotIdentifier: 'x', Status: 'creating' } });
    rds
      .on(DescribeDBSnapshotsCommand)
      .resolvesOnce({ DBSnapshots: [{ Status: 'creating' }] })
      .resolves({ DBSnapshots: [{ Status: 'available' }] });
    const { dir, cleanup } = copyReleases();
    try {
      const progress: string[] = [];
      const deps: PromotionDeps = {
        store: new ReleaseStore(dir),
        synthesize: () => ({ ok: true, findings: [], outdir: '' }),
        awsClients: (region) =>
          createAwsClients(region, { clientConfig: { credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } } }),
        config: () => ({ region: REGION }) as EnvironmentConfig,
        now: () => new Date('2026-03-01T10:15:30.123Z'),
        user: () => 'ops@example.com',
        progress: (m) => progress.push(m),
        snapshot: { minDelaySeconds: 1, maxDelaySeconds: 1, maxWaitSeconds: 30 },
      };
      const plan = await planPromotion('staging', 'prod', {}, deps);
      expect(plan.gates.find((g) => g.gate === 'live-source')?.status).toBe('passed');
      const outcome = await executePlan(plan, {}, deps);
      const expectedId = 'datavis-prod-pre-1-0-0-20260301t101530z';
      expect(rds.commandCalls(CreateDBSnapshotCommand)[0].args[0].input).toMatchObject({
        DBInstanceIdentifier: 'db-prod',
        DBSnapshotIdentifier: expectedId,
      });
      expect(rds.commandCalls(DescribeDBSnapshotsCommand).length).toBe(2);
      expect(outcome.entry?.snapshotId).toBe(expectedId);
      expect(new ReleaseStore(dir).history('prod')[0]).toMatchObject({
        snapshotId: expectedId,
        from: '1.0.0',
        to: '1.1.0',
        by: 'ops@example.com',
      });
      expect(progress.some((m) => m.startsWith(`Snapshot ${expectedId} is available`))).toBe(true);
    } finally {
      cleanup();
    }
  });

  test('a snapshot that ends in a failed state is an AWS error naming the snapshot', async () => {
    healthyEnvironment('prod');
    rds.on(CreateDBSnapshotCommand).resolves({});
    rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [{ Status: 'failed' }] });
    const err = await createPreChangeSnapshot(clients(), 'db-prod', 'datavis-prod-pre-1-0-0-x', {
      minDelaySeconds: 1,
      maxDelaySeconds: 1,
      maxWaitSeconds: 10,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AwsCallError);
    expect((err as Error).message).toMatch(/datavis-prod-pre-1-0-0-x/);
  });

  test('snapshot identifiers are valid RDS identifiers', () => {
    const id = snapshotIdentifier('prod', '1.3.0-rc.1', new Date('2026-12-31T23:59:59.999Z'));
    expect(id).toBe('datavis-prod-pre-1-3-0-rc-1-20261231t235959z');
    expect(id).toMatch(/^[a-z](?!.*--)[a-z0-9-]{0,254}[a-z0-9]$/);
  });
});

describe('retries with backoff through the SDK retry strategy (no aws-sdk-client-mock: a fake HTTP handler)', () => {
  /** Answers the first `throttles` requests with HTTP 400 ThrottlingException, then with a healthy cluster. */
  function fakeEks(throttles: number) {
    const times: number[] = [];
    const handler = {
      metadata: { handlerProtocol: 'http/1.1' },
      handle: async () => {
        times.push(Date.now());
        const throttled = times.length <= throttles;
        const body = throttled ? { message: 'Rate exceeded' } : { cluster: { name: 'eks-dev', status: 'ACTIVE', version: '1.36' } };
        return {
          response: {
            statusCode: throttled ? 429 : 200,
            headers: { 'content-type': 'application/json', ...(throttled ? { 'x-amzn-errortype': 'ThrottlingException' } : {}) },
            body: new TextEncoder().encode(JSON.stringify(body)),
          },
        };
      },
      updateHttpClientConfig: () => undefined,
      httpHandlerConfigs: () => ({}),
    };
    return { handler, times };
  }
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

  test('a throttled call is retried after a backoff delay before each attempt and then succeeds', async () => {
    const { handler, times } = fakeEks(2);
    const c = createAwsClients(REGION, { maxAttempts: 4, clientConfig: { credentials, requestHandler: handler } });
    const live = await c.eks.send(new DescribeClusterCommand({ name: 'eks-dev' }));
    expect(live.cluster?.status).toBe('ACTIVE');
    expect(live.$metadata.attempts).toBe(3);
    expect(times).toHaveLength(3);
    // The standard strategy waits a jittered, exponentially bounded delay before every retry;
    // the jitter makes the two delays' order random, so only their presence is checked.
    expect(times[1] - times[0]).toBeGreaterThan(0);
    expect(times[2] - times[1]).toBeGreaterThan(0);
  });

  test('throttling beyond maxAttempts fails with a message naming the action and the attempts', async () => {
    const { handler, times } = fakeEks(10);
    const c = createAwsClients(REGION, { maxAttempts: 2, clientConfig: { credentials, requestHandler: handler } });
    const resources = { clusterName: 'eks-dev', databaseInstanceId: 'db-dev' };
    const err = await describeLiveStatus(c, resources).catch((e: unknown) => e);
    expect(times).toHaveLength(2);
    expect(err).toMatchObject({ kind: 'throttled', action: 'eks:DescribeCluster' });
    expect((err as Error).message).toMatch(/^eks:DescribeCluster was throttled by AWS after 2 attempt\(s\) with exponential backoff/);
  });
});
