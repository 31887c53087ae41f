import { App, Chart, Duration, Size } from 'cdk8s';
import { PySparkApplication } from '../../../../charts/spark/pyspark-application';
import { SparkSizing, checkSparkSizing, SparkLimits, DEFAULT_SPARK_LIMITS } from '../spark-sizing';
import { TIMEOUT_ANNOTATION, runLabels, runObjectName, sparkPlacement } from './run-objects';

interface SparkPodManifest {
  readonly labels?: { readonly [key: string]: string };
  readonly [key: string]: unknown;
}

/** A sparkoperator.k8s.io/v1beta2 SparkApplication as JSON. */
export interface SparkApplicationManifest {
  readonly apiVersion: string;
  readonly kind: string;
  metadata: { name: string; namespace: string; labels?: { [key: string]: string }; annotations?: { [key: string]: string } };
  spec: { driver: SparkPodManifest; executor: SparkPodManifest; restartPolicy?: { type: string }; [key: string]: unknown };
}

export interface SparkRunApplicationProps {
  readonly runId: string;
  readonly namespace: string;
  /** The platform's Spark image (charts/spark/image) and the Spark version it carries. */
  readonly image: string;
  readonly sparkVersion: string;
  /** The PySpark file: s3a:// (a project file) or local:/// (a platform job in the image). */
  readonly mainApplicationFile: string;
  readonly arguments: readonly string[];
  readonly driverServiceAccountName: string;
  readonly executorServiceAccountName: string;
  /** s3a:// event log directory the History Server reads. */
  readonly eventLogDir: string;
  readonly sizing: SparkSizing;
  /** @default DEFAULT_SPARK_LIMITS */
  readonly limits?: SparkLimits;
  /** Run timeout; the backend deletes the application past it (the operator has no deadline). */
  readonly timeoutSeconds: number;
  /** How long the operator keeps the finished application. */
  readonly timeToLiveSeconds: number;
  /** s3a:// URI the job writes its result to, passed to the driver as OUTPUT_PATH. @default none */
  readonly outputPath?: string;
}

/**
 * The SparkApplication of a Spark run, built by the same PySparkApplication construct as the
 * SparkChart's own applications (restricted security, event log to S3, dynamic allocation with
 * shuffle tracking, S3 through the pod identity), synthesized to JSON, then given what a run
 * adds: the run-id labels on the application, driver and executors, the Spark node groups'
 * tolerations and node selectors, the timeout annotation, and restartPolicy Never (the
 * platform's retry policy makes new attempts; the operator must not retry on its own).
 */
export function sparkRunApplication(props: SparkRunApplicationProps): SparkApplicationManifest {
  const problems = checkSparkSizing(props.sizing, props.limits ?? DEFAULT_SPARK_LIMITS);
  if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('; '));
  const name = runObjectName(props.runId);
  const chart = new Chart(new App(), 'run');
  const { sizing } = props;
  new PySparkApplication(chart, name, {
    name,
    namespace: props.namespace,
    image: props.image,
    sparkVersion: props.sparkVersion,
    mainApplicationFile: props.mainApplicationFile,
    arguments: [...props.arguments],
    driverServiceAccountName: props.driverServiceAccountName,
    executorServiceAccountName: props.executorServiceAccountName,
    eventLogDir: props.eventLogDir,
    // Half a core requested per core used: small jobs share nodes, busy ones may burst.
    driver: { cores: sizing.driver.cores, coreRequestMillis: sizing.driver.cores * 500, memory: Size.mebibytes(sizing.driver.memoryMiB) },
    executor: {
      cores: sizing.executor.cores,
      coreRequestMillis: sizing.executor.cores * 500,
      memory: Size.mebibytes(sizing.executor.memoryMiB),
    },
    dynamicAllocation: { initialExecutors: sizing.minExecutors, minExecutors: sizing.minExecutors, maxExecutors: sizing.maxExecutors },
    timeToLive: Duration.seconds(props.timeToLiveSeconds),
  });
  const [app] = chart.toJson() as SparkApplicationManifest[];
  const labels = runLabels(props.runId, 'spark-run');
  app.metadata.labels = { ...app.metadata.labels, ...labels };
  app.metadata.annotations = { ...app.metadata.annotations, [TIMEOUT_ANNOTATION]: String(props.timeoutSeconds) };
  app.spec.restartPolicy = { type: 'Never' };
  const driver = sparkPlacement('spark-driver');
  const executor = sparkPlacement('spark-executor');
  app.spec.driver = {
    ...app.spec.driver,
    labels: { ...app.spec.driver.labels, ...labels, 'app.kubernetes.io/component': 'spark-driver' },
    tolerations: driver.tolerations,
    nodeSelector: driver.nodeSelector,
    ...(props.outputPath ? { env: [{ name: 'OUTPUT_PATH', value: props.outputPath }] } : {}),
  };
  app.spec.executor = {
    ...app.spec.executor,
    labels: { ...app.spec.executor.labels, ...labels, 'app.kubernetes.io/component': 'spark-executor' },
    tolerations: executor.tolerations,
    nodeSelector: executor.nodeSelector,
  };
  return app;
}
