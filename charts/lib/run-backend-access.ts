import * as kplus from 'cdk8s-plus-34';
import { Construct } from 'constructs';
import { runBackendPermissions, type RunNamespaces } from '../../app/server/runs/kubernetes/permissions';
import { PART_OF } from './labels';

const k8s = kplus.k8s;

/** Name of the run backend's Role and RoleBinding in each namespace it works in. */
export const RUN_BACKEND_ROLE = 'web-app-runs';

export interface RunBackendAccessProps extends RunNamespaces {
  readonly serviceAccount: { readonly name: string; readonly namespace: string };
}

/**
 * The Kubernetes run backend's RBAC, generated from its own declaration
 * (app/server/runs/kubernetes/permissions.ts, which its tests check against every call it
 * makes): one Role per namespace with exactly those rules, bound to the web app's service
 * account. Nothing is cluster-wide.
 */
export function grantRunBackendAccess(scope: Construct, props: RunBackendAccessProps): void {
  const labels = { 'app.kubernetes.io/component': 'web', 'app.kubernetes.io/part-of': PART_OF, 'app.kubernetes.io/managed-by': 'cdk8s' };
  const subjects = [{ kind: 'ServiceAccount', name: props.serviceAccount.name, namespace: props.serviceAccount.namespace }];
  for (const { namespace, rules } of runBackendPermissions(props)) {
    new k8s.KubeRole(scope, `run-backend-role-${namespace}`, {
      metadata: { name: RUN_BACKEND_ROLE, namespace, labels },
      rules: rules.map((r) => ({ apiGroups: [r.apiGroup], resources: [r.resource], verbs: [...r.verbs] })),
    });
    new k8s.KubeRoleBinding(scope, `run-backend-binding-${namespace}`, {
      metadata: { name: RUN_BACKEND_ROLE, namespace, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: RUN_BACKEND_ROLE },
      subjects,
    });
  }
}
