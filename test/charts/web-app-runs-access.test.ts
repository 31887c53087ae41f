import { Testing } from 'cdk8s';
import { RUN_BACKEND_ROLE } from '../../charts/lib/run-backend-access';
import { localPlatform } from '../../charts/local';
import { NAMESPACES, kubeBackendHarness } from '../app/runs/support/kube-backend-harness';
import { waitFor } from '../app/runs/support/notebooks';
import { cloudCharts, findObject, objectsOfKind, type K8sObject } from './support/platform';

type Grant = string; // "<namespace> <apiGroup> <resource[/sub]> <verb>"

/** Every (namespace, group, resource, verb) the chart's run backend Roles grant. */
function grantsOf(roles: readonly K8sObject[]): Set<Grant> {
  const grants = new Set<Grant>();
  for (const role of roles) {
    for (const rule of role.rules as { apiGroups: string[]; resources: string[]; verbs: string[] }[]) {
      for (const group of rule.apiGroups)
        for (const resource of rule.resources)
          for (const verb of rule.verbs) grants.add(`${role.metadata.namespace} ${group} ${resource} ${verb}`);
    }
  }
  return grants;
}

describe('WebAppChart: the Kubernetes run backend', () => {
  const charts = cloudCharts();
  const webApp = Testing.synth(charts.webApp) as K8sObject[];
  const runRoles = objectsOfKind(webApp, 'Role').filter((r) => r.metadata.name === RUN_BACKEND_ROLE);
  const { api, start, backend, backends, finished, jobPod, setJobStatus, setAppState, driverPod } = kubeBackendHarness();

  afterAll(async () => {
    await Promise.all(backends.map((b) => b.stop()));
    await api.stop();
  });

  test('sets RUNS_BACKEND=kubernetes with the pinned images, the event log folder and each pod its own Lease identity', () => {
    const env = findObject(webApp, 'Deployment', 'web-app').spec.template.spec.containers[0].env as {
      name: string;
      value?: string;
      valueFrom?: { fieldRef: { fieldPath: string } };
    }[];
    const value = (name: string) => env.find((e) => e.name === name);
    expect(value('RUNS_BACKEND')?.value).toBe('kubernetes');
    expect(value('RUNS_RUNNER_IMAGE')?.value).toBe('123456789012.dkr.ecr.eu-west-1.amazonaws.com/datavis-notebook-runner:0.3.1');
    expect(value('RUNS_SPARK_IMAGE')?.value).toBe('123456789012.dkr.ecr.eu-west-1.amazonaws.com/datavis-spark:4.0.4-1');
    expect(value('RUNS_SPARK_VERSION')?.value).toBe('4.0.4');
    expect(value('RUNS_SPARK_EVENT_LOG_DIR')?.value).toBe(charts.spark.eventLogDir);
    expect(value('POD_NAME')?.valueFrom?.fieldRef.fieldPath).toBe('metadata.name');
    expect(value('POD_NAMESPACE')?.valueFrom?.fieldRef.fieldPath).toBe('metadata.namespace');
    expect(value('NOTEBOOK_NAMESPACE')?.value).toBe(charts.notebooks.namespaceName);
    expect(value('SPARK_NAMESPACE')?.value).toBe(charts.spark.namespaceName);
  });

  test("grants one Role per namespace the backend works in, bound to the app's service account, nothing cluster-wide", () => {
    expect(runRoles.map((r) => r.metadata.namespace).sort()).toEqual(['datavis', 'notebooks', 'spark-jobs']);
    for (const role of runRoles) {
      const binding = objectsOfKind(webApp, 'RoleBinding').find(
        (b) => b.metadata.name === RUN_BACKEND_ROLE && b.metadata.namespace === role.metadata.namespace,
      );
      expect(binding?.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: RUN_BACKEND_ROLE });
      expect(binding?.subjects).toEqual([{ kind: 'ServiceAccount', name: 'web-app', namespace: 'datavis' }]);
    }
    const clusterRoles = objectsOfKind(webApp, 'ClusterRole').map((r) => r.metadata.name);
    expect(clusterRoles.some((name) => name.includes(RUN_BACKEND_ROLE))).toBe(false);
  });

  test('every call the backend makes is allowed by the Roles the chart grants, and every grant is used by a call', async () => {
    await start();
    const leader = backend('replica-a');
    const synced = new Promise<void>((resolve) => leader.once('synced', resolve));
    leader.start();
    await synced;
    await leader.submitNotebook({
      runId: '1',
      inputUri: 's3://bucket/runs/1/1/input.ipynb',
      outputNotebookUri: 's3://bucket/runs/1/1/output.ipynb',
      outputPath: 's3://bucket/runs/1/1/result/result.csv',
      parameters: {},
      timeoutSeconds: 600,
    });
    jobPod('1');
    api.setLog('notebooks', 'run-1-abcde', 'cell 1\n');
    expect(await leader.logs('1', 'notebook', 10)).toBe('cell 1\n');
    setJobStatus('1', { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] });
    expect(await finished('1')).toMatchObject({ status: 'succeeded' });
    await leader.submitSpark({
      runId: '2',
      mainApplicationFile: 's3a://bucket/runs/1/2/input.py',
      arguments: [],
      sizing: { driver: { cores: 1, memoryMiB: 1024 }, executor: { cores: 1, memoryMiB: 1024 }, minExecutors: 1, maxExecutors: 1 },
      timeoutSeconds: 600,
    });
    setAppState('2', 'RUNNING');
    driverPod('2');
    api.setLog('spark-jobs', 'run-2-driver', 'spark\n');
    expect(await leader.logs('2', 'spark', 10)).toBe('spark\n');
    await leader.cancel('2', 'spark', 'cancelled');
    await leader.submitNotebook({
      runId: '3',
      inputUri: 's3://bucket/runs/1/3/input.ipynb',
      outputNotebookUri: 's3://bucket/runs/1/3/output.ipynb',
      outputPath: 's3://bucket/runs/1/3/result/result.csv',
      parameters: {},
      timeoutSeconds: 600,
    });
    await leader.cancel('3', 'notebook', 'cancelled');
    await leader.stop();
    await waitFor('the Lease released', () => api.get('leases', 'datavis', 'web-app-runs')?.spec.holderIdentity === undefined);

    const granted = grantsOf(runRoles);
    const called = new Set(
      api.calls.map((c) => `${c.namespace} ${c.apiGroup} ${c.subresource ? `${c.resource}/${c.subresource}` : c.resource} ${c.verb}`),
    );
    expect([...called].filter((call) => !granted.has(call))).toEqual([]);
    expect([...granted].filter((grant) => !called.has(grant))).toEqual([]);
    expect(NAMESPACES).toEqual({ notebookNamespace: 'notebooks', sparkNamespace: 'spark-jobs', leaseNamespace: 'datavis' });
  });

  test('a local cluster (storage on a volume) runs locally: no run backend Roles and no RUNS_BACKEND', () => {
    const files = localPlatform().files();
    const webAppFile = Object.entries(files).find(([name]) => name.includes('web-app'))?.[1] ?? '';
    expect(webAppFile).not.toContain(RUN_BACKEND_ROLE);
    expect(webAppFile).not.toContain('RUNS_BACKEND');
  });
});
