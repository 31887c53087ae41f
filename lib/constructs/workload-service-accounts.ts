/**
 * The Kubernetes service accounts that reach AWS. The cdk8s charts and Helm releases create
 * them; the data stack's workload roles trust exactly these, and the cluster stack binds them.
 */
export const WORKLOAD_SERVICE_ACCOUNTS = {
  spark: { namespace: 'spark-jobs', serviceAccounts: ['spark-driver', 'spark-executor'] },
  sparkHistory: { namespace: 'spark-jobs', serviceAccounts: ['spark-history-server'] },
  notebooks: { namespace: 'notebooks', serviceAccounts: ['papermill-runner'] },
  jupyterhub: { namespace: 'jupyterhub', serviceAccounts: ['jupyter-singleuser'] },
  // The web app reads and writes managed dataset files in its prefix of the datasets bucket.
  webApp: { namespace: 'datavis', serviceAccounts: ['web-app'] },
  // The web app does not read its own secrets: External Secrets reads them into its namespace.
  webAppSecrets: { namespace: 'external-secrets', serviceAccounts: ['external-secrets'] },
} as const;

export type Workload = keyof typeof WORKLOAD_SERVICE_ACCOUNTS;
