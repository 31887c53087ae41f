import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct, IDependable } from 'constructs';
import { CloudWatchObservability, FLUENT_BIT_MERGED_LOG_KEY } from '../addons/cloudwatch-observability';
import { EnvironmentConfig } from '../config';
import { AlarmTopic } from './alarm-topic';
import { LoadBalancerLookup } from './load-balancer-lookup';
import { PlatformAlarms } from './platform-alarms';
import { PlatformDashboard } from './platform-dashboard';
import { PlatformMetrics } from './platform-metrics';
import { RunsFailedMetricFilter } from './runs-failed-metric-filter';

export interface PlatformObservabilityProps {
  readonly config: EnvironmentConfig;
  readonly cluster: eks.ICluster;
  readonly database: rds.IDatabaseInstance;
  /** The web app's Ingress (its ALB carries `loadBalancerName`) and what applies it. */
  readonly webApp: {
    readonly ingressName: string;
    readonly namespace: string;
    readonly loadBalancerName: string;
    readonly chart: IDependable;
  };
  /** Namespaces of the platform's own pods (the dashboard's error list). */
  readonly namespaces: readonly string[];
  /** What the add-on needs first: nodes for its DaemonSets. */
  readonly after: IDependable[];
  readonly removalPolicy: RemovalPolicy;
}

/**
 * Logs, metrics, dashboard and alarms of one environment: the CloudWatch Observability add-on
 * with its log groups, the failed-runs metric filter, the web app load balancer's metric
 * identity, the alarm topic, the alarms and the dashboard.
 */
export class PlatformObservability extends Construct {
  readonly addon: CloudWatchObservability;
  readonly topic: AlarmTopic;
  readonly alarms: PlatformAlarms;
  readonly dashboard: PlatformDashboard;
  readonly webAppLoadBalancer: LoadBalancerLookup;
  /** The dashboard in the CloudWatch console. */
  readonly dashboardUrl: string;

  constructor(scope: Construct, id: string, props: PlatformObservabilityProps) {
    super(scope, id);
    const { config, cluster } = props;
    this.addon = new CloudWatchObservability(this, 'CloudWatch', {
      cluster,
      version: config.release.eksAddons.cloudwatchObservability,
      logRetention: config.observability.logRetentionDays as logs.RetentionDays,
      removalPolicy: props.removalPolicy,
      after: props.after,
    });
    new RunsFailedMetricFilter(this, 'RunsFailed', {
      environment: config.name,
      applicationLogs: this.addon.logGroups.application,
      mergedLogKey: FLUENT_BIT_MERGED_LOG_KEY,
    });
    this.webAppLoadBalancer = new LoadBalancerLookup(this, 'WebAppLoadBalancer', {
      cluster,
      ingressName: props.webApp.ingressName,
      ingressNamespace: props.webApp.namespace,
      loadBalancerName: props.webApp.loadBalancerName,
      after: [props.webApp.chart],
    });
    const metrics = new PlatformMetrics({
      environment: config.name,
      clusterName: cluster.clusterName,
      loadBalancer: this.webAppLoadBalancer.metricDimension,
      database: props.database,
    });
    this.topic = new AlarmTopic(this, 'AlarmTopic', {
      displayName: `datavis ${config.name} alarms`,
      email: config.observability.alarmEmail,
      removalPolicy: props.removalPolicy,
    });
    this.alarms = new PlatformAlarms(this, 'Alarms', {
      environment: config.name,
      metrics,
      thresholds: config.observability.alarms,
      topic: this.topic.topic,
    });
    this.dashboard = new PlatformDashboard(this, 'Dashboard', {
      environment: config.name,
      metrics,
      alarms: Object.values(this.alarms.alarms),
      applicationLogs: this.addon.logGroups.application,
      namespaces: props.namespaces,
    });

    const { region } = Stack.of(this);
    this.dashboardUrl = `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards/dashboard/${this.dashboard.dashboard.dashboardName}`;
  }
}
