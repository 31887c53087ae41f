import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { K8sObject } from '../../charts/support/platform';

/** Stands in for a CloudFormation token (Ref, Fn::GetAtt, ...) inside a manifest or values. */
export const TOKEN = 'cfn-token';

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, any>;
  readonly DependsOn?: string | string[];
}

/** A JSON string property: plain, or an Fn::Join whose tokens become TOKEN. */
export function jsonText(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })?.['Fn::Join'];
  if (!join) throw new Error(`neither a string nor an Fn::Join: ${JSON.stringify(value)}`);
  return join[1].map((part) => (typeof part === 'string' ? part : TOKEN)).join(join[0]);
}

export interface HelmRelease {
  readonly id: string;
  readonly chart: string;
  readonly version: string;
  readonly namespace: string;
  readonly createNamespace: boolean;
  readonly timeout?: string;
  readonly values: any;
}

export interface Manifest {
  readonly id: string;
  readonly objects: K8sObject[];
}

export interface NodeGroup {
  readonly id: string;
  readonly labels: Record<string, string>;
  readonly taints: { key: string; value: string; effect: string }[];
  readonly instanceTypes: string[];
  readonly capacityType: string;
  readonly minSize: number;
}

/** The cluster stack's template read as a deploy would apply it. */
export class ClusterAssembly {
  readonly resources: Record<string, CfnResource>;
  readonly releases: HelmRelease[];
  readonly manifests: Manifest[];
  readonly nodeGroups: NodeGroup[];
  private readonly closure = new Map<string, Set<string>>();

  constructor(readonly stack: Stack) {
    this.resources = Template.fromStack(stack).toJSON().Resources as Record<string, CfnResource>;
    const entries = Object.entries(this.resources);
    this.releases = entries
      .filter(([, r]) => r.Type === 'Custom::AWSCDK-EKS-HelmChart')
      .map(([id, r]) => ({
        id,
        chart: r.Properties!.Chart,
        version: r.Properties!.Version,
        namespace: r.Properties!.Namespace,
        createNamespace: r.Properties!.CreateNamespace === true,
        timeout: r.Properties!.Timeout,
        values: r.Properties!.Values === undefined ? {} : JSON.parse(jsonText(r.Properties!.Values)),
      }));
    this.manifests = entries
      .filter(([, r]) => r.Type === 'Custom::AWSCDK-EKS-KubernetesResource')
      .map(([id, r]) => ({ id, objects: JSON.parse(jsonText(r.Properties!.Manifest)) as K8sObject[] }));
    this.nodeGroups = entries
      .filter(([, r]) => r.Type === 'AWS::EKS::Nodegroup')
      .map(([id, r]) => ({
        id,
        labels: r.Properties!.Labels ?? {},
        taints: (r.Properties!.Taints ?? []).map((t: { Key: string; Value: string; Effect: string }) => ({
          key: t.Key,
          value: t.Value,
          effect: t.Effect,
        })),
        instanceTypes: r.Properties!.InstanceTypes,
        capacityType: r.Properties!.CapacityType,
        minSize: r.Properties!.ScalingConfig.MinSize,
      }));
  }

  release(chart: string): HelmRelease {
    const found = this.releases.filter((r) => r.chart === chart);
    if (found.length !== 1) throw new Error(`expected one Helm release of ${chart}, found ${found.length}`);
    return found[0];
  }

  /** The manifest resources that hold an object of this kind (and name). */
  manifestsWith(kind: string, name?: string): Manifest[] {
    return this.manifests.filter((m) => m.objects.some((o) => o.kind === kind && (name === undefined || o.metadata.name === name)));
  }

  resourcesOfType(type: string): string[] {
    return Object.entries(this.resources)
      .filter(([, r]) => r.Type === type)
      .map(([id]) => id);
  }

  /**
   * Every resource CloudFormation creates before `id`: DependsOn and references (Ref,
   * Fn::GetAtt), followed transitively.
   */
  before(id: string): Set<string> {
    const cached = this.closure.get(id);
    if (cached) return cached;
    const result = new Set<string>();
    const stack = [...this.directDependencies(id)];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (result.has(next)) continue;
      result.add(next);
      stack.push(...this.directDependencies(next));
    }
    this.closure.set(id, result);
    return result;
  }

  /** Whether `first` is created before `then` starts. */
  isBefore(first: string, then: string): boolean {
    return this.before(then).has(first);
  }

  private directDependencies(id: string): string[] {
    const resource = this.resources[id];
    if (!resource) return [];
    const deps = new Set<string>([resource.DependsOn ?? []].flat());
    const walk = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
          if (key === 'Ref' && typeof inner === 'string' && this.resources[inner]) deps.add(inner);
          else if (key === 'Fn::GetAtt' && Array.isArray(inner) && this.resources[inner[0] as string]) deps.add(inner[0] as string);
          else walk(inner);
        }
      }
    };
    walk(resource.Properties);
    return [...deps];
  }
}
