import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { EnvironmentName } from '../config';
import { RUNS_FAILED_METRIC, runsMetricNamespace } from '../observability/runs-failed-metric';

export interface RunsFailedMetricFilterProps {
  readonly environment: EnvironmentName;
  /** The containers' log group Fluent Bit writes to. */
  readonly applicationLogs: logs.ILogGroup;
  /** The key under which Fluent Bit nests a JSON line it parsed (the add-on's Merge_Log_Key). */
  readonly mergedLogKey: string;
}

/**
 * Turns the web app's failed-run lines into the RunsFailed metric. The lines are Embedded
 * Metric Format documents, but Fluent Bit nests every parsed JSON line under
 * `mergedLogKey` next to the Kubernetes metadata, so `_aws` is no longer at the top of the
 * event and CloudWatch Logs does not extract the metric by itself; this filter reads the same
 * fields where Fluent Bit put them and publishes the metric the EMF document declares.
 */
export class RunsFailedMetricFilter extends Construct {
  readonly filter: logs.MetricFilter;

  constructor(scope: Construct, id: string, props: RunsFailedMetricFilterProps) {
    super(scope, id);
    const field = (name: string) => `$.${props.mergedLogKey}.${name}`;
    this.filter = new logs.MetricFilter(this, 'Filter', {
      logGroup: props.applicationLogs,
      filterPattern: logs.FilterPattern.all(
        logs.FilterPattern.stringValue(field('event'), '=', 'run.failed'),
        logs.FilterPattern.stringValue(field(RUNS_FAILED_METRIC.dimension), '=', props.environment),
        logs.FilterPattern.numberValue(field(RUNS_FAILED_METRIC.name), '>', 0),
      ),
      metricNamespace: runsMetricNamespace(props.environment),
      metricName: RUNS_FAILED_METRIC.name,
      metricValue: field(RUNS_FAILED_METRIC.name),
      dimensions: { [RUNS_FAILED_METRIC.dimension]: field(RUNS_FAILED_METRIC.dimension) },
      unit: cloudwatch.Unit.COUNT,
    });
  }
}
