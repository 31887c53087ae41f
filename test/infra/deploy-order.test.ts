import { Template } from 'aws-cdk-lib/assertions';
import { K8sObject } from '../charts/support/platform';
import { KUBERNETES_API_GROUPS, apiGroup } from '../charts/support/validators';
import { readSpecText, readSpecYaml } from '../support/specs';
import { SynthesizedPlatform, removeAssembly, synthesizePlatform } from '../support/platform-synth';
import { ClusterAssembly, TOKEN, jsonText } from './support/cluster-assembly';

/**
 * Deploy order of a first `cdk deploy`, read from the dev cluster template's DependsOn and
 * reference graph: whatever an object or Helm release needs (its namespaces, the CRDs of its
 * kinds, the admission webhooks that fail closed on it, its secret store, its StorageClass,
 * nodes to run on, network policy enforcement) is created before it.
 */
let synthesized: SynthesizedPlatform;
let assembly: ClusterAssembly;
beforeAll(() => {
  synthesized = synthesizePlatform({ appProps: { context: { env: 'dev' } } });
  assembly = new ClusterAssembly(synthesized.platforms.get('dev')!.cluster);
});
afterAll(() => removeAssembly(synthesized));

const BUILT_IN_NAMESPACES = new Set(['default', 'kube-system']);
/** A unit CloudFormation applies: a KubernetesManifest (a list of objects) or a Helm release. */
type Unit = { id: string; label: string };

function units(): Unit[] {
  return [
    ...assembly.manifests.map((m) => ({ id: m.id, label: `manifest ${m.objects.map((o) => `${o.kind}/${o.metadata.name}`).join(',')}` })),
    ...assembly.releases.map((r) => ({ id: r.id, label: `release ${r.chart}` })),
  ];
}

/** Namespaces a Helm release renders objects into, by what its vendored templates do with our values. */
function releaseNamespaces(chart: string, values: any): string[] {
  if (chart === 'spark-operator') {
    // specs/spark-operator/templates/controller/rbac.yaml: a Role and RoleBinding per spark.jobNamespaces entry.
    const rbac = readSpecText('spark-operator', 'templates', 'controller', 'rbac.yaml');
    expect(rbac).toContain('{{- range $jobNamespace := .Values.spark.jobNamespaces }}');
    expect(rbac).toContain('namespace: {{ $jobNamespace }}');
    return values.spark.jobNamespaces;
  }
  if (chart === 'reloader') {
    // specs/reloader/templates/role.yaml: with watchGlobally false, a Role per reloader.namespaces entry.
    const role = readSpecText('reloader', 'templates', 'role.yaml');
    expect(role).toContain('{{- range $ns := (include "reloader-watchNamespaces" . | mustFromJson) }}');
    expect(role).toContain('namespace: {{ $ns }}');
    expect(values.reloader.watchGlobally).toBe(false);
    return values.reloader.namespaces;
  }
  return [];
}

