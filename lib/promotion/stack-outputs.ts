import { AwsEnvironmentName } from '../config';

/**
 * How the CLI finds an environment's AWS resources: by the CloudFormation outputs of its
 * stacks, which lib/platform.ts names Datavis-<env>-<Part> in every deployment path (`cdk
 * deploy` and the pipeline). Outputs rather than tags: one DescribeStacks call per stack,
 * exact names, and no dependence on tag propagation.
 */
export type PlatformStackPart = 'Network' | 'Data' | 'Cluster';

export function platformStackName(env: AwsEnvironmentName, part: PlatformStackPart): string {
  return `Datavis-${env}-${part}`;
}

/** Output of Datavis-<env>-Cluster holding the EKS cluster name. */
export const CLUSTER_NAME_OUTPUT = 'ClusterName';
/** Output of Datavis-<env>-Data holding the RDS DB instance identifier. */
export const DATABASE_INSTANCE_OUTPUT = 'DatabaseInstanceId';
