import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-34';
import { Construct } from 'constructs';
import { componentLabels } from './lib/labels';
import { allowDnsEgress, allowTcpEgress, allowTcpIngress, defaultDeny } from './lib/network-policies';
import { assertIpv4Cidr } from './lib/validation';

const k8s = kplus.k8s;

/** Namespace of the Headlamp release (created by PlatformNamespacesChart). */
export const HEADLAMP_NAMESPACE = 'headlamp';
/** Helm release name; the chart names its Deployment, Service and ServiceAccount after it ("headlamp"). */
export const HEADLAMP_RELEASE = 'headlamp';
/** The port Headlamp's container listens on (containerPort 4466 in the chart's deployment.yaml). */
export const HEADLAMP_PORT = 4466;
/** The chart's selector labels (headlamp.selectorLabels in _helpers.tpl) for this release. */
export const HEADLAMP_POD_LABELS = {
  'app.kubernetes.io/name': 'headlamp',
  'app.kubernetes.io/instance': HEADLAMP_RELEASE,
} as const;
/** Prefix EKS puts on user and group names from the OIDC provider, so they cannot pose as built-in subjects. */
export const OIDC_CLAIM_PREFIX = 'oidc:';

export interface HeadlampAccessChartProps {
  /** CIDR the load balancer reaches the pods from (target type ip): the VPC CIDR. */
  readonly vpcCidr: string;
  /**
   * Provider groups (without the "oidc:" prefix) whose members get the built-in read-only
   * `view` ClusterRole when they sign in through OIDC. @default none (no OIDC)
   */
  readonly oidcViewerGroups?: readonly string[];
}

/**
 * What the Headlamp Helm release does not create: its namespace's network policies (deny by
 * default; the load balancer in, DNS and HTTPS out to the Kubernetes API and the OIDC
 * provider) and, with OIDC sign-in, the binding that lets the provider's viewer groups read the
 * cluster. Applied after the namespaces and before the release.
 */
export class HeadlampAccessChart extends Chart {
  public readonly namespaceName = HEADLAMP_NAMESPACE;

  public constructor(scope: Construct, id: string, props: HeadlampAccessChartProps) {
    super(scope, id);
    assertIpv4Cidr('vpcCidr', props.vpcCidr);
    const ns = HEADLAMP_NAMESPACE;
    defaultDeny(this, ns);
    allowDnsEgress(this, ns);
    allowTcpIngress(this, ns, {
      name: 'allow-headlamp-from-load-balancer',
      podLabels: HEADLAMP_POD_LABELS,
      ports: [HEADLAMP_PORT],
      fromCidr: props.vpcCidr,
    });
    // Headlamp proxies the browser's requests to the Kubernetes API (443) and, with OIDC, calls
    // the provider's discovery and token endpoints (443). Nothing else.
    allowTcpEgress(this, ns, { name: 'allow-headlamp-https-egress', podLabels: HEADLAMP_POD_LABELS, ports: [443] });

    const groups = props.oidcViewerGroups ?? [];
    if (groups.length > 0) {
      for (const group of groups) {
        if (!/^[\w.:@/-]+$/.test(group)) throw new Error(`oidcViewerGroups: '${group}' is not a group name`);
      }
      const subjects = groups.map((group) => ({
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Group',
        name: `${OIDC_CLAIM_PREFIX}${group}`,
      }));
      const labels = componentLabels(HEADLAMP_RELEASE, 'dashboard');
      // `view` is Kubernetes' built-in read-only role over namespaced objects: no Secrets, no
      // writes, no exec or port-forward. Nodes are cluster-scoped and not in it, so a second
      // role adds reading them (the dashboard's node list).
      new k8s.KubeClusterRoleBinding(this, 'oidc-viewers', {
        metadata: { name: 'headlamp-oidc-viewers', labels },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
        subjects,
      });
      new k8s.KubeClusterRole(this, 'node-reader', {
        metadata: { name: 'headlamp-node-reader', labels },
        rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] }],
      });
      new k8s.KubeClusterRoleBinding(this, 'oidc-node-readers', {
        metadata: { name: 'headlamp-oidc-node-readers', labels },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'headlamp-node-reader' },
        subjects,
      });
    }
  }
}
