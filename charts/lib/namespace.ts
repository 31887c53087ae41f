import * as kplus from 'cdk8s-plus-34';
import { Construct } from 'constructs';
import { componentLabels } from './labels';
import { assertDnsLabel } from './validation';

/** Pod Security admission level enforced on a namespace. */
export type PodSecurityLevel = 'restricted' | 'baseline' | 'privileged';

export interface PlatformNamespaceProps {
  readonly name: string;
  readonly component: string;
  /**
   * Pod Security level enforced (and audited, and warned about) by the admission controller.
   * Every platform namespace runs "restricted"; a weaker level needs a written reason.
   * @default 'restricted'
   */
  readonly podSecurity?: PodSecurityLevel;
}

/** A namespace carrying the pod-security.kubernetes.io enforce/audit/warn labels. */
export class PlatformNamespace extends kplus.Namespace {
  public constructor(scope: Construct, id: string, props: PlatformNamespaceProps) {
    assertDnsLabel('namespace', props.name);
    const level = props.podSecurity ?? 'restricted';
    super(scope, id, {
      metadata: {
        name: props.name,
        labels: {
          ...componentLabels(props.name, props.component),
          'pod-security.kubernetes.io/enforce': level,
          'pod-security.kubernetes.io/enforce-version': 'latest',
          'pod-security.kubernetes.io/audit': level,
          'pod-security.kubernetes.io/audit-version': 'latest',
          'pod-security.kubernetes.io/warn': level,
          'pod-security.kubernetes.io/warn-version': 'latest',
        },
      },
    });
  }
}
