/**
 * The Kubernetes service accounts that reach AWS. The cdk8s charts and Helm releases create
 * them; the data stack's workload roles trust exactly these, and the cluster stack binds them.
 */
export const WORKLOAD_SERVICE_ACCOUNTS = {
  spark: { namespace: 'spark-jobs', serviceAccounts: ['spark-driver', 'spark-executor'] },
  sparkHistory: { namespace: 'spark-jobs', serviceAccounts: ['spark-history-server'] },
  notebooks: { namespace: 'notebooks', serviceAccounts: ['papermill-runner'] },
  jupyterhub: { namespace: 'jupyterhub', serviceAccounts: ['jupyter-singleuser'] },
  // The web app never calls AWS itself: External Secrets reads its secrets into its namespace.
  webAppSecrets: { namespace: 'external-secrets', serviceAccounts: ['external-secrets'] },
} as const;

export type Workload = keyof typeof WORKLOAD_SERVICE_ACCOUNTS;
