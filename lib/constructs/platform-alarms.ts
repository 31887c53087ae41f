import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { AlarmThresholds, EnvironmentName } from '../config';
import { PlatformMetrics } from './platform-metrics';

export interface PlatformAlarmsProps {
  readonly environment: EnvironmentName;
  readonly metrics: PlatformMetrics;
  readonly thresholds: AlarmThresholds;
  /** Notified when an alarm fires and when it clears. */
  readonly topic: sns.ITopic;
}

/** One alarm per signal the platform developer acts on, each notifying the topic when it fires and when it clears. */
export class PlatformAlarms extends Construct {
  readonly alarms: Record<
    'api5xx' | 'apiLatency' | 'databaseCpu' | 'databaseConnections' | 'nodeCapacity' | 'failedNodes' | 'runsFailed',
    cloudwatch.Alarm
  >;

  constructor(scope: Construct, id: string, props: PlatformAlarmsProps) {
    super(scope, id);
    const { metrics, thresholds: t, environment: env } = props;
    const action = new actions.SnsAction(props.topic);
    const alarm = (
      alarmId: string,
      metric: cloudwatch.IMetric,
      threshold: number,
      periods: number,
      description: string,
      // No data means nothing happened for counts and latencies (no traffic, no failed run).
      treatMissingData = cloudwatch.TreatMissingData.NOT_BREACHING,
      comparisonOperator = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    ) => {
      const created = new cloudwatch.Alarm(this, alarmId, {
        metric,
        threshold,
        evaluationPeriods: periods,
        datapointsToAlarm: periods,
        comparisonOperator,
        treatMissingData,
        alarmDescription: `datavis ${env}: ${description} (docs/platform.md, "Dashboard and alarms")`,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      return created;
    };
    const gauge = cloudwatch.TreatMissingData.MISSING;
    this.alarms = {
      api5xx: alarm('Api5xx', metrics.api5xx, t.api5xxPer5Minutes, 1, `${t.api5xxPer5Minutes} or more API 5xx answers in 5 minutes`),
      apiLatency: alarm(
        'ApiP99Latency',
        metrics.apiP99Latency,
        t.apiP99LatencySeconds,
        3,
        `API p99 response time at or above ${t.apiP99LatencySeconds} s for 15 minutes`,
      ),
      databaseCpu: alarm(
        'DatabaseCpu',
        metrics.databaseCpu,
        t.databaseCpuPercent,
        3,
        `database CPU at or above ${t.databaseCpuPercent} % for 15 minutes`,
        gauge,
      ),
      databaseConnections: alarm(
        'DatabaseConnections',
        metrics.databaseConnections,
        t.databaseConnections,
        3,
        `${t.databaseConnections} or more database connections for 15 minutes`,
        gauge,
      ),
      nodeCapacity: alarm(
        'NodeCapacity',
        metrics.nodeReserved,
        t.nodeReservedPercent,
        3,
        `pods request ${t.nodeReservedPercent} % or more of the nodes' CPU or memory for 15 minutes: new pods may not fit`,
        gauge,
      ),
      failedNodes: alarm(
        'FailedNodes',
        metrics.failedNodeCount,
        0,
        3,
        'a node reports a failing condition (memory, disk or PID pressure, not ready) for 15 minutes',
        gauge,
        cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      ),
      runsFailed: alarm('RunsFailed', metrics.runsFailed, t.runsFailedPerHour, 1, `${t.runsFailedPerHour} or more failed runs in an hour`),
    };
  }
}
