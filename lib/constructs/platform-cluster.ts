import { KubectlV36Layer } from '@aws-cdk/lambda-layer-kubectl-v36';
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct, IDependable } from 'constructs';
import { NODE_ROLE_LABEL, NodeRole, nodePlacement } from '../../charts';
import { ClusterConfig, ConfigError, NodeGroupSizing } from '../config';

export interface PlatformClusterProps {
  readonly vpc: ec2.IVpc;
  /** EKS version from the release file, e.g. "1.36". */
  readonly kubernetesVersion: string;
  /** AWS Load Balancer Controller chart version from the release file. */
  readonly loadBalancerControllerVersion: string;
  readonly sizing: ClusterConfig;
  /**
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

export { NODE_ROLE_LABEL };
export type { NodeRole };

/**
 * VPC CNI configuration that turns on its network policy agent. Without it EKS accepts
 * NetworkPolicy objects but nothing enforces them: every default-deny would be inert and pods
 * could reach the instance metadata service.
 */
export const VPC_CNI_CONFIGURATION = { enableNetworkPolicy: 'true' } as const;

/** Kubernetes versions whose kubectl (the v36 layer, within the +/-1 minor skew kubectl supports) the provider ships. */
const KUBERNETES_VERSIONS: Record<string, eks.KubernetesVersion> = {
  '1.35': eks.KubernetesVersion.V1_35,
  '1.36': eks.KubernetesVersion.V1_36,
};

/** Load balancer controller versions whose IAM policy aws-cdk-lib ships. */
const LOAD_BALANCER_CONTROLLER_VERSIONS: Record<string, eks.AlbControllerVersion> = Object.fromEntries(
  [eks.AlbControllerVersion.V3_2_1, eks.AlbControllerVersion.V3_2_2].map((v) => [v.helmChartVersion, v]),
);

/**
 * The EKS cluster: private endpoint plus an optional public allow-list, every control plane
 * log type, Kubernetes secrets encrypted with a customer managed key, the AWS Load Balancer
 * Controller, the Pod Identity agent, metrics-server and three managed node groups.
 *
 * Spark capacity is two managed node groups rather than Karpenter: drivers on on-demand
 * nodes (a lost driver fails the whole application) and executors on spot nodes across
 * several instance types (a lost executor is recomputed). Taints keep other pods off both.
 * Managed node groups need no extra controller, interruption queue or node IAM plumbing,
 * and EKS drains and replaces their nodes on AMI updates.
 */
export class PlatformCluster extends Construct {
  readonly cluster: eks.Cluster;
  readonly secretsKey: kms.Key;
  readonly nodegroups: Record<NodeRole, eks.Nodegroup>;
  /** The VPC CNI add-on with network policy enforcement. */
  readonly vpcCni: eks.CfnAddon;

  constructor(scope: Construct, id: string, props: PlatformClusterProps) {
    super(scope, id);
    const version = KUBERNETES_VERSIONS[props.kubernetesVersion];
    if (version === undefined) {
      throw new ConfigError('kubernetesVersion', props.kubernetesVersion, `allowed: ${Object.keys(KUBERNETES_VERSIONS).join(', ')}`);
    }
    const lbcVersion = LOAD_BALANCER_CONTROLLER_VERSIONS[props.loadBalancerControllerVersion];
    if (lbcVersion === undefined) {
      throw new ConfigError(
        'charts.awsLoadBalancerController',
        props.loadBalancerControllerVersion,
        `allowed: ${Object.keys(LOAD_BALANCER_CONTROLLER_VERSIONS).join(', ')}`,
      );
    }
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.secretsKey = new kms.Key(this, 'SecretsKey', {
      description: 'Envelope encryption of Kubernetes secrets and node volumes',
      enableKeyRotation: true,
      removalPolicy,
    });
    const cidrs = props.sizing.publicAccessCidrs;
    this.cluster = new eks.Cluster(this, 'Cluster', {
      version,
      vpc: props.vpc,
      vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }],
      endpointAccess: cidrs.length > 0 ? eks.EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom(...cidrs) : eks.EndpointAccess.PRIVATE,
      clusterLogging: [
        eks.ClusterLoggingTypes.API,
        eks.ClusterLoggingTypes.AUDIT,
        eks.ClusterLoggingTypes.AUTHENTICATOR,
        eks.ClusterLoggingTypes.CONTROLLER_MANAGER,
        eks.ClusterLoggingTypes.SCHEDULER,
      ],
      secretsEncryptionKey: this.secretsKey,
      defaultCapacityType: eks.DefaultCapacityType.NODEGROUP,
      defaultCapacity: 0,
      kubectlProviderOptions: { kubectlLayer: new KubectlV36Layer(this, 'KubectlLayer') },
      albController: { version: lbcVersion },
      removalPolicy,
    });
    // Reading the agent attribute creates the Pod Identity agent add-on.
    void this.cluster.eksPodIdentityAgent;

