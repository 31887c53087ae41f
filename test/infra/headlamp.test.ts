import Ajv from 'ajv';
import { Template } from 'aws-cdk-lib/assertions';
import { ConfigError, ENVIRONMENT_NAMES, readRelease } from '../../lib/config';
import { cdkJsonContext, createPlatformApp } from '../../lib/platform-app';
import { annotationProblems } from '../charts/support/alb-annotations';
import { unknownKeyPaths } from '../charts/support/helm-values';
import { isPinnedImage, restrictedViolations } from '../charts/support/restricted';
import { validateKubernetesObjects } from '../charts/support/validators';
import { SynthesizedPlatform, removeAssembly, synthesizePlatform } from '../support/platform-synth';
import { readSpecText, readSpecYaml } from '../support/specs';
import { ClusterAssembly } from './support/cluster-assembly';
import { headlampClusterRoleBinding, headlampIngress, headlampPodSpec } from './support/headlamp-render';

/**
 * The Kubernetes dashboard (Headlamp) as the dev cluster stack deploys it, read through the
 * pinned chart's own templates and schema vendored in specs/headlamp.
 */
const ZONE = { zoneName: 'dev.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' };
const OIDC = { issuerUrl: 'https://login.example.com/realms/ops', clientId: 'headlamp-dev', viewerGroups: ['platform-ops'] };
let plain: SynthesizedPlatform;
let withOidc: SynthesizedPlatform;
beforeAll(() => {
  plain = synthesizePlatform({ appProps: { context: { env: 'dev' } } });
  withOidc = synthesizePlatform({
    appProps: {
      context: {
        env: 'dev',
        'datavis:dev:dashboardAllowedCidrs': '',
        'datavis:dev:dashboardOidc': JSON.stringify(OIDC),
        'datavis:dev:hostedZone': JSON.stringify(ZONE),
        'datavis:dev:certificateArn': '',
      },
    },
  });
});
afterAll(() => {
  removeAssembly(plain);
  removeAssembly(withOidc);
});
const assemblyOf = (s: SynthesizedPlatform) => new ClusterAssembly(s.platforms.get('dev')!.cluster);

