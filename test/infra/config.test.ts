import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigError, RELEASES_DIR, loadEnvironmentConfig, readRelease } from '../../lib/config';

function releasesCopy(edit: (env: string, release: Record<string, unknown>) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datavis-releases-'));
  for (const file of fs.readdirSync(RELEASES_DIR).filter((f) => f.endsWith('.json'))) {
    const release = JSON.parse(fs.readFileSync(path.join(RELEASES_DIR, file), 'utf8'));
    edit(path.basename(file, '.json'), release);
    fs.writeFileSync(path.join(dir, file), JSON.stringify(release));
  }
  return dir;
}

const CERTIFICATE_ARN = 'arn:aws:acm:eu-west-1:123456789012:certificate/0b6f2e9c-2a8e-4c1e-9d1f-3e5a7b9c1d2e';
/** Only a certificate, which every environment needs. */
const certificateOnly = (settings: Record<string, string> = {}) => ({
  source: (_env: string, key: string) => ({ certificateArn: CERTIFICATE_ARN, ...settings })[key],
  processEnv: {},
});
const noSettings = certificateOnly();
const prodCertificate = certificateOnly();
const nothingConfigured = { source: () => undefined, processEnv: {} };

describe('environment configuration', () => {
  test('the checked-in releases and defaults load for every AWS environment', () => {
    for (const env of ['dev', 'staging', 'prod']) {
      const config = loadEnvironmentConfig(env, prodCertificate);
      expect(config.name).toBe(env);
      expect(config.account).toMatch(/^\d{12}$/);
    }
    expect(readRelease('local').platformVersion).toMatch(/^0\./);
  });

  test('prod spans three zones with a NAT gateway each; dev and staging two zones and one NAT', () => {
    expect(loadEnvironmentConfig('prod', prodCertificate).network).toMatchObject({ maxAzs: 3, natGateways: 3 });
    expect(loadEnvironmentConfig('dev', noSettings).network).toMatchObject({ maxAzs: 2, natGateways: 1 });
    expect(loadEnvironmentConfig('staging', noSettings).network).toMatchObject({ maxAzs: 2, natGateways: 1 });
  });

  test('account and region come from context first, then DATAVIS_<ENV>_* variables, then CDK defaults', () => {
    const fromContext = loadEnvironmentConfig('dev', {
      source: (_env, key) => ({ account: '123456789012', region: 'us-west-2', certificateArn: CERTIFICATE_ARN })[key],
      processEnv: { DATAVIS_DEV_ACCOUNT: '210987654321' },
    });
    expect(fromContext).toMatchObject({ account: '123456789012', region: 'us-west-2' });
    const fromEnv = loadEnvironmentConfig('dev', {
      source: () => undefined,
      processEnv: {
        DATAVIS_DEV_ACCOUNT: '210987654321',
        CDK_DEFAULT_REGION: 'ap-southeast-2',
        DATAVIS_DEV_CERTIFICATE_ARN: CERTIFICATE_ARN,
      },
    });
    expect(fromEnv).toMatchObject({ account: '210987654321', region: 'ap-southeast-2' });
  });

  test('an unknown environment names the allowed ones', () => {
    expect(() => loadEnvironmentConfig('qa', noSettings)).toThrow(/env is "qa"; allowed: dev, staging, prod/);
  });

  test('prod below 1.0.0 is refused, naming the release file field', () => {
    const dir = releasesCopy((env, r) => env === 'prod' && (r.platformVersion = '0.9.3'));
    expect(() => loadEnvironmentConfig('prod', { ...prodCertificate, releasesDir: dir })).toThrow(
      /releases\/prod.json platformVersion is "0.9.3"; prod runs platform version 1.0.0 or later/,
    );
  });

  test('a version string that is not semver is refused', () => {
    const dir = releasesCopy((env, r) => env === 'dev' && (r.platformVersion = '1.2'));
    expect(() => loadEnvironmentConfig('dev', { ...noSettings, releasesDir: dir })).toThrow(
      /releases\/dev.json platformVersion is "1.2"; allowed: a semantic version/,
    );
  });

  test('local stays on 0.x', () => {
    const dir = releasesCopy((env, r) => env === 'local' && (r.platformVersion = '1.0.0'));
    expect(() => readRelease('local', dir)).toThrow(/local runs 0.x versions only/);
  });

  test('a bad VPC CIDR is refused with what is allowed', () => {
    const overrides = { network: { vpcCidr: '10.20.0.0/33', maxAzs: 2, natGateways: 1, flowLogRetentionDays: 30 } };
    expect(() => loadEnvironmentConfig('dev', { ...noSettings, overrides })).toThrow(
      /dev.network.vpcCidr is "10.20.0.0\/33"; allowed: an IPv4 network in CIDR notation with a prefix length from \/16 to \/22/,
    );
    const hostBits = { network: { vpcCidr: '10.20.1.0/16', maxAzs: 2, natGateways: 1, flowLogRetentionDays: 30 } };
    expect(() => loadEnvironmentConfig('dev', { ...noSettings, overrides: hostBits })).toThrow(
      /host bits set; the network is 10.20.0.0\/16/,
    );
  });

  test('a bad public API allow-list CIDR is refused', () => {
    expect(() => loadEnvironmentConfig('staging', certificateOnly({ publicAccessCidrs: '203.0.113.0/24,not-a-cidr' }))).toThrow(
      /staging.cluster.publicAccessCidrs\[1\] is "not-a-cidr"/,
    );
  });

  test('prod (like every environment) refuses to synthesize without a certificate or hosted zone', () => {
    expect(() => loadEnvironmentConfig('prod', nothingConfigured)).toThrow(ConfigError);
    expect(() => loadEnvironmentConfig('prod', nothingConfigured)).toThrow(/prod.domain.certificateArn.*prod serves HTTPS only/);
    expect(() => loadEnvironmentConfig('dev', nothingConfigured)).toThrow(/dev serves HTTPS only: set context datavis:dev:certificateArn/);
  });

  test('a hosted zone instead of an ARN must contain the host names', () => {
    const zone = (zoneName: string) => ({
      source: (_e: string, key: string) => (key === 'hostedZone' ? `${zoneName}/Z0123456789ABCDEFGHIJ` : undefined),
      processEnv: {},
    });
    expect(loadEnvironmentConfig('dev', zone('dev.example.com')).domain.hostedZone).toEqual({
      zoneName: 'dev.example.com',
      hostedZoneId: 'Z0123456789ABCDEFGHIJ',
    });
    expect(() => loadEnvironmentConfig('dev', zone('example.org'))).toThrow(
      /dev.domain.appHostname is "datavis.dev.example.com"; must be inside the hosted zone example.org/,
    );
  });

  test('a malformed certificate ARN, account or region is refused', () => {
    expect(() =>
      loadEnvironmentConfig('dev', {
        source: (_e, k) => (k === 'certificateArn' ? 'arn:aws:acm:eu-west-1:1:cert/x' : undefined),
        processEnv: {},
      }),
    ).toThrow(/dev.domain.certificateArn/);
    expect(() => loadEnvironmentConfig('dev', certificateOnly({ account: '12345' }))).toThrow(/12-digit AWS account id/);
    expect(() => loadEnvironmentConfig('dev', certificateOnly({ region: 'Europe' }))).toThrow(/AWS region name/);
  });

  test('prod without Multi-AZ or with short backups is refused', () => {
    const base = loadEnvironmentConfig('prod', prodCertificate);
    expect(() =>
      loadEnvironmentConfig('prod', { ...prodCertificate, overrides: { database: { ...base.database, multiAz: false } } }),
    ).toThrow(/prod requires multiAz and deletionProtection/);
    expect(() =>
      loadEnvironmentConfig('prod', { ...prodCertificate, overrides: { database: { ...base.database, backupRetentionDays: 7 } } }),
    ).toThrow(/prod.database.backupRetentionDays is 7; allowed: an integer from 30 to 35/);
  });

  test('release images must be pinned and chart versions exact', () => {
    const latest = releasesCopy(
      (env, r) => env === 'dev' && ((r.images as Record<string, string>).spark = 'docker.io/apache/spark:latest'),
    );
    expect(() => readRelease('dev', latest)).toThrow(/images.spark.*"latest" is not allowed/);
    const range = releasesCopy((env, r) => env === 'dev' && ((r.charts as Record<string, string>).jupyterhub = '^4.4.0'));
    expect(() => readRelease('dev', range)).toThrow(/charts.jupyterhub is "\^4.4.0"; allowed: an exact chart version/);
  });
});
