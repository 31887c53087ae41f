import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { EnvironmentName } from '../config';
import { PlatformMetrics } from './platform-metrics';

export interface PlatformDashboardProps {
  readonly environment: EnvironmentName;
  readonly metrics: PlatformMetrics;
  readonly alarms: readonly cloudwatch.IAlarm[];
  /** The containers' log group (/aws/containerinsights/<cluster>/application). */
  readonly applicationLogs: logs.ILogGroup;
  /** Namespaces whose error lines the log widget lists. */
  readonly namespaces: readonly string[];
}

/**
 * The environment's CloudWatch dashboard, named Datavis-<env>: the web app's 5xx answers and
 * p99 latency at its load balancer, the database's CPU and connections, how full the nodes
 * are, failed runs, every alarm's state and the latest error lines of the platform's pods.
 */
export class PlatformDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: PlatformDashboardProps) {
    super(scope, id);
    const m = props.metrics;
    const graph = (title: string, left: cloudwatch.IMetric[], unit?: string) =>
      new cloudwatch.GraphWidget({ title, left, width: 8, height: 6, ...(unit ? { leftYAxis: { label: unit, showUnits: false } } : {}) });
    // The environment name is the dashboard's only distinguishing part: environments share an account.
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: `Datavis-${props.environment}` });
    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({
        markdown: `# datavis ${props.environment}\nWeb app at its load balancer, database, nodes and runs. Alarms notify the alarm topic (docs/platform.md).`,
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      graph('API 5xx answers (5 min)', [m.api5xx]),
      graph('API p99 response time', [m.apiP99Latency], 'seconds'),
      graph('API requests (5 min)', [m.apiRequests]),
    );
    this.dashboard.addWidgets(
      graph('Database CPU', [m.databaseCpu], '%'),
      graph('Database connections', [m.databaseConnections]),
      graph('Failed runs (per hour)', [m.runsFailed]),
    );
    this.dashboard.addWidgets(
      graph('Node capacity requested', [m.nodeCpuReserved, m.nodeMemoryReserved], '%'),
      graph('Node use', [m.nodeCpuUtilization, m.nodeMemoryUtilization], '%'),
      graph('Nodes', [m.nodeCount, m.failedNodeCount]),
    );
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 8, height: 6 }),
      new cloudwatch.LogQueryWidget({
        title: 'Latest errors of the platform pods',
        logGroupNames: [props.applicationLogs.logGroupName],
        queryLines: [
          'fields @timestamp, kubernetes.namespace_name, kubernetes.pod_name, log',
          `filter kubernetes.namespace_name in [${props.namespaces.map((ns) => `"${ns}"`).join(', ')}]`,
          // pino's error level is 50; Spark and Python write ERROR in plain text.
          'filter log_processed.level >= 50 or log like /ERROR|Traceback|Exception/',
          'sort @timestamp desc',
          'limit 50',
        ],
        width: 16,
        height: 6,
      }),
    );
  }
}
