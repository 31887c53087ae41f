import { App } from 'cdk8s';
import { SAMPLE_SALES_KEY, ScheduleBuckets, platformSchedules } from '../notebooks/schedules';
import { JupyterHubSparkChart } from './jupyterhub-spark-chart';
import { JupyterHubValues, jupyterHubValues } from './jupyterhub-values';
import { PlatformNamespacesChart } from './namespaces-chart';
import { NotebooksChart } from './notebooks-chart';
import { HeadlampAccessChart } from './headlamp-access-chart';
import { DEFAULT_SPARK_NAMESPACE, SparkChart } from './spark-chart';
import { SparkOperatorValues, sparkOperatorValues } from './spark-operator-values';
import { WebAppChart, WebAppExposure } from './web-app-chart';
import type { WebAppStorage } from './web-app-data';

/** Everything one environment needs, as plain values (CDK tokens are fine). */
export interface PlatformChartsProps {
  readonly images: {
    /** charts/spark/image/Dockerfile (context charts/spark). */
    readonly spark: string;
    /** notebooks/runner/Dockerfile (context notebooks). */
    readonly notebookRunner: string;
    /** app/Dockerfile. */
    readonly webApp: string;
    /** Spark version of the Spark image (the release file's images.spark tag). */
    readonly sparkVersion: string;
    /** JupyterHub single-user image, repository:tag (the release file's images.jupyterSingleUser). */
    readonly jupyterSingleUser: string;
  };
  readonly buckets: ScheduleBuckets & { readonly sparkEventLogs: string };
  /** VPC CIDR on AWS; pod CIDR on a local cluster. */
  readonly vpcCidr: string;
  /** The environment's name (the web app's PLATFORM_ENVIRONMENT). @default 'local' */
  readonly environment?: string;
  /** Secret (created out-of-band) with DATABASE_URL and JWT_SECRET for the web app. */
  readonly webAppSecretName: string;
  readonly webAppExposure: WebAppExposure;
  /** Where the web app keeps managed dataset files; a persistent volume allows one replica only. */
  readonly webAppStorage: WebAppStorage;
  readonly jupyterHubExposure:
    { readonly kind: 'alb'; readonly host: string; readonly certificateArn: string } | { readonly kind: 'cluster-ip' };
  /** Storage class of JupyterHub's per-user volumes. @default 'gp3' */
  readonly userStorageClass?: string;
  /** Suspend the notebook CronJobs (local clusters run them by hand). @default false */
  readonly suspendSchedules?: boolean;
  /**
   * The Kubernetes dashboard (Headlamp, a Helm release on AWS): its namespace and the access
   * chart (network policies, OIDC viewer bindings). @default none (local clusters)
   */
  readonly dashboard?: { readonly oidcViewerGroups?: readonly string[] };
}

export interface PlatformCharts {
  /** Every namespace the others use; applied before any chart or Helm release. */
  readonly namespaces: PlatformNamespacesChart;
  readonly spark: SparkChart;
  readonly notebooks: NotebooksChart;
  readonly webApp: WebAppChart;
  readonly jupyterHubSpark: JupyterHubSparkChart;
  /** Present when `dashboard` is given. */
  readonly headlampAccess?: HeadlampAccessChart;
  readonly jupyterHubValues: JupyterHubValues;
  readonly sparkOperatorValues: SparkOperatorValues;
}

/**
 * The recipe the CDK side and the local synth share: one cdk8s App per chart (so each can be
 * mounted with cluster.addCdk8sChart(id, chart)), wired to each other by names.
 */
export function platformCharts(props: PlatformChartsProps, newApp: () => App = () => new App()): PlatformCharts {
  const webApp = new WebAppChart(newApp(), 'web-app', {
    image: props.images.webApp,
    appSecretName: props.webAppSecretName,
    vpcCidr: props.vpcCidr,
    exposure: props.webAppExposure,
    storage: props.webAppStorage,
    ...(props.webAppStorage.kind === 'persistent-volume' ? { replicas: { min: 1, max: 1 } } : {}),
    kubernetesApiAccess: true,
    sparkNamespace: DEFAULT_SPARK_NAMESPACE,
    platformEnvironment: props.environment ?? 'local',
  });
  const spark = new SparkChart(newApp(), 'spark', {
    sparkImage: props.images.spark,
    sparkVersion: props.images.sparkVersion,
    eventLogBucket: props.buckets.sparkEventLogs,
    webAppServiceAccount: { name: webApp.serviceAccountName, namespace: webApp.namespaceName },
    profileJob: {
      datasetUri: `s3a://${props.buckets.datasetsBucket}/${SAMPLE_SALES_KEY}`,
      outputUri: `s3a://${props.buckets.outputsBucket}/profiles/sales/spark`,
    },
  });
  const notebooks = new NotebooksChart(newApp(), 'notebooks', {
    runnerImage: props.images.notebookRunner,
    outputsBucket: props.buckets.outputsBucket,
    schedules: platformSchedules(props.buckets),
    suspendAll: props.suspendSchedules,
  });
  const jupyterHubSpark = new JupyterHubSparkChart(newApp(), 'jupyterhub-spark', {});
  const headlampAccess =
    props.dashboard === undefined
      ? undefined
      : new HeadlampAccessChart(newApp(), 'headlamp-access', {
          vpcCidr: props.vpcCidr,
          oidcViewerGroups: props.dashboard.oidcViewerGroups,
        });
  const namespaces = new PlatformNamespacesChart(newApp(), 'namespaces', {
    namespaces: [
      { name: webApp.namespaceName, component: 'web' },
      { name: spark.namespaceName, component: 'spark' },
      { name: notebooks.namespaceName, component: 'notebooks' },
      { name: jupyterHubSpark.namespaceName, component: 'jupyterhub' },
      ...(headlampAccess ? [{ name: headlampAccess.namespaceName, component: 'dashboard' }] : []),
    ],
  });
  webApp.grantClusterOverview({
    namespaces: namespaces.namespaceNames,
    sparkNamespace: spark.namespaceName,
    notebookNamespace: notebooks.namespaceName,
  });
  // Runs go to the cluster when the runs' pods can reach the app's storage (S3); a local
  // cluster's app keeps its files on a volume of its own and runs them itself.
  if (props.webAppStorage.kind === 's3') {
    webApp.enableClusterRuns({
      runnerImage: props.images.notebookRunner,
      sparkImage: props.images.spark,
      sparkVersion: props.images.sparkVersion,
      eventLogDir: spark.eventLogDir,
      notebookNamespace: notebooks.namespaceName,
      sparkNamespace: spark.namespaceName,
    });
  }
  const colon = props.images.jupyterSingleUser.lastIndexOf(':');
  if (colon < 0) throw new Error(`images.jupyterSingleUser must be repository:tag, got '${props.images.jupyterSingleUser}'`);
  return {
    namespaces,
    spark,
    notebooks,
    webApp,
    jupyterHubSpark,
    ...(headlampAccess ? { headlampAccess } : {}),
    jupyterHubValues: jupyterHubValues({
      exposure: props.jupyterHubExposure,
      vpcCidr: props.vpcCidr,
      singleuserServiceAccountName: jupyterHubSpark.singleuserServiceAccountName,
      storageClass: props.userStorageClass,
      singleuserImage: { name: props.images.jupyterSingleUser.slice(0, colon), tag: props.images.jupyterSingleUser.slice(colon + 1) },
      sparkPodTemplates: jupyterHubSpark.sparkPodTemplates,
    }),
    sparkOperatorValues: sparkOperatorValues({ jobNamespaces: [spark.namespaceName] }),
  };
}
