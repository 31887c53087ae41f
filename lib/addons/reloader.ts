import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { Construct } from 'constructs';
import { NODE_ROLE_LABEL } from '../../charts';

export const RELOADER_NAMESPACE = 'reloader';

/** The subset of stakater/Reloader chart values the platform sets (specs/reloader/values.yaml). */
export interface ReloaderValues {
  readonly reloader: {
    /** false + namespaces: the chart creates a Role in each watched namespace and no ClusterRole. */
    readonly watchGlobally: false;
    readonly namespaces: readonly string[];
    /** Only workloads that name a Secret in their annotation are rolled. */
    readonly autoReloadAll: false;
    readonly ignoreConfigMaps: true;
    readonly readOnlyRootFileSystem: true;
    readonly deployment: {
      readonly nodeSelector: Record<string, string>;
      readonly containerSecurityContext: Record<string, unknown>;
      readonly resources: { readonly requests: Record<string, string>; readonly limits: Record<string, string> };
    };
  };
}

export interface ReloaderProps {
  readonly cluster: eks.ICluster;
  /** Chart version from the release file. */
  readonly version: string;
  /** Namespaces whose annotated workloads Reloader may roll (each must exist before the release). */
  readonly namespaces: readonly string[];
}

/**
 * stakater/Reloader: rolls a Deployment whose `secret.reloader.stakater.com/reload` annotation
 * names a Secret when that Secret's data changes. The web app reads its database password at
 * start, so this is how pods pick up credentials rotated in Secrets Manager and re-synced by
 * External Secrets. Scoped to the named namespaces: a Role in each, no cluster-wide rights.
 */
export class Reloader extends Construct {
  readonly release: eks.HelmChart;
  readonly values: ReloaderValues;

  constructor(scope: Construct, id: string, props: ReloaderProps) {
    super(scope, id);
    if (props.namespaces.length === 0) throw new Error('Reloader needs at least one namespace to watch');
    this.values = {
      reloader: {
        watchGlobally: false,
        namespaces: [...props.namespaces],
        autoReloadAll: false,
        ignoreConfigMaps: true,
        readOnlyRootFileSystem: true,
        deployment: {
          nodeSelector: { [NODE_ROLE_LABEL]: 'system' },
          containerSecurityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
          resources: { requests: { cpu: '10m', memory: '64Mi' }, limits: { memory: '256Mi' } },
        },
      },
    };
    this.release = props.cluster.addHelmChart('ReloaderRelease', {
      chart: 'reloader',
      repository: 'https://stakater.github.io/stakater-charts',
      version: props.version,
      release: 'reloader',
      namespace: RELOADER_NAMESPACE,
      createNamespace: true,
      wait: true,
      values: this.values as unknown as Record<string, unknown>,
    });
  }
}
