import { ConfigError } from './config-error';
import { DashboardOidcConfig, EnvironmentConfig, HostedZoneConfig } from './environment-config';
import { AWS_ENVIRONMENT_NAMES, AwsEnvironmentName, ENVIRONMENT_NAMES } from './environment-name';
import { ENVIRONMENT_DEFAULTS, EnvironmentDefaults } from './environments';
import { RELEASES_DIR, readRelease } from './release';
import {
  validateAccount,
  validateCertificateArn,
  validateHostname,
  validateIntegerRange,
  validateIpv4Cidr,
  validateRegion,
} from './validators';

/** Placeholder account used when none is configured, so synthesis works without credentials. */
export const PLACEHOLDER_ACCOUNT = '111111111111';
export const DEFAULT_REGION = 'eu-west-1';
/** The retention periods CloudWatch Logs accepts. */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** Reads a setting: CDK context key `datavis:<env>:<key>`, then environment variable DATAVIS_<ENV>_<KEY>. */
export type SettingSource = (env: AwsEnvironmentName, key: string) => unknown;

export interface LoadConfigOptions {
  readonly source?: SettingSource;
  /** Environment variables; defaults to process.env. */
  readonly processEnv?: NodeJS.ProcessEnv;
  /** Folder holding <env>.json release files. */
  readonly releasesDir?: string;
  /** Overrides applied on top of the checked-in defaults (tests and one-off experiments). */
  readonly overrides?: Partial<EnvironmentDefaults>;
}

export function parseEnvironmentName(value: unknown): AwsEnvironmentName {
  if (typeof value !== 'string' || !(AWS_ENVIRONMENT_NAMES as readonly string[]).includes(value)) {
    const hint = value === 'local' ? ' (local is synthesized to YAML with `npm run synth:local`, not deployed with CDK)' : '';
    throw new ConfigError(
      'env',
      value,
      `allowed: ${AWS_ENVIRONMENT_NAMES.join(', ')}${hint}; all environments: ${ENVIRONMENT_NAMES.join(', ')}`,
    );
  }
  return value as AwsEnvironmentName;
}

