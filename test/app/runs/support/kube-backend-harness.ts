import { KubeConfig } from '@kubernetes/client-node';
import { KubernetesBackendOptions, KubernetesRunBackend } from '../../../../app/server/runs/kubernetes/kubernetes-backend';
import { RunUpdate } from '../../../../app/server/runs/run-backend';
import { FakeKubeApi, KubeObject } from './fake-kube-api';
import { waitFor } from './notebooks';

/**
 * The Kubernetes backend wired to an in-memory API server, with helpers that play the Job
 * controller and the Spark operator (pods owned by their object, status written as they do).
 */
export const NAMESPACES = { notebookNamespace: 'notebooks', sparkNamespace: 'spark-jobs', leaseNamespace: 'datavis' };

export function kubeConfig(server: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'test', server, skipTLSVerify: true }],
    users: [{ name: 'web-app', token: 'test-token' }],
    contexts: [{ name: 'test', cluster: 'test', user: 'web-app' }],
    currentContext: 'test',
  });
  return kc;
}

export function kubeBackendHarness() {
  const api = new FakeKubeApi();
  let server = '';
  const savedLogs = new Map<string, string>();
  const backends: KubernetesRunBackend[] = [];
  const updates: RunUpdate[] = [];
  const errors: Error[] = [];

  function backend(identity: string, extra: Partial<KubernetesBackendOptions> = {}): KubernetesRunBackend {
    const b = new KubernetesRunBackend({
      kubeConfig: kubeConfig(server),
      identity,
      ...NAMESPACES,
      runnerImage: 'datavis/notebook-runner:0.1.0',
      sparkImage: 'datavis/spark:4.0.4-1',
      sparkVersion: '4.0.4',
      eventLogDir: 's3a://datavis-local-spark-events/spark-events/',
      election: { leaseDurationSeconds: 2, renewDeadlineMs: 1500, retryPeriodMs: 200 },
      watchRetryMs: 100,
      deadlineCheckMs: 100,
      persistLogs: async (runId, text) => {
        savedLogs.set(runId, text);
      },
      ...extra,
    });
    b.on('update', (u) => updates.push(u));
    b.on('error', (e) => errors.push(e));
    backends.push(b);
    return b;
  }

  const updatesOf = (runId: string) => updates.filter((u) => u.runId === runId).map((u) => u.observation);
  const finished = (runId: string) => waitFor(`run ${runId} to finish`, () => updatesOf(runId).find((o) => o.status !== 'running'), 15000);

  /** What the Job controller does: a pod owned by the Job, labelled like its template. */
  function jobPod(runId: string, extra: Partial<KubeObject> = {}): KubeObject {
    const job = api.get('jobs', 'notebooks', `run-${runId}`)!;
    return api.put({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `run-${runId}-abcde`,
        namespace: 'notebooks',
        labels: { ...job.spec.template.metadata.labels, 'batch.kubernetes.io/job-name': `run-${runId}` },
        ownerReferences: [{ uid: job.metadata.uid!, kind: 'Job', name: job.metadata.name }],
      },
      spec: job.spec.template.spec,
      status: { phase: 'Running' },
      ...extra,
    });
  }

  function driverPod(runId: string): KubeObject {
    const app = api.get('sparkapplications', 'spark-jobs', `run-${runId}`)!;
    return api.put({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `run-${runId}-driver`,
        namespace: 'spark-jobs',
        labels: { ...app.spec.driver.labels, 'spark-role': 'driver' },
        ownerReferences: [{ uid: app.metadata.uid!, kind: 'SparkApplication', name: app.metadata.name }],
      },
      spec: {},
      status: { phase: 'Running' },
    });
  }

  const setJobStatus = (runId: string, status: object) => api.update('jobs', 'notebooks', `run-${runId}`, (o) => (o.status = status));
  const setAppState = (runId: string, state: string, extra: object = {}) =>
    api.update(
      'sparkapplications',
      'spark-jobs',
      `run-${runId}`,
      (o) => (o.status = { applicationState: { state, ...extra }, driverInfo: { podName: `run-${runId}-driver` } }),
    );

  return {
    api,
    server: () => server,
    start: async () => {
      server = await api.start();
    },
    savedLogs,
    backends,
    updates,
    errors,
    backend,
    updatesOf,
    finished,
    jobPod,
    driverPod,
    setJobStatus,
    setAppState,
  };
}