    this.nodegroups = {
      system: this.addNodeGroup('system', props.sizing.systemNodes, eks.CapacityType.ON_DEMAND),
      'spark-driver': this.addNodeGroup('spark-driver', props.sizing.sparkDriverNodes, eks.CapacityType.ON_DEMAND),
      'spark-executor': this.addNodeGroup('spark-executor', props.sizing.sparkExecutorNodes, eks.CapacityType.SPOT),
    };
    // Add-ons whose pods need somewhere to run, created once the system nodes exist.
    const metricsServer = new eks.Addon(this, 'MetricsServer', { cluster: this.cluster, addonName: 'metrics-server', removalPolicy });
    metricsServer.node.addDependency(this.nodegroups.system);
    this.vpcCni = new eks.CfnAddon(this, 'VpcCni', {
      addonName: 'vpc-cni',
      clusterName: this.cluster.clusterName,
      resolveConflicts: 'OVERWRITE',
      configurationValues: JSON.stringify(VPC_CNI_CONFIGURATION),
    });
    this.vpcCni.node.addDependency(this.nodegroups.system);
    // The load balancer controller's chart waits for its pods: it needs nodes first.
    this.cluster.albController?.node.addDependency(this.nodegroups.system);
    this.acknowledgeUpstreamFindings();
  }

  /**
   * What every Kubernetes workload needs before it is applied: nodes to run on, the load
   * balancer controller (its Service and Ingress webhooks fail closed) and network policy
   * enforcement. The cluster stack adds the storage add-on to this list.
   */
  workloadPrerequisites(): IDependable[] {
    return [...Object.values(this.nodegroups), this.vpcCni, ...(this.cluster.albController ? [this.cluster.albController] : [])];
  }

  /** Findings on resources whose policies aws-cdk-lib and the upstream projects define, each with its reason. */
  private acknowledgeUpstreamFindings(): void {
    const awsManaged = (name: string) => `AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`;
    Validations.of(this.cluster.role).acknowledge({
      id: awsManaged('AmazonEKSClusterPolicy'),
      reason: 'EKS requires AmazonEKSClusterPolicy on the cluster service role; AWS keeps it in step with the control plane.',
    });
    Validations.of(this.cluster.node.findChild('Resource')).acknowledge({
      id: 'CloudFormation-Validate::W9009',
      reason:
        'EncryptionConfig.Resources ["secrets"] is how aws-cdk-lib requests envelope encryption of Kubernetes secrets; the EKS API still requires it.',
    });
    const kubectlProvider = this.cluster.node.findChild('KubectlProvider');
    Validations.of(kubectlProvider).acknowledge(
      {
        id: awsManaged('service-role/AWSLambdaBasicExecutionRole'),
        reason: 'The kubectl provider Lambdas write their own CloudWatch logs only.',
      },
      {
        id: awsManaged('service-role/AWSLambdaVPCAccessExecutionRole'),
        reason: 'The kubectl provider runs in the VPC to reach the private cluster endpoint and needs its ENIs.',
      },
      { id: awsManaged('AmazonEC2ContainerRegistryReadOnly'), reason: 'kubectl pulls OCI Helm charts from ECR read-only.' },
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::<EksClusterKubectlProviderHandlerDA75FB7A.Arn>:*]',
        reason: 'The provider framework invokes versions of its own handler function only.',
      },
      {
        id: 'AwsSolutions::AwsSolutions-L1',
        reason: 'aws-cdk-lib pins the kubectl provider runtime to the one its kubectl layer is built for.',
      },
    );
    Validations.of(kubectlProvider).acknowledge({
      id:
        'AwsSolutions::AwsSolutions-IAM4[Policy::{"Fn::If":["EksClusterKubectlProviderHandlerHasEcrPublicC426D1A5",' +
        '{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":iam::aws:policy/AmazonElasticContainerRegistryPublicReadOnly"]]},{"Ref":"AWS::NoValue"}]}]',
      reason: 'Attached only when a Helm chart comes from public ECR: read-only pulls of public artifacts.',
    });
    const albController = this.cluster.albController;
    if (albController !== undefined) {
      const wildcards = [
        '*',
        'arn:<AWS::Partition>:ec2:*:*:security-group/*',
        'arn:<AWS::Partition>:elasticloadbalancing:*:*:listener-rule/app/*/*/*',
        'arn:<AWS::Partition>:elasticloadbalancing:*:*:listener-rule/net/*/*/*',
        'arn:<AWS::Partition>:elasticloadbalancing:*:*:listener/app/*/*/*',
        'arn:<AWS::Partition>:elasticloadbalancing:*:*:listener/net/*/*/*',
        'arn:<AWS::Partition>:elasticloadbalancing:*:*:loadbalancer/app/*/*',
        'arn:<AWS::Partition>:elasticloadbalancing:*:*:loadbalancer/net/*/*',
        'arn:<AWS::Partition>:elasticloadbalancing:*:*:targetgroup/*/*',
      ];
      Validations.of(albController).acknowledge(
        ...wildcards.map((resource) => ({
          id: `AwsSolutions::AwsSolutions-IAM5[Resource::${resource}]`,
          reason:
            'The AWS Load Balancer Controller policy as published by the controller project: it creates load balancers whose names are not known in advance, and its write actions are conditioned on the elbv2.k8s.aws/cluster tag.',
        })),
      );
    }
  }

  private addNodeGroup(role: NodeRole, sizing: NodeGroupSizing, capacityType: eks.CapacityType): eks.Nodegroup {
    const placement = nodePlacement(role);
    const nodegroup = this.cluster.addNodegroupCapacity(role, {
      amiType: eks.NodegroupAmiType.AL2023_ARM_64_STANDARD,
      instanceTypes: sizing.instanceTypes.map((t) => new ec2.InstanceType(t)),
      capacityType,
      minSize: sizing.minSize,
      desiredSize: sizing.desiredSize,
      maxSize: sizing.maxSize,
      subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      labels: { ...placement.nodeSelector },
      taints:
        placement.tolerations.length > 0
          ? placement.tolerations.map((t) => ({ key: t.key, value: t.value, effect: eks.TaintEffect.NO_SCHEDULE }))
          : undefined,
      enableNodeAutoRepair: true,
    });
    const awsManaged = (name: string) => `AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`;
    Validations.of(nodegroup.role).acknowledge(
      { id: awsManaged('AmazonEKSWorkerNodePolicy'), reason: 'EKS requires it on node roles to join the cluster.' },
      { id: awsManaged('AmazonEKS_CNI_Policy'), reason: 'The VPC CNI on each node assigns pod IPs from the node role.' },
      { id: awsManaged('AmazonEC2ContainerRegistryReadOnly'), reason: 'Nodes pull the platform images from ECR, read-only.' },
    );
    return nodegroup;
  }
}