describe('Headlamp release', () => {
  test('installs the chart version every release file pins, the one vendored in specs/headlamp', () => {
    const release = assemblyOf(plain).release('headlamp');
    const vendored = readSpecYaml<{ version: string }>('headlamp', 'Chart.yaml').version;
    expect(release.version).toBe(readRelease('dev').charts.headlamp);
    for (const env of ENVIRONMENT_NAMES) expect({ env, chart: readRelease(env).charts.headlamp }).toEqual({ env, chart: vendored });
    expect(release.namespace).toBe('headlamp');
  });

  test("values validate against the chart's values.schema.json and use only keys its values.yaml has", () => {
    const { values } = assemblyOf(plain).release('headlamp');
    const validate = new Ajv({ strict: false, allErrors: true }).compile(JSON.parse(readSpecText('headlamp', 'values.schema.json')));
    expect(validate(values) ? [] : validate.errors).toEqual([]);
    // The security contexts go into the pod as they are; the rendered pod is checked as Kubernetes (below).
    expect(unknownKeyPaths(values, readSpecYaml('headlamp', 'values.yaml'), '', ['securityContext'])).toEqual([]);
    // The checks catch a wrong type and a misspelt key.
    expect(validate({ ...values, config: { ...values.config, sessionTTL: 'eight hours' } })).toBe(false);
    expect(
      unknownKeyPaths({ ...values, clusterRoleBindng: { create: false } }, readSpecYaml('headlamp', 'values.yaml'), '', [
        'securityContext',
      ]),
    ).toEqual(['clusterRoleBindng']);
  });

  test('its pod meets Pod Security restricted: uid 100, read-only root with a size-limited /tmp, no escalation, no capabilities', () => {
    const pod = headlampPodSpec(assemblyOf(plain).release('headlamp').values);
    expect(restrictedViolations(pod)).toEqual([]);
    const labels = { 'app.kubernetes.io/name': 'headlamp' };
    const [schemaError] = validateKubernetesObjects([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'headlamp', namespace: 'headlamp' },
        spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: pod } },
      },
    ]);
    expect(schemaError).toBeNull();
    expect(pod.containers.map((c: { name: string }) => c.name)).toEqual(['headlamp']);
    expect(pod.initContainers).toEqual([]);
    const [container] = pod.containers;
    expect(container.securityContext).toMatchObject({ runAsUser: 100, runAsGroup: 101, readOnlyRootFilesystem: true, privileged: false });
    expect(container.volumeMounts).toEqual([{ name: 'headlamp-tmp', mountPath: '/tmp' }]);
    expect(pod.volumes).toEqual([{ name: 'headlamp-tmp', emptyDir: { sizeLimit: '64Mi' } }]);
    expect(isPinnedImage(container.image)).toBe(true);
    expect(container.image).toBe(
      `ghcr.io/headlamp-k8s/headlamp:v${readSpecYaml<{ appVersion: string }>('headlamp', 'Chart.yaml').appVersion}`,
    );
    for (const kind of ['requests', 'limits']) expect(Object.keys(container.resources[kind]).sort()).toEqual(['cpu', 'memory']);
    // The chart's defaults alone would be refused by the namespace: escalation allowed, no seccomp, capabilities kept.
    expect(restrictedViolations(headlampPodSpec({})).map((v) => v.split(' ')[0])).toEqual(['B2', 'B5', 'B6']);
  });

  test("no cluster-admin: the chart's ClusterRoleBinding (to cluster-admin by default) is off and nothing binds its service account", () => {
    const { values } = assemblyOf(plain).release('headlamp');
    expect(headlampClusterRoleBinding({})).toEqual({ rendered: true, clusterRole: 'cluster-admin' });
    expect(headlampClusterRoleBinding(values).rendered).toBe(false);
    const bindings = assemblyOf(plain)
      .manifests.flatMap((m) => m.objects)
      .filter((o) => o.kind === 'ClusterRoleBinding' || o.kind === 'RoleBinding');
    expect(bindings.filter((b) => JSON.stringify(b.subjects).includes('"headlamp"'))).toEqual([]);
    // Its token authenticates nothing: users' own tokens are forwarded, the service account's only with the unsafe flag.
    expect(values.config).toMatchObject({ inCluster: true, unsafeUseServiceAccountToken: false, inClusterContextName: 'main' });
    expect(headlampPodSpec(values).serviceAccountName).toBe('headlamp');
  });

  test('reachable only through its own ALB, HTTPS only, from the allow-list, with the environment certificate', () => {
    const ingress = headlampIngress(assemblyOf(plain).release('headlamp').values)!;
    const a = ingress.annotations;
    expect(ingress.className).toBe('alb');
    expect(ingress.hosts).toEqual(['headlamp.dev.example.com']);
    expect(JSON.parse(a['alb.ingress.kubernetes.io/listen-ports'])).toEqual([{ HTTPS: 443 }]);
    expect(a['alb.ingress.kubernetes.io/ssl-redirect']).toBeUndefined();
    expect(a['alb.ingress.kubernetes.io/inbound-cidrs']).toBe(cdkJsonContext()['datavis:dev:dashboardAllowedCidrs']);
    expect(a['alb.ingress.kubernetes.io/certificate-arn']).toBe(cdkJsonContext()['datavis:dev:certificateArn']);
    expect(a['alb.ingress.kubernetes.io/group.name']).toBeUndefined();
    expect(annotationProblems(a)).toEqual([]);
    expect(annotationProblems({ 'alb.ingress.kubernetes.io/inbound-cidrs': '10.0.0.0/8,everyone' })).toHaveLength(1);
    expect(assemblyOf(plain).release('headlamp').values.service).toBeUndefined();
    expect(readSpecYaml<{ service: { type: string } }>('headlamp', 'values.yaml').service.type).toBe('ClusterIP');
  });

  test('synthesis refuses an environment whose dashboard would be open to everyone: no allow-list and no OIDC', () => {
    const open = () => createPlatformApp({ appProps: { context: { env: 'dev', 'datavis:dev:dashboardAllowedCidrs': '' } } });
    expect(open).toThrow(ConfigError);
    expect(open).toThrow(/dev\.dashboard\.allowedCidrs .*reachable from anywhere without sign-in: set datavis:dev:dashboardAllowedCidrs/);
    const everyone = () => createPlatformApp({ appProps: { context: { env: 'dev', 'datavis:dev:dashboardAllowedCidrs': '0.0.0.0/0' } } });
    expect(everyone).toThrow(/dev\.dashboard\.allowedCidrs\[0\] is "0\.0\.0\.0\/0"/);
  });

  test('its namespace is created restricted by the namespaces chart, and its network policies are applied, before the release', () => {
    const assembly = assemblyOf(plain);
    const release = assembly.release('headlamp');
    const [namespaces] = assembly.manifestsWith('Namespace', 'headlamp');
    const ns = namespaces.objects.find((o) => o.kind === 'Namespace' && o.metadata.name === 'headlamp')!;
    expect(ns.metadata.labels!['pod-security.kubernetes.io/enforce']).toBe('restricted');
    expect(release.createNamespace).toBe(false);
    expect(assembly.isBefore(namespaces.id, release.id)).toBe(true);
    const [access] = assembly.manifestsWith('NetworkPolicy', 'allow-headlamp-from-load-balancer');
    expect(assembly.isBefore(access.id, release.id)).toBe(true);
    const policies = Object.fromEntries(access.objects.filter((o) => o.kind === 'NetworkPolicy').map((p) => [p.metadata.name, p.spec]));
    expect(Object.keys(policies).sort()).toEqual([
      'allow-dns-egress',
      'allow-headlamp-from-load-balancer',
      'allow-headlamp-https-egress',
      'default-deny',
    ]);
    // The pods the policies select are the chart's (selector labels for release "headlamp").
    expect(readSpecText('headlamp', 'templates', '_helpers.tpl')).toContain('app.kubernetes.io/instance: {{ .Release.Name }}');
    expect(policies['allow-headlamp-from-load-balancer']).toMatchObject({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'headlamp', 'app.kubernetes.io/instance': 'headlamp' } },
      ingress: [{ from: [{ ipBlock: { cidr: '10.20.0.0/16' } }], ports: [{ protocol: 'TCP', port: 4466 }] }],
    });
    expect(policies['allow-headlamp-https-egress'].egress[0].ports).toEqual([{ protocol: 'TCP', port: 443 }]);
  });
});

