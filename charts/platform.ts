import { App } from 'cdk8s';
import { ScheduleBuckets, platformSchedules } from '../notebooks/schedules';
import { JupyterHubSparkChart } from './jupyterhub-spark-chart';
import { JupyterHubValues, jupyterHubValues } from './jupyterhub-values';
import { NotebooksChart } from './notebooks-chart';
import { DEFAULT_SPARK_NAMESPACE, SparkChart } from './spark-chart';
import { SparkOperatorValues, sparkOperatorValues } from './spark-operator-values';
import { WebAppChart, WebAppExposure } from './web-app-chart';

/** Everything one environment needs, as plain values (CDK tokens are fine). */
export interface PlatformChartsProps {
  readonly images: {
    /** charts/spark/image/Dockerfile (context charts/spark). */
    readonly spark: string;
    /** notebooks/runner/Dockerfile (context notebooks). */
    readonly notebookRunner: string;
    /** app/Dockerfile. */
    readonly webApp: string;
  };
  readonly buckets: ScheduleBuckets & { readonly sparkEventLogs: string };
  /** VPC CIDR on AWS; pod CIDR on a local cluster. */
  readonly vpcCidr: string;
  /** Secret (created out-of-band) with DATABASE_URL and JWT_SECRET for the web app. */
  readonly webAppSecretName: string;
  readonly webAppExposure: WebAppExposure;
  readonly jupyterHubExposure:
    { readonly kind: 'alb'; readonly host: string; readonly certificateArn: string } | { readonly kind: 'cluster-ip' };
  /** Storage class of JupyterHub's per-user volumes. @default 'gp3' */
  readonly userStorageClass?: string;
  /** Suspend the notebook CronJobs (local clusters run them by hand). @default false */
  readonly suspendSchedules?: boolean;
}

export interface PlatformCharts {
  readonly spark: SparkChart;
  readonly notebooks: NotebooksChart;
  readonly webApp: WebAppChart;
  readonly jupyterHubSpark: JupyterHubSparkChart;
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
    kubernetesApiAccess: true,
    sparkNamespace: DEFAULT_SPARK_NAMESPACE,
  });
  const spark = new SparkChart(newApp(), 'spark', {
    sparkImage: props.images.spark,
    eventLogBucket: props.buckets.sparkEventLogs,
    webAppServiceAccount: { name: webApp.serviceAccountName, namespace: webApp.namespaceName },
    profileJob: {
      datasetUri: `s3a://${props.buckets.datasetsBucket}/raw/sales/sales.csv`,
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
  return {
    spark,
    notebooks,
    webApp,
    jupyterHubSpark,
    jupyterHubValues: jupyterHubValues({
      exposure: props.jupyterHubExposure,
      vpcCidr: props.vpcCidr,
      singleuserServiceAccountName: jupyterHubSpark.singleuserServiceAccountName,
      storageClass: props.userStorageClass,
    }),
    sparkOperatorValues: sparkOperatorValues({ jobNamespaces: [spark.namespaceName] }),
  };
}
