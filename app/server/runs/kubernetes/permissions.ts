/**
 * The Kubernetes API permissions the run backend uses, per namespace: exactly the calls it
 * makes (tests record every call against an API stand-in and check both ways), to be granted
 * by one Role per namespace bound to the web app's service account.
 */
export interface PermissionRule {
  /** '' is the core group. */
  readonly apiGroup: string;
  /** A resource, or resource/subresource (`pods/log`). */
  readonly resource: string;
  readonly verbs: readonly string[];
}

export interface NamespacePermissions {
  readonly namespace: string;
  readonly rules: readonly PermissionRule[];
}

export interface RunNamespaces {
  /** Where notebook Jobs run (the runner's service account and its S3 access live there). */
  readonly notebookNamespace: string;
  /** Where SparkApplications run (a job namespace of the Spark operator). */
  readonly sparkNamespace: string;
  /** Where the leader-election Lease is kept (the web app's own namespace). */
  readonly leaseNamespace: string;
}

const NOTEBOOK_RULES: PermissionRule[] = [
  // create a run's Job, watch and list Jobs by the run-id label, delete on cancel and timeout
  { apiGroup: 'batch', resource: 'jobs', verbs: ['create', 'list', 'watch', 'delete'] },
  // find a Job's pod by the run-id label (its name is generated), read its logs
  { apiGroup: '', resource: 'pods', verbs: ['list'] },
  { apiGroup: '', resource: 'pods/log', verbs: ['get'] },
];

const SPARK_RULES: PermissionRule[] = [
  { apiGroup: 'sparkoperator.k8s.io', resource: 'sparkapplications', verbs: ['create', 'list', 'watch', 'delete'] },
  // the driver pod is named by the operator (status.driverInfo.podName): no list needed
  { apiGroup: '', resource: 'pods/log', verbs: ['get'] },
];

const LEASE_RULES: PermissionRule[] = [{ apiGroup: 'coordination.k8s.io', resource: 'leases', verbs: ['get', 'create', 'update'] }];

/** Merges rules of one namespace: one rule per (apiGroup, resource), verbs in a stable order. */
function merge(rules: readonly PermissionRule[]): PermissionRule[] {
  const merged = new Map<string, { apiGroup: string; resource: string; verbs: Set<string> }>();
  for (const rule of rules) {
    const key = `${rule.apiGroup}/${rule.resource}`;
    const entry = merged.get(key) ?? { apiGroup: rule.apiGroup, resource: rule.resource, verbs: new Set<string>() };
    rule.verbs.forEach((v) => entry.verbs.add(v));
    merged.set(key, entry);
  }
  return [...merged.values()].map((r) => ({ apiGroup: r.apiGroup, resource: r.resource, verbs: [...r.verbs] }));
}

export function runBackendPermissions(namespaces: RunNamespaces): NamespacePermissions[] {
  const byNamespace = new Map<string, PermissionRule[]>();
  const add = (namespace: string, rules: PermissionRule[]) => byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), ...rules]);
  add(namespaces.notebookNamespace, NOTEBOOK_RULES);
  add(namespaces.sparkNamespace, SPARK_RULES);
  add(namespaces.leaseNamespace, LEASE_RULES);
  return [...byNamespace.entries()].map(([namespace, rules]) => ({ namespace, rules: merge(rules) }));
}

/** Whether a call (as RBAC sees it) is allowed by the declaration. */
export function isAllowed(
  permissions: readonly NamespacePermissions[],
  call: {
    readonly verb: string;
    readonly apiGroup: string;
    readonly resource: string;
    readonly namespace: string;
    readonly subresource?: string;
  },
): boolean {
  const resource = call.subresource ? `${call.resource}/${call.subresource}` : call.resource;
  return permissions.some(
    (p) =>
      p.namespace === call.namespace &&
      p.rules.some((r) => r.apiGroup === call.apiGroup && r.resource === resource && r.verbs.includes(call.verb)),
  );
}
