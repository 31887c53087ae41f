import * as kplus from 'cdk8s-plus-34';
import { Construct } from 'constructs';
import { PART_OF } from './labels';

const k8s = kplus.k8s;

/**
 * The Kubernetes API reads of the web app's cluster overview (app/server/platform/
 * cluster-overview.ts), declared once: the chart grants exactly these, and a test records the
 * overview's calls against an API stand-in and compares them with what the chart grants.
 * Every rule is `list`: the overview reads each collection once per page load and neither
 * gets single objects nor watches.
 */
export interface ReadRule {
  /** '' is the core group. */
  readonly apiGroup: string;
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
}

/** Cluster-wide: the nodes (capacity, node group label, readiness) and their use from metrics-server. */
export const CLUSTER_OVERVIEW_CLUSTER_RULES: readonly ReadRule[] = [
  { apiGroup: '', resources: ['nodes'], verbs: ['list'] },
  { apiGroup: 'metrics.k8s.io', resources: ['nodes'], verbs: ['list'] },
];

export interface ClusterOverviewNamespaces {
  /** The platform's namespaces: their workloads and warning events are listed. */
  readonly namespaces: readonly string[];
  /** Where SparkApplications run; one of `namespaces`. */
  readonly sparkNamespace: string;
  /** Where notebook run Jobs run; one of `namespaces`. */
  readonly notebookNamespace: string;
}

/** What the overview lists in one namespace. */
export function clusterOverviewNamespaceRules(namespace: string, props: ClusterOverviewNamespaces): ReadRule[] {
  return [
    { apiGroup: 'apps', resources: ['deployments', 'statefulsets', 'daemonsets'], verbs: ['list'] },
    { apiGroup: '', resources: ['events'], verbs: ['list'] },
    ...(namespace === props.sparkNamespace
      ? [{ apiGroup: 'sparkoperator.k8s.io', resources: ['sparkapplications'], verbs: ['list'] }]
      : []),
    ...(namespace === props.notebookNamespace ? [{ apiGroup: 'batch', resources: ['jobs'], verbs: ['list'] }] : []),
  ];
}

export interface ClusterOverviewAccessProps extends ClusterOverviewNamespaces {
  readonly serviceAccount: { readonly name: string; readonly namespace: string };
}

/** Name of the overview's ClusterRole, RoleBindings and Roles (cluster-scoped names carry the app's namespace). */
export const CLUSTER_OVERVIEW_ROLE = 'web-app-cluster-overview';

const toK8sRules = (rules: readonly ReadRule[]) =>
  rules.map((r) => ({ apiGroups: [r.apiGroup], resources: [...r.resources], verbs: [...r.verbs] }));

/**
 * Read-only access for the cluster overview, kept apart from the run backend's RBAC: a
 * ClusterRole with the cluster-wide rules bound to the web app's service account, and one Role
 * and RoleBinding per platform namespace.
 */
export function grantClusterOverviewAccess(scope: Construct, props: ClusterOverviewAccessProps): void {
  for (const [what, ns] of [
    ['sparkNamespace', props.sparkNamespace],
    ['notebookNamespace', props.notebookNamespace],
  ] as const) {
    if (!props.namespaces.includes(ns)) {
      throw new Error(`cluster overview: ${what} '${ns}' must be one of the namespaces it reads (${props.namespaces.join(', ')})`);
    }
  }
  const labels = { 'app.kubernetes.io/component': 'web', 'app.kubernetes.io/part-of': PART_OF, 'app.kubernetes.io/managed-by': 'cdk8s' };
  const subjects = [{ kind: 'ServiceAccount', name: props.serviceAccount.name, namespace: props.serviceAccount.namespace }];
  const clusterRoleName = `${props.serviceAccount.namespace}-${CLUSTER_OVERVIEW_ROLE}`;
  new k8s.KubeClusterRole(scope, 'cluster-overview-cluster-role', {
    metadata: { name: clusterRoleName, labels },
    rules: toK8sRules(CLUSTER_OVERVIEW_CLUSTER_RULES),
  });
  new k8s.KubeClusterRoleBinding(scope, 'cluster-overview-cluster-binding', {
    metadata: { name: clusterRoleName, labels },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRoleName },
    subjects,
  });
  for (const namespace of props.namespaces) {
    new k8s.KubeRole(scope, `cluster-overview-role-${namespace}`, {
      metadata: { name: CLUSTER_OVERVIEW_ROLE, namespace, labels },
      rules: toK8sRules(clusterOverviewNamespaceRules(namespace, props)),
    });
    new k8s.KubeRoleBinding(scope, `cluster-overview-binding-${namespace}`, {
      metadata: { name: CLUSTER_OVERVIEW_ROLE, namespace, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: CLUSTER_OVERVIEW_ROLE },
      subjects,
    });
  }
}
