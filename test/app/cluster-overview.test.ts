import { Testing } from 'cdk8s';
import { RUN_BACKEND_ROLE } from '../../charts/lib/run-backend-access';
import { notInClusterReason } from '../../app/server/services/cluster-service';
import { cloudCharts, findObject, objectsOfKind } from '../charts/support/platform';
import { FakeKubeApi, type RecordedCall } from './runs/support/fake-kube-api';
import { kubeConfig } from './runs/support/kube-backend-harness';
import { seedCluster } from './support/cluster-fixtures';
import { adminOf, startTestApp, type TestApp, type TestUser } from './support/test-app';
import { createTestDatabase, type TestDatabase } from './support/test-databases';

/** The cloud platform's web app, as synthesized: its settings (env) and the RBAC objects it ships. */
const webApp = Testing.synth(cloudCharts().webApp);
const container = findObject(webApp, 'Deployment', 'web-app').spec.template.spec.containers[0];
const chartEnv: Record<string, string> = Object.fromEntries(
  container.env.filter((e: { value?: string }) => e.value !== undefined).map((e: { name: string; value: string }) => [e.name, e.value]),
);

type Grant = string;
/** What the chart's ClusterRoles and Roles bound to the web app's service account allow: "verb group/resource in namespace". */
function chartGrants(): Set<Grant> {
  const grants = new Set<Grant>();
  const bound = (kind: string, name: string, namespace?: string) =>
    objectsOfKind(webApp, kind === 'ClusterRole' ? 'ClusterRoleBinding' : 'RoleBinding').some(
      (b) =>
        b.roleRef.kind === kind &&
        b.roleRef.name === name &&
        (namespace === undefined || b.metadata.namespace === namespace) &&
        b.subjects.some(
          (s: { kind: string; name: string; namespace: string }) =>
            s.kind === 'ServiceAccount' && s.name === 'web-app' && s.namespace === 'datavis',
        ),
    );
  for (const kind of ['ClusterRole', 'Role'] as const) {
    for (const role of objectsOfKind(webApp, kind)) {
      if (!bound(kind, role.metadata.name, role.metadata.namespace)) continue;
      // The run backend's Roles are checked against its own calls (test/charts/web-app-runs-access.test.ts).
      if (role.metadata.name === RUN_BACKEND_ROLE) continue;
      for (const rule of role.rules) {
        for (const group of rule.apiGroups) {
          for (const resource of rule.resources) {
            for (const verb of rule.verbs)
              grants.add(`${verb} ${group}/${resource} in ${kind === 'ClusterRole' ? '*' : role.metadata.namespace}`);
          }
        }
      }
    }
  }
  return grants;
}

const asGrant = (c: RecordedCall): Grant =>
  `${c.verb} ${c.apiGroup}/${c.subresource ? `${c.resource}/${c.subresource}` : c.resource} in ${c.namespace || '*'}`;

