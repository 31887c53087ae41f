import { EnvironmentName } from './environment-name';
import { PlatformRelease } from './release-schema';

/** One environment's settings: where it deploys, how big it is and how people reach it. */
export interface EnvironmentConfig {
  readonly name: EnvironmentName;
  readonly release: PlatformRelease;
  /** AWS account id (12 digits); a placeholder is used when none is configured so synthesis works offline. */
  readonly account: string;
  readonly region: string;
  readonly network: NetworkConfig;
  readonly cluster: ClusterConfig;
  readonly database: DatabaseConfig;
  readonly cache: CacheConfig;
  readonly domain: DomainConfig;
  readonly dashboard: DashboardConfig;
  readonly observability: ObservabilityConfig;
}

export interface NetworkConfig {
  /** IPv4 CIDR of the VPC, /16 to /22. */
  readonly vpcCidr: string;
  /** Availability zones the VPC spans: 2 outside prod, 3 in prod. */
  readonly maxAzs: number;
  /** NAT gateways: one outside prod (cost), one per AZ in prod (no cross-AZ single point of failure). */
  readonly natGateways: number;
  /** Days VPC flow logs are kept in CloudWatch Logs. */
  readonly flowLogRetentionDays: number;
}

export interface NodeGroupSizing {
  readonly instanceTypes: string[];
  readonly minSize: number;
  readonly desiredSize: number;
  readonly maxSize: number;
}

export interface ClusterConfig {
  /** CIDRs allowed to reach the public Kubernetes API endpoint; the private endpoint is always on. */
  readonly publicAccessCidrs: string[];
  /** On-demand nodes for cluster add-ons, the web app and JupyterHub's hub. */
  readonly systemNodes: NodeGroupSizing;
  /** On-demand nodes for Spark drivers: losing a driver loses the whole application. */
  readonly sparkDriverNodes: NodeGroupSizing;
  /** Spot nodes for Spark executors: a lost executor is recomputed, so spot pricing is safe. */
  readonly sparkExecutorNodes: NodeGroupSizing;
}

export interface DatabaseConfig {
  /** RDS instance class without the "db." prefix, e.g. "t4g.medium". */
  readonly instanceType: string;
  readonly allocatedStorageGiB: number;
  readonly maxAllocatedStorageGiB: number;
  readonly multiAz: boolean;
  readonly deletionProtection: boolean;
  readonly backupRetentionDays: number;
}

export interface CacheConfig {
  /** ElastiCache node type for the Valkey replication group that fans out live events. */
  readonly nodeType: string;
  /** Replicas per shard; prod keeps one per extra AZ for automatic failover. */
  readonly replicas: number;
}

export interface DomainConfig {
  /** ARN of an existing ACM certificate for the HTTPS listeners. */
  readonly certificateArn?: string;
  /** A public hosted zone to create a DNS-validated certificate in, when no ARN is given. */
  readonly hostedZone?: HostedZoneConfig;
  /** Host name of the web app, e.g. "datavis.example.com". */
  readonly appHostname: string;
  /** Host name of JupyterHub, e.g. "jupyter.datavis.example.com". */
  readonly jupyterHostname: string;
  /** Host name of the Kubernetes dashboard (Headlamp), e.g. "headlamp.datavis.example.com". */
  readonly dashboardHostname: string;
}

export interface HostedZoneConfig {
  readonly zoneName: string;
  readonly hostedZoneId: string;
}

/**
 * Who may reach the Kubernetes dashboard. Its load balancer is never open to everyone without
 * sign-in: synthesis refuses an environment with neither an allow-list nor OIDC.
 */
export interface DashboardConfig {
  /** IPv4 CIDRs the dashboard's load balancer accepts HTTPS from; may be empty only when `oidc` is set. */
  readonly allowedCidrs: string[];
  /** Sign-in through an OpenID Connect provider. @default none: users paste a Kubernetes token */
  readonly oidc?: DashboardOidcConfig;
}

/**
 * An OpenID Connect provider Headlamp signs users in with (authorization code flow with PKCE,
 * a public client: no client secret to store), and that EKS trusts for the ID tokens Headlamp
 * forwards to the Kubernetes API.
 */
export interface DashboardOidcConfig {
  /** Issuer URL, https only, e.g. "https://login.example.com/realms/ops". */
  readonly issuerUrl: string;
  readonly clientId: string;
  /** ID token claim EKS takes the user name from (prefixed "oidc:"). */
  readonly usernameClaim: string;
  /** ID token claim EKS takes the groups from (prefixed "oidc:"). */
  readonly groupsClaim: string;
  /** Provider groups bound to the built-in read-only `view` ClusterRole. */
  readonly viewerGroups: string[];
  /** Scopes requested besides `openid`, which Headlamp always adds. */
  readonly scopes: string[];
}

/** Logs, metrics and alarms of one environment. */
export interface ObservabilityConfig {
  /** Days CloudWatch Logs keeps the cluster's application, dataplane, host and performance logs. */
  readonly logRetentionDays: number;
  /** An e-mail address subscribed to the alarm topic. @default none: subscribe by hand (docs/platform.md) */
  readonly alarmEmail?: string;
  readonly alarms: AlarmThresholds;
}

/** Where each alarm fires. */
export interface AlarmThresholds {
  /** 5xx answers of the web app (its pods' and the load balancer's own) in five minutes. */
  readonly api5xxPer5Minutes: number;
  /** p99 of the web app's response time in seconds, three five-minute periods in a row. */
  readonly apiP99LatencySeconds: number;
  /** RDS CPU in percent, three five-minute periods in a row. */
  readonly databaseCpuPercent: number;
  /**
   * Open database connections. The web app holds a pool of 10 per replica (at most 6
   * replicas), so more than this means leaked or foreign connections; it stays below the
   * instance class's default max_connections.
   */
  readonly databaseConnections: number;
  /** CPU or memory requested by pods, in percent of what the nodes can allocate (Container Insights). */
  readonly nodeReservedPercent: number;
  /** Runs that failed within one hour. */
  readonly runsFailedPerHour: number;
}
