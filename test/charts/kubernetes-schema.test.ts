import { allObjects, findObject, K8sObject } from './support/platform';
import { validateKubernetesObject, validateSparkApplication } from './support/validators';

const objects = allObjects();
const builtIn = objects.filter(({ object }) => !object.apiVersion.startsWith('sparkoperator.k8s.io/'));
const sparkApplications = objects.filter(({ object }) => object.kind === 'SparkApplication');

describe('every synthesized object is valid', () => {
  test('the walk covers cloud and local output and every kind the charts emit', () => {
    const kinds = new Set(objects.map(({ object }) => object.kind));
    for (const kind of ['Namespace', 'Deployment', 'StatefulSet', 'CronJob', 'Service', 'Ingress', 'HorizontalPodAutoscaler',
      'PodDisruptionBudget', 'NetworkPolicy', 'ServiceAccount', 'Role', 'RoleBinding', 'SparkApplication']) {
      expect(kinds).toContain(kind);
    }
    expect(objects.some(({ source }) => source.startsWith('local/'))).toBe(true);
    expect(objects.some(({ source }) => source.startsWith('cloud/'))).toBe(true);
  });

  test.each(builtIn.map(({ source, object }) => [`${source} ${object.kind}/${object.metadata.name}`, object] as const))(
    'Kubernetes 1.33 schema: %s', (_name, object) => {
      expect(() => validateKubernetesObject(object)).not.toThrow();
    });

  test.each(sparkApplications.map(({ source, object }) => [`${source} ${object.metadata.name}`, object] as const))(
    'SparkApplication CRD schema: %s', (_name, object) => {
      expect(validateSparkApplication(object)).toEqual([]);
    });
});

describe('the validators reject broken objects', () => {
  const deployment = findObject(objects.filter((o) => o.source.startsWith('cloud/')).map((o) => o.object), 'Deployment', 'web-app');

  test('a Deployment whose container port is a string fails the Kubernetes schema', () => {
    const broken: K8sObject = structuredClone(deployment);
    broken.spec.template.spec.containers[0].ports[0].containerPort = 'http';
    expect(() => validateKubernetesObject(broken)).toThrow(/containerPort must be integer/);
  });

  test('a container without a name fails the Kubernetes schema', () => {
    const broken: K8sObject = structuredClone(deployment);
    delete broken.spec.template.spec.containers[0].name;
    expect(() => validateKubernetesObject(broken)).toThrow(/must have required property name/);
  });

  test('an unknown kind has no schema and fails', () => {
    expect(() => validateKubernetesObject({ apiVersion: 'v1', kind: 'Podd', metadata: { name: 'x' } })).toThrow(/no Kubernetes schema/);
  });

  test('a SparkApplication without mainApplicationFile and with a bad type fails the CRD schema', () => {
    const app: K8sObject = structuredClone(sparkApplications[0].object);
    delete app.spec.mainApplicationFile;
    app.spec.type = 'Perl';
    const errors = validateSparkApplication(app);
    expect(errors.join('\n')).toMatch(/mainApplicationFile/);
    expect(errors.join('\n')).toMatch(/\/spec\/type must be equal to one of the allowed values/);
  });
});