describe('GET /api/platform/cluster against a Kubernetes API stand-in', () => {
  const api = new FakeKubeApi();
  let database: TestDatabase;
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    const server = await api.start();
    seedCluster(api);
    database = await createTestDatabase('sqlite');
    // The server runs with the settings the chart gives the pod.
    t = await startTestApp({
      database,
      kubeConfig: kubeConfig(server),
      env: {
        CLUSTER_NAMESPACES: chartEnv.CLUSTER_NAMESPACES,
        SPARK_NAMESPACE: chartEnv.SPARK_NAMESPACE,
        NOTEBOOK_NAMESPACE: chartEnv.NOTEBOOK_NAMESPACE,
        SPARK_HISTORY_URL: 'http://localhost:18080/',
      },
    });
    admin = await adminOf(t);
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
    await api.stop();
  });

  const get = (token?: string) => t.request({ method: 'GET', url: '/api/platform/cluster', token });

  it('groups the nodes by node group with allocatable CPU and memory and their use from metrics-server', async () => {
    const body = (await get(admin.token)).json();
    expect(body.state).toBe('ok');
    expect(body.errors).toEqual([]);
    expect(body.nodeMetrics).toEqual({ available: true, reason: null });
    const ki = 1024;
    expect(body.nodeGroups).toEqual([
      {
        name: 'spark-driver',
        readyNodes: 1,
        cpuCores: { allocatable: 3.92, used: 1 },
        memoryBytes: { allocatable: 31010460 * ki, used: 4 * 1024 ** 3 },
        nodes: [
          {
            name: 'ip-10-20-3-12.eu-west-1.compute.internal',
            instanceType: 'r7g.xlarge',
            ready: true,
            schedulable: true,
            cpuCores: { allocatable: 3.92, used: 1 },
            memoryBytes: { allocatable: 31010460 * ki, used: 4 * 1024 ** 3 },
          },
        ],
      },
      {
        name: 'system',
        readyNodes: 1,
        cpuCores: { allocatable: 3.86, used: 0.75 },
        memoryBytes: { allocatable: 2 * 7021460 * ki, used: 3 * 1024 ** 3 },
        nodes: [
          expect.objectContaining({
            name: 'ip-10-20-1-10.eu-west-1.compute.internal',
            ready: true,
            cpuCores: { allocatable: 1.93, used: 0.25 },
          }),
          expect.objectContaining({
            name: 'ip-10-20-2-11.eu-west-1.compute.internal',
            ready: false,
            cpuCores: { allocatable: 1.93, used: 0.5 },
          }),
        ],
      },
    ]);
  });

  it("lists the platform namespaces' workloads with their readiness, and nothing from other namespaces", async () => {
    const body = (await get(admin.token)).json();
    expect(body.namespaces).toEqual(chartEnv.CLUSTER_NAMESPACES.split(','));
    expect(body.workloads).toEqual(
      expect.arrayContaining([
        { kind: 'Deployment', namespace: 'datavis', name: 'web-app', desired: 2, ready: 2, healthy: true },
        { kind: 'StatefulSet', namespace: 'datavis', name: 'mysql', desired: 1, ready: 0, healthy: false },
        { kind: 'Deployment', namespace: 'spark-jobs', name: 'spark-history-server', desired: 1, ready: 1, healthy: true },
        { kind: 'Deployment', namespace: 'jupyterhub', name: 'hub', desired: 1, ready: 0, healthy: false },
        { kind: 'DaemonSet', namespace: 'jupyterhub', name: 'continuous-image-puller', desired: 3, ready: 3, healthy: true },
      ]),
    );
    expect(body.workloads).toHaveLength(5);
  });

  it('shows running Spark applications and notebook Jobs with their run page, Spark UI command and History Server link', async () => {
    const body = (await get(admin.token)).json();
    expect(body.sparkApplications).toEqual([
      {
        namespace: 'spark-jobs',
        name: 'profile-dataset',
        state: 'NEW',
        runId: null,
        runPath: null,
        submittedAt: null,
        driverPod: null,
        sparkApplicationId: null,
        sparkUiUrl: null,
        sparkUiCommand: null,
        historyUrl: null,
      },
      {
        namespace: 'spark-jobs',
        name: 'run-42',
        state: 'RUNNING',
        runId: '42',
        runPath: '/runs/42',
        submittedAt: '2026-05-06T09:48:00.000Z',
        driverPod: 'run-42-driver',
        sparkApplicationId: 'spark-4f1c2d3e',
        sparkUiUrl: null,
        sparkUiCommand: 'kubectl -n spark-jobs port-forward svc/run-42-ui-svc 4040:4040',
        historyUrl: 'http://localhost:18080/history/spark-4f1c2d3e/',
      },
    ]);
    expect(body.notebookRuns).toEqual([
      {
        namespace: 'notebooks',
        name: 'run-7',
        runId: '7',
        runPath: '/runs/7',
        cronJob: null,
        startedAt: '2026-05-06T09:57:00.000Z',
        activePods: 1,
      },
      {
        namespace: 'notebooks',
        name: 'sales-daily-report-29634540',
        runId: null,
        runPath: null,
        cronJob: 'sales-daily-report',
        startedAt: '2026-05-06T09:59:00.000Z',
        activePods: 1,
      },
    ]);
  });

  it("gives the newest Warning events of the platform's namespaces only", async () => {
    const body = (await get(admin.token)).json();
    expect(body.warnings).toEqual([
      {
        namespace: 'spark-jobs',
        object: 'Pod/run-42-exec-1',
        reason: 'FailedScheduling',
        message: 'FailedScheduling for run-42-exec-1',
        count: 1,
        lastSeen: '2026-05-06T09:58:00.000Z',
      },
      {
        namespace: 'datavis',
        object: 'Pod/web-app-5d9c-x2k4p',
        reason: 'BackOff',
        message: 'BackOff for web-app-5d9c-x2k4p',
        count: 4,
        lastSeen: '2026-05-06T09:55:00.000Z',
      },
    ]);
  });

  it("makes exactly the calls the WebAppChart's ClusterRole and Roles grant: every call allowed, every grant used", async () => {
    api.calls.length = 0;
    expect((await get(admin.token)).statusCode).toBe(200);
    const called = new Set(api.calls.map(asGrant));
    const granted = chartGrants();
    expect([...called].filter((c) => !granted.has(c))).toEqual([]);
    expect([...granted].filter((g) => !called.has(g))).toEqual([]);
    // Read-only: nothing but list, and no Secret, pod log or exec anywhere.
    expect(new Set([...granted].map((g) => g.split(' ')[0]))).toEqual(new Set(['list']));
    expect([...granted].some((g) => /secrets|pods/.test(g))).toBe(false);
  });

  it('still answers when metrics-server is away or a list is forbidden, saying which section is missing and why', async () => {
    api.refuse(
      'nodes.metrics.k8s.io',
      503,
      'ServiceUnavailable',
      'the server is currently unable to handle the request (get nodes.metrics.k8s.io)',
    );
    api.refuse(
      'jobs',
      403,
      'Forbidden',
      'jobs.batch is forbidden: User "system:serviceaccount:datavis:web-app" cannot list resource "jobs"',
    );
    const response = await get(admin.token);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.nodeMetrics.available).toBe(false);
    expect(body.nodeMetrics.reason).toMatch(/^metrics.k8s.io nodes: HTTP 503/);
    expect(body.nodeGroups[0].cpuCores).toEqual({ allocatable: 3.92, used: null });
    expect(body.notebookRuns).toEqual([]);
    expect(body.errors).toEqual([
      {
        section: 'notebook-runs',
        message:
          'list jobs in notebooks: HTTP 403: jobs.batch is forbidden: User "system:serviceaccount:datavis:web-app" cannot list resource "jobs"',
      },
    ]);
    expect(body.sparkApplications).toHaveLength(2);
  });

  it.each(['analyst', 'viewer'] as const)('answers a user with role %s 403', async (role) => {
    const user = await t.createUser(role);
    const response = await get(user.token);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({ error: { code: 'forbidden', message: 'only admins may see the cluster overview' } });
  });
});

describe('GET /api/platform/cluster outside a cluster', () => {
  it('says the server is not running in a cluster', async () => {
    const saved = process.env.KUBERNETES_SERVICE_HOST;
    delete process.env.KUBERNETES_SERVICE_HOST;
    const database = await createTestDatabase('sqlite');
    const t = await startTestApp({ database });
    try {
      const response = await t.request({ method: 'GET', url: '/api/platform/cluster', token: (await adminOf(t)).token });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        state: 'not-in-cluster',
        reason:
          'the server is not running in a Kubernetes cluster (no KUBERNETES_SERVICE_HOST): it runs locally, with the local run backend',
        checkedAt: expect.any(String),
      });
    } finally {
      await t.close();
      await database.drop();
      if (saved !== undefined) process.env.KUBERNETES_SERVICE_HOST = saved;
    }
  });

  it('needs the service account token in a pod', () => {
    const inPod = { KUBERNETES_SERVICE_HOST: '172.20.0.1', KUBERNETES_SERVICE_PORT: '443' };
    expect(notInClusterReason(inPod, () => true)).toBeUndefined();
    expect(notInClusterReason(inPod, () => false)).toMatch(/the pod has no service account token/);
  });
});
