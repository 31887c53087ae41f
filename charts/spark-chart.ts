import { Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-34';
import { Construct } from 'constructs';
import { componentLabels, selectorLabels } from './lib/labels';
import {
  allowDnsEgress,
  allowPodIdentityEgress,
  allowTcpEgress,
  allowTcpIngress,
  allowWithinNamespace,
  defaultDeny,
} from './lib/network-policies';
import { restrictedContainerSecurity, restrictedPodSecurity } from './lib/security';
import { assertDnsLabel, assertPinnedImage, assertS3BucketName, assertS3Prefix } from './lib/validation';
import { PySparkApplication, SPARK_UID } from './spark/pyspark-application';

/** Prefix of the event logs in their bucket; the data stack creates it before any Spark workload runs. */
export const DEFAULT_EVENT_LOG_PREFIX = 'spark-events';
/** Namespace Spark applications run in unless told otherwise. */
export const DEFAULT_SPARK_NAMESPACE = 'spark-jobs';
/** Where charts/spark/image/Dockerfile puts the PySpark jobs. */
export const SPARK_JOBS_DIR = '/opt/spark/jobs';

export interface ServiceAccountRef {
  readonly name: string;
  readonly namespace: string;
}

export interface DatasetProfileJobProps {
  /** Dataset to profile, as an s3a:// URI (csv, parquet or json by extension). */
  readonly datasetUri: string;
  /** Directory URI (s3a://) the summary is written to. */
  readonly outputUri: string;
  /** @default 4 */
  readonly maxExecutors?: number;
}

export interface SparkChartProps {
  /**
   * Image for drivers, executors and the History Server: the release's apache/spark image plus the S3A
   * connector and the jobs, built from charts/spark/image/Dockerfile (build context charts/spark).
   */
  readonly sparkImage: string;
  /** Spark version of that image (the release file's images.spark tag), for the operator. */
  readonly sparkVersion: string;
  /** Bucket Spark writes event logs to and the History Server reads them from. */
  readonly eventLogBucket: string;
  /** @default 'spark-events' */
  readonly eventLogPrefix?: string;
  /** @default DEFAULT_SPARK_NAMESPACE ('spark-jobs') */
  readonly namespace?: string;
  /**
   * Annotations on the driver, executor and History Server service accounts, for IRSA
   * (`eks.amazonaws.com/role-arn`). With EKS Pod Identity leave empty: the association is made
   * on the AWS side from `namespace` + the service account names this chart exposes.
   * @default none
   */
  readonly serviceAccountAnnotations?: { readonly [key: string]: string };
  /** @default 'spark-driver' */
  readonly driverServiceAccountName?: string;
  /** @default 'spark-executor' */
  readonly executorServiceAccountName?: string;
  /** @default 'spark-history-server' */
  readonly historyServerServiceAccountName?: string;
  /**
   * The web app's service account: its pods may reach the History Server. Its RBAC here is the
   * run backend's, granted by WebAppChart.enableClusterRuns. @default no web app access
   */
  readonly webAppServiceAccount?: ServiceAccountRef;
  /** The dataset profiling SparkApplication shipped with the platform. @default not created */
  readonly profileJob?: DatasetProfileJobProps;
}

/**
 * What runs in the namespace Spark applications use (PlatformNamespacesChart creates it): service accounts and RBAC for drivers, executors
 * and the web app, network policies, the Spark History Server reading event logs from S3 and
 * the dataset-profiling SparkApplication.
 *
 * The Spark operator's own Role in this namespace comes from the operator chart
 * (`spark.jobNamespaces` in SparkOperatorValues), so it stays in step with the controller
 * version; the chart's driver account and Role are turned off there and defined here instead.
 */
export class SparkChart extends Chart {
  public readonly namespaceName: string;
  public readonly driverServiceAccountName: string;
  public readonly executorServiceAccountName: string;
  public readonly historyServerServiceAccountName: string;
  /** s3a:// URI of the event log directory. */
  public readonly eventLogDir: string;
  public readonly historyServerService: kplus.Service;

  public constructor(scope: Construct, id: string, props: SparkChartProps) {
    super(scope, id);
    assertPinnedImage('sparkImage', props.sparkImage);
    if (!/^\d+\.\d+\.\d+$/.test(props.sparkVersion)) {
      throw new Error(`sparkVersion must be a Spark release x.y.z, got '${props.sparkVersion}'`);
    }
    assertS3BucketName('eventLogBucket', props.eventLogBucket);
    const prefix = props.eventLogPrefix ?? DEFAULT_EVENT_LOG_PREFIX;
    assertS3Prefix('eventLogPrefix', prefix);
    const ns = props.namespace ?? DEFAULT_SPARK_NAMESPACE;
    assertDnsLabel('namespace', ns);
    this.namespaceName = ns;
    this.driverServiceAccountName = props.driverServiceAccountName ?? 'spark-driver';
    this.executorServiceAccountName = props.executorServiceAccountName ?? 'spark-executor';
    this.historyServerServiceAccountName = props.historyServerServiceAccountName ?? 'spark-history-server';
    for (const [prop, value] of Object.entries({
      driverServiceAccountName: this.driverServiceAccountName,
      executorServiceAccountName: this.executorServiceAccountName,
      historyServerServiceAccountName: this.historyServerServiceAccountName,
    })) {
      assertDnsLabel(prop, value);
    }
    this.eventLogDir = `s3a://${props.eventLogBucket}/${prefix}/`;

    const annotations = { ...props.serviceAccountAnnotations };

    // Drivers create, watch and delete their executor pods, services and config maps.
    const driverSa = new kplus.ServiceAccount(this, 'driver-sa', {
      metadata: {
        name: this.driverServiceAccountName,
        namespace: ns,
        annotations,
        labels: componentLabels(this.driverServiceAccountName, 'spark'),
      },
      automountToken: true,
    });
    const driverRole = new kplus.Role(this, 'driver-role', {
      metadata: { name: 'spark-driver', namespace: ns, labels: componentLabels('spark-driver', 'spark') },
    });
    driverRole.allow(
      ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'],
      kplus.ApiResource.PODS,
      kplus.ApiResource.SERVICES,
      kplus.ApiResource.CONFIG_MAPS,
      kplus.ApiResource.PERSISTENT_VOLUME_CLAIMS,
    );
    new kplus.RoleBinding(this, 'driver-binding', {
      metadata: { name: 'spark-driver', namespace: ns, labels: componentLabels('spark-driver', 'spark') },
      role: driverRole,
    }).addSubjects(driverSa);

    // Executors only compute and read/write S3: no Kubernetes API token at all.
    new kplus.ServiceAccount(this, 'executor-sa', {
      metadata: {
        name: this.executorServiceAccountName,
        namespace: ns,
        annotations,
        labels: componentLabels(this.executorServiceAccountName, 'spark'),
      },
      automountToken: false,
    });

    this.historyServerService = this.historyServer(ns, props.sparkImage, annotations);

    defaultDeny(this, ns);
    allowDnsEgress(this, ns);
    allowWithinNamespace(this, ns);
    // S3 (event logs, datasets), STS and the Kubernetes API server all answer on 443.
    allowTcpEgress(this, ns, { name: 'allow-https-egress', ports: [443] });
    // Drivers, executors and the History Server get their S3 credentials from the Pod Identity agent.
    allowPodIdentityEgress(this, ns);
    if (props.webAppServiceAccount) {
      allowTcpIngress(this, ns, {
        name: 'allow-history-from-web-app',
        podLabels: selectorLabels('spark-history-server'),
        ports: [18080],
        fromNamespaces: [props.webAppServiceAccount.namespace],
      });
    }

    if (props.profileJob) {
      new PySparkApplication(this, 'profile-dataset', {
        name: 'profile-dataset',
        namespace: ns,
        image: props.sparkImage,
        sparkVersion: props.sparkVersion,
        mainApplicationFile: `local://${SPARK_JOBS_DIR}/profile_dataset.py`,
        arguments: ['--input', props.profileJob.datasetUri, '--output', props.profileJob.outputUri],
        driverServiceAccountName: this.driverServiceAccountName,
        executorServiceAccountName: this.executorServiceAccountName,
        eventLogDir: this.eventLogDir,
        dynamicAllocation: { initialExecutors: 1, minExecutors: 1, maxExecutors: props.profileJob.maxExecutors ?? 4 },
      });
    }
  }

  private historyServer(ns: string, image: string, annotations: { [key: string]: string }): kplus.Service {
    const name = 'spark-history-server';
    const labels = componentLabels(name, 'spark');
    const sa = new kplus.ServiceAccount(this, 'history-sa', {
      metadata: { name: this.historyServerServiceAccountName, namespace: ns, annotations, labels },
      automountToken: false,
    });
    const tmp = kplus.Volume.fromEmptyDir(this, 'history-tmp', 'tmp', { sizeLimit: Size.gibibytes(1) });
    const deployment = new kplus.Deployment(this, 'history-server', {
      metadata: { name, namespace: ns, labels },
      podMetadata: { labels },
      replicas: 1,
      serviceAccount: sa,
      automountServiceAccountToken: false,
      securityContext: restrictedPodSecurity({ user: SPARK_UID, group: SPARK_UID }),
      containers: [
        {
          name: 'history-server',
          image,
          // spark-class runs the server in the foreground (the sbin start script would daemonize).
          command: ['/opt/spark/bin/spark-class', 'org.apache.spark.deploy.history.HistoryServer'],
          envVariables: {
            SPARK_HISTORY_OPTS: kplus.EnvValue.fromValue(
              [
                `-Dspark.history.fs.logDirectory=${this.eventLogDir}`,
                '-Dspark.history.fs.update.interval=30s',
                '-Dspark.history.fs.cleaner.enabled=true',
                '-Dspark.history.fs.cleaner.maxAge=30d',
                '-Dspark.hadoop.fs.s3a.aws.credentials.provider=software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider',
              ].join(' '),
            ),
            SPARK_NO_DAEMONIZE: kplus.EnvValue.fromValue('true'),
          },
          ports: [{ number: 18080, name: 'http' }],
          securityContext: restrictedContainerSecurity({ user: SPARK_UID, group: SPARK_UID }),
          resources: {
            cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(1000) },
            memory: { request: Size.mebibytes(1024), limit: Size.mebibytes(1536) },
          },
          readiness: kplus.Probe.fromHttpGet('/', { port: 18080, initialDelaySeconds: Duration.seconds(10) }),
          liveness: kplus.Probe.fromHttpGet('/', {
            port: 18080,
            initialDelaySeconds: Duration.seconds(60),
            periodSeconds: Duration.seconds(20),
          }),
          volumeMounts: [{ path: '/tmp', volume: tmp }],
        },
      ],
    });
    return new kplus.Service(this, 'history-service', {
      metadata: { name, namespace: ns, labels },
      selector: deployment,
      ports: [{ name: 'http', port: 18080, targetPort: 18080 }],
    });
  }
}
