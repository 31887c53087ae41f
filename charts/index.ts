/**
 * The platform's cdk8s charts. Each takes plain typed props (CDK tokens arrive as strings)
 * and imports only cdk8s, cdk8s-plus and constructs, so it synthesizes on its own
 * (`npm run synth:local`) or inside the CDK app:
 *
 *   const chart = new SparkChart(new cdk8s.App(), 'spark', { sparkImage, eventLogBucket, ... });
 *   cluster.addCdk8sChart('spark', chart);
 *
 * Helm values (`jupyterHubValues`, `sparkOperatorValues`) are plain objects for
 * `cluster.addHelmChart(..., { values })`.
 */
export { SparkChart, DEFAULT_SPARK_NAMESPACE, DEFAULT_EVENT_LOG_PREFIX, SPARK_JOBS_DIR } from './spark-chart';
export { PlatformNamespacesChart } from './namespaces-chart';
export type { PlatformNamespacesChartProps, NamespaceSpec } from './namespaces-chart';
export { NODE_ROLE_LABEL, DEDICATED_NODE_ROLES, nodePlacement } from './lib/node-roles';
export type { NodeRole, NodePlacement, Toleration } from './lib/node-roles';
export { POD_IDENTITY_AGENT, INSTANCE_METADATA_CIDR } from './lib/network-policies';
export type { SparkChartProps, DatasetProfileJobProps, ServiceAccountRef } from './spark-chart';
export { PySparkApplication, SPARK_UID } from './spark/pyspark-application';
export type { PySparkApplicationProps, SparkPodSize, DynamicAllocationOptions } from './spark/pyspark-application';
export { NotebooksChart, NotebookScheduleError, RUNNER_NOTEBOOKS_DIR, RUNNER_UID, DEFAULT_NOTEBOOKS_DIR } from './notebooks-chart';
export type { NotebooksChartProps } from './notebooks-chart';
export type { NotebookSchedule, NotebookParameterValue } from './notebooks/schedule';
export { WebAppChart, WEB_APP_PORT, RELOADER_SECRET_ANNOTATION } from './web-app-chart';
export { WEB_APP_STORAGE_PREFIX, WEB_APP_DATA_LIMITS, albIdleTimeoutSeconds } from './web-app-data';
export type { WebAppStorage } from './web-app-data';
export type { WebAppChartProps, WebAppExposure, AlbExposure, ClusterIpExposure } from './web-app-chart';
export { LocalDatabaseChart, LOCAL_MYSQL_IMAGE } from './local-database-chart';
export type { LocalDatabaseChartProps } from './local-database-chart';
export { JupyterHubSparkChart } from './jupyterhub-spark-chart';
export type { JupyterHubSparkChartProps, SparkPodTemplateMount } from './jupyterhub-spark-chart';
export { jupyterHubValues, JUPYTERHUB_CHART_REPOSITORY } from './jupyterhub-values';
export type { JupyterHubValues, JupyterHubValuesProps } from './jupyterhub-values';
export { sparkOperatorValues, SPARK_OPERATOR_CHART_REPOSITORY } from './spark-operator-values';
export type { SparkOperatorValues, SparkOperatorValuesProps } from './spark-operator-values';
export {
  HeadlampAccessChart,
  HEADLAMP_NAMESPACE,
  HEADLAMP_RELEASE,
  HEADLAMP_PORT,
  HEADLAMP_POD_LABELS,
  OIDC_CLAIM_PREFIX,
} from './headlamp-access-chart';
export type { HeadlampAccessChartProps } from './headlamp-access-chart';
export { platformCharts } from './platform';
export type { PlatformChartsProps, PlatformCharts } from './platform';
