import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

export interface SecurityGroupIngressProps {
  /** The group that receives the rule, e.g. the database's. */
  readonly target: ec2.ISecurityGroup;
  /** The group allowed in, e.g. the cluster's. */
  readonly source: ec2.ISecurityGroup;
  readonly port: number;
  readonly description: string;
}

/**
 * One TCP ingress rule created in the scope's stack. `connections.allowFrom` would put the
 * rule next to the target group, making the data stack depend on the cluster stack that
 * already depends on it.
 */
export class SecurityGroupIngress extends Construct {
  constructor(scope: Construct, id: string, props: SecurityGroupIngressProps) {
    super(scope, id);
    new ec2.CfnSecurityGroupIngress(this, 'Rule', {
      groupId: props.target.securityGroupId,
      sourceSecurityGroupId: props.source.securityGroupId,
      ipProtocol: 'tcp',
      fromPort: props.port,
      toPort: props.port,
      description: props.description,
    });
  }
}
