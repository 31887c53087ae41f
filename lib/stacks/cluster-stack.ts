import { RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { Construct } from 'constructs';
import { ClusterAutoscaler } from '../addons/cluster-autoscaler';
import { EbsCsiDriver } from '../addons/ebs-csi-driver';
import { EnvironmentConfig } from '../config';
import { PlatformCertificate } from '../constructs/platform-certificate';
import { EVENT_CACHE_PORT } from '../constructs/event-cache';
import { PlatformCluster } from '../constructs/platform-cluster';
import { MYSQL_PORT } from '../constructs/platform-database';
import { SecurityGroupIngress } from '../constructs/security-group-ingress';
import { PodIdentityBinding } from '../constructs/pod-identity-binding';
import { DataStack } from './data-stack';

export interface ClusterStackProps extends StackProps {
  readonly config: EnvironmentConfig;
  readonly vpc: ec2.IVpc;
  readonly data: DataStack;
}

/** EKS with its add-ons, the workload identities and the Kubernetes workloads. */
export class ClusterStack extends Stack {
  readonly cluster: eks.Cluster;
  readonly certificateArn?: string;

  constructor(scope: Construct, id: string, props: ClusterStackProps) {
    super(scope, id, props);
    const { config, vpc, data } = props;
    const removalPolicy = config.name === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    const platformCluster = new PlatformCluster(this, 'Eks', {
      vpc,
      kubernetesVersion: config.release.kubernetesVersion,
      loadBalancerControllerVersion: config.release.charts.awsLoadBalancerController,
      sizing: config.cluster,
      removalPolicy,
    });
    this.cluster = platformCluster.cluster;
    new EbsCsiDriver(this, 'EbsCsi', { cluster: this.cluster, volumeKey: platformCluster.secretsKey });
    new ClusterAutoscaler(this, 'ClusterAutoscaler', { cluster: this.cluster });
    this.certificateArn = new PlatformCertificate(this, 'Certificate', { domain: config.domain }).certificateArn;

    new SecurityGroupIngress(this, 'MySqlFromPods', {
      target: data.databaseSecurityGroup,
      source: this.cluster.clusterSecurityGroup,
      port: MYSQL_PORT,
      description: 'MySQL from EKS pods',
    });
    new SecurityGroupIngress(this, 'ValkeyFromPods', {
      target: data.eventCache.securityGroup,
      source: this.cluster.clusterSecurityGroup,
      port: EVENT_CACHE_PORT,
      description: 'Valkey from EKS pods',
    });

    for (const [workload, role] of Object.entries(data.workloadRoles)) {
      new PodIdentityBinding(this, `${workload}PodIdentity`, { cluster: this.cluster, workload: role });
    }
  }
}
