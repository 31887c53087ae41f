import * as fs from 'fs';
import * as path from 'path';
import { ConfigError, RELEASES_DIR, loadEnvironmentConfig, validateRelease } from '../../lib/config';

/** The dashboard, logs and alarms settings of an environment, and their pins in the release file. */
const CERTIFICATE_ARN = 'arn:aws:acm:eu-west-1:123456789012:certificate/0b6f2e9c-2a8e-4c1e-9d1f-3e5a7b9c1d2e';
const settings = (extra: Record<string, unknown> = {}) => ({
  source: (_env: string, key: string) => ({ certificateArn: CERTIFICATE_ARN, ...extra })[key],
  processEnv: {},
});
const OIDC = { issuerUrl: 'https://login.example.com/realms/ops', clientId: 'headlamp', viewerGroups: ['platform-ops'] };

describe('dashboard settings', () => {
  test('the allow-list comes from context or DATAVIS_<ENV>_DASHBOARD_ALLOWED_CIDRS as a comma-separated list', () => {
    expect(loadEnvironmentConfig('dev', settings({ dashboardAllowedCidrs: '203.0.113.0/24, 198.51.100.7/32' })).dashboard).toEqual({
      allowedCidrs: ['203.0.113.0/24', '198.51.100.7/32'],
    });
    const fromEnv = loadEnvironmentConfig('staging', {
      source: (_env, key) => (key === 'certificateArn' ? CERTIFICATE_ARN : undefined),
      processEnv: { DATAVIS_STAGING_DASHBOARD_ALLOWED_CIDRS: '203.0.113.0/24' },
    });
    expect(fromEnv.dashboard.allowedCidrs).toEqual(['203.0.113.0/24']);
    expect(loadEnvironmentConfig('prod', settings()).dashboard).toEqual({ allowedCidrs: [] });
  });

  test.each([
    ['0.0.0.0/0', /allowedCidrs\[0\] is "0\.0\.0\.0\/0".*from \/8 to \/32/],
    ['10.0.0.1/8', /host bits set/],
    ['everyone', /allowedCidrs\[0\] is "everyone"/],
  ])('refuses the allow-list entry %s', (cidr, message) => {
    expect(() => loadEnvironmentConfig('dev', settings({ dashboardAllowedCidrs: cidr }))).toThrow(message);
  });

  test('OIDC sign-in is read from JSON with defaults for the claims and scopes', () => {
    expect(loadEnvironmentConfig('dev', settings({ dashboardOidc: JSON.stringify(OIDC) })).dashboard.oidc).toEqual({
      ...OIDC,
      usernameClaim: 'email',
      groupsClaim: 'groups',
      scopes: ['profile', 'email'],
    });
    const custom = { ...OIDC, usernameClaim: 'preferred_username', groupsClaim: 'cognito:groups', scopes: ['profile'] };
    expect(loadEnvironmentConfig('dev', settings({ dashboardOidc: custom })).dashboard.oidc).toEqual(custom);
  });

  test.each([
    ['an http issuer', { ...OIDC, issuerUrl: 'http://login.example.com' }, /dashboard\.oidc\.issuerUrl .*https issuer URL/],
    ['an issuer with a query', { ...OIDC, issuerUrl: 'https://login.example.com/?x=1' }, /dashboard\.oidc\.issuerUrl/],
    ['no client id', { ...OIDC, clientId: undefined }, /dashboard\.oidc\.clientId is undefined/],
    ['no viewer group', { ...OIDC, viewerGroups: [] }, /dashboard\.oidc\.viewerGroups .*at least one provider group/],
    ['a group with spaces', { ...OIDC, viewerGroups: ['ops team'] }, /dashboard\.oidc\.viewerGroups .*a list of names/],
    ['text that is not JSON', '{issuerUrl:', /dev\.dashboard\.oidc is "\{issuerUrl:"/],
  ])('refuses OIDC settings with %s, naming the field', (_name, oidc, message) => {
    const load = () => loadEnvironmentConfig('dev', settings({ dashboardOidc: typeof oidc === 'string' ? oidc : JSON.stringify(oidc) }));
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(message);
  });

  test('the dashboard host name is configurable and validated like the others', () => {
    expect(loadEnvironmentConfig('dev', settings({ dashboardHostname: 'k8s.dev.example.org' })).domain.dashboardHostname).toBe(
      'k8s.dev.example.org',
    );
    expect(() => loadEnvironmentConfig('dev', settings({ dashboardHostname: 'Headlamp_Dev' }))).toThrow(
      /dashboardHostname is "Headlamp_Dev"/,
    );
  });
});

describe('observability settings', () => {
  test('logs are kept a week in dev, a month in staging and a year in prod', () => {
    expect(['dev', 'staging', 'prod'].map((env) => loadEnvironmentConfig(env, settings()).observability.logRetentionDays)).toEqual([
      7, 30, 365,
    ]);
  });

  test('a retention CloudWatch Logs does not offer, or a non-positive alarm threshold, is refused', () => {
    const base = loadEnvironmentConfig('dev', settings());
    const overrides = (observability: object) => ({
      ...settings(),
      overrides: { observability: { ...base.observability, ...observability } },
    });
    expect(() => loadEnvironmentConfig('dev', overrides({ logRetentionDays: 10 }))).toThrow(
      /dev\.observability\.logRetentionDays is 10; allowed: one of CloudWatch Logs' retention periods 1, 3, 5, 7, 14/,
    );
    expect(() => loadEnvironmentConfig('dev', overrides({ alarms: { ...base.observability.alarms, databaseConnections: 0 } }))).toThrow(
      /dev\.observability\.alarms\.databaseConnections is 0; allowed: a positive number/,
    );
  });

  test('the alarm e-mail address comes from context', () => {
    expect(loadEnvironmentConfig('prod', settings({ alarmEmail: 'oncall@example.com' })).observability.alarmEmail).toBe(
      'oncall@example.com',
    );
    expect(loadEnvironmentConfig('prod', settings()).observability.alarmEmail).toBeUndefined();
  });
});

describe('release file pins of the dashboard and the observability add-on', () => {
  const raw = () => JSON.parse(fs.readFileSync(path.join(RELEASES_DIR, 'dev.json'), 'utf8'));

  test('an EKS add-on version must be vX.Y.Z-eksbuild.N', () => {
    const release = raw();
    release.eksAddons.cloudwatchObservability = '6.4.0';
    expect(() => validateRelease('dev', release)).toThrow(
      /releases\/dev\.json eksAddons\.cloudwatchObservability is "6\.4\.0"; allowed: an EKS add-on version vX\.Y\.Z-eksbuild\.N/,
    );
    delete release.eksAddons;
    expect(() => validateRelease('dev', release)).toThrow(/releases\/dev\.json eksAddons is undefined; allowed: a JSON object/);
  });

  test('the Headlamp chart version must be exact', () => {
    const release = raw();
    release.charts.headlamp = '^0.45';
    expect(() => validateRelease('dev', release)).toThrow(/charts\.headlamp is "\^0\.45"; allowed: an exact chart version x\.y\.z/);
  });
});
