import * as kplus from 'cdk8s-plus-34';

/**
 * Secure pod defaults: every Pod the charts emit meets Pod Security "restricted"
 * (runAsNonRoot, a non-zero UID, no privilege escalation, every capability dropped and the
 * runtime's default seccomp profile), and keeps its root filesystem read-only unless the
 * caller says why not.
 */
export interface RestrictedContainerOptions {
  /** Numeric UID the image's user has. */
  readonly user: number;
  /** Numeric GID the image's user has. */
  readonly group: number;
  /**
   * Mount the root filesystem read-only. Writable paths then come from emptyDir volumes.
   * @default true
   */
  readonly readOnlyRootFilesystem?: boolean;
}

export function restrictedContainerSecurity(options: RestrictedContainerOptions): kplus.ContainerSecurityContextProps {
  return {
    ensureNonRoot: true,
    user: options.user,
    group: options.group,
    privileged: false,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: options.readOnlyRootFilesystem ?? true,
    capabilities: { drop: [kplus.Capability.ALL] },
    seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
  };
}

export function restrictedPodSecurity(options: RestrictedContainerOptions): kplus.PodSecurityContextProps {
  return {
    ensureNonRoot: true,
    user: options.user,
    group: options.group,
    fsGroup: options.group,
    fsGroupChangePolicy: kplus.FsGroupChangePolicy.ON_ROOT_MISMATCH,
  };
}

/**
 * The same restricted shape as plain Kubernetes JSON, for custom resources whose pods are
 * created by an operator (SparkApplication driver and executor).
 */
export interface PlainSecurityContexts {
  readonly pod: {
    readonly runAsNonRoot: true;
    readonly runAsUser: number;
    readonly runAsGroup: number;
    readonly fsGroup: number;
    readonly seccompProfile: { readonly type: 'RuntimeDefault' };
  };
  readonly container: {
    readonly runAsNonRoot: true;
    readonly runAsUser: number;
    readonly runAsGroup: number;
    readonly allowPrivilegeEscalation: false;
    readonly privileged: false;
    readonly readOnlyRootFilesystem: boolean;
    readonly capabilities: { readonly drop: ['ALL'] };
    readonly seccompProfile: { readonly type: 'RuntimeDefault' };
  };
}

export function plainRestrictedSecurity(options: RestrictedContainerOptions): PlainSecurityContexts {
  return {
    pod: {
      runAsNonRoot: true,
      runAsUser: options.user,
      runAsGroup: options.group,
      fsGroup: options.group,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    container: {
      runAsNonRoot: true,
      runAsUser: options.user,
      runAsGroup: options.group,
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: options.readOnlyRootFilesystem ?? true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
  };
}