describe('deploy order of the dev cluster stack', () => {
  test('every namespace an object or Helm release uses is created before it', () => {
    const creators = new Map<string, { id: string; index?: number }>();
    for (const manifest of assembly.manifests) {
      manifest.objects.forEach((o, index) => {
        if (o.kind === 'Namespace') creators.set(o.metadata.name, { id: manifest.id, index });
      });
    }
    for (const release of assembly.releases) {
      if (release.createNamespace && !creators.has(release.namespace)) creators.set(release.namespace, { id: release.id });
    }
    const missing: string[] = [];
    const need = (unit: string, namespace: string, index?: number) => {
      if (BUILT_IN_NAMESPACES.has(namespace)) return;
      const creator = creators.get(namespace);
      const ok =
        creator !== undefined &&
        (creator.id === unit
          ? creator.index === undefined || index === undefined || creator.index < index
          : assembly.isBefore(creator.id, unit));
      if (!ok) missing.push(`${unit} needs namespace ${namespace}`);
    };
    for (const manifest of assembly.manifests) {
      manifest.objects.forEach((o, index) => o.metadata.namespace && need(manifest.id, o.metadata.namespace, index));
    }
    for (const release of assembly.releases) {
      if (!release.createNamespace) need(release.id, release.namespace);
      for (const ns of releaseNamespaces(release.chart, release.values)) need(release.id, ns);
    }
    expect(missing).toEqual([]);
    // The finding this guards: the operator's Role in spark-jobs needs spark-jobs first.
    expect(assembly.release('spark-operator').values.spark.jobNamespaces).toEqual(['spark-jobs']);
  });

  test('the CRDs of every custom resource are installed by a release that comes first', () => {
    // The operator charts' CRDs: Spark operator (vendored CRDs name their group), External Secrets (installCRDs).
    const crdGroup = readSpecYaml<{ spec: { group: string } }>('spark-operator', 'sparkoperator.k8s.io_sparkapplications.yaml').spec.group;
    expect(assembly.release('external-secrets').values.installCRDs).toBe(true);
    const providers: Record<string, string> = { [crdGroup]: 'spark-operator', 'external-secrets.io': 'external-secrets' };
    const problems: string[] = [];
    for (const manifest of assembly.manifests) {
      for (const object of manifest.objects) {
        const group = apiGroup(object.apiVersion);
        if (KUBERNETES_API_GROUPS.has(group)) continue;
        const chart = providers[group];
        if (chart === undefined) problems.push(`${object.kind} ${object.apiVersion}: no release installs its CRD`);
        else if (!assembly.isBefore(assembly.release(chart).id, manifest.id))
          problems.push(`${manifest.id} (${object.kind}) before ${chart}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('admission webhooks that fail closed are running before the objects they admit', () => {
    // The load balancer controller's webhooks admit Services and Ingresses and fail closed.
    const lbc = assembly.release('aws-load-balancer-controller').id;
    const sparkOperator = assembly.release('spark-operator');
    // specs/spark-operator/templates/webhook/mutatingwebhookconfiguration.yaml: failurePolicy from
    // webhook.failurePolicy, scoped to the jobNamespaces: it mutates every pod there.
    const webhook = readSpecText('spark-operator', 'templates', 'webhook', 'mutatingwebhookconfiguration.yaml');
    expect(webhook).toContain('failurePolicy: {{ . }}');
    expect(webhook).toContain('{{- with .Values.spark.jobNamespaces }}');
    expect(sparkOperator.values.webhook).toMatchObject({ enable: true, failurePolicy: 'Fail' });
    const problems: string[] = [];
    for (const manifest of assembly.manifests) {
      const kinds = manifest.objects.map((o) => o.kind);
      if ((kinds.includes('Service') || kinds.includes('Ingress')) && !assembly.isBefore(lbc, manifest.id)) {
        problems.push(`${manifest.id} has a Service or Ingress but may run before the load balancer controller`);
      }
      const inJobNamespace = manifest.objects.some((o) => sparkOperator.values.spark.jobNamespaces.includes(o.metadata.namespace));
      if ((kinds.includes('SparkApplication') || inJobNamespace) && manifest.objects.some((o) => o.kind !== 'Namespace')) {
        if (!assembly.isBefore(sparkOperator.id, manifest.id)) problems.push(`${manifest.id} may run before the Spark operator webhook`);
      }
    }
    for (const release of assembly.releases.filter((r) => r.chart !== 'aws-load-balancer-controller')) {
      if (!assembly.isBefore(lbc, release.id))
        problems.push(`release ${release.chart} may create Services before the load balancer controller`);
    }
    expect(problems).toEqual([]);
  });

  test("every ExternalSecret's store exists before it", () => {
    const stores = new Map<string, { id: string; index: number }>();
    for (const m of assembly.manifests)
      m.objects.forEach((o, index) => o.kind === 'ClusterSecretStore' && stores.set(o.metadata.name, { id: m.id, index }));
    const secrets = assembly.manifests
      .flatMap((m) => m.objects.map((o, index) => ({ m, o, index })))
      .filter(({ o }) => o.kind === 'ExternalSecret');
    expect(secrets).toHaveLength(1);
    for (const { m, o, index } of secrets) {
      const store = stores.get(o.spec.secretStoreRef.name);
      expect(store).toBeDefined();
      expect(store!.id === m.id ? store!.index < index : assembly.isBefore(store!.id, m.id)).toBe(true);
    }
  });

  test('the StorageClass of the JupyterHub user volumes and its CSI driver exist before the release', () => {
    const hub = assembly.release('jupyterhub');
    const className = hub.values.singleuser.storage.dynamic.storageClass;
    const storageClass = assembly.manifestsWith('StorageClass', className);
    expect(storageClass).toHaveLength(1);
    expect(assembly.isBefore(storageClass[0].id, hub.id)).toBe(true);
    const [ebs] = Object.entries(assembly.resources).filter(
      ([, r]) => r.Type === 'AWS::EKS::Addon' && r.Properties?.AddonName === 'aws-ebs-csi-driver',
    );
    expect(assembly.isBefore(ebs[0], storageClass[0].id)).toBe(true);
  });

  test('every release and manifest waits for the node groups, network policy enforcement, the load balancer controller and storage', () => {
    const nodeGroups = assembly.nodeGroups.map((g) => g.id);
    expect(nodeGroups).toHaveLength(3);
    const addon = (name: string) =>
      Object.entries(assembly.resources).find(([, r]) => r.Type === 'AWS::EKS::Addon' && r.Properties?.AddonName === name)![0];
    const base = [...nodeGroups, addon('vpc-cni'), addon('aws-ebs-csi-driver'), assembly.release('aws-load-balancer-controller').id];
    // The controller's own pieces (its release and what it needs) and the StorageClass come earlier by design.
    const lbc = assembly.release('aws-load-balancer-controller').id;
    const platformPieces = new Set([lbc, ...assembly.before(lbc), ...assembly.manifestsWith('StorageClass').map((m) => m.id)]);
    const late: string[] = [];
    for (const unit of units().filter((u) => !platformPieces.has(u.id))) {
      for (const prerequisite of base) if (!assembly.isBefore(prerequisite, unit.id)) late.push(`${unit.label} before ${prerequisite}`);
    }
    expect(late).toEqual([]);
    // The controller's own chart waits for its pods, so it comes after the system nodes.
    const system = assembly.nodeGroups.find((g) => g.labels['datavis.io/node-role'] === 'system')!;
    expect(assembly.isBefore(system.id, assembly.release('aws-load-balancer-controller').id)).toBe(true);
  });

  test('slow releases have an explicit timeout: JupyterHub pre-pulls the user image on every node', () => {
    expect(assembly.release('jupyterhub').timeout).toBe('900s');
    expect(assembly.release('spark-operator').timeout).toBe('600s');
  });

  test('the Spark event log prefix and the sample dataset are written by the data stack, which deploys before the cluster stack', () => {
    const { data, cluster } = synthesized.platforms.get('dev')!;
    expect(cluster.dependencies).toContain(data);
    const writes = Object.values(Template.fromStack(data).findResources('Custom::AWS')).map((r) => {
      const call = JSON.parse(jsonText(r.Properties.Create));
      return { action: call.action, key: call.parameters.Key, body: call.parameters.Body };
    });
    const objects = assembly.manifests.flatMap((m) => m.objects) as K8sObject[];
    const app = objects.find((o) => o.kind === 'SparkApplication')!;
    const eventLogDir = app.spec.sparkConf['spark.eventLog.dir'] as string;
    const eventLogKey = eventLogDir.replace(/^s3a:\/\/[^/]+\//, '');
    const history = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'spark-history-server')!;
    expect(JSON.stringify(history.spec.template.spec.containers[0].env)).toContain(
      `-Dspark.history.fs.logDirectory=s3a://${TOKEN}/${eventLogKey}`,
    );
    // An S3A directory marker: an empty object whose key is the prefix with a trailing slash.
    expect(writes).toContainEqual({ action: 'putObject', key: eventLogKey, body: '' });
    const input = app.spec.arguments[app.spec.arguments.indexOf('--input') + 1] as string;
    const sampleKey = input.replace(/^s3a:\/\/[^/]+\//, '');
    expect(writes.map((w) => w.key)).toContain(sampleKey);
    for (const cronJob of objects.filter((o) => o.kind === 'CronJob')) {
      expect(JSON.stringify(cronJob.spec.jobTemplate.spec.template.spec.containers[0].args)).toContain(`/${sampleKey}`);
    }
  });
});