/** Resolves and validates one AWS environment's configuration. */
export function loadEnvironmentConfig(envName: string, options: LoadConfigOptions = {}): EnvironmentConfig {
  const name = parseEnvironmentName(envName);
  const processEnv = options.processEnv ?? process.env;
  const setting = (key: string): unknown => options.source?.(name, key) ?? processEnv[envVarName(name, key)];
  const defaults: EnvironmentDefaults = { ...ENVIRONMENT_DEFAULTS[name], ...options.overrides };

  const account = validateAccount(
    `${name}.account`,
    stringSetting(setting('account')) ?? processEnv.CDK_DEFAULT_ACCOUNT ?? PLACEHOLDER_ACCOUNT,
  );
  const region = validateRegion(`${name}.region`, stringSetting(setting('region')) ?? processEnv.CDK_DEFAULT_REGION ?? DEFAULT_REGION);
  const release = readRelease(name, options.releasesDir ?? RELEASES_DIR);

  const network = defaults.network;
  validateIpv4Cidr(`${name}.network.vpcCidr`, network.vpcCidr, 16, 22);
  const expectedAzs = name === 'prod' ? 3 : 2;
  if (network.maxAzs !== expectedAzs) {
    throw new ConfigError(`${name}.network.maxAzs`, network.maxAzs, `${name} spans exactly ${expectedAzs} availability zones`);
  }
  validateRetentionDays(`${name}.network.flowLogRetentionDays`, network.flowLogRetentionDays);
  const expectedNats = name === 'prod' ? network.maxAzs : 1;
  if (network.natGateways !== expectedNats) {
    throw new ConfigError(
      `${name}.network.natGateways`,
      network.natGateways,
      name === 'prod' ? 'prod runs one NAT gateway per availability zone' : `${name} runs a single NAT gateway`,
    );
  }

  const publicAccessCidrs = listSetting(setting('publicAccessCidrs')) ?? defaults.cluster.publicAccessCidrs;
  publicAccessCidrs.forEach((cidr, i) => {
    validateIpv4Cidr(`${name}.cluster.publicAccessCidrs[${i}]`, cidr, 8, 32);
  });
  for (const group of ['systemNodes', 'sparkDriverNodes', 'sparkExecutorNodes'] as const) {
    const sizing = defaults.cluster[group];
    validateIntegerRange(`${name}.cluster.${group}.maxSize`, sizing.maxSize, 1, 100);
    validateIntegerRange(`${name}.cluster.${group}.minSize`, sizing.minSize, 0, sizing.maxSize);
    validateIntegerRange(`${name}.cluster.${group}.desiredSize`, sizing.desiredSize, sizing.minSize, sizing.maxSize);
  }

  const db = defaults.database;
  validateIntegerRange(`${name}.database.backupRetentionDays`, db.backupRetentionDays, name === 'prod' ? 30 : 7, 35);
  validateIntegerRange(`${name}.database.allocatedStorageGiB`, db.allocatedStorageGiB, 20, db.maxAllocatedStorageGiB);
  if (name === 'prod' && (!db.multiAz || !db.deletionProtection)) {
    throw new ConfigError(
      `${name}.database`,
      { multiAz: db.multiAz, deletionProtection: db.deletionProtection },
      'prod requires multiAz and deletionProtection',
    );
  }

  const certificateArn = stringSetting(setting('certificateArn')) ?? defaults.domain.certificateArn;
  if (certificateArn !== undefined) {
    validateCertificateArn(`${name}.domain.certificateArn`, certificateArn);
  }
  const hostedZone = hostedZoneSetting(name, setting('hostedZone')) ?? defaults.domain.hostedZone;
  if (certificateArn === undefined && hostedZone === undefined) {
    const envKey = name.toUpperCase();
    throw new ConfigError(
      `${name}.domain.certificateArn`,
      undefined,
      `${name} serves HTTPS only: set context datavis:${name}:certificateArn (or DATAVIS_${envKey}_CERTIFICATE_ARN) to an ACM certificate ARN, or datavis:${name}:hostedZone to {"zoneName","hostedZoneId"} to create one`,
    );
  }
  const appHostname = validateHostname(`${name}.domain.appHostname`, stringSetting(setting('appHostname')) ?? defaults.domain.appHostname);
  const jupyterHostname = validateHostname(
    `${name}.domain.jupyterHostname`,
    stringSetting(setting('jupyterHostname')) ?? defaults.domain.jupyterHostname,
  );
  const dashboardHostname = validateHostname(
    `${name}.domain.dashboardHostname`,
    stringSetting(setting('dashboardHostname')) ?? defaults.domain.dashboardHostname,
  );
  if (hostedZone !== undefined) {
    for (const [field, host] of [
      ['appHostname', appHostname],
      ['jupyterHostname', jupyterHostname],
      ['dashboardHostname', dashboardHostname],
    ] as const) {
      if (host !== hostedZone.zoneName && !host.endsWith(`.${hostedZone.zoneName}`)) {
        throw new ConfigError(
          `${name}.domain.${field}`,
          host,
          `must be inside the hosted zone ${hostedZone.zoneName} that the certificate is created in`,
        );
      }
    }
  }

  const dashboardAllowedCidrs = listSetting(setting('dashboardAllowedCidrs')) ?? defaults.dashboard.allowedCidrs;
  dashboardAllowedCidrs.forEach((cidr, i) => {
    // /8 at the widest: an allow-list of 0.0.0.0/0 would open the dashboard to everyone.
    validateIpv4Cidr(`${name}.dashboard.allowedCidrs[${i}]`, cidr, 8, 32);
  });
  const oidc = oidcSetting(name, setting('dashboardOidc')) ?? defaults.dashboard.oidc;

  const observability = defaults.observability;
  validateRetentionDays(`${name}.observability.logRetentionDays`, observability.logRetentionDays);
  const alarmEmail = stringSetting(setting('alarmEmail')) ?? observability.alarmEmail;
  if (alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(alarmEmail)) {
    throw new ConfigError(`${name}.observability.alarmEmail`, alarmEmail, 'allowed: one e-mail address such as ops@example.com');
  }
  for (const [key, threshold] of Object.entries(observability.alarms)) {
    if (!(typeof threshold === 'number' && Number.isFinite(threshold) && threshold > 0)) {
      throw new ConfigError(`${name}.observability.alarms.${key}`, threshold, 'allowed: a positive number');
    }
  }

  return {
    name,
    release,
    account,
    region,
    network,
    cluster: { ...defaults.cluster, publicAccessCidrs },
    database: db,
    cache: defaults.cache,
    domain: { certificateArn, hostedZone, appHostname, jupyterHostname, dashboardHostname },
    dashboard: { allowedCidrs: dashboardAllowedCidrs, ...(oidc === undefined ? {} : { oidc }) },
    observability: { ...observability, ...(alarmEmail === undefined ? {} : { alarmEmail }) },
  };
}

