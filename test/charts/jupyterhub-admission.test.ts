import { readSpecText } from '../support/specs';
import { cloudCharts } from './support/platform';

/**
 * Who can log in to the hub with our values, following JupyterHub 5.5.0's
 * Authenticator.get_authenticated_user and NativeAuthenticator 1.3.0's authenticate(), as
 * summarized in specs/jupyterhub/ADMISSION.md (the z2jh 4.4.0 hub image pins both versions,
 * specs/jupyterhub/images/hub/requirements.txt).
 */
interface Account {
  readonly name: string;
  readonly password: string;
  /** Approved by an admin on /hub/authorize (admins are pre-approved at sign-up). */
  readonly authorized: boolean;
}

function admitted(config: any, accounts: readonly Account[], name: string, password: string): boolean {
  // NativeAuthenticator.authenticate: a known, authorized account with the right password.
  const account = accounts.find((a) => a.name === name);
  if (!account || !account.authorized || account.password !== password) return false;
  // Authenticator.get_authenticated_user: allow_all (default False, not overridden by
  // NativeAuthenticator) or check_allowed, i.e. membership of allowed_users; admin_users is
  // consulted only after this test.
  const auth = config.Authenticator ?? {};
  return auth.allow_all === true || (auth.allowed_users ?? []).includes(name);
}

describe('JupyterHub admission (JupyterHub 5.5.0, NativeAuthenticator 1.3.0)', () => {
  const config = (cloudCharts().jupyterHubValues as any).hub.config;
  const accounts: Account[] = [
    { name: 'admin', password: 'correct horse battery', authorized: true },
    { name: 'ana', password: 'analyst password 1', authorized: true },
    { name: 'newcomer', password: 'waiting for approval', authorized: false },
  ];

  test('the hub image pins the versions the admission rules are read from', () => {
    const requirements = readSpecText('jupyterhub', 'images', 'hub', 'requirements.txt');
    expect(requirements).toMatch(/^jupyterhub==5\.5\.0$/m);
    expect(requirements).toMatch(/^jupyterhub-nativeauthenticator==1\.3\.0$/m);
    expect(readSpecText('jupyterhub', 'ADMISSION.md')).toContain('`Authenticator.allow_all` is a `Bool` whose default is `False`');
  });

  test('the admin and an approved analyst log in with their passwords', () => {
    expect(config.JupyterHub.authenticator_class).toBe('nativeauthenticator.NativeAuthenticator');
    expect(admitted(config, accounts, 'admin', 'correct horse battery')).toBe(true);
    expect(admitted(config, accounts, 'ana', 'analyst password 1')).toBe(true);
  });

  test('an account waiting for approval, a wrong password and an unknown name are refused', () => {
    expect(admitted(config, accounts, 'newcomer', 'waiting for approval')).toBe(false);
    expect(admitted(config, accounts, 'ana', 'wrong')).toBe(false);
    expect(admitted(config, accounts, 'mallory', 'anything')).toBe(false);
    expect(config.NativeAuthenticator.open_signup).toBe(false);
  });

  test('without allow config nobody, not even the admin, gets in', () => {
    const withoutAllow = { ...config, Authenticator: { admin_users: config.Authenticator.admin_users } };
    expect(admitted(withoutAllow, accounts, 'admin', 'correct horse battery')).toBe(false);
  });
});
