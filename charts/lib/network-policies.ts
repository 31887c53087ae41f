import * as kplus from 'cdk8s-plus-34';
import { Construct } from 'constructs';
import { PART_OF } from './labels';

const k8s = kplus.k8s;
type LabelMap = { readonly [key: string]: string };

const NAME_LABEL = 'kubernetes.io/metadata.name';

function metadata(name: string, namespace: string) {
  return { name, namespace, labels: { 'app.kubernetes.io/part-of': PART_OF, 'app.kubernetes.io/managed-by': 'cdk8s' } };
}

/** Denies all ingress and egress for every pod in the namespace; allow rules are added next to it. */
export function defaultDeny(scope: Construct, namespace: string): void {
  new k8s.KubeNetworkPolicy(scope, 'default-deny', {
    metadata: metadata('default-deny', namespace),
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  });
}

/** Lets every pod in the namespace resolve names through the cluster DNS (kube-system, port 53). */
export function allowDnsEgress(scope: Construct, namespace: string): void {
  new k8s.KubeNetworkPolicy(scope, 'allow-dns', {
    metadata: metadata('allow-dns-egress', namespace),
    spec: {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: { [NAME_LABEL]: 'kube-system' } } }],
          ports: [
            { protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) },
            { protocol: 'TCP', port: k8s.IntOrString.fromNumber(53) },
          ],
        },
      ],
    },
  });
}

export interface TcpEgressOptions {
  readonly name: string;
  readonly ports: number[];
  /** @default every pod in the namespace */
  readonly podLabels?: LabelMap;
  /** @default 0.0.0.0/0 */
  readonly cidr?: string;
}

/** Allows TCP egress to the given ports (HTTPS to AWS APIs and S3, MySQL, Redis). */
export function allowTcpEgress(scope: Construct, namespace: string, options: TcpEgressOptions): void {
  new k8s.KubeNetworkPolicy(scope, options.name, {
    metadata: metadata(options.name, namespace),
    spec: {
      podSelector: options.podLabels ? { matchLabels: { ...options.podLabels } } : {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ ipBlock: { cidr: options.cidr ?? '0.0.0.0/0' } }],
          ports: options.ports.map((port) => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) })),
        },
      ],
    },
  });
}

/** Lets pods of the namespace talk to each other (Spark driver <-> executors). */
export function allowWithinNamespace(scope: Construct, namespace: string): void {
  new k8s.KubeNetworkPolicy(scope, 'allow-same-namespace', {
    metadata: metadata('allow-same-namespace', namespace),
    spec: {
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: {} }] }],
      egress: [{ to: [{ podSelector: {} }] }],
    },
  });
}

export interface TcpIngressOptions {
  readonly name: string;
  readonly podLabels: LabelMap;
  readonly ports: number[];
  /** Peers by IP range (for example the VPC CIDR the load balancer sits in). */
  readonly fromCidr?: string;
  /** Peers by namespace name. */
  readonly fromNamespaces?: string[];
}

/** Allows TCP ingress on the given ports to the selected pods. */
export function allowTcpIngress(scope: Construct, namespace: string, options: TcpIngressOptions): void {
  const from = [
    ...(options.fromCidr ? [{ ipBlock: { cidr: options.fromCidr } }] : []),
    ...(options.fromNamespaces ?? []).map((ns) => ({ namespaceSelector: { matchLabels: { [NAME_LABEL]: ns } } })),
  ];
  if (from.length === 0) {
    throw new Error(
      `network policy ${options.name}: give fromCidr or fromNamespaces, an ingress rule without peers would allow every source`,
    );
  }
  new k8s.KubeNetworkPolicy(scope, options.name, {
    metadata: metadata(options.name, namespace),
    spec: {
      podSelector: { matchLabels: { ...options.podLabels } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from,
          ports: options.ports.map((port) => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) })),
        },
      ],
    },
  });
}

/**
 * The EKS Pod Identity agent: a link-local address on every node, HTTP on port 80. The AWS SDKs
 * fetch a pod's credentials there, so pods that call S3 or STS need this egress. It is a
 * different address from the instance metadata service (169.254.169.254), which no platform
 * policy allows.
 */
export const POD_IDENTITY_AGENT = { cidr: '169.254.170.23/32', port: 80 } as const;
/** The EC2 instance metadata service, unreachable from every platform pod. */
export const INSTANCE_METADATA_CIDR = '169.254.169.254/32';

/** Lets the selected pods (every pod by default) fetch their AWS credentials from the Pod Identity agent. */
export function allowPodIdentityEgress(scope: Construct, namespace: string, podLabels?: LabelMap): void {
  allowTcpEgress(scope, namespace, {
    name: 'allow-pod-identity-agent',
    ports: [POD_IDENTITY_AGENT.port],
    cidr: POD_IDENTITY_AGENT.cidr,
    podLabels,
  });
}
