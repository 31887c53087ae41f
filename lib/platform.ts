import { Stage, Tags } from 'aws-cdk-lib';
import { EnvironmentConfig } from './config';
import { ClusterStack } from './stacks/cluster-stack';
import { DataStack } from './stacks/data-stack';
import { NetworkStack } from './stacks/network-stack';

export interface PlatformStacks {
  readonly network: NetworkStack;
  readonly data: DataStack;
  readonly cluster: ClusterStack;
}

/**
 * Creates one environment's stacks, named Datavis-<env>-<Part> so environments can share an
 * account. `app` is the App, or a pipeline Stage: the names are explicit so both deploy the
 * same CloudFormation stacks.
 */
export function createPlatform(app: Stage, config: EnvironmentConfig): PlatformStacks {
  const env = { account: config.account, region: config.region };
  const prefix = `Datavis-${config.name}`;
  const description = (part: string) => `datavis-platform ${config.release.platformVersion} (${config.name}): ${part}`;
  const network = new NetworkStack(app, `${prefix}-Network`, {
    stackName: `${prefix}-Network`,
    env,
    config,
    description: description('network'),
  });
  const data = new DataStack(app, `${prefix}-Data`, {
    stackName: `${prefix}-Data`,
    env,
    config,
    vpc: network.vpc,
    description: description('data stores'),
  });
  const cluster = new ClusterStack(app, `${prefix}-Cluster`, {
    stackName: `${prefix}-Cluster`,
    env,
    config,
    vpc: network.vpc,
    data,
    description: description('EKS and workloads'),
  });
  for (const stack of [network, data, cluster]) {
    Tags.of(stack).add('environment', config.name);
    Tags.of(stack).add('platform-version', config.release.platformVersion);
  }
  return { network, data, cluster };
}
