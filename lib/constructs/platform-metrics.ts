import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as rds from 'aws-cdk-lib/aws-rds';
import { EnvironmentName } from '../config';
import { RUNS_FAILED_METRIC, runsMetricNamespace } from '../observability/runs-failed-metric';

export interface PlatformMetricsProps {
  readonly environment: EnvironmentName;
  /** The EKS cluster name (the ClusterName dimension of the ContainerInsights metrics). */
  readonly clusterName: string;
  /** app/<name>/<id> of the web app's load balancer (the LoadBalancer dimension). */
  readonly loadBalancer: string;
  readonly database: rds.IDatabaseInstance;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * The metrics the environment's dashboard shows and its alarms watch, defined once. Names and
 * dimensions are the ones AWS documents (specs/cloudwatch-observability/METRICS.md).
 */
export class PlatformMetrics {
  /** 5xx answers of the web app: its pods' (target) and the load balancer's own (no healthy target, timeouts). */
  readonly api5xx: cloudwatch.IMetric;
  readonly apiRequests: cloudwatch.IMetric;
  /** p99 of the time from the load balancer sending a request to the web app until its response starts. */
  readonly apiP99Latency: cloudwatch.IMetric;
  readonly databaseCpu: cloudwatch.IMetric;
  readonly databaseConnections: cloudwatch.IMetric;
  /** Requested CPU and memory in percent of what the nodes can allocate (averaged over nodes). */
  readonly nodeCpuReserved: cloudwatch.IMetric;
  readonly nodeMemoryReserved: cloudwatch.IMetric;
  /** The higher of the two: when it nears 100 % pods stop fitting and the autoscaler must add nodes. */
  readonly nodeReserved: cloudwatch.IMetric;
  readonly nodeCpuUtilization: cloudwatch.IMetric;
  readonly nodeMemoryUtilization: cloudwatch.IMetric;
  readonly nodeCount: cloudwatch.IMetric;
  readonly failedNodeCount: cloudwatch.IMetric;
  /** Runs that ended failed or timed out, per hour (the web app's RunsFailed metric). */
  readonly runsFailed: cloudwatch.IMetric;

  constructor(props: PlatformMetricsProps) {
    const alb = (metricName: string, statistic: string, label: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/ApplicationELB',
        metricName,
        dimensionsMap: { LoadBalancer: props.loadBalancer },
        statistic,
        period: FIVE_MINUTES,
        label,
      });
    this.api5xx = new cloudwatch.MathExpression({
      expression: 'FILL(target5xx, 0) + FILL(elb5xx, 0)',
      usingMetrics: {
        target5xx: alb('HTTPCode_Target_5XX_Count', 'Sum', 'Web app 5xx'),
        elb5xx: alb('HTTPCode_ELB_5XX_Count', 'Sum', 'Load balancer 5xx'),
      },
      period: FIVE_MINUTES,
      label: 'API 5xx answers',
    });
    this.apiRequests = alb('RequestCount', 'Sum', 'API requests');
    this.apiP99Latency = alb('TargetResponseTime', 'p99', 'API p99 response time (s)');

    this.databaseCpu = props.database.metricCPUUtilization({ period: FIVE_MINUTES, label: 'Database CPU %' });
    this.databaseConnections = props.database.metricDatabaseConnections({
      period: FIVE_MINUTES,
      statistic: 'Maximum',
      label: 'Database connections',
    });

    const insights = (metricName: string, statistic: string, label: string) =>
      new cloudwatch.Metric({
        namespace: 'ContainerInsights',
        metricName,
        dimensionsMap: { ClusterName: props.clusterName },
        statistic,
        period: FIVE_MINUTES,
        label,
      });
    this.nodeCpuReserved = insights('node_cpu_reserved_capacity', 'Average', 'CPU requested % of allocatable');
    this.nodeMemoryReserved = insights('node_memory_reserved_capacity', 'Average', 'Memory requested % of allocatable');
    this.nodeReserved = new cloudwatch.MathExpression({
      expression: 'MAX([cpuReserved, memoryReserved])',
      usingMetrics: { cpuReserved: this.nodeCpuReserved, memoryReserved: this.nodeMemoryReserved },
      period: FIVE_MINUTES,
      label: 'Requested CPU or memory % of allocatable (higher of the two)',
    });
    this.nodeCpuUtilization = insights('node_cpu_utilization', 'Average', 'Node CPU used %');
    this.nodeMemoryUtilization = insights('node_memory_utilization', 'Average', 'Node memory used %');
    this.nodeCount = insights('cluster_node_count', 'Maximum', 'Nodes');
    this.failedNodeCount = insights('cluster_failed_node_count', 'Maximum', 'Failed nodes');

    this.runsFailed = new cloudwatch.Metric({
      namespace: runsMetricNamespace(props.environment),
      metricName: RUNS_FAILED_METRIC.name,
      dimensionsMap: { [RUNS_FAILED_METRIC.dimension]: props.environment },
      statistic: 'Sum',
      period: Duration.hours(1),
      label: 'Failed runs per hour',
    });
  }
}
