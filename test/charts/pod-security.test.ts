import { allObjects, K8sObject, objectsOfKind, PodTemplate, podTemplates } from './support/platform';
import { isPinnedImage, restrictedViolations } from './support/restricted';

const objects = allObjects().map(({ source, object }) => ({
  ...object,
  metadata: { ...object.metadata, source } as K8sObject['metadata'] & { source: string },
}));
const templates: (PodTemplate & { source: string })[] = objects.flatMap((o) =>
  podTemplates(o).map((t) => ({ ...t, source: o.metadata.source })),
);
const byId = templates.map((t) => [`${t.source} ${t.id}`, t] as const);

/** Pods that call the Kubernetes API and so mount a token; every other pod must not. */
const API_CLIENTS = [/^SparkApplication\/.*\/driver$/, /^Deployment\/datavis\/web-app$/];

describe('every pod template the charts emit', () => {
  test('the walk finds the workloads of every chart', () => {
    const ids = templates.map((t) => t.id);
    for (const expected of [
      'Deployment/datavis/web-app',
      'StatefulSet/datavis/mysql',
      'Deployment/spark-jobs/spark-history-server',
      'CronJob/notebooks/sales-etl',
      'SparkApplication/spark-jobs/profile-dataset/driver',
      'SparkApplication/spark-jobs/profile-dataset/executor',
    ]) {
      expect(ids).toContain(expected);
    }
  });

  test.each(byId)('meets Pod Security restricted: %s', (_id, t) => {
    expect(restrictedViolations(t.spec, t.metadata?.annotations)).toEqual([]);
  });

  test.each(byId)('has CPU and memory requests and limits: %s', (_id, t) => {
    for (const c of [...t.spec.containers, ...(t.spec.initContainers ?? [])]) {
      for (const kind of ['requests', 'limits']) {
        expect(c.resources?.[kind]?.cpu).toBeDefined();
        expect(c.resources?.[kind]?.memory).toBeDefined();
      }
    }
  });

  test.each(byId)('runs pinned images only: %s', (_id, t) => {
    for (const c of [...t.spec.containers, ...(t.spec.initContainers ?? [])]) {
      expect(isPinnedImage(c.image)).toBe(true);
    }
  });

  test.each(byId.filter(([, t]) => t.longRunning))('long-running workload has readiness and liveness probes: %s', (_id, t) => {
    for (const c of t.spec.containers) {
      expect(c.readinessProbe).toBeDefined();
      expect(c.livenessProbe).toBeDefined();
    }
  });

  test.each(byId.filter(([, t]) => !t.id.startsWith('SparkApplication/')))(
    'mounts a service account token only when it calls the API: %s',
    (_id, t) => {
      const needsApi = API_CLIENTS.some((pattern) => pattern.test(t.id));
      expect(t.spec.automountServiceAccountToken).toBe(needsApi);
    },
  );

  test('Spark executors run under a service account that mounts no token; drivers under one that does', () => {
    const accounts = objectsOfKind(objects, 'ServiceAccount');
    const account = (name: string) => accounts.find((a) => a.metadata.name === name && a.metadata.namespace === 'spark-jobs');
    expect(account('spark-executor')?.automountServiceAccountToken).toBe(false);
    expect(account('spark-driver')?.automountServiceAccountToken).toBe(true);
    expect(account('spark-history-server')?.automountServiceAccountToken).toBe(false);
  });
});

describe('namespaces', () => {
  const namespaces = objectsOfKind(objects, 'Namespace');
  const podNamespaces = [...new Set(templates.map((t) => t.namespace))];

  test.each(namespaces.map((n) => [`${(n.metadata as { source?: string }).source} ${n.metadata.name}`, n] as const))(
    'enforces restricted: %s',
    (_id, ns) => {
      expect(ns.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
    },
  );

  test.each(podNamespaces)('namespace %s that runs pods is created with its labels and denies traffic by default', (ns) => {
    expect(namespaces.some((n) => n.metadata.name === ns)).toBe(true);
    const deny = objectsOfKind(objects, 'NetworkPolicy').filter((p) => p.metadata.namespace === ns && p.metadata.name === 'default-deny');
    expect(deny.length).toBeGreaterThan(0);
    for (const policy of deny) {
      expect(policy.spec.podSelector).toEqual({});
      expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
      expect(policy.spec.ingress).toBeUndefined();
      expect(policy.spec.egress).toBeUndefined();
    }
  });
});

describe('the checker itself', () => {
  const good = {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [{ name: 'c', image: 'r/i:1', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
  };
  test('passes the minimal compliant shape', () => {
    expect(restrictedViolations(good)).toEqual([]);
  });
  test.each([
    [
      'privileged',
      (p: any) => {
        p.containers[0].securityContext.privileged = true;
      },
      'A3',
    ],
    [
      'hostPath volume',
      (p: any) => {
        p.volumes = [{ name: 'h', hostPath: { path: '/' } }];
      },
      'B1',
    ],
    [
      'escalation unset',
      (p: any) => {
        delete p.containers[0].securityContext.allowPrivilegeEscalation;
      },
      'B2',
    ],
    [
      'root allowed',
      (p: any) => {
        delete p.securityContext.runAsNonRoot;
      },
      'B3',
    ],
    [
      'uid 0',
      (p: any) => {
        p.securityContext.runAsUser = 0;
      },
      'B4',
    ],
    [
      'no seccomp',
      (p: any) => {
        delete p.securityContext.seccompProfile;
      },
      'B5',
    ],
    [
      'capabilities kept',
      (p: any) => {
        p.containers[0].securityContext.capabilities = { drop: ['NET_RAW'] };
      },
      'B6',
    ],
    [
      'host network',
      (p: any) => {
        p.hostNetwork = true;
      },
      'A2',
    ],
    [
      'init container unconfined',
      (p: any) => {
        p.initContainers = [
          {
            name: 'i',
            securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'Unconfined' } },
          },
        ];
      },
      'B5',
    ],
  ])('fails a pod with %s', (_name, breakIt, item) => {
    const pod = structuredClone(good);
    breakIt(pod);
    expect(restrictedViolations(pod).join(' ')).toContain(item);
  });
  test('image pinning', () => {
    expect(isPinnedImage('docker.io/apache/spark:4.0.4')).toBe(true);
    expect(isPinnedImage('localhost:5000/app')).toBe(false);
    expect(isPinnedImage('app:latest')).toBe(false);
  });
});
