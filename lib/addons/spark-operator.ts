import { Duration } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { Construct } from 'constructs';
import { SPARK_OPERATOR_CHART_REPOSITORY, SparkOperatorValues } from '../../charts';

export interface SparkOperatorProps {
  readonly cluster: eks.ICluster;
  /** Chart version from the release file. */
  readonly version: string;
  /** Typed values, built by the charts from the Spark namespace they create. */
  readonly values: SparkOperatorValues;
}

export const SPARK_OPERATOR_NAMESPACE = 'spark-operator';

/**
 * The kubeflow Spark operator Helm release. It installs the SparkApplication CRDs, so the
 * Spark chart is mounted after it.
 */
export class SparkOperator extends Construct {
  readonly release: eks.HelmChart;

  constructor(scope: Construct, id: string, props: SparkOperatorProps) {
    super(scope, id);
    this.release = props.cluster.addHelmChart('SparkOperatorRelease', {
      chart: 'spark-operator',
      repository: SPARK_OPERATOR_CHART_REPOSITORY,
      version: props.version,
      release: 'spark-operator',
      namespace: SPARK_OPERATOR_NAMESPACE,
      createNamespace: true,
      wait: true,
      // A pre-install hook job and two deployments (controller, webhook) on fresh nodes.
      timeout: Duration.minutes(10),
      values: props.values as unknown as Record<string, unknown>,
    });
  }
}
