/**
 * The node groups' role label and taints (lib/constructs/platform-cluster.ts creates the
 * groups from these): system nodes are untainted; the Spark groups carry a NoSchedule taint
 * `datavis.io/node-role=<role>`, so only pods that tolerate it and select the role land there.
 */
export const NODE_ROLE_LABEL = 'datavis.io/node-role';
export type NodeRole = 'system' | 'spark-driver' | 'spark-executor';
/** Roles whose nodes are tainted so that nothing else is scheduled on them. */
export const DEDICATED_NODE_ROLES: readonly NodeRole[] = ['spark-driver', 'spark-executor'];

export interface Toleration {
  readonly key: string;
  readonly operator: 'Equal';
  readonly value: string;
  readonly effect: 'NoSchedule';
}

/** nodeSelector and tolerations that place a pod on the nodes of one role. */
export interface NodePlacement {
  readonly nodeSelector: { readonly [key: string]: string };
  readonly tolerations: readonly Toleration[];
}

export function nodePlacement(role: NodeRole): NodePlacement {
  const tolerations: Toleration[] = DEDICATED_NODE_ROLES.includes(role)
    ? [{ key: NODE_ROLE_LABEL, operator: 'Equal', value: role, effect: 'NoSchedule' }]
    : [];
  return { nodeSelector: { [NODE_ROLE_LABEL]: role }, tolerations };
}
