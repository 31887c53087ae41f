import { ENVIRONMENT_NAMES, type EnvironmentName } from '../../../lib/config/environment-name';

/** What the operators' pages (Deployment, Cluster) and the platform metrics need to know about where the server runs. */
export interface PlatformSettings {
  /**
   * The environment this server belongs to (PLATFORM_ENVIRONMENT): the dimension of the
   * RunsFailed metric the platform's alarm watches. The WebAppChart sets it. @default 'local'
   */
  readonly environment: EnvironmentName;
  /**
   * Folder of the release files and their history/ (RELEASES_DIR).
   * @default the checked-in lib/config/releases shipped with the server
   */
  readonly releasesDir: string | undefined;
  readonly cluster: ClusterOverviewSettings;
}

export interface ClusterOverviewSettings {
  /**
   * The platform's namespaces, whose workloads and warning events the cluster overview lists
   * (CLUSTER_NAMESPACES, comma separated). The WebAppChart sets it to the namespaces it grants
   * read access in. @default datavis, spark-jobs, notebooks, jupyterhub
   */
  readonly namespaces: readonly string[];
  /** Where SparkApplications run (SPARK_NAMESPACE). @default 'spark-jobs' */
  readonly sparkNamespace: string;
  /** Where notebook run Jobs run (NOTEBOOK_NAMESPACE). @default 'notebooks' */
  readonly notebookNamespace: string;
  /**
   * Address of the Spark History Server as a browser reaches it (SPARK_HISTORY_URL), e.g.
   * http://localhost:18080 after `kubectl port-forward`. @default none: the page shows the command
   */
  readonly sparkHistoryUrl: string | undefined;
}

export const DEFAULT_CLUSTER_NAMESPACES = ['datavis', 'spark-jobs', 'notebooks', 'jupyterhub'] as const;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function namespace(name: string, value: string): string {
  if (!DNS_LABEL.test(value)) throw new Error(`${name}="${value}" is invalid: expected a Kubernetes namespace name (a DNS label)`);
  return value;
}

const set = (value: string | undefined): value is string => value !== undefined && value !== '';

export function loadPlatformSettings(env: NodeJS.ProcessEnv): PlatformSettings {
  const environment = set(env.PLATFORM_ENVIRONMENT) ? env.PLATFORM_ENVIRONMENT : 'local';
  if (!(ENVIRONMENT_NAMES as readonly string[]).includes(environment)) {
    throw new Error(`PLATFORM_ENVIRONMENT="${environment}" is invalid: expected one of ${ENVIRONMENT_NAMES.join(', ')}`);
  }
  const namespaces = set(env.CLUSTER_NAMESPACES)
    ? env.CLUSTER_NAMESPACES.split(',').map((n) => namespace('CLUSTER_NAMESPACES', n.trim()))
    : [...DEFAULT_CLUSTER_NAMESPACES];
  const historyUrl = set(env.SPARK_HISTORY_URL) ? env.SPARK_HISTORY_URL.replace(/\/+$/, '') : undefined;
  if (historyUrl !== undefined && !/^https?:\/\/[^/\s]+(\/\S*)?$/.test(historyUrl)) {
    throw new Error(`SPARK_HISTORY_URL="${env.SPARK_HISTORY_URL}" is invalid: expected an http(s):// address`);
  }
  return {
    environment: environment as EnvironmentName,
    releasesDir: set(env.RELEASES_DIR) ? env.RELEASES_DIR : undefined,
    cluster: {
      namespaces: [...new Set(namespaces)],
      sparkNamespace: namespace('SPARK_NAMESPACE', set(env.SPARK_NAMESPACE) ? env.SPARK_NAMESPACE : 'spark-jobs'),
      notebookNamespace: namespace('NOTEBOOK_NAMESPACE', set(env.NOTEBOOK_NAMESPACE) ? env.NOTEBOOK_NAMESPACE : 'notebooks'),
      sparkHistoryUrl: historyUrl,
    },
  };
}
