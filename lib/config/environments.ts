import { AwsEnvironmentName } from './environment-name';
import { EnvironmentConfig } from './environment-config';

/** Settings that differ per environment, before account, region and release are resolved. */
export type EnvironmentDefaults = Omit<EnvironmentConfig, 'name' | 'release' | 'account' | 'region'>;

const SMALL_SYSTEM_NODES = { instanceTypes: ['m7g.large'], minSize: 2, desiredSize: 2, maxSize: 4 };

export const ENVIRONMENT_DEFAULTS: Record<AwsEnvironmentName, EnvironmentDefaults> = {
  dev: {
    network: { vpcCidr: '10.20.0.0/16', maxAzs: 2, natGateways: 1, flowLogRetentionDays: 30 },
    cluster: {
      publicAccessCidrs: [],
      systemNodes: SMALL_SYSTEM_NODES,
      sparkDriverNodes: { instanceTypes: ['m7g.large'], minSize: 0, desiredSize: 0, maxSize: 4 },
      sparkExecutorNodes: { instanceTypes: ['m7g.xlarge', 'm6g.xlarge', 'r7g.xlarge'], minSize: 0, desiredSize: 0, maxSize: 10 },
    },
    database: {
      instanceType: 't4g.medium',
      allocatedStorageGiB: 20,
      maxAllocatedStorageGiB: 100,
      multiAz: false,
      deletionProtection: false,
      backupRetentionDays: 7,
    },
    cache: { nodeType: 'cache.t4g.small', replicas: 1 },
    domain: {
      appHostname: 'datavis.dev.example.com',
      jupyterHostname: 'jupyter.dev.example.com',
      dashboardHostname: 'headlamp.dev.example.com',
    },
    // No dashboard allow-list by default: each deployment names its operators' ranges (cdk.json
    // ships an unroutable documentation range, RFC 5737) or configures OIDC sign-in.
    dashboard: { allowedCidrs: [] },
    // Logs are for debugging outside prod: kept a week. Thresholds are loose where nobody is paged.
    observability: {
      logRetentionDays: 7,
      alarms: {
        api5xxPer5Minutes: 25,
        apiP99LatencySeconds: 3,
        databaseCpuPercent: 90,
        databaseConnections: 150,
        nodeReservedPercent: 90,
        runsFailedPerHour: 10,
      },
    },
  },
  staging: {
    network: { vpcCidr: '10.30.0.0/16', maxAzs: 2, natGateways: 1, flowLogRetentionDays: 90 },
    cluster: {
      publicAccessCidrs: [],
      systemNodes: SMALL_SYSTEM_NODES,
      sparkDriverNodes: { instanceTypes: ['m7g.large'], minSize: 0, desiredSize: 0, maxSize: 6 },
      sparkExecutorNodes: { instanceTypes: ['m7g.xlarge', 'm6g.xlarge', 'r7g.xlarge'], minSize: 0, desiredSize: 0, maxSize: 20 },
    },
    database: {
      instanceType: 't4g.large',
      allocatedStorageGiB: 50,
      maxAllocatedStorageGiB: 200,
      multiAz: false,
      deletionProtection: false,
      backupRetentionDays: 7,
    },
    cache: { nodeType: 'cache.t4g.small', replicas: 1 },
    domain: {
      appHostname: 'datavis.staging.example.com',
      jupyterHostname: 'jupyter.staging.example.com',
      dashboardHostname: 'headlamp.staging.example.com',
    },
    dashboard: { allowedCidrs: [] },
    observability: {
      logRetentionDays: 30,
      alarms: {
        api5xxPer5Minutes: 10,
        apiP99LatencySeconds: 2,
        databaseCpuPercent: 80,
        databaseConnections: 150,
        nodeReservedPercent: 85,
        runsFailedPerHour: 5,
      },
    },
  },
  prod: {
    network: { vpcCidr: '10.40.0.0/16', maxAzs: 3, natGateways: 3, flowLogRetentionDays: 365 },
    cluster: {
      publicAccessCidrs: [],
      systemNodes: { instanceTypes: ['m7g.xlarge'], minSize: 3, desiredSize: 3, maxSize: 6 },
      // Scaled from zero by the Cluster Autoscaler when a driver is pending: no idle driver node.
      sparkDriverNodes: { instanceTypes: ['m7g.xlarge'], minSize: 0, desiredSize: 0, maxSize: 10 },
      sparkExecutorNodes: {
        instanceTypes: ['m7g.2xlarge', 'm6g.2xlarge', 'r7g.2xlarge', 'r6g.2xlarge'],
        minSize: 0,
        desiredSize: 0,
        maxSize: 50,
      },
    },
    database: {
      instanceType: 'r7g.large',
      allocatedStorageGiB: 100,
      maxAllocatedStorageGiB: 1000,
      multiAz: true,
      deletionProtection: true,
      backupRetentionDays: 30,
    },
    cache: { nodeType: 'cache.r7g.large', replicas: 2 },
    domain: { appHostname: 'datavis.example.com', jupyterHostname: 'jupyter.example.com', dashboardHostname: 'headlamp.example.com' },
    dashboard: { allowedCidrs: [] },
    // A year of logs in prod: incident reviews and audits look back over quarters.
    observability: {
      logRetentionDays: 365,
      alarms: {
        api5xxPer5Minutes: 5,
        apiP99LatencySeconds: 1.5,
        databaseCpuPercent: 75,
        databaseConnections: 400,
        nodeReservedPercent: 85,
        runsFailedPerHour: 3,
      },
    },
  },
};
