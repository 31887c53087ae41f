/**
 * The Kubernetes service accounts that reach AWS. The cdk8s charts create them; the data
 * stack's workload roles trust exactly these, and the cluster stack binds them.
 */
export const WORKLOAD_SERVICE_ACCOUNTS = {
  spark: { namespace: 'spark-jobs', serviceAccounts: ['spark-driver', 'spark-executor'] },
  notebooks: { namespace: 'notebooks', serviceAccounts: ['papermill-runner'] },
  jupyterhub: { namespace: 'jupyterhub', serviceAccounts: ['jupyter-singleuser'] },
  webApp: { namespace: 'datavis', serviceAccounts: ['web-app'] },
} as const;

export type Workload = keyof typeof WORKLOAD_SERVICE_ACCOUNTS;
