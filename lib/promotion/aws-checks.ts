import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeClusterCommand, DescribeNodegroupCommand, ListNodegroupsCommand, Nodegroup } from '@aws-sdk/client-eks';
import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import { AwsEnvironmentName, PlatformRelease } from '../config';
import { AwsClients } from './aws-clients';
import { AwsCallError, awsCall } from './aws-errors';
import { GateResult, passed, refused } from './gates';
import { CLUSTER_NAME_OUTPUT, DATABASE_INSTANCE_OUTPUT, PlatformStackPart, platformStackName } from './stack-outputs';

export interface EnvironmentResources {
  readonly clusterName: string;
  readonly databaseInstanceId: string;
}

export interface NodegroupStatus {
  readonly name: string;
  readonly status: string;
  readonly healthy: boolean;
  readonly issues: string[];
}

/** What is running in one environment right now. */
export interface LiveStatus {
  readonly cluster: { readonly name: string; readonly status: string; readonly version: string; readonly nodegroups: NodegroupStatus[] };
  readonly database: { readonly id: string; readonly status: string; readonly engineVersion: string };
}

/** Reads the cluster name and DB instance identifier from the environment's stack outputs. */
export async function resolveEnvironmentResources(clients: AwsClients, env: AwsEnvironmentName): Promise<EnvironmentResources> {
  const clusterName = await stackOutput(clients, env, 'Cluster', CLUSTER_NAME_OUTPUT);
  const databaseInstanceId = await stackOutput(clients, env, 'Data', DATABASE_INSTANCE_OUTPUT);
  return { clusterName, databaseInstanceId };
}

async function stackOutput(clients: AwsClients, env: AwsEnvironmentName, part: PlatformStackPart, key: string): Promise<string> {
  const stackName = platformStackName(env, part);
  const call = { action: 'cloudformation:DescribeStacks', region: clients.region, resource: `stack ${stackName}` };
  let response;
  try {
    response = await clients.cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
  } catch (err) {
    const e = err as { name?: string; message?: string };
    if (e.name === 'ValidationError' && /does not exist/.test(e.message ?? '')) {
      throw new AwsCallError(
        'not-found',
        call.action,
        `Stack ${stackName} does not exist in region ${clients.region} of these credentials' account: is the ${env} region right (datavis:${env}:region) and are these the ${env} account's credentials? Deploy it with \`cdk deploy -c env=${env} --all\`.`,
        err,
      );
    }
    return awsCall(call, () => Promise.reject(err));
  }
  const stack = response.Stacks?.[0];
  const value = stack?.Outputs?.find((o) => o.OutputKey === key)?.OutputValue;
  if (value === undefined) {
    throw new AwsCallError(
      'not-found',
      call.action,
      `Stack ${stackName} has no output ${key}; deploy the current version of the stack so the CLI can find its resources.`,
    );
  }
  return value;
}

export async function describeLiveStatus(clients: AwsClients, resources: EnvironmentResources): Promise<LiveStatus> {
  const region = clients.region;
  const { clusterName, databaseInstanceId } = resources;
  const cluster = await awsCall({ action: 'eks:DescribeCluster', region, resource: `cluster ${clusterName}` }, () =>
    clients.eks.send(new DescribeClusterCommand({ name: clusterName })),
  );
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await awsCall({ action: 'eks:ListNodegroups', region, resource: `cluster ${clusterName}` }, () =>
      clients.eks.send(new ListNodegroupsCommand({ clusterName, nextToken })),
    );
    names.push(...(page.nodegroups ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  const nodegroups: NodegroupStatus[] = [];
  for (const name of names) {
    const { nodegroup } = await awsCall({ action: 'eks:DescribeNodegroup', region, resource: `node group ${name}` }, () =>
      clients.eks.send(new DescribeNodegroupCommand({ clusterName, nodegroupName: name })),
    );
    nodegroups.push(nodegroupStatus(name, nodegroup));
  }
  const db = await awsCall({ action: 'rds:DescribeDBInstances', region, resource: `DB instance ${databaseInstanceId}` }, () =>
    clients.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: databaseInstanceId })),
  );
  const instance = db.DBInstances?.[0];
  return {
    cluster: {
      name: clusterName,
      status: cluster.cluster?.status ?? 'UNKNOWN',
      version: cluster.cluster?.version ?? 'unknown',
      nodegroups,
    },
    database: {
      id: databaseInstanceId,
      status: instance?.DBInstanceStatus ?? 'unknown',
      engineVersion: instance?.EngineVersion ?? 'unknown',
    },
  };
}

function nodegroupStatus(name: string, nodegroup: Nodegroup | undefined): NodegroupStatus {
  const issues = (nodegroup?.health?.issues ?? []).map((i) => `${i.code ?? 'Issue'}: ${i.message ?? ''}`.trim());
  const status = nodegroup?.status ?? 'UNKNOWN';
  return { name, status, healthy: status === 'ACTIVE' && issues.length === 0, issues };
}

/**
 * The live gate: the source environment runs the release being promoted, healthily: its
 * cluster is ACTIVE on the release's Kubernetes version, every node group is ACTIVE without
 * health issues, and the database instance is available.
 */
export function liveSourceGate(env: AwsEnvironmentName, release: PlatformRelease, live: LiveStatus): GateResult {
  const problems: string[] = [];
  const ok: string[] = [];
  const { cluster, database } = live;
  (cluster.status === 'ACTIVE' ? ok : problems).push(
    `cluster ${cluster.name} is ${cluster.status}${cluster.status === 'ACTIVE' ? '' : ' (must be ACTIVE)'}`,
  );
  if (cluster.version !== release.kubernetesVersion) {
    problems.push(
      `cluster ${cluster.name} runs Kubernetes ${cluster.version} but the release pins ${release.kubernetesVersion}: deploy ${env} first`,
    );
  } else {
    ok.push(`cluster runs Kubernetes ${cluster.version} as pinned`);
  }
  if (cluster.nodegroups.length === 0) problems.push(`cluster ${cluster.name} has no node groups`);
  for (const ng of cluster.nodegroups) {
    (ng.healthy ? ok : problems).push(
      `node group ${ng.name} is ${ng.status}${ng.issues.length > 0 ? `, health issues: ${ng.issues.join('; ')}` : ''}`,
    );
  }
  (database.status === 'available' ? ok : problems).push(
    `DB instance ${database.id} is ${database.status}${database.status === 'available' ? '' : ' (must be available)'}`,
  );
  if (problems.length > 0) {
    return refused('live-source', `${env} is not healthy: ${problems.join('; ')}`, [...problems, ...ok]);
  }
  return passed(
    'live-source',
    `${env} is healthy: cluster ACTIVE on ${cluster.version}, ${cluster.nodegroups.length} node group(s) ACTIVE, database available`,
    ok,
  );
}