export function envVarName(env: AwsEnvironmentName, key: string): string {
  return `DATAVIS_${env.toUpperCase()}_${key.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`;
}

function stringSetting(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function listSetting(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.map(String);
  const text = stringSetting(value);
  return text === undefined
    ? undefined
    : text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
}

function validateRetentionDays(field: string, days: number): void {
  if (!LOG_RETENTION_DAYS.includes(days)) {
    throw new ConfigError(field, days, `allowed: one of CloudWatch Logs' retention periods ${LOG_RETENTION_DAYS.join(', ')}`);
  }
}

/** `-c datavis:dev:dashboardOidc='{"issuerUrl":"https://...","clientId":"...","viewerGroups":["ops"]}'`. */
function oidcSetting(env: AwsEnvironmentName, value: unknown): DashboardOidcConfig | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const field = `${env}.dashboard.oidc`;
  const allowed =
    'allowed: {"issuerUrl":"https://...","clientId":"...","viewerGroups":["..."]} with optional usernameClaim, groupsClaim and scopes';
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new ConfigError(field, value, allowed);
    }
  }
  const raw = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const strings = (key: string, fallback: string[]): string[] => {
    const list = raw[key] ?? fallback;
    if (!Array.isArray(list) || !list.every((s) => typeof s === 'string' && /^[\w.:@/-]+$/.test(s))) {
      throw new ConfigError(`${field}.${key}`, list, 'allowed: a list of names (letters, digits and . : @ / - _)');
    }
    return list as string[];
  };
  const text = (key: string, fallback?: string): string => {
    const v = raw[key] ?? fallback;
    if (typeof v !== 'string' || !/^[\w.:@/-]+$/.test(v)) throw new ConfigError(`${field}.${key}`, v, allowed);
    return v;
  };
  const issuerUrl = raw.issuerUrl;
  let url: URL | undefined;
  try {
    url = typeof issuerUrl === 'string' ? new URL(issuerUrl) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || url.protocol !== 'https:' || url.search !== '' || url.hash !== '') {
    throw new ConfigError(`${field}.issuerUrl`, issuerUrl, "allowed: the provider's https issuer URL without query or fragment");
  }
  const viewerGroups = strings('viewerGroups', []);
  if (viewerGroups.length === 0) {
    throw new ConfigError(`${field}.viewerGroups`, viewerGroups, 'allowed: at least one provider group whose members may view the cluster');
  }
  return {
    issuerUrl: issuerUrl as string,
    clientId: text('clientId'),
    usernameClaim: text('usernameClaim', 'email'),
    groupsClaim: text('groupsClaim', 'groups'),
    viewerGroups,
    scopes: strings('scopes', ['profile', 'email']),
  };
}

function hostedZoneSetting(env: AwsEnvironmentName, value: unknown): HostedZoneConfig | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let parsed = value;
  if (typeof value === 'string' && value.trim().startsWith('{')) {
    // `-c datavis:dev:hostedZone='{"zoneName":...}'` arrives as text.
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = {};
    }
  } else if (typeof value === 'string') {
    const [zoneName, hostedZoneId] = value.split('/');
    parsed = { zoneName, hostedZoneId };
  }
  const zone = parsed as Partial<HostedZoneConfig>;
  if (typeof zone.zoneName !== 'string' || typeof zone.hostedZoneId !== 'string' || !/^Z[0-9A-Z]{1,32}$/.test(zone.hostedZoneId)) {
    throw new ConfigError(
      `${env}.domain.hostedZone`,
      value,
      'allowed: {"zoneName":"example.com","hostedZoneId":"Z..."} or "example.com/Z..."',
    );
  }
  validateHostname(`${env}.domain.hostedZone.zoneName`, zone.zoneName);
  return { zoneName: zone.zoneName, hostedZoneId: zone.hostedZoneId };
}
