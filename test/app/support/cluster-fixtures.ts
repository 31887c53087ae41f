import type { FakeKubeApi } from '../runs/support/fake-kube-api';

/**
 * A small EKS-like cluster in the API stand-in: two system nodes and a Spark driver node with
 * metrics-server readings, the platform's workloads, a running and a finished Spark run, a
 * running notebook run and a scheduled notebook Job, and a few events.
 */
export const NOW = Date.parse('2026-05-06T10:00:00Z');
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();

function node(name: string, nodegroup: string, instanceType: string, cpu: string, memory: string, ready = true) {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'eks.amazonaws.com/nodegroup': nodegroup,
        'node.kubernetes.io/instance-type': instanceType,
        'datavis.io/node-role': nodegroup,
      },
    },
    spec: {},
    status: {
      capacity: { cpu: '2', memory: '8010196Ki' },
      allocatable: { cpu, memory },
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    },
  };
}

const nodeMetrics = (name: string, cpu: string, memory: string) => ({
  apiVersion: 'metrics.k8s.io/v1beta1',
  kind: 'NodeMetrics',
  metadata: { name },
  timestamp: at(0),
  window: '20.032s',
  usage: { cpu, memory },
});

export function seedCluster(api: FakeKubeApi): void {
  api.put(node('ip-10-20-1-10.eu-west-1.compute.internal', 'system', 'm7g.large', '1930m', '7021460Ki'));
  api.put(node('ip-10-20-2-11.eu-west-1.compute.internal', 'system', 'm7g.large', '1930m', '7021460Ki', false));
  api.put(node('ip-10-20-3-12.eu-west-1.compute.internal', 'spark-driver', 'r7g.xlarge', '3920m', '31010460Ki'));
  api.put(nodeMetrics('ip-10-20-1-10.eu-west-1.compute.internal', '250000000n', '1048576Ki'));
  api.put(nodeMetrics('ip-10-20-2-11.eu-west-1.compute.internal', '500m', '2097152Ki'));
  api.put(nodeMetrics('ip-10-20-3-12.eu-west-1.compute.internal', '1', '4Gi'));

  const deployment = (namespace: string, name: string, replicas: number, ready: number) =>
    api.put({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace },
      spec: { replicas },
      status: { readyReplicas: ready },
    });
  deployment('datavis', 'web-app', 2, 2);
  deployment('spark-jobs', 'spark-history-server', 1, 1);
  deployment('jupyterhub', 'hub', 1, 0);
  api.put({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'mysql', namespace: 'datavis' },
    spec: { replicas: 1 },
    status: {},
  });
  api.put({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'continuous-image-puller', namespace: 'jupyterhub' },
    spec: {},
    status: { desiredNumberScheduled: 3, numberReady: 3 },
  });
  // Outside the platform's namespaces: never listed.
  deployment('kube-system', 'coredns', 2, 2);

  api.put({
    apiVersion: 'sparkoperator.k8s.io/v1beta2',
    kind: 'SparkApplication',
    metadata: { name: 'run-42', namespace: 'spark-jobs', labels: { 'datavis.io/run-id': '42' } },
    spec: {},
    status: {
      applicationState: { state: 'RUNNING' },
      lastSubmissionAttemptTime: at(12),
      sparkApplicationId: 'spark-4f1c2d3e',
      driverInfo: { podName: 'run-42-driver', webUIServiceName: 'run-42-ui-svc', webUIPort: 4040, webUIAddress: '172.20.14.3:4040' },
    },
  });
  api.put({
    apiVersion: 'sparkoperator.k8s.io/v1beta2',
    kind: 'SparkApplication',
    metadata: { name: 'run-41', namespace: 'spark-jobs', labels: { 'datavis.io/run-id': '41' } },
    spec: {},
    status: { applicationState: { state: 'COMPLETED' }, sparkApplicationId: 'spark-0a0b' },
  });
  api.put({
    apiVersion: 'sparkoperator.k8s.io/v1beta2',
    kind: 'SparkApplication',
    metadata: { name: 'profile-dataset', namespace: 'spark-jobs' },
    spec: {},
  });

  api.put({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'run-7', namespace: 'notebooks', labels: { 'datavis.io/run-id': '7' } },
    spec: {},
    status: { startTime: at(3), active: 1 },
  });
  api.put({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: 'sales-daily-report-29634540',
      namespace: 'notebooks',
      ownerReferences: [{ uid: 'c1', kind: 'CronJob', name: 'sales-daily-report' }],
    },
    spec: {},
    status: { startTime: at(1), active: 1 },
  });
  api.put({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'run-6', namespace: 'notebooks', labels: { 'datavis.io/run-id': '6' } },
    spec: {},
    status: { startTime: at(30), conditions: [{ type: 'Complete', status: 'True' }] },
  });

  const event = (
    namespace: string,
    name: string,
    type: string,
    reason: string,
    kind: string,
    object: string,
    minutesAgo: number,
    count = 1,
  ) =>
    api.put({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      type,
      reason,
      message: `${reason} for ${object}`,
      involvedObject: { kind, name: object, namespace },
      count,
      lastTimestamp: at(minutesAgo),
    });
  event('datavis', 'web-app-1.17a', 'Warning', 'BackOff', 'Pod', 'web-app-5d9c-x2k4p', 5, 4);
  event('datavis', 'web-app-1.17b', 'Normal', 'Pulled', 'Pod', 'web-app-5d9c-x2k4p', 4);
  event('spark-jobs', 'run-42-exec-1.17c', 'Warning', 'FailedScheduling', 'Pod', 'run-42-exec-1', 2);
  event('kube-system', 'coredns.17d', 'Warning', 'Unhealthy', 'Pod', 'coredns-1', 1);
}