describe('Headlamp with OIDC sign-in', () => {
  test('EKS trusts the provider for ID tokens with "oidc:"-prefixed names; Headlamp uses PKCE as a public client', () => {
    const template = Template.fromStack(withOidc.platforms.get('dev')!.cluster);
    template.hasResourceProperties('AWS::EKS::IdentityProviderConfig', {
      Type: 'oidc',
      Oidc: {
        IssuerUrl: OIDC.issuerUrl,
        ClientId: OIDC.clientId,
        UsernameClaim: 'email',
        UsernamePrefix: 'oidc:',
        GroupsClaim: 'groups',
        GroupsPrefix: 'oidc:',
      },
    });
    const release = assemblyOf(withOidc).release('headlamp');
    expect(release.values.config.oidc).toEqual({
      secret: { create: false },
      externalSecret: { enabled: false },
      clientID: OIDC.clientId,
      issuerURL: OIDC.issuerUrl,
      scopes: 'profile,email',
      callbackURL: 'https://headlamp.dev.example.com/oidc-callback',
      usePKCE: true,
    });
    const deployment = readSpecText('headlamp', 'templates', 'deployment.yaml');
    expect(deployment).toContain('- "-oidc-use-pkce=$(OIDC_USE_PKCE)"');
    expect(JSON.stringify(release.values)).not.toMatch(/clientSecret/);
    const [provider] = Object.entries(template.findResources('AWS::EKS::IdentityProviderConfig'));
    expect(assemblyOf(withOidc).isBefore(provider[0], release.id)).toBe(true);
  });

  test('members of the viewer groups may read the cluster (view and nodes) and nothing more; without an allow-list the ALB is open', () => {
    const objects = assemblyOf(withOidc).manifests.flatMap((m) => m.objects);
    const bindings = objects.filter((o) => o.kind === 'ClusterRoleBinding' && o.metadata.name.startsWith('headlamp-'));
    expect(bindings.map((b) => [b.roleRef.name, b.subjects])).toEqual([
      ['view', [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'oidc:platform-ops' }]],
      ['headlamp-node-reader', [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'oidc:platform-ops' }]],
    ]);
    const nodeReader = objects.find((o) => o.kind === 'ClusterRole' && o.metadata.name === 'headlamp-node-reader')!;
    expect(nodeReader.rules).toEqual([{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] }]);
    const annotations = headlampIngress(assemblyOf(withOidc).release('headlamp').values)!.annotations;
    expect(annotations['alb.ingress.kubernetes.io/inbound-cidrs']).toBeUndefined();
    expect(JSON.parse(annotations['alb.ingress.kubernetes.io/listen-ports'])).toEqual([{ HTTPS: 443 }]);
  });

  test('its host gets a DNS record from external-dns and is on the certificate created in the zone', () => {
    const template = Template.fromStack(withOidc.platforms.get('dev')!.cluster);
    template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'datavis.dev.example.com',
      SubjectAlternativeNames: ['jupyter.dev.example.com', 'headlamp.dev.example.com'],
    });
    const externalDns = assemblyOf(withOidc).release('external-dns').values;
    expect(externalDns.sources).toEqual(['ingress']);
    expect('headlamp.dev.example.com'.endsWith(`.${externalDns.domainFilters[0]}`)).toBe(true);
    expect(() =>
      createPlatformApp({
        appProps: {
          context: { env: 'dev', 'datavis:dev:hostedZone': JSON.stringify(ZONE), 'datavis:dev:dashboardHostname': 'headlamp.other.org' },
        },
      }),
    ).toThrow(/dev\.domain\.dashboardHostname is "headlamp\.other\.org"; must be inside the hosted zone dev\.example\.com/);
  });
});
