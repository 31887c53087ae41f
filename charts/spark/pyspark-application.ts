import { Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import {
  SparkApplication,
  SparkApplicationSpecMode,
  SparkApplicationSpecPythonVersion,
  SparkApplicationSpecRestartPolicyType,
  SparkApplicationSpecType,
} from '../imports/sparkapplication-sparkoperator.k8s.io';
import { componentLabels } from '../lib/labels';
import { NodePlacement, nodePlacement } from '../lib/node-roles';
import { plainRestrictedSecurity } from '../lib/security';
import { assertDnsLabel, assertPinnedImage } from '../lib/validation';

/** UID and GID of the `spark` user in the apache/spark images. */
export const SPARK_UID = 185;

/** Size of a driver or executor pod. Spark sets the pod's requests and limits from these. */
export interface SparkPodSize {
  /** Cores Spark schedules tasks on (spark.{driver,executor}.cores). */
  readonly cores: number;
  /** CPU the pod requests, in millicores; lower than `cores` lets small jobs share nodes. */
  readonly coreRequestMillis: number;
  /** JVM heap; Spark adds its memory overhead on top for the pod's memory request and limit. */
  readonly memory: Size;
}

export interface DynamicAllocationOptions {
  readonly initialExecutors: number;
  readonly minExecutors: number;
  readonly maxExecutors: number;
}

export interface PySparkApplicationProps {
  /** Name of the SparkApplication object (a DNS-1123 label). */
  readonly name: string;
  readonly namespace: string;
  /** Spark image (pinned); both driver and executors run it. */
  readonly image: string;
  /** Spark version the image carries, for the operator (for example 4.0.4). */
  readonly sparkVersion: string;
  /** The PySpark entry point, for example local:///opt/spark/jobs/profile_dataset.py. */
  readonly mainApplicationFile: string;
  /** @default - no arguments */
  readonly arguments?: string[];
  /** Service account of the driver: it creates and watches the executor pods. */
  readonly driverServiceAccountName: string;
  /** Service account of the executors: no Kubernetes API access. */
  readonly executorServiceAccountName: string;
  /** Where Spark writes event logs for the History Server, for example s3a://bucket/spark-events/. */
  readonly eventLogDir: string;
  /** @default 1 core, 500m requested, 1 GiB heap */
  readonly driver?: SparkPodSize;
  /** @default 2 cores, 1000m requested, 2 GiB heap */
  readonly executor?: SparkPodSize;
  /** @default 1 initial, 1 min, 4 max executors */
  readonly dynamicAllocation?: DynamicAllocationOptions;
  /** How long the finished application object is kept before the operator deletes it. @default 1 day */
  readonly timeToLive?: Duration;
  /** Extra Spark configuration. @default none */
  readonly sparkConf?: { readonly [key: string]: string };
  /**
   * Where the driver runs. @default the on-demand spark-driver nodes (a lost driver fails the
   * whole application), tolerating their taint
   */
  readonly driverPlacement?: NodePlacement;
  /** Where the executors run. @default the spot spark-executor nodes, tolerating their taint */
  readonly executorPlacement?: NodePlacement;
}

const DEFAULT_DRIVER: SparkPodSize = { cores: 1, coreRequestMillis: 500, memory: Size.gibibytes(1) };
const DEFAULT_EXECUTOR: SparkPodSize = { cores: 2, coreRequestMillis: 1000, memory: Size.gibibytes(2) };
const DEFAULT_DYNAMIC_ALLOCATION: DynamicAllocationOptions = { initialExecutors: 1, minExecutors: 1, maxExecutors: 4 };

/**
 * A Python SparkApplication with the platform's defaults: restricted pod security on driver
 * and executors, event logs for the History Server, dynamic allocation with shuffle tracking
 * (Kubernetes has no external shuffle service) and S3 access through the pod's workload
 * identity (EKS Pod Identity or IRSA, both served by the AWS SDK default credentials chain).
 */
export class PySparkApplication extends Construct {
  public readonly application: SparkApplication;

  public constructor(scope: Construct, id: string, props: PySparkApplicationProps) {
    super(scope, id);
    assertDnsLabel('name', props.name);
    assertPinnedImage('image', props.image);
    if (!/^(local:\/\/\/|s3a:\/\/)/.test(props.mainApplicationFile)) {
      throw new Error(`mainApplicationFile must be a local:/// path in the image or an s3a:// URI, got '${props.mainApplicationFile}'`);
    }
    if (!props.eventLogDir.startsWith('s3a://')) {
      throw new Error(`eventLogDir must be an s3a:// URI, got '${props.eventLogDir}'`);
    }
    const dyn = props.dynamicAllocation ?? DEFAULT_DYNAMIC_ALLOCATION;
    if (!(
      dyn.minExecutors >= 0 &&
      dyn.minExecutors <= dyn.initialExecutors &&
      dyn.initialExecutors <= dyn.maxExecutors &&
      dyn.maxExecutors >= 1
    )) {
      throw new Error(
        `dynamicAllocation must satisfy 0 <= minExecutors <= initialExecutors <= maxExecutors, maxExecutors >= 1, got ${JSON.stringify(dyn)}`,
      );
    }
    const driver = props.driver ?? DEFAULT_DRIVER;
    const executor = props.executor ?? DEFAULT_EXECUTOR;
    // Spark and Python write scratch files under /tmp, the work dir and $HOME; a read-only root
    // filesystem is not part of Pod Security "restricted", so Spark pods keep a writable one.
    const security = plainRestrictedSecurity({ user: SPARK_UID, group: SPARK_UID, readOnlyRootFilesystem: false });
    const labels = componentLabels(props.name, 'spark-application');
    const driverPlacement = props.driverPlacement ?? nodePlacement('spark-driver');
    const executorPlacement = props.executorPlacement ?? nodePlacement('spark-executor');

    this.application = new SparkApplication(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace, labels },
      spec: {
        type: SparkApplicationSpecType.PYTHON,
        pythonVersion: SparkApplicationSpecPythonVersion.VALUE_3,
        mode: SparkApplicationSpecMode.CLUSTER,
        image: props.image,
        imagePullPolicy: 'IfNotPresent',
        sparkVersion: props.sparkVersion,
        mainApplicationFile: props.mainApplicationFile,
        arguments: props.arguments,
        timeToLiveSeconds: (props.timeToLive ?? Duration.days(1)).toSeconds(),
        restartPolicy: {
          type: SparkApplicationSpecRestartPolicyType.ON_FAILURE,
          onFailureRetries: 2,
          onFailureRetryInterval: 30,
          onSubmissionFailureRetries: 3,
          onSubmissionFailureRetryInterval: 20,
        },
        sparkConf: {
          'spark.eventLog.enabled': 'true',
          'spark.eventLog.dir': props.eventLogDir,
          'spark.eventLog.rolling.enabled': 'true',
          'spark.hadoop.fs.s3a.aws.credentials.provider': 'software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider',
          'spark.sql.adaptive.enabled': 'true',
          ...props.sparkConf,
        },
        dynamicAllocation: {
          enabled: true,
          initialExecutors: dyn.initialExecutors,
          minExecutors: dyn.minExecutors,
          maxExecutors: dyn.maxExecutors,
          shuffleTrackingEnabled: true,
          shuffleTrackingTimeout: 600000,
        },
        driver: {
          cores: driver.cores,
          coreRequest: `${driver.coreRequestMillis}m`,
          coreLimit: String(driver.cores),
          memory: `${driver.memory.toMebibytes()}m`,
          serviceAccount: props.driverServiceAccountName,
          labels: { ...labels, 'app.kubernetes.io/component': 'spark-driver' },
          nodeSelector: { ...driverPlacement.nodeSelector },
          tolerations: driverPlacement.tolerations.map((t) => ({ ...t })),
          podSecurityContext: security.pod,
          securityContext: security.container,
        },
        executor: {
          cores: executor.cores,
          coreRequest: `${executor.coreRequestMillis}m`,
          coreLimit: String(executor.cores),
          memory: `${executor.memory.toMebibytes()}m`,
          serviceAccount: props.executorServiceAccountName,
          deleteOnTermination: true,
          labels: { ...labels, 'app.kubernetes.io/component': 'spark-executor' },
          nodeSelector: { ...executorPlacement.nodeSelector },
          tolerations: executorPlacement.tolerations.map((t) => ({ ...t })),
          podSecurityContext: security.pod,
          securityContext: security.container,
        },
      },
    });
  }
}
