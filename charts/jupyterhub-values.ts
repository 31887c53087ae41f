import { Duration, Size } from 'cdk8s';
import type { SparkPodTemplateMount } from './jupyterhub-spark-chart';
import { assertAcmCertificateArn, assertDnsLabel, assertIpv4Cidr } from './lib/validation';

/** Where the z2jh chart (version: the release file's charts.jupyterhub) is published. */
export const JUPYTERHUB_CHART_REPOSITORY = 'https://hub.jupyter.org/helm-chart/';

/** UID/GID of `jovyan` in the Jupyter docker-stacks images. */
const JOVYAN_UID = 1000;
const USERS_GID = 100;

export interface KubeSpawnerSecurityContext {
  readonly runAsNonRoot: true;
  readonly runAsUser?: number;
  readonly allowPrivilegeEscalation?: false;
  readonly capabilities?: { readonly drop: readonly ['ALL'] };
  readonly seccompProfile: { readonly type: 'RuntimeDefault' };
}

export interface KubeSpawnerOverride {
  readonly cpu_guarantee: number;
  readonly cpu_limit: number;
  readonly mem_guarantee: string;
  readonly mem_limit: string;
  readonly service_account?: string;
  readonly automount_service_account_token?: boolean;
  readonly environment?: { readonly [name: string]: string };
  readonly volumes?: readonly { readonly name: string; readonly configMap: { readonly name: string } }[];
  readonly volume_mounts?: readonly { readonly name: string; readonly mountPath: string; readonly readOnly: true }[];
}

export interface ProfileValues {
  readonly display_name: string;
  readonly slug: string;
  readonly description: string;
  readonly default?: boolean;
  readonly kubespawner_override: KubeSpawnerOverride;
}

interface NetworkPolicyPeer {
  readonly podSelector?: { readonly matchLabels: { readonly [key: string]: string } };
  readonly ipBlock?: { readonly cidr: string };
}
interface NetworkPolicyRule {
  readonly ports?: readonly { readonly port: number; readonly protocol: 'TCP' | 'UDP' }[];
  readonly to?: readonly NetworkPolicyPeer[];
  readonly from?: readonly NetworkPolicyPeer[];
}

/** The subset of z2jh 4.4.0 values the platform sets (key names as in the chart's values.yaml). */
export interface JupyterHubValues {
  readonly hub: {
    readonly config: {
      readonly JupyterHub: { readonly authenticator_class: 'nativeauthenticator.NativeAuthenticator' };
      readonly Authenticator: { readonly admin_users: readonly string[]; readonly allow_all: true };
      readonly NativeAuthenticator: {
        readonly open_signup: false;
        readonly minimum_password_length: number;
        readonly check_common_password: true;
        readonly allowed_failed_logins: number;
        readonly seconds_before_next_try: number;
      };
      readonly KubeSpawner: {
        readonly pod_security_context: KubeSpawnerSecurityContext & { readonly fsGroup: number };
        readonly container_security_context: Required<KubeSpawnerSecurityContext>;
      };
    };
    readonly resources: ResourceValues;
  };
  readonly proxy: {
    readonly service: { readonly type: 'ClusterIP' | 'LoadBalancer' | 'NodePort' };
    readonly chp: { readonly resources: ResourceValues };
  };
  readonly singleuser: {
    readonly image: { readonly name: string; readonly tag: string };
    readonly uid: number;
    readonly fsGid: number;
    readonly serviceAccountName: string;
    readonly allowPrivilegeEscalation: false;
    readonly cloudMetadata: { readonly blockWithIptables: false };
    readonly networkPolicy: {
      readonly enabled: true;
      readonly egressAllowRules: { readonly cloudMetadataServer: false; readonly privateIPs: false; readonly nonPrivateIPs: boolean };
      readonly ingress: readonly NetworkPolicyRule[];
      readonly egress: readonly NetworkPolicyRule[];
    };
    readonly storage: {
      readonly type: 'dynamic';
      readonly capacity: string;
      readonly dynamic: { readonly storageClass: string; readonly storageAccessModes: readonly ['ReadWriteOnce'] };
    };
    readonly cpu: { readonly guarantee: number; readonly limit: number };
    readonly memory: { readonly guarantee: string; readonly limit: string };
    readonly startTimeout: number;
    readonly profileList: readonly ProfileValues[];
  };
  readonly cull: {
    readonly enabled: true;
    readonly timeout: number;
    readonly every: number;
    readonly maxAge: number;
    readonly users: false;
  };
  readonly ingress: {
    readonly enabled: boolean;
    readonly ingressClassName?: string;
    readonly hosts?: readonly string[];
    readonly pathType?: 'Prefix';
    readonly annotations?: { readonly [key: string]: string };
  };
}

