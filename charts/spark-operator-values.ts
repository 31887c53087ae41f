/** Where the kubeflow Spark operator chart (version: the release file's charts.sparkOperator) is published. */
export const SPARK_OPERATOR_CHART_REPOSITORY = 'https://kubeflow.github.io/spark-operator';

interface ResourceValues {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

/** The subset of the chart's values.yaml the platform sets (key paths as in the chart). */
export interface SparkOperatorValues {
  readonly controller: {
    readonly replicas: number;
    readonly workers: number;
    readonly resources: ResourceValues;
    readonly uiService: { readonly enable: boolean };
    readonly rbac: { readonly create: true };
    readonly serviceAccount: { readonly create: true };
  };
  readonly webhook: {
    readonly enable: true;
    readonly replicas: number;
    readonly failurePolicy: 'Fail';
    readonly resources: ResourceValues;
  };
  readonly spark: {
    readonly jobNamespaces: readonly string[];
    readonly serviceAccount: { readonly create: false };
    readonly rbac: { readonly create: false };
  };
  readonly prometheus: { readonly metrics: { readonly enable: boolean } };
}

export interface SparkOperatorValuesProps {
  /** Namespaces the operator watches: SparkChart's namespace. */
  readonly jobNamespaces: readonly string[];
  /** @default 1 (2 runs leader election with a standby) */
  readonly replicas?: number;
}

/**
 * Values for the Spark operator Helm release. The operator's own RBAC comes from the chart
 * (controller.rbac.create, including its Role in every job namespace); the driver service
 * account and its Role are SparkChart's, so the chart must not create them too. The mutating
 * webhook stays on: it applies the pod security contexts of SparkApplications to driver and
 * executor pods, and fails closed.
 */
export function sparkOperatorValues(props: SparkOperatorValuesProps): SparkOperatorValues {
  if (props.jobNamespaces.length === 0 || props.jobNamespaces.includes('')) {
    throw new Error('jobNamespaces must name at least one namespace and no empty name (an empty name would watch every namespace)');
  }
  const replicas = props.replicas ?? 1;
  const small: ResourceValues = { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } };
  return {
    controller: {
      replicas,
      workers: 10,
      resources: small,
      uiService: { enable: true },
      rbac: { create: true },
      serviceAccount: { create: true },
    },
    webhook: { enable: true, replicas, failurePolicy: 'Fail', resources: small },
    spark: {
      jobNamespaces: [...props.jobNamespaces],
      serviceAccount: { create: false },
      rbac: { create: false },
    },
    prometheus: { metrics: { enable: true } },
  };
}
