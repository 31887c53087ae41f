import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';
import { createPlatformApp } from '../../lib/platform-app';
import { K8sObject } from './support/platform';
import { apiGroup, KUBERNETES_API_GROUPS, validateKubernetesObjects, validateSparkApplication } from './support/validators';

/** Custom resources the ClusterStack applies whose operators' CRDs the tests do not carry (SparkApplication is checked against its CRD). */
const UNCHECKED_CRD_GROUPS = new Set(['external-secrets.io']);

/** Stands in for a CloudFormation token (Ref, Fn::GetAtt, ...) inside a manifest; every one sits in a JSON string. */
const TOKEN = 'cfn-token';

interface EmbeddedObject {
  /** Logical ID of the Custom::AWSCDK-EKS-KubernetesResource. */
  readonly resource: string;
  readonly object: K8sObject;
}

/** The Manifest property as JSON text: a plain string, or an Fn::Join whose tokens are replaced by TOKEN. */
function manifestText(manifest: unknown, resource: string): string {
  if (typeof manifest === 'string') return manifest;
  const join = (manifest as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join) throw new Error(`${resource}: Manifest is neither a string nor an Fn::Join: ${JSON.stringify(manifest)}`);
  return join[1].map((part) => (typeof part === 'string' ? part : TOKEN)).join(join[0]);
}

/**
 * Every Kubernetes object the dev ClusterStack applies through KubernetesManifest, from the
 * synthesized template (the cloud assembly goes to a scratch directory that is removed).
 */
function clusterStackObjects(): EmbeddedObject[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'datavis-cluster-manifests-'));
  try {
    const { platforms } = createPlatformApp({ appProps: { context: { env: 'dev' }, outdir } });
    const template = Template.fromStack(platforms.get('dev')!.cluster);
    const resources = template.findResources('Custom::AWSCDK-EKS-KubernetesResource') as Record<
      string,
      { Properties: { Manifest: unknown } }
    >;
    return Object.entries(resources).flatMap(([resource, { Properties }]) => {
      const objects = JSON.parse(manifestText(Properties.Manifest, resource)) as K8sObject[];
      return objects.map((object) => ({ resource, object }));
    });
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const objects = clusterStackObjects();
const name = ({ resource, object }: EmbeddedObject): string => `${resource} ${object.apiVersion} ${object.kind}/${object.metadata.name}`;
const builtIn = objects.filter(({ object }) => KUBERNETES_API_GROUPS.has(apiGroup(object.apiVersion)));
const sparkApplications = objects.filter(
  ({ object }) => object.apiVersion === 'sparkoperator.k8s.io/v1beta2' && object.kind === 'SparkApplication',
);
/** Every built-in object against the Kubernetes 1.36 schema, in one validator run. */
const builtInErrors = validateKubernetesObjects(builtIn.map(({ object }) => object));

describe('the Kubernetes objects embedded in the dev ClusterStack template', () => {
  test("include the gp3 StorageClass, the charts' objects and the custom resources", () => {
    const kinds = new Set(objects.map(({ object }) => `${object.apiVersion} ${object.kind}`));
    for (const kind of [
      'storage.k8s.io/v1 StorageClass',
      'v1 Namespace',
      'v1 ServiceAccount',
      'apps/v1 Deployment',
      'batch/v1 CronJob',
      'networking.k8s.io/v1 Ingress',
      'networking.k8s.io/v1 NetworkPolicy',
      'sparkoperator.k8s.io/v1beta2 SparkApplication',
      'external-secrets.io/v1 ExternalSecret',
    ]) {
      expect(kinds).toContain(kind);
    }
    const storageClass = objects.find(({ object }) => object.kind === 'StorageClass')!.object;
    // The encrypted gp3 class is the cluster default (volumes that name no class get it).
    expect(storageClass).toMatchObject({
      metadata: { name: 'gp3', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'ebs.csi.aws.com',
      parameters: { type: 'gp3', encrypted: 'true', kmsKeyId: TOKEN },
    });
  });

  test('every object is a built-in kind, a SparkApplication or a known custom resource', () => {
    const unclassified = objects.filter(
      ({ object }) =>
        !KUBERNETES_API_GROUPS.has(apiGroup(object.apiVersion)) &&
        !sparkApplications.some((s) => s.object === object) &&
        !UNCHECKED_CRD_GROUPS.has(apiGroup(object.apiVersion)),
    );
    expect(unclassified.map(name)).toEqual([]);
  });

  test.each(builtIn.map((embedded, index) => [name(embedded), index] as const))('Kubernetes 1.36 schema: %s', (_name, index) => {
    expect(builtInErrors[index]).toBeNull();
  });

  test.each(sparkApplications.map((embedded) => [name(embedded), embedded.object] as const))(
    'SparkApplication CRD schema: %s',
    (_name, object) => {
      expect(validateSparkApplication(object)).toEqual([]);
    },
  );

  test('a StorageClass with an unknown volumeBindingMode or reclaimPolicy fails the Kubernetes schema', () => {
    const storageClass = objects.find(({ object }) => object.kind === 'StorageClass')!.object;
    const [badBinding, badReclaim] = validateKubernetesObjects([
      { ...storageClass, volumeBindingMode: 'WhenConvenient' },
      { ...storageClass, reclaimPolicy: 'Archive' },
    ]);
    expect(badBinding).toMatch(/volumeBindingMode must be equal to one of the allowed values/);
    expect(badReclaim).toMatch(/reclaimPolicy must be equal to one of the allowed values/);
  });
});
