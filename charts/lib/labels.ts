/** Recommended Kubernetes labels (app.kubernetes.io/*) shared by every object the charts emit. */
export const PART_OF = 'datavis-platform';

export interface ComponentLabels {
  readonly [key: string]: string;
}

/**
 * Labels for one component. `name` is the workload, `component` its role in the platform
 * (for example `spark-history-server` / `spark`).
 */
export function componentLabels(name: string, component: string): ComponentLabels {
  return {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/part-of': PART_OF,
    'app.kubernetes.io/managed-by': 'cdk8s',
  };
}

/** The subset of componentLabels that is stable enough for a selector. */
export function selectorLabels(name: string): ComponentLabels {
  return { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': PART_OF };
}