interface ResourceValues {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

export interface JupyterHubValuesProps {
  /** Users who may approve sign-ups and manage servers. @default ['admin'] */
  readonly adminUsers?: readonly string[];
  /**
   * HTTPS through an ALB (AWS) or no ingress (local: `kubectl port-forward svc/proxy-public`).
   */
  readonly exposure: { readonly kind: 'alb'; readonly host: string; readonly certificateArn: string } | { readonly kind: 'cluster-ip' };
  /** VPC CIDR (pod CIDR locally): where the Kubernetes API answers for the Spark profile. */
  readonly vpcCidr: string;
  /** Service account of the single-user pods (JupyterHubSparkChart creates it). @default 'jupyter-singleuser' */
  readonly singleuserServiceAccountName?: string;
  /** Storage class of the per-user volumes. @default 'gp3' (EBS CSI) */
  readonly storageClass?: string;
  /** Per-user volume size. @default 10 GiB */
  readonly userStorage?: Size;
  /** Idle servers are stopped after this long. @default 1 hour */
  readonly idleTimeout?: Duration;
  /** Single-user image, from the release file's images.jupyterSingleUser. */
  readonly singleuserImage: { readonly name: string; readonly tag: string };
  /** The executor pod template JupyterHubSparkChart publishes, mounted by the Spark profile. */
  readonly sparkPodTemplates: SparkPodTemplateMount;
}

const RESTRICTED_CONTAINER = {
  runAsNonRoot: true,
  runAsUser: JOVYAN_UID,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
} as const;

/**
 * Values for the z2jh 4.4.0 Helm release. Every pod the chart makes meets Pod Security
 * "restricted": the chart's own pods by its defaults, the single-user pods through the
 * KubeSpawner security contexts set here. No exception is needed, because the one privileged
 * piece of the chart, the iptables init container that blocks the cloud metadata server, is
 * turned off and the metadata server is blocked by the single-user NetworkPolicy instead
 * (egressAllowRules.cloudMetadataServer: false).
 */
export function jupyterHubValues(props: JupyterHubValuesProps): JupyterHubValues {
  assertIpv4Cidr('vpcCidr', props.vpcCidr);
  const sparkSa = props.singleuserServiceAccountName ?? 'jupyter-singleuser';
  assertDnsLabel('singleuserServiceAccountName', sparkSa);
  const image = props.singleuserImage;
  if (image.tag === '' || image.tag === 'latest') {
    throw new Error(`singleuserImage.tag must be pinned (not empty or 'latest'), got '${image.tag}'`);
  }
  const idle = (props.idleTimeout ?? Duration.hours(1)).toSeconds();
  const alb = props.exposure.kind === 'alb' ? props.exposure : undefined;
  if (alb) assertAcmCertificateArn('exposure.certificateArn', alb.certificateArn);
  const sparkPeers = { podSelector: { matchLabels: { 'spark-role': 'executor' } } };
  const templatePath = `${props.sparkPodTemplates.mountPath}/${props.sparkPodTemplates.executorFile}`;

  return {
    hub: {
      config: {
        // Accounts live in the hub's database; sign-ups wait for an admin's approval.
        JupyterHub: { authenticator_class: 'nativeauthenticator.NativeAuthenticator' },
        // JupyterHub 5 admits nobody, the admin included, without allow config (allow_all
        // defaults to false and NativeAuthenticator does not change that; see
        // specs/jupyterhub/ADMISSION.md). NativeAuthenticator itself authenticates only
        // approved accounts, so allow_all admits exactly those and the pre-approved admin.
        Authenticator: { admin_users: [...(props.adminUsers ?? ['admin'])], allow_all: true },
        NativeAuthenticator: {
          open_signup: false,
          minimum_password_length: 12,
          check_common_password: true,
          allowed_failed_logins: 5,
          seconds_before_next_try: 600,
        },
        KubeSpawner: {
          pod_security_context: { runAsNonRoot: true, fsGroup: USERS_GID, seccompProfile: { type: 'RuntimeDefault' } },
          container_security_context: RESTRICTED_CONTAINER,
        },
      },
      resources: { requests: { cpu: '100m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
    },
    proxy: {
      // The ALB (or a port-forward locally) is the only way in; no second load balancer.
      service: { type: 'ClusterIP' },
      chp: { resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } } },
    },
    singleuser: {
      image: { name: image.name, tag: image.tag },
      uid: JOVYAN_UID,
      fsGid: USERS_GID,
      // S3 access for every user through Pod Identity; the API token only in the Spark profile.
      serviceAccountName: sparkSa,
      allowPrivilegeEscalation: false,
      cloudMetadata: { blockWithIptables: false },
      networkPolicy: {
        enabled: true,
        egressAllowRules: { cloudMetadataServer: false, privateIPs: false, nonPrivateIPs: true },
        // Spark in client mode: executors connect back to the driver in the notebook pod.
        ingress: [{ from: [sparkPeers] }],
        egress: [{ to: [sparkPeers] }, { to: [{ ipBlock: { cidr: props.vpcCidr } }], ports: [{ port: 443, protocol: 'TCP' }] }],
      },
      storage: {
        type: 'dynamic',
        capacity: `${(props.userStorage ?? Size.gibibytes(10)).toGibibytes()}Gi`,
        dynamic: { storageClass: props.storageClass ?? 'gp3', storageAccessModes: ['ReadWriteOnce'] },
      },
      cpu: { guarantee: 0.5, limit: 2 },
      memory: { guarantee: '1G', limit: '4G' },
      startTimeout: 600,
      profileList: [
        {
          display_name: 'Small',
          slug: 'small',
          description: '0.5-2 CPU, 1-4 GB memory: pandas on small data.',
          default: true,
          kubespawner_override: {
            cpu_guarantee: 0.5,
            cpu_limit: 2,
            mem_guarantee: '1G',
            mem_limit: '4G',
            automount_service_account_token: false,
          },
        },
        {
          display_name: 'Large',
          slug: 'large',
          // Sized to fit the smallest system node (m7g.large: 2 vCPU, 8 GiB, less what EKS and
          // the node's daemons reserve), where user servers run.
          description: '1.25-2 CPU, 5-6 GB memory: heavier single-node work.',
          kubespawner_override: {
            cpu_guarantee: 1.25,
            cpu_limit: 2,
            mem_guarantee: '5G',
            mem_limit: '6G',
            automount_service_account_token: false,
          },
        },
        {
          display_name: 'Spark',
          slug: 'spark',
          description: 'A Spark driver in the notebook, executors as pods in this namespace.',
          kubespawner_override: {
            cpu_guarantee: 1,
            cpu_limit: 4,
            mem_guarantee: '4G',
            mem_limit: '8G',
            service_account: sparkSa,
            // The driver talks to the Kubernetes API to create its executor pods.
            automount_service_account_token: true,
            environment: {
              SPARK_EXECUTOR_SERVICE_ACCOUNT: sparkSa,
              // spark-submit options PySpark applies to every session the notebook starts:
              // executors get the pod template (spot executor nodes, restricted security).
              PYSPARK_SUBMIT_ARGS: `--conf spark.kubernetes.executor.podTemplateFile=${templatePath} pyspark-shell`,
            },
            volumes: [{ name: 'spark-pod-templates', configMap: { name: props.sparkPodTemplates.configMapName } }],
            volume_mounts: [{ name: 'spark-pod-templates', mountPath: props.sparkPodTemplates.mountPath, readOnly: true }],
          },
        },
      ],
    },
    cull: { enabled: true, timeout: idle, every: 300, maxAge: 0, users: false },
    ingress: alb
      ? {
          enabled: true,
          ingressClassName: 'alb',
          hosts: [alb.host],
          pathType: 'Prefix',
          annotations: {
            'alb.ingress.kubernetes.io/scheme': 'internet-facing',
            'alb.ingress.kubernetes.io/target-type': 'ip',
            'alb.ingress.kubernetes.io/listen-ports': JSON.stringify([{ HTTP: 80 }, { HTTPS: 443 }]),
            'alb.ingress.kubernetes.io/ssl-redirect': '443',
            'alb.ingress.kubernetes.io/certificate-arn': alb.certificateArn,
            'alb.ingress.kubernetes.io/ssl-policy': 'ELBSecurityPolicy-TLS13-1-2-2021-06',
            'alb.ingress.kubernetes.io/healthcheck-path': '/hub/health',
            'alb.ingress.kubernetes.io/success-codes': '200',
            'alb.ingress.kubernetes.io/load-balancer-attributes': 'idle_timeout.timeout_seconds=3600',
          },
        }
      : { enabled: false },
  };
}
