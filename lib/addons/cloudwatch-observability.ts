import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, IDependable } from 'constructs';

/** Namespace and service account of the add-on's CloudWatch agent; its Fluent Bit DaemonSet runs as the same account. */
export const CLOUDWATCH_AGENT_NAMESPACE = 'amazon-cloudwatch';
export const CLOUDWATCH_AGENT_SERVICE_ACCOUNT = 'cloudwatch-agent';
/**
 * The log groups the add-on writes, /aws/containerinsights/<cluster>/<kind>: containers'
 * stdout and stderr (application), kubelet, containerd and the node networking pods
 * (dataplane), the nodes' system journal (host), and the agent's Container Insights
 * measurements, from which CloudWatch extracts the ContainerInsights metrics (performance).
 */
export const CONTAINER_INSIGHTS_LOG_KINDS = ['application', 'dataplane', 'host', 'performance'] as const;
export type ContainerInsightsLogKind = (typeof CONTAINER_INSIGHTS_LOG_KINDS)[number];
/**
 * Where Fluent Bit puts a container line it could parse as JSON (the kubernetes filter's
 * Merge_Log_Key): the web app's JSON logs arrive as {"log": "<line>", "log_processed": {...}, "kubernetes": {...}}.
 */
export const FLUENT_BIT_MERGED_LOG_KEY = 'log_processed';

/**
 * The add-on's configuration values: the upstream chart's values (specs/cloudwatch-observability/values.yaml).
 * Container Insights with enhanced observability in its classic form (metrics in the
 * ContainerInsights namespace, which the dashboard and alarms read) and Fluent Bit container
 * logs. Application Signals is off: it would inject instrumentation agents into every Java,
 * Python and Node.js pod (the platform's Spark, notebook and web app pods) and send traces to X-Ray.
 */
export interface CloudWatchObservabilityValues {
  readonly containerInsights: { readonly enabled: true };
  readonly otelContainerInsights: { readonly enabled: false };
  readonly applicationSignals: { readonly enabled: false };
  readonly containerLogs: { readonly enabled: true };
}

export interface CloudWatchObservabilityProps {
  readonly cluster: eks.ICluster;
  /** Add-on version from the release file (vX.Y.Z-eksbuild.N). */
  readonly version: string;
  /** Days the four log groups keep their events. */
  readonly logRetention: logs.RetentionDays;
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
  /** Created once these exist (its DaemonSets and controller need nodes). @default none */
  readonly after?: IDependable[];
}

/**
 * The Amazon CloudWatch Observability EKS add-on (CloudWatch agent and Fluent Bit on every
 * node, tolerating every taint), bound to its IAM role through Pod Identity, and the log groups
 * it writes, created here first with the environment's retention and a customer managed key,
 * so the add-on never creates them unmanaged (never expiring, AWS-owned encryption).
 *
 * Exception to Pod Security "restricted": the agents read the nodes' log files, /sys and the
 * container runtime socket through host paths and use the host network, which restricted (and
 * baseline) refuse. They run in the add-on's own namespace, amazon-cloudwatch, which EKS
 * manages and the platform does not label; no platform workload runs there.
 */
export class CloudWatchObservability extends Construct {
  readonly addon: eks.CfnAddon;
  readonly values: CloudWatchObservabilityValues;
  readonly logGroups: Record<ContainerInsightsLogKind, logs.LogGroup>;
  readonly logKey: kms.Key;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: CloudWatchObservabilityProps) {
    super(scope, id);
    const { cluster } = props;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const { region, account, partition } = Stack.of(this);
    const groupPrefix = `/aws/containerinsights/${cluster.clusterName}/`;
    const groupArns = `arn:${partition}:logs:${region}:${account}:log-group:${groupPrefix}*`;

    this.logKey = new kms.Key(this, 'LogKey', {
      description: "Encrypts the cluster's Container Insights log groups",
      enableKeyRotation: true,
      removalPolicy,
    });
    // CloudWatch Logs encrypts and decrypts with the key for these log groups only.
    this.logKey.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal(`logs.${region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': groupArns } },
      }),
    );
    const logGroups = {} as Record<ContainerInsightsLogKind, logs.LogGroup>;
    for (const kind of CONTAINER_INSIGHTS_LOG_KINDS) {
      const group = new logs.LogGroup(this, `${kind[0].toUpperCase()}${kind.slice(1)}Logs`, {
        logGroupName: `${groupPrefix}${kind}`,
        retention: props.logRetention,
        encryptionKey: this.logKey,
        removalPolicy,
      });
      group.node.addDependency(this.logKey);
      logGroups[kind] = group;
    }
    this.logGroups = logGroups;

    this.role = new iam.Role(this, 'AgentRole', {
      description: 'CloudWatch agent and Fluent Bit: write Container Insights metrics and container logs',
      assumedBy: new iam.ServicePrincipal('pods.eks.amazonaws.com').withConditions({
        StringEquals: {
          'aws:RequestTag/kubernetes-namespace': CLOUDWATCH_AGENT_NAMESPACE,
          'aws:RequestTag/kubernetes-service-account': CLOUDWATCH_AGENT_SERVICE_ACCOUNT,
        },
      }),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('CloudWatchAgentServerPolicy')],
    });
    this.role.assumeRolePolicy?.addStatements(
      new iam.PolicyStatement({ principals: [new iam.ServicePrincipal('pods.eks.amazonaws.com')], actions: ['sts:TagSession'] }),
    );
    // The managed policy may set retention on any group; the platform's groups keep the retention set here.
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        actions: ['logs:PutRetentionPolicy', 'logs:DeleteRetentionPolicy', 'logs:DeleteLogGroup', 'logs:DisassociateKmsKey'],
        resources: [groupArns],
      }),
    );
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/CloudWatchAgentServerPolicy]',
      reason:
        'CloudWatchAgentServerPolicy is the policy AWS documents and maintains for this add-on (logs, metrics, the EC2 tag and volume lookups the agent makes); ' +
        'AWSXrayWriteOnlyAccess is left out because Application Signals, the only X-Ray user, is off.',
    });

    this.values = {
      containerInsights: { enabled: true },
      otelContainerInsights: { enabled: false },
      applicationSignals: { enabled: false },
      containerLogs: { enabled: true },
    };
    this.addon = new eks.CfnAddon(this, 'Addon', {
      addonName: 'amazon-cloudwatch-observability',
      addonVersion: props.version,
      clusterName: cluster.clusterName,
      resolveConflicts: 'OVERWRITE',
      configurationValues: JSON.stringify(this.values),
      podIdentityAssociations: [{ serviceAccount: CLOUDWATCH_AGENT_SERVICE_ACCOUNT, roleArn: this.role.roleArn }],
    });
    // The add-on would create missing groups itself (Fluent Bit's auto_create_group), unmanaged.
    this.addon.node.addDependency(...Object.values(logGroups));
    if (props.after) this.addon.node.addDependency(...props.after);
  }
}
