import { CfnJson, Stack, Validations } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { NODE_ROLE_LABEL } from '../../charts';
import { parseImageRef } from '../config';

export interface ClusterAutoscalerProps {
  readonly cluster: eks.ICluster;
  /** Chart version of kubernetes/autoscaler's cluster-autoscaler, from the release file. */
  readonly chartVersion: string;
  /**
   * Cluster Autoscaler image (repository:vX.Y.Z) from the release file. Each Cluster Autoscaler
   * minor supports only the same Kubernetes minor, and the chart's default image follows the
   * chart's own release, so the tag is always set from the release.
   */
  readonly image: string;
}

export const CLUSTER_AUTOSCALER_NAMESPACE = 'kube-system';
export const CLUSTER_AUTOSCALER_SERVICE_ACCOUNT = 'cluster-autoscaler';

/** The subset of the cluster-autoscaler chart's values the platform sets. */
export interface ClusterAutoscalerValues {
  readonly cloudProvider: 'aws';
  readonly image: { readonly repository: string; readonly tag: string };
  readonly awsRegion: string;
  readonly autoDiscovery: { readonly clusterName: string };
  readonly rbac: { readonly create: boolean; readonly serviceAccount: { readonly create: boolean; readonly name: string } };
  readonly extraArgs: Record<string, string | boolean>;
  readonly nodeSelector: Record<string, string>;
  readonly podDisruptionBudget: { readonly maxUnavailable: number };
  readonly resources: { readonly requests: Record<string, string>; readonly limits: Record<string, string> };
  readonly securityContext: Record<string, unknown>;
  readonly containerSecurityContext: Record<string, unknown>;
}

/**
 * Cluster Autoscaler for the managed node groups, which it finds by the tags EKS puts on
 * their Auto Scaling groups. Spark node groups start at zero, so without it Spark pods would
 * wait forever. Its role may resize only this cluster's groups, through Pod Identity.
 */
export class ClusterAutoscaler extends Construct {
  readonly release: eks.HelmChart;
  readonly values: ClusterAutoscalerValues;

  constructor(scope: Construct, id: string, props: ClusterAutoscalerProps) {
    super(scope, id);
    const { cluster } = props;
    const role = new iam.Role(this, 'Role', {
      description: "Cluster Autoscaler: resizes this cluster's node groups",
      assumedBy: new iam.ServicePrincipal('pods.eks.amazonaws.com'),
    });
    role.assumeRolePolicy?.addStatements(
      new iam.PolicyStatement({ principals: [new iam.ServicePrincipal('pods.eks.amazonaws.com')], actions: ['sts:TagSession'] }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [
          'autoscaling:DescribeAutoScalingGroups',
          'autoscaling:DescribeAutoScalingInstances',
          'autoscaling:DescribeLaunchConfigurations',
          'autoscaling:DescribeScalingActivities',
          'autoscaling:DescribeTags',
          'ec2:DescribeImages',
          'ec2:DescribeInstanceTypes',
          'ec2:DescribeLaunchTemplateVersions',
          'ec2:GetInstanceTypesFromInstanceRequirements',
          'eks:DescribeNodegroup',
        ],
        resources: ['*'],
      }),
    );
    const ownedByThisCluster = new CfnJson(this, 'OwnedByThisCluster', {
      value: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${cluster.clusterName}`]: 'owned' },
    });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'],
        resources: ['*'],
        conditions: { StringEquals: ownedByThisCluster },
      }),
    );
    Validations.of(role).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        "Describe calls support no resource scoping; the two write actions are limited by the tag EKS puts on this cluster's node group Auto Scaling groups.",
    });
    new eks.CfnPodIdentityAssociation(this, 'PodIdentity', {
      clusterName: cluster.clusterName,
      namespace: CLUSTER_AUTOSCALER_NAMESPACE,
      serviceAccount: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT,
      roleArn: role.roleArn,
    });

    const image = parseImageRef(props.image);
    const values: ClusterAutoscalerValues = (this.values = {
      cloudProvider: 'aws',
      image: { repository: image.repository, tag: image.tag },
      awsRegion: Stack.of(this).region,
      autoDiscovery: { clusterName: cluster.clusterName },
      rbac: { create: true, serviceAccount: { create: true, name: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT } },
      extraArgs: {
        'balance-similar-node-groups': true,
        'skip-nodes-with-system-pods': false,
        // Spark executors write shuffle files to emptyDir; they may still be scaled down when idle.
        'skip-nodes-with-local-storage': false,
        expander: 'least-waste',
      },
      nodeSelector: { [NODE_ROLE_LABEL]: 'system' },
      podDisruptionBudget: { maxUnavailable: 1 },
      resources: { requests: { cpu: '100m', memory: '300Mi' }, limits: { memory: '600Mi' } },
      securityContext: { runAsNonRoot: true, runAsUser: 65534, fsGroup: 65534, seccompProfile: { type: 'RuntimeDefault' } },
      containerSecurityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
    });
    this.release = cluster.addHelmChart('ClusterAutoscaler', {
      chart: 'cluster-autoscaler',
      repository: 'https://kubernetes.github.io/autoscaler',
      version: props.chartVersion,
      namespace: CLUSTER_AUTOSCALER_NAMESPACE,
      release: 'cluster-autoscaler',
      values: values as unknown as Record<string, unknown>,
    });
  }
}
