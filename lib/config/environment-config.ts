import { EnvironmentName } from './environment-name';
import { PlatformRelease } from './release';

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
}

export interface HostedZoneConfig {
  readonly zoneName: string;
  readonly hostedZoneId: string;
}
