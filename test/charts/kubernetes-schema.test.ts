import { allObjects, findObject, K8sObject } from './support/platform';
import { validateKubernetesObject, validateKubernetesObjects, validateSparkApplication } from './support/validators';

const objects = allObjects();
const builtIn = objects.filter(({ object }) => !object.apiVersion.startsWith('sparkoperator.k8s.io/'));
/** Every built-in object against the Kubernetes 1.36 schema, in one validator run. */
const builtInErrors = validateKubernetesObjects(builtIn.map(({ object }) => object));
const sparkApplications = objects.filter(({ object }) => object.kind === 'SparkApplication');

describe('every synthesized object is valid', () => {
  test('the walk covers cloud and local output and every kind the charts emit', () => {
    const kinds = new Set(objects.map(({ object }) => object.kind));
    for (const kind of [
      'Namespace',
      'Deployment',
      'StatefulSet',
      'CronJob',
      'Service',
      'Ingress',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
      'NetworkPolicy',
      'ServiceAccount',
      'Role',
      'RoleBinding',
      'SparkApplication',
    ]) {
      expect(kinds).toContain(kind);
    }
    expect(objects.some(({ source }) => source.startsWith('local/'))).toBe(true);
    expect(objects.some(({ source }) => source.startsWith('cloud/'))).toBe(true);
  });

  test.each(builtIn.map(({ source, object }, index) => [`${source} ${object.kind}/${object.metadata.name}`, index] as const))(
    'Kubernetes 1.36 schema: %s',
    (_name, index) => {
      expect(builtInErrors[index]).toBeNull();
    },
  );

  test.each(sparkApplications.map(({ source, object }) => [`${source} ${object.metadata.name}`, object] as const))(
    'SparkApplication CRD schema: %s',
    (_name, object) => {
      expect(validateSparkApplication(object)).toEqual([]);
    },
  );
});

describe('the validators reject broken objects', () => {
  const deployment = findObject(
    objects.filter((o) => o.source.startsWith('cloud/')).map((o) => o.object),
    'Deployment',
    'web-app',
  );

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

  test('a type that is not a resource (PodSpec) or an unknown group has no schema and fails', () => {
    expect(() => validateKubernetesObject({ apiVersion: 'v1', kind: 'PodSpec', metadata: { name: 'x' } })).toThrow(
      /no Kubernetes schema for v1 PodSpec/,
    );
    expect(() => validateKubernetesObject({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'x' } })).toThrow(
      /no Kubernetes schema for example.com\/v1 Widget/,
    );
  });

  test('the schemas are Kubernetes 1.36: Pod spec.schedulingGroup (new in 1.36) is type-checked', () => {
    // Older schemas do not know the field and would accept any value in it.
    const pod = (podGroupName: unknown): K8sObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'x' },
      spec: { containers: [{ name: 'main', image: 'busybox:1.37' }], schedulingGroup: { podGroupName } },
    });
    expect(validateKubernetesObjects([pod('workers'), pod(42)])).toEqual([
      null,
      expect.stringMatching(/schedulingGroup\/podGroupName must be string/),
    ]);
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
