import { BatchV1Api, CoordinationV1Api, CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';

/** The API clients the run backend uses, from one KubeConfig (in-cluster: loadFromCluster()). */
export interface KubeApis {
  readonly config: KubeConfig;
  readonly batch: BatchV1Api;
  readonly core: CoreV1Api;
  readonly custom: CustomObjectsApi;
  readonly coordination: CoordinationV1Api;
}

export function kubeApis(config: KubeConfig): KubeApis {
  return {
    config,
    batch: config.makeApiClient(BatchV1Api),
    core: config.makeApiClient(CoreV1Api),
    custom: config.makeApiClient(CustomObjectsApi),
    coordination: config.makeApiClient(CoordinationV1Api),
  };
}

/** SparkApplication's API coordinates (the operator's CRD, served as v1beta2 only). */
export const SPARK_APPLICATIONS = { group: 'sparkoperator.k8s.io', version: 'v1beta2', plural: 'sparkapplications' } as const;

/** The HTTP status of a failed API call (client-node's ApiException.code), if it has one. */
export function statusCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  // An aborted request carries a DOMException code (20), not an HTTP status.
  return typeof code === 'number' && code >= 100 && code < 600 ? code : undefined;
}

/** A short text for a failed API call: status and the API server's message. */
export function apiErrorText(error: unknown): string {
  const body = (error as { body?: unknown } | undefined)?.body;
  let message: string | undefined;
  try {
    message = (typeof body === 'string' ? JSON.parse(body) : body)?.message;
  } catch {
    message = typeof body === 'string' ? body : undefined;
  }
  const code = statusCode(error);
  return `${code !== undefined ? `HTTP ${code}: ` : ''}${message ?? (error as Error)?.message ?? String(error)}`;
}
