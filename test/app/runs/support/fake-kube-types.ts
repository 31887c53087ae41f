import type { KubeObject } from './fake-kube-api';

/** The kinds the API stand-in (fake-kube-api.ts) serves, and the selectors it understands. */
export interface ResourceType {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly kind: string;
  /** What DELETE does to dependents without a propagationPolicy: batch/v1 Jobs orphan their pods. */
  readonly defaultPropagation: 'Orphan' | 'Background';
  /** Cluster-scoped kinds (nodes) live outside namespaces. @default namespaced */
  readonly clusterScoped?: boolean;
}

export const TYPES: ResourceType[] = [
  { group: 'batch', version: 'v1', resource: 'jobs', kind: 'Job', defaultPropagation: 'Orphan' },
  { group: '', version: 'v1', resource: 'pods', kind: 'Pod', defaultPropagation: 'Background' },
  {
    group: 'sparkoperator.k8s.io',
    version: 'v1beta2',
    resource: 'sparkapplications',
    kind: 'SparkApplication',
    defaultPropagation: 'Background',
  },
  { group: 'coordination.k8s.io', version: 'v1', resource: 'leases', kind: 'Lease', defaultPropagation: 'Background' },
  { group: '', version: 'v1', resource: 'nodes', kind: 'Node', defaultPropagation: 'Background', clusterScoped: true },
  {
    group: 'metrics.k8s.io',
    version: 'v1beta1',
    resource: 'nodes',
    kind: 'NodeMetrics',
    defaultPropagation: 'Background',
    clusterScoped: true,
  },
  { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', defaultPropagation: 'Background' },
  { group: 'apps', version: 'v1', resource: 'statefulsets', kind: 'StatefulSet', defaultPropagation: 'Background' },
  { group: 'apps', version: 'v1', resource: 'daemonsets', kind: 'DaemonSet', defaultPropagation: 'Background' },
  { group: '', version: 'v1', resource: 'events', kind: 'Event', defaultPropagation: 'Background' },
];

/**
 * The type a test names: `resource.group` (kubectl's form), or a bare resource name, which
 * means the core group's kind when several groups serve that name (`nodes`).
 */
export function typeNamed(name: string): ResourceType {
  const qualified = TYPES.find((t) => (t.group === '' ? t.resource : `${t.resource}.${t.group}`) === name);
  const type = qualified ?? TYPES.find((t) => t.resource === name);
  if (!type) throw new Error(`the fake API does not serve ${name}`);
  return type;
}

/** Equality field selectors on dotted paths: `type=Warning`, `involvedObject.kind!=Pod`, comma-separated. */
export function matchesFieldSelector(object: KubeObject, selector: string | undefined): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const m = /^([^!=]+)(!=|==?)(.*)$/.exec(term.trim());
    if (!m) throw new Error(`unsupported field selector '${term}'`);
    const actual = m[1].split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], object);
    const equal = String(actual ?? '') === m[3];
    return m[2] === '!=' ? !equal : equal;
  });
}

/** Equality-based label selectors: `a=b`, `a==b`, `a!=b`, `a`, `!a`, comma-separated. */
export function matchesSelector(labels: Record<string, string> | undefined, selector: string | undefined): boolean {
  if (!selector) return true;
  const l = labels ?? {};
  return selector.split(',').every((term) => {
    const t = term.trim();
    let m: RegExpExecArray | null;
    if ((m = /^([^!=]+)!=(.*)$/.exec(t))) return l[m[1]] !== m[2];
    if ((m = /^([^!=]+)==?(.*)$/.exec(t))) return l[m[1]] === m[2];
    if (t.startsWith('!')) return !(t.slice(1) in l);
    return t in l;
  });
}
