import { App } from 'cdk8s';
import { stringify } from 'yaml';
import { readRelease, sparkVersionOf } from '../lib/config/release';
import { LocalDatabaseChart } from './local-database-chart';
import { PlatformCharts, platformCharts } from './platform';

/** Images built on the laptop and loaded into the cluster (`kind load docker-image`). */
export const LOCAL_IMAGES = {
  spark: 'datavis/spark:4.0.4-1',
  notebookRunner: 'datavis/notebook-runner:0.1.0',
  webApp: 'datavis/web-app:0.1.0',
} as const;

/** kind's default pod subnet: where the web app's clients and its database live locally. */
export const LOCAL_POD_CIDR = '10.244.0.0/16';
/** Secrets created with kubectl before applying (README), never written to YAML. */
export const LOCAL_WEB_APP_SECRET = 'web-app-secrets';
export const LOCAL_MYSQL_SECRET = 'mysql-credentials';

export interface LocalPlatform {
  readonly charts: PlatformCharts;
  readonly database: LocalDatabaseChart;
  /** File name (under dist/local) -> content, in apply order. */
  files(): { [name: string]: string };
}

/** The local environment: the same charts as the cloud, with laptop settings. */
export function localPlatform(): LocalPlatform {
  // The local release file pins the versions, as each AWS environment's does.
  const release = readRelease('local');
  const charts = platformCharts({
    images: {
      ...LOCAL_IMAGES,
      sparkVersion: sparkVersionOf(release.images.spark),
      jupyterSingleUser: release.images.jupyterSingleUser,
    },
    buckets: {
      datasetsBucket: 'datavis-local-datasets',
      outputsBucket: 'datavis-local-outputs',
      sparkEventLogs: 'datavis-local-spark-events',
    },
    vpcCidr: LOCAL_POD_CIDR,
    webAppSecretName: LOCAL_WEB_APP_SECRET,
    webAppExposure: { kind: 'cluster-ip' },
    // No S3 on a laptop: dataset files on a volume of the local cluster's default class.
    webAppStorage: { kind: 'persistent-volume', storageClass: 'standard' },
    jupyterHubExposure: { kind: 'cluster-ip' },
    userStorageClass: 'standard',
    suspendSchedules: true,
  });
  const database = new LocalDatabaseChart(new App(), 'mysql', {
    namespace: charts.webApp.namespaceName,
    secretName: LOCAL_MYSQL_SECRET,
  });
  const synth = (chart: { toJson(): unknown[] }) =>
    chart
      .toJson()
      .map((o) => stringify(o))
      .join('---\n');
  return {
    charts,
    database,
    files: () => ({
      '00-namespaces.yaml': synth(charts.namespaces),
      '10-web-app.yaml': synth(charts.webApp),
      '11-mysql.yaml': synth(database),
      '20-spark.yaml': synth(charts.spark),
      '30-notebooks.yaml': synth(charts.notebooks),
      '40-jupyterhub-spark.yaml': synth(charts.jupyterHubSpark),
      'values/spark-operator.yaml': stringify(charts.sparkOperatorValues),
      'values/jupyterhub.yaml': stringify(charts.jupyterHubValues),
    }),
  };
}
