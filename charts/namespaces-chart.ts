import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { PlatformNamespace } from './lib/namespace';

export interface NamespaceSpec {
  readonly name: string;
  /** app.kubernetes.io/component of the namespace. */
  readonly component: string;
}

export interface PlatformNamespacesChartProps {
  readonly namespaces: readonly NamespaceSpec[];
}

/**
 * Every namespace the platform's charts and Helm releases put objects into, in a chart of its
 * own: it is applied first, because Helm releases render objects into them (the Spark operator
 * chart a Role per `spark.jobNamespaces` entry, Reloader a Role per watched namespace) and
 * fail when a namespace does not exist yet.
 */
export class PlatformNamespacesChart extends Chart {
  public readonly namespaceNames: readonly string[];

  public constructor(scope: Construct, id: string, props: PlatformNamespacesChartProps) {
    super(scope, id);
    const names = props.namespaces.map((ns) => ns.name);
    const duplicate = names.find((name, index) => names.indexOf(name) !== index);
    if (duplicate !== undefined) throw new Error(`namespace '${duplicate}' is listed twice; each namespace is created once`);
    this.namespaceNames = names;
    for (const ns of props.namespaces) new PlatformNamespace(this, ns.name, { name: ns.name, component: ns.component });
  }
}
