import { Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-34';
import { Construct } from 'constructs';
import { ClusterOverviewNamespaces, grantClusterOverviewAccess } from './lib/cluster-overview-access';
import { grantRunBackendAccess } from './lib/run-backend-access';
import { componentLabels, selectorLabels } from './lib/labels';
import { allowDnsEgress, allowPodIdentityEgress, allowTcpEgress, allowTcpIngress, defaultDeny } from './lib/network-policies';
import { restrictedContainerSecurity, restrictedPodSecurity } from './lib/security';
import { WEB_APP_DATA_LIMITS, webAppDataSettings, type WebAppStorage } from './web-app-data';
import { assertDnsLabel, assertIpv4Cidr, assertPinnedImage, isUnresolvedToken } from './lib/validation';
import { webAppIngress, type AlbExposure } from './lib/web-app-ingress';

export type { AlbExposure } from './lib/web-app-ingress';

export const WEB_APP_PORT = 3000;
/** The Prometheus /metrics listener: a port of its own, which no Service, Ingress or load balancer targets. */
export const WEB_APP_METRICS_PORT = 9464;
/** Reloader's annotation: roll the workload when the named Secret(s) change (stakater/Reloader README). */
export const RELOADER_SECRET_ANNOTATION = 'secret.reloader.stakater.com/reload';
const k8s = kplus.k8s;

/** Local clusters: a ClusterIP Service only, reached with `kubectl port-forward`. */
export interface ClusterIpExposure {
  readonly kind: 'cluster-ip';
}

export type WebAppExposure = AlbExposure | ClusterIpExposure;

export interface WebAppChartProps {
  /** Web app image (pinned tag or digest). */
  readonly image: string;
  /**
   * Kubernetes Secret, created out-of-band, holding the app's secrets. The chart only
   * references it, so no password ever appears in a template. Keys:
   * `DATABASE_URL` (mysql://user:pass@host:3306/db, required), `JWT_SECRET` (required),
   * `REDIS_URL` (optional, rediss://:token@host:6379 for the live-event fan-out; it carries
   * the cache's AUTH token, so it is a secret too), `ADMIN_EMAIL` and `ADMIN_PASSWORD`
   * (optional, create the first admin).
   */
  readonly appSecretName: string;
  /**
   * CIDR the load balancer sends traffic from and the database and Redis live in: the VPC
   * CIDR on AWS, the pod CIDR on a local cluster.
   */
  readonly vpcCidr: string;
  readonly exposure: WebAppExposure;
  /** Where managed dataset files live (see web-app-data.ts). */
  readonly storage: WebAppStorage;
  /** @default 'datavis' */
  readonly namespace?: string;
  /** @default 'web-app' */
  readonly serviceAccountName?: string;
  /** IRSA annotations; with EKS Pod Identity leave empty. @default none */
  readonly serviceAccountAnnotations?: { readonly [key: string]: string };
  /**
   * Mount a Kubernetes API token: the app submits SparkApplications (SparkChart grants the
   * RBAC). @default false
   */
  readonly kubernetesApiAccess?: boolean;
  /** Namespace the app submits SparkApplications to (SPARK_NAMESPACE). @default not set */
  readonly sparkNamespace?: string;
  /** @default { min: 2, max: 6 } */
  readonly replicas?: { readonly min: number; readonly max: number };
  /** CPU utilisation the autoscaler aims at, in percent. @default 70 */
  readonly targetCpuUtilization?: number;
  /** UID of the image's user. @default 1000 (the `node` user of the Node.js images) */
  readonly runAsUser?: number;
  /**
   * The environment the app runs in (PLATFORM_ENVIRONMENT): the dimension of the RunsFailed
   * metric its log lines carry, which the environment's metric filter matches. @default 'local'
   */
  readonly platformEnvironment?: string;
  /**
   * Namespaces whose pods may scrape the app's Prometheus metrics (port 9464, /metrics), e.g. a
   * Prometheus or CloudWatch agent installed for it. The port is never behind the Service or
   * the load balancer. @default none: nothing in the cluster may connect to it
   */
  readonly metricsScraperNamespaces?: readonly string[];
}

/**
 * The web app (API, UI and WebSockets): Deployment with probes, Service, an ALB Ingress (or a
 * ClusterIP Service locally), HorizontalPodAutoscaler, PodDisruptionBudget and network
 * policies that deny everything but the load balancer, DNS, MySQL, Redis and HTTPS.
 */
/** What the app needs to run notebooks and Spark jobs in the cluster (RUNS_BACKEND=kubernetes). */
export interface ClusterRunsProps {
  /** Papermill runner image, pinned (the NotebooksChart's). */
  readonly runnerImage: string;
  /** The platform's Spark image, pinned, and its Spark version (the SparkChart's). */
  readonly sparkImage: string;
  readonly sparkVersion: string;
  /** s3a:// folder of the Spark event logs (SparkChart.eventLogDir). */
  readonly eventLogDir: string;
  /** Where notebook run Jobs go (the NotebooksChart's namespace, with its runner service account). */
  readonly notebookNamespace: string;
  /** Where SparkApplications go (the SparkChart's namespace). */
  readonly sparkNamespace: string;
}

export class WebAppChart extends Chart {
  public readonly namespaceName: string;
  public readonly serviceAccountName: string;
  public readonly service: kplus.Service;
  /** The Ingress the load balancer controller serves, when exposed through an ALB. */
  public readonly ingressName?: string;
  private readonly container: kplus.Container;
  private readonly apiAccess: boolean;
  private readonly sparkNamespace?: string;
  private readonly storageKind: WebAppStorage['kind'];

  public constructor(scope: Construct, id: string, props: WebAppChartProps) {
    super(scope, id);
    assertPinnedImage('image', props.image);
    assertDnsLabel('appSecretName', props.appSecretName);
    assertIpv4Cidr('vpcCidr', props.vpcCidr);
    const replicas = props.replicas ?? { min: 2, max: 6 };
    if (!(Number.isInteger(replicas.min) && replicas.min >= 1 && replicas.max >= replicas.min)) {
      throw new Error(`replicas must satisfy 1 <= min <= max, got ${JSON.stringify(replicas)}`);
    }
    if (props.storage.kind === 'persistent-volume' && replicas.max > 1) {
      throw new Error(`storage on a persistent volume is one replica's folder: replicas.max must be 1, got ${replicas.max}`);
    }
    const targetCpu = props.targetCpuUtilization ?? 70;
    if (!(targetCpu > 0 && targetCpu <= 100)) {
      throw new Error(`targetCpuUtilization must be in 1..100, got ${targetCpu}`);
    }
    const ns = props.namespace ?? 'datavis';
    const name = 'web-app';
    assertDnsLabel('namespace', ns);
    this.namespaceName = ns;
    this.serviceAccountName = props.serviceAccountName ?? 'web-app';
    assertDnsLabel('serviceAccountName', this.serviceAccountName);
    const labels = componentLabels(name, 'web');
    const uid = props.runAsUser ?? 1000;
    const apiAccess = props.kubernetesApiAccess ?? false;

    const sa = new kplus.ServiceAccount(this, 'sa', {
      metadata: { name: this.serviceAccountName, namespace: ns, labels, annotations: { ...props.serviceAccountAnnotations } },
      automountToken: apiAccess,
    });
    const secret = kplus.Secret.fromSecretName(this, 'app-secret', props.appSecretName);
    const fromSecret = (key: string, optional = false) => kplus.EnvValue.fromSecretValue({ secret, key }, { optional });
    const tmp = kplus.Volume.fromEmptyDir(this, 'tmp', 'tmp', { sizeLimit: Size.mebibytes(256) });
    const data = webAppDataSettings(this, ns, props.storage);

    const deployment = new kplus.Deployment(this, 'deployment', {
      metadata: {
        name,
        namespace: ns,
        labels,
        // The app reads DATABASE_URL once at start; when the Secret changes (RDS credentials
        // rotated, re-synced by External Secrets) Reloader rolls the Deployment so new pods read
        // the new password. RELOADER_SECRET_ANNOTATION names the Secret explicitly.
        annotations: { [RELOADER_SECRET_ANNOTATION]: props.appSecretName },
      },
      podMetadata: { labels },
      strategy: kplus.DeploymentStrategy.rollingUpdate({
        maxSurge: kplus.PercentOrAbsolute.absolute(1),
        maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
      }),
      serviceAccount: sa,
      automountServiceAccountToken: apiAccess,
      securityContext: restrictedPodSecurity({ user: uid, group: uid }),
      terminationGracePeriod: Duration.seconds(30),
      containers: [
        {
          name,
          image: props.image,
          imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
          ports: [
            { number: WEB_APP_PORT, name: 'http' },
            { number: WEB_APP_METRICS_PORT, name: 'metrics' },
          ],
          envVariables: {
            NODE_ENV: kplus.EnvValue.fromValue('production'),
            PORT: kplus.EnvValue.fromValue(String(WEB_APP_PORT)),
            METRICS_PORT: kplus.EnvValue.fromValue(String(WEB_APP_METRICS_PORT)),
            PLATFORM_ENVIRONMENT: kplus.EnvValue.fromValue(props.platformEnvironment ?? 'local'),
            // X-Forwarded-For/-Proto are believed only from the load balancer, which connects
            // from its addresses inside the VPC: login throttling then counts per real client,
            // and a client cannot forge its address by sending the header itself.
            TRUST_PROXY: kplus.EnvValue.fromValue(props.vpcCidr),
            DATABASE_URL: fromSecret('DATABASE_URL'),
            JWT_SECRET: fromSecret('JWT_SECRET'),
            ADMIN_EMAIL: fromSecret('ADMIN_EMAIL', true),
            ADMIN_PASSWORD: fromSecret('ADMIN_PASSWORD', true),
            REDIS_URL: fromSecret('REDIS_URL', true),
            ...(props.sparkNamespace ? { SPARK_NAMESPACE: kplus.EnvValue.fromValue(props.sparkNamespace) } : {}),
            ...data.env,
          },
          securityContext: restrictedContainerSecurity({ user: uid, group: uid }),
          resources: {
            cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(1000) },
            // The limit leaves room for DuckDB's memory of every query at once beside Node.js.
            memory: {
              request: Size.mebibytes(384),
              limit: Size.mebibytes(384 + WEB_APP_DATA_LIMITS.queryMemoryMb * WEB_APP_DATA_LIMITS.queryMaxConcurrent),
            },
          },
          // /readyz answers 200 only while the database is reachable; /healthz while the process lives.
          readiness: kplus.Probe.fromHttpGet('/readyz', {
            port: WEB_APP_PORT,
            initialDelaySeconds: Duration.seconds(5),
            periodSeconds: Duration.seconds(10),
            failureThreshold: 3,
          }),
          liveness: kplus.Probe.fromHttpGet('/healthz', {
            port: WEB_APP_PORT,
            initialDelaySeconds: Duration.seconds(15),
            periodSeconds: Duration.seconds(20),
            failureThreshold: 3,
          }),
          volumeMounts: [{ path: '/tmp', volume: tmp }, ...data.mounts],
        },
      ],
    });

    this.container = deployment.containers[0];
    this.apiAccess = apiAccess;
    this.sparkNamespace = props.sparkNamespace;
    this.storageKind = props.storage.kind;

    this.service = new kplus.Service(this, 'service', {
      metadata: { name, namespace: ns, labels },
      type: kplus.ServiceType.CLUSTER_IP,
      selector: deployment,
      ports: [{ name: 'http', port: 80, targetPort: WEB_APP_PORT }],
    });

    if (props.exposure.kind === 'alb') {
      webAppIngress(this, { namespace: ns, name, labels, alb: props.exposure, serviceName: this.service.name });
      this.ingressName = name;
    }

    new kplus.HorizontalPodAutoscaler(this, 'hpa', {
      metadata: { name, namespace: ns, labels },
      target: deployment,
      minReplicas: replicas.min,
      maxReplicas: replicas.max,
      metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(targetCpu))],
    });

    new k8s.KubePodDisruptionBudget(this, 'pdb', {
      metadata: { name, namespace: ns, labels },
      spec: {
        maxUnavailable: k8s.IntOrString.fromNumber(1),
        selector: { matchLabels: { ...deployment.matchLabels } },
      },
    });

    defaultDeny(this, ns);
    allowDnsEgress(this, ns);
    const appPods = selectorLabels(name);
    // With target-type ip the ALB connects to pod IPs from its own addresses inside the VPC.
    allowTcpIngress(this, ns, { name: 'allow-web-from-load-balancer', podLabels: appPods, ports: [WEB_APP_PORT], fromCidr: props.vpcCidr });
    allowTcpEgress(this, ns, { name: 'allow-web-to-mysql-redis', podLabels: appPods, ports: [3306, 6379], cidr: props.vpcCidr });
    // S3 (through the VPC gateway endpoint) and the Kubernetes API server answer on 443.
    allowTcpEgress(this, ns, { name: 'allow-web-https-egress', podLabels: appPods, ports: [443] });
    // On AWS the SDK fetches the web app's credentials from the Pod Identity agent.
    if (props.storage.kind === 's3') allowPodIdentityEgress(this, ns, appPods);
    this.allowMetricsScrapers(ns, appPods, props.metricsScraperNamespaces ?? []);
  }

  /**
   * Lets the app's cluster overview read the platform's namespaces (read-only, `list` only;
   * see charts/lib/cluster-overview-access.ts) and tells it which they are.
   */
  public grantClusterOverview(props: ClusterOverviewNamespaces): void {
    if (!this.apiAccess) throw new Error('grantClusterOverview needs kubernetesApiAccess: the overview calls the Kubernetes API');
    if (this.sparkNamespace !== undefined && this.sparkNamespace !== props.sparkNamespace) {
      throw new Error(
        `grantClusterOverview: sparkNamespace '${props.sparkNamespace}' differs from the app's SPARK_NAMESPACE '${this.sparkNamespace}'`,
      );
    }
    grantClusterOverviewAccess(this, {
      ...props,
      serviceAccount: { name: this.serviceAccountName, namespace: this.namespaceName },
    });
    this.container.env.addVariable('CLUSTER_NAMESPACES', kplus.EnvValue.fromValue(props.namespaces.join(',')));
    this.container.env.addVariable('NOTEBOOK_NAMESPACE', kplus.EnvValue.fromValue(props.notebookNamespace));
    if (this.sparkNamespace === undefined)
      this.container.env.addVariable('SPARK_NAMESPACE', kplus.EnvValue.fromValue(props.sparkNamespace));
  }

  /**
   * Runs notebooks as Jobs and Spark jobs as SparkApplications (RUNS_BACKEND=kubernetes) and
   * grants exactly what that backend calls, from its declaration: a Role per namespace (the
   * notebooks', Spark's, and the app's own for the leader Lease). Each pod's name (POD_NAME)
   * is its identity in the Lease. Needs storage in S3: the runs' pods read and write there.
   */
  public enableClusterRuns(props: ClusterRunsProps): void {
    if (!this.apiAccess) throw new Error('enableClusterRuns needs kubernetesApiAccess: the run backend calls the Kubernetes API');
    if (this.storageKind !== 's3') {
      throw new Error(`enableClusterRuns needs storage in S3 (the runs' pods read and write there), got '${this.storageKind}'`);
    }
    assertPinnedImage('runnerImage', props.runnerImage);
    assertPinnedImage('sparkImage', props.sparkImage);
    assertDnsLabel('notebookNamespace', props.notebookNamespace);
    assertDnsLabel('sparkNamespace', props.sparkNamespace);
    if (!isUnresolvedToken(props.eventLogDir) && !props.eventLogDir.startsWith('s3a://')) {
      throw new Error(`eventLogDir must be an s3a:// folder, got '${props.eventLogDir}'`);
    }
    if (this.sparkNamespace !== undefined && this.sparkNamespace !== props.sparkNamespace) {
      throw new Error(
        `enableClusterRuns: sparkNamespace '${props.sparkNamespace}' differs from the app's SPARK_NAMESPACE '${this.sparkNamespace}'`,
      );
    }
    const env = this.container.env;
    env.addVariable('RUNS_BACKEND', kplus.EnvValue.fromValue('kubernetes'));
    env.addVariable('RUNS_RUNNER_IMAGE', kplus.EnvValue.fromValue(props.runnerImage));
    env.addVariable('RUNS_SPARK_IMAGE', kplus.EnvValue.fromValue(props.sparkImage));
    env.addVariable('RUNS_SPARK_VERSION', kplus.EnvValue.fromValue(props.sparkVersion));
    env.addVariable('RUNS_SPARK_EVENT_LOG_DIR', kplus.EnvValue.fromValue(props.eventLogDir));
    env.addVariable('POD_NAME', kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAME));
    env.addVariable('POD_NAMESPACE', kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAMESPACE));
    if (env.variables.NOTEBOOK_NAMESPACE === undefined)
      env.addVariable('NOTEBOOK_NAMESPACE', kplus.EnvValue.fromValue(props.notebookNamespace));
    if (env.variables.SPARK_NAMESPACE === undefined) env.addVariable('SPARK_NAMESPACE', kplus.EnvValue.fromValue(props.sparkNamespace));
    grantRunBackendAccess(this, {
      notebookNamespace: props.notebookNamespace,
      sparkNamespace: props.sparkNamespace,
      leaseNamespace: this.namespaceName,
      serviceAccount: { name: this.serviceAccountName, namespace: this.namespaceName },
    });
  }

  /**
   * The metrics port admits only the named scrapers' namespaces; with none, no policy names the
   * port and the namespace's default deny keeps everyone out.
   */
  private allowMetricsScrapers(ns: string, appPods: { [key: string]: string }, namespaces: readonly string[]): void {
    if (namespaces.length === 0) return;
    namespaces.forEach((n, i) => assertDnsLabel(`metricsScraperNamespaces[${i}]`, n));
    allowTcpIngress(this, ns, {
      name: 'allow-web-metrics-from-scrapers',
      podLabels: appPods,
      ports: [WEB_APP_METRICS_PORT],
      fromNamespaces: [...namespaces],
    });
  }
}
