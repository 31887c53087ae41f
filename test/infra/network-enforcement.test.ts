import * as ipaddr from 'ipaddr.js';
import { K8sObject } from '../charts/support/platform';
import { SynthesizedPlatform, removeAssembly, synthesizePlatform } from '../support/platform-synth';
import { readSpecText, readSpecYaml } from '../support/specs';
import { ClusterAssembly } from './support/cluster-assembly';

/**
 * NetworkPolicies only matter when something enforces them: the VPC CNI's network policy agent.
 * With it on, these checks evaluate the platform's egress policies (and the z2jh single-user
 * policy, rendered from the chart's own template) for the instance metadata service and the
 * Pod Identity agent.
 */
let synthesized: SynthesizedPlatform;
let assembly: ClusterAssembly;
beforeAll(() => {
  synthesized = synthesizePlatform({ appProps: { context: { env: 'dev' } } });
  assembly = new ClusterAssembly(synthesized.platforms.get('dev')!.cluster);
});
afterAll(() => removeAssembly(synthesized));

const IMDS = { ip: '169.254.169.254', port: 80 };
const POD_IDENTITY = { ip: '169.254.170.23', port: 80 };

type Peer = { ipBlock?: { cidr: string; except?: string[] }; podSelector?: unknown; namespaceSelector?: unknown };
type EgressRule = { to?: Peer[]; ports?: { port?: number | string; protocol?: string }[] };

const inCidr = (ip: string, cidr: string) => ipaddr.parse(ip).match(ipaddr.parseCIDR(cidr));

/** Whether one egress rule admits TCP to ip:port (a rule with no `to` admits every destination). */
function admits(rule: EgressRule, ip: string, port: number): boolean {
  const portOk =
    !rule.ports || rule.ports.some((p) => (p.protocol ?? 'TCP') === 'TCP' && (p.port === undefined || Number(p.port) === port));
  const peerOk =
    !rule.to ||
    rule.to.some(
      (peer) => peer.ipBlock !== undefined && inCidr(ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((e) => inCidr(ip, e)),
    );
  return portOk && peerOk;
}

const matches = (selector: { matchLabels?: Record<string, string> } | undefined, labels: Record<string, string>) =>
  Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);

/** Whether the namespace's policies let a pod with these labels connect to ip:port (default deny when any Egress policy selects it). */
function egressAllowed(policies: K8sObject[], namespace: string, labels: Record<string, string>, ip: string, port: number): boolean {
  const selecting = policies.filter(
    (p) => p.metadata.namespace === namespace && (p.spec.policyTypes ?? []).includes('Egress') && matches(p.spec.podSelector, labels),
  );
  if (selecting.length === 0) return true;
  return selecting.some((p) => (p.spec.egress ?? []).some((rule: EgressRule) => admits(rule, ip, port)));
}

