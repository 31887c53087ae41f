import { Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface EventCacheProps {
  readonly vpc: ec2.IVpc;
  /** e.g. "cache.t4g.small". */
  readonly nodeType: string;
  /** Replicas of the primary; with one or more, failover is automatic and Multi-AZ. */
  readonly replicas: number;
  readonly encryptionKey: kms.IKey;
}

export const EVENT_CACHE_PORT = 6379;

/**
 * Valkey replication group the web app replicas use for pub/sub fan-out of live events and
 * for read caching: TLS in transit, encrypted at rest, AUTH token generated into Secrets Manager.
 */
export class EventCache extends Construct {
  readonly securityGroup: ec2.SecurityGroup;
  readonly authSecret: secretsmanager.Secret;
  readonly replicationGroup: elasticache.CfnReplicationGroup;

  constructor(scope: Construct, id: string, props: EventCacheProps) {
    super(scope, id);
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Valkey for live events: reachable from the EKS cluster only',
      allowAllOutbound: false,
    });
    // ElastiCache AUTH tokens allow printable ASCII except / " @ and spaces; 64 characters.
    this.authSecret = new secretsmanager.Secret(this, 'AuthToken', {
      description: 'AUTH token of the live-events Valkey replication group',
      encryptionKey: props.encryptionKey,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(this.authSecret).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SMG4',
      reason:
        'ElastiCache AUTH tokens rotate with ModifyReplicationGroup (ROTATE then SET), which Secrets Manager has no managed rotation for; the token is only reachable with TLS from inside the cluster security group.',
    });
    const subnetGroup = new elasticache.CfnSubnetGroup(this, 'Subnets', {
      description: 'Isolated subnets of the live-events Valkey',
      subnetIds: props.vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }).subnetIds,
    });
    const failover = props.replicas > 0;
    this.replicationGroup = new elasticache.CfnReplicationGroup(this, 'ReplicationGroup', {
      replicationGroupDescription: 'datavis live events and read cache',
      engine: 'valkey',
      engineVersion: '8.0',
      cacheNodeType: props.nodeType,
      numNodeGroups: 1,
      replicasPerNodeGroup: props.replicas,
      automaticFailoverEnabled: failover,
      multiAzEnabled: failover,
      port: EVENT_CACHE_PORT,
      cacheSubnetGroupName: subnetGroup.ref,
      securityGroupIds: [this.securityGroup.securityGroupId],
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      atRestEncryptionEnabled: true,
      kmsKeyId: props.encryptionKey.keyArn,
      // A CloudFormation dynamic reference: the token itself never appears in the template.
      authToken: this.authSecret.secretValue.unsafeUnwrap(),
      autoMinorVersionUpgrade: true,
      snapshotRetentionLimit: 1,
    });
  }
}
