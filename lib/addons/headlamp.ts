import { Duration } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { Construct } from 'constructs';
import { HEADLAMP_NAMESPACE, HEADLAMP_RELEASE, NODE_ROLE_LABEL, OIDC_CLAIM_PREFIX } from '../../charts';
import { ConfigError, DashboardConfig } from '../config';

export const HEADLAMP_CHART_REPOSITORY = 'https://kubernetes-sigs.github.io/headlamp/';
/** UID and GID of the `headlamp` user in the Headlamp image (the chart's securityContext defaults). */
export const HEADLAMP_UID = 100;
export const HEADLAMP_GID = 101;
/** How long a sign-in lasts: a working day, not the chart's 24 hours. */
export const HEADLAMP_SESSION_TTL = Duration.hours(8);

/** Headlamp's OIDC settings (config.oidc in the chart's values.yaml). */
export interface HeadlampOidcValues {
  /** No chart-made Secret: nothing here is secret (a public client with PKCE has no client secret). */
  readonly secret: { readonly create: false };
  readonly externalSecret: { readonly enabled: false };
  readonly clientID?: string;
  readonly issuerURL?: string;
  /** Comma-separated; Headlamp adds `openid`. */
  readonly scopes?: string;
  /** Fixed to the public HTTPS host: behind the load balancer Headlamp itself sees plain HTTP. */
  readonly callbackURL?: string;
  readonly usePKCE?: true;
}

/** The subset of the headlamp chart's values the platform sets (checked against specs/headlamp/values.schema.json and values.yaml). */
export interface HeadlampValues {
  readonly replicaCount: number;
  readonly config: {
    readonly inCluster: true;
    /** Set, so Headlamp never reads kube-system's kubeadm-config to derive a name (its service account has no rights). */
    readonly inClusterContextName: string;
    readonly sessionTTL: number;
    /**
     * false: every user's own token (pasted, or from OIDC) is forwarded to the Kubernetes API;
     * the pod's service account token authenticates nothing.
     */
    readonly unsafeUseServiceAccountToken: false;
    readonly enableHelm: false;
    readonly oidc: HeadlampOidcValues;
  };
  /**
   * Mounted only because Headlamp builds its in-cluster API endpoint with client-go's
   * rest.InClusterConfig(), which reads the token file; with unsafeUseServiceAccountToken off
   * the token is never sent, and the account is bound to no role.
   */
  readonly automountServiceAccountToken: true;
  readonly serviceAccount: { readonly create: true; readonly name: string };
  /** The chart binds cluster-admin by default; no binding at all is needed (see automountServiceAccountToken). */
  readonly clusterRoleBinding: { readonly create: false };
  readonly podSecurityContext: Record<string, unknown>;
  readonly securityContext: Record<string, unknown>;
  /** Our own "headlamp-tmp" volume, so /tmp (which the chart mounts when the root is read-only) has a size limit. */
  readonly volumes: readonly { readonly name: 'headlamp-tmp'; readonly emptyDir: { readonly sizeLimit: string } }[];
  readonly resources: { readonly requests: Record<string, string>; readonly limits: Record<string, string> };
  readonly nodeSelector: Record<string, string>;
  readonly pluginsManager: { readonly enabled: false };
  readonly ingress: {
    readonly enabled: true;
    readonly ingressClassName: 'alb';
    readonly annotations: Record<string, string>;
    readonly hosts: readonly { readonly host: string; readonly paths: readonly { readonly path: string; readonly type: string }[] }[];
  };
}

export interface HeadlampProps {
  readonly cluster: eks.ICluster;
  /** Chart version from the release file. */
  readonly version: string;
  /** Environment name, for messages. */
  readonly environment: string;
  /** Public host name of the dashboard. */
  readonly host: string;
  /** ACM certificate covering `host`. */
  readonly certificateArn: string;
  /** Who may reach it: an allow-list, OIDC sign-in, or both. */
  readonly access: DashboardConfig;
}

/**
 * Headlamp, the Kubernetes SIG UI project, as the cluster's dashboard: one pod on the system
 * nodes, reached only through its own ALB over HTTPS (no HTTP listener) from the allow-listed
 * CIDRs, signing users in with their own Kubernetes credentials (an EKS token, or OIDC when
 * configured) so that each sees exactly what their RBAC allows. Refuses an environment that
 * would expose it to everyone without sign-in.
 */
export class Headlamp extends Construct {
  readonly release: eks.HelmChart;
  readonly values: HeadlampValues;
  /** The EKS identity provider that accepts the OIDC provider's ID tokens, when OIDC is configured. */
  readonly identityProvider?: eks.CfnIdentityProviderConfig;