describe('network policy enforcement (dev)', () => {
  test('the VPC CNI add-on runs its network policy agent', () => {
    const [cni] = Object.values(assembly.resources).filter((r) => r.Type === 'AWS::EKS::Addon' && r.Properties?.AddonName === 'vpc-cni');
    expect(JSON.parse(cni.Properties!.ConfigurationValues)).toEqual({ enableNetworkPolicy: 'true' });
  });

  test("z2jh's iptables metadata block is off, so the single-user NetworkPolicy must exclude the metadata server", () => {
    // specs/jupyterhub/values.yaml: the chart blocks 169.254.169.254 with a privileged iptables init
    // container unless singleuser.cloudMetadata.blockWithIptables is false.
    const defaults = readSpecYaml<any>('jupyterhub', 'values.yaml').singleuser.cloudMetadata;
    expect(defaults).toMatchObject({ blockWithIptables: true, ip: IMDS.ip });
    const values = assembly.release('jupyterhub').values.singleuser;
    expect(values.cloudMetadata.blockWithIptables).toBe(false);
    expect(values.networkPolicy).toMatchObject({ enabled: true, egressAllowRules: { cloudMetadataServer: false } });
  });

  test('the single-user pods, rendered from the z2jh egress template, reach the Pod Identity agent but not the metadata service', () => {
    // specs/jupyterhub/templates/_helpers-netpol.tpl: nonPrivateIPs allows 0.0.0.0/0 except the
    // private ranges and the cloud metadata IP; custom rules come from singleuser.networkPolicy.egress.
    const template = readSpecText('jupyterhub', 'templates', '_helpers-netpol.tpl');
    const block = /\{\{- if \$netpol\.egressAllowRules\.nonPrivateIPs \}\}([\s\S]*?)\{\{- end \}\}/.exec(template)![1];
    const metadataIp = readSpecYaml<any>('jupyterhub', 'values.yaml').singleuser.cloudMetadata.ip;
    const except = [...block.matchAll(/^\s+- ([0-9./]+|\{\{ \$root\.Values\.singleuser\.cloudMetadata\.ip \}\}\/32)$/gm)].map((m) =>
      m[1].replace('{{ $root.Values.singleuser.cloudMetadata.ip }}', metadataIp),
    );
    expect(except).toEqual(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', `${IMDS.ip}/32`]);
    const netpol = assembly.release('jupyterhub').values.singleuser.networkPolicy;
    const rules: EgressRule[] = [
      ...(netpol.egressAllowRules.nonPrivateIPs ? [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except } }] }] : []),
      ...(netpol.egressAllowRules.cloudMetadataServer ? [{ to: [{ ipBlock: { cidr: `${metadataIp}/32` } }] }] : []),
      ...netpol.egress,
    ];
    expect(rules.some((r) => admits(r, IMDS.ip, IMDS.port))).toBe(false);
    expect(rules.some((r) => admits(r, POD_IDENTITY.ip, POD_IDENTITY.port))).toBe(true);
  });

  test('no platform pod can reach the metadata service; every pod that reads S3 reaches the Pod Identity agent', () => {
    const objects = assembly.manifests.flatMap((m) => m.objects) as K8sObject[];
    const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
    const pods = [
      ...objects
        .filter((o) => ['Deployment', 'CronJob'].includes(o.kind))
        .map((o) => ({
          id: `${o.kind}/${o.metadata.name}`,
          namespace: o.metadata.namespace!,
          labels: (o.kind === 'CronJob' ? o.spec.jobTemplate.spec.template : o.spec.template).metadata.labels,
        })),
      ...objects
        .filter((o) => o.kind === 'SparkApplication')
        .flatMap((o) =>
          (['driver', 'executor'] as const).map((role) => ({
            id: `${o.metadata.name}/${role}`,
            namespace: o.metadata.namespace!,
            labels: { ...o.spec[role].labels, 'spark-role': role },
          })),
        ),
      { id: 'notebook spark executor', namespace: 'jupyterhub', labels: { 'spark-role': 'executor' } },
    ];
    // Workloads whose service accounts are bound to an IAM role through Pod Identity read S3.
    const bound = new Set(
      Object.values(assembly.resources)
        .filter((r) => r.Type === 'AWS::EKS::PodIdentityAssociation')
        .map((r) => r.Properties!.Namespace),
    );
    const report = pods.map((pod) => ({
      pod: pod.id,
      metadata: egressAllowed(policies, pod.namespace, pod.labels, IMDS.ip, IMDS.port),
      podIdentity: egressAllowed(policies, pod.namespace, pod.labels, POD_IDENTITY.ip, POD_IDENTITY.port),
    }));
    expect(pods.length).toBeGreaterThan(5);
    expect(report).toEqual(pods.map((pod) => ({ pod: pod.id, metadata: false, podIdentity: bound.has(pod.namespace) })));
    // The web app reads and writes dataset files in S3 with its own role.
    expect(report.find((r) => r.pod === 'Deployment/web-app')).toEqual({ pod: 'Deployment/web-app', metadata: false, podIdentity: true });
  });
});