  constructor(scope: Construct, id: string, props: HeadlampProps) {
    super(scope, id);
    const { access } = props;
    if (access.allowedCidrs.length === 0 && access.oidc === undefined) {
      throw new ConfigError(
        `${props.environment}.dashboard.allowedCidrs`,
        access.allowedCidrs,
        `the Kubernetes dashboard would be reachable from anywhere without sign-in: set datavis:${props.environment}:dashboardAllowedCidrs ` +
          `to the operators' CIDRs, or datavis:${props.environment}:dashboardOidc to sign in through an OpenID Connect provider`,
      );
    }
    const oidc = access.oidc;
    if (oidc !== undefined) {
      // EKS then authenticates the ID tokens Headlamp forwards; the "oidc:" prefixes keep provider
      // names apart from Kubernetes' own users and groups (system:masters and the like).
      this.identityProvider = new eks.CfnIdentityProviderConfig(this, 'OidcProvider', {
        clusterName: props.cluster.clusterName,
        type: 'oidc',
        identityProviderConfigName: 'headlamp-oidc',
        oidc: {
          issuerUrl: oidc.issuerUrl,
          clientId: oidc.clientId,
          usernameClaim: oidc.usernameClaim,
          usernamePrefix: OIDC_CLAIM_PREFIX,
          groupsClaim: oidc.groupsClaim,
          groupsPrefix: OIDC_CLAIM_PREFIX,
        },
      });
    }

    const annotations: Record<string, string> = {
      'alb.ingress.kubernetes.io/scheme': 'internet-facing',
      'alb.ingress.kubernetes.io/target-type': 'ip',
      // HTTPS only: no port 80 listener to redirect from.
      'alb.ingress.kubernetes.io/listen-ports': JSON.stringify([{ HTTPS: 443 }]),
      'alb.ingress.kubernetes.io/certificate-arn': props.certificateArn,
      'alb.ingress.kubernetes.io/ssl-policy': 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      'alb.ingress.kubernetes.io/backend-protocol': 'HTTP',
      'alb.ingress.kubernetes.io/healthcheck-path': '/',
      'alb.ingress.kubernetes.io/success-codes': '200',
      // Headlamp keeps watch connections open; drop malformed headers at the load balancer.
      'alb.ingress.kubernetes.io/load-balancer-attributes':
        'idle_timeout.timeout_seconds=300,routing.http.drop_invalid_header_fields.enabled=true',
      // The load balancer's security group admits these ranges only (omitted only with OIDC sign-in).
      ...(access.allowedCidrs.length > 0 ? { 'alb.ingress.kubernetes.io/inbound-cidrs': access.allowedCidrs.join(',') } : {}),
    };
    const restricted = {
      runAsNonRoot: true,
      runAsUser: HEADLAMP_UID,
      runAsGroup: HEADLAMP_GID,
      seccompProfile: { type: 'RuntimeDefault' },
    };
    this.values = {
      replicaCount: 1,
      config: {
        inCluster: true,
        inClusterContextName: 'main',
        sessionTTL: HEADLAMP_SESSION_TTL.toSeconds(),
        unsafeUseServiceAccountToken: false,
        enableHelm: false,
        oidc: {
          secret: { create: false },
          externalSecret: { enabled: false },
          ...(oidc === undefined
            ? {}
            : {
                clientID: oidc.clientId,
                issuerURL: oidc.issuerUrl,
                scopes: oidc.scopes.join(','),
                callbackURL: `https://${props.host}/oidc-callback`,
                usePKCE: true,
              }),
        },
      },
      automountServiceAccountToken: true,
      serviceAccount: { create: true, name: HEADLAMP_RELEASE },
      clusterRoleBinding: { create: false },
      podSecurityContext: { ...restricted, fsGroup: HEADLAMP_GID },
      securityContext: {
        ...restricted,
        privileged: false,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      },
      volumes: [{ name: 'headlamp-tmp', emptyDir: { sizeLimit: '64Mi' } }],
      resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
      nodeSelector: { [NODE_ROLE_LABEL]: 'system' },
      pluginsManager: { enabled: false },
      ingress: {
        enabled: true,
        ingressClassName: 'alb',
        annotations,
        hosts: [{ host: props.host, paths: [{ path: '/', type: 'Prefix' }] }],
      },
    };
    this.release = props.cluster.addHelmChart('HeadlampRelease', {
      chart: 'headlamp',
      repository: HEADLAMP_CHART_REPOSITORY,
      version: props.version,
      release: HEADLAMP_RELEASE,
      namespace: HEADLAMP_NAMESPACE,
      createNamespace: false,
      wait: true,
      values: this.values as unknown as Record<string, unknown>,
    });
    if (this.identityProvider) this.release.node.addDependency(this.identityProvider);
  }
}
