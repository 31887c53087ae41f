import { describe, expect, it } from 'vitest';
import { Api } from '../../app/web/src/api/client';
import { ApiError, fieldErrorsOf } from '../../app/web/src/api/errors';
import { FakeServer, ORIGIN, apiError, json, project, users } from './fake-api';

const me = users.owner;

function setup() {
  const server = new FakeServer();
  let issued = 0;
  server
    .on('POST', '/api/auth/login', (c) => {
      const body = c.body as { email: string; password: string };
      if (body.password !== 'correct horse battery') return apiError(401, 'invalid_credentials', 'invalid email or password');
      issued += 1;
      return json(200, { accessToken: `access-${issued}`, refreshToken: 'refresh-in-body', expiresIn: 900, user: me });
    })
    .on('POST', '/api/auth/refresh', () => {
      issued += 1;
      return json(200, { accessToken: `access-${issued}`, refreshToken: 'rotated', expiresIn: 900, user: me });
    })
    .on('POST', '/api/auth/logout', () => json(204, null))
    .on('GET', '/api/projects', (c) =>
      c.headers.get('authorization') === `Bearer access-${issued}`
        ? json(200, { items: [project], nextCursor: 'c2' })
        : apiError(401, 'unauthorized', 'token expired'),
    );
  const api = new Api({ baseUrl: ORIGIN, fetch: server.fetch as typeof fetch });
  return { server, api, issued: () => issued };
}

describe('AuthSession and the typed client', () => {
  it('GIVEN valid credentials WHEN signing in THEN requests carry the in-memory bearer token', async () => {
    const { server, api } = setup();
    await api.session.login('owner@example.com', 'correct horse battery');
    expect(api.session.current).toEqual({ status: 'signed-in', user: me });
    const page = await api.listProjects({ limit: 20, q: 'churn' });
    expect(page.items[0].name).toBe('Churn model');
    expect(page.nextCursor).toBe('c2');
    const call = server.callsTo('GET', '/api/projects')[0];
    expect(call.headers.get('authorization')).toBe('Bearer access-1');
    expect(new URLSearchParams(call.search).get('q')).toBe('churn');
    expect(new URLSearchParams(call.search).get('limit')).toBe('20');
  });

  it('never keeps the refresh token: refresh and logout send no refreshToken and rely on the cookie', async () => {
    const { server, api } = setup();
    await api.session.login('owner@example.com', 'correct horse battery');
    const held = Object.values(api.session as unknown as Record<string, unknown>).map((v) => (typeof v === 'string' ? v : ''));
    expect(held).toContain('access-1');
    expect(held.join(' ')).not.toContain('refresh-in-body');
    expect(document.cookie).not.toContain('refresh-in-body');
    expect(Object.keys(localStorage)).toHaveLength(0);
    expect(Object.keys(sessionStorage)).toHaveLength(0);
    await api.session.refresh();
    await api.session.logout();
    const refresh = server.callsTo('POST', '/api/auth/refresh')[0];
    const logout = server.callsTo('POST', '/api/auth/logout')[0];
    expect(refresh.body).toEqual({});
    expect(logout.body).toEqual({});
    expect(refresh.credentials).toBe('same-origin');
    expect(logout.credentials).toBe('same-origin');
    expect(api.session.current.status).toBe('signed-out');
    expect(await api.session.freshAccessToken()).toBe('access-3');
  });

  it('GIVEN an expired access token WHEN parallel requests get 401 THEN one silent refresh serves them all', async () => {
    const { server, api } = setup();
    await api.session.login('owner@example.com', 'correct horse battery');
    // The server now only accepts a newer token than the one held.
    server.on('GET', '/api/projects', (c) =>
      c.headers.get('authorization') === 'Bearer access-2'
        ? json(200, { items: [project], nextCursor: null })
        : apiError(401, 'unauthorized', 'token expired'),
    );
    const results = await Promise.all([api.listProjects(), api.listProjects(), api.listProjects()]);
    expect(results.map((r) => r.items.length)).toEqual([1, 1, 1]);
    expect(server.callsTo('POST', '/api/auth/refresh')).toHaveLength(1);
    expect(api.session.current.status).toBe('signed-in');
  });

  it('GIVEN a revoked refresh cookie WHEN a request gets 401 THEN the session ends with a message', async () => {
    const { server, api } = setup();
    await api.session.login('owner@example.com', 'correct horse battery');
    server.on('POST', '/api/auth/refresh', () => apiError(401, 'invalid_refresh_token', 'refresh token revoked'));
    server.on('GET', '/api/projects', () => apiError(401, 'unauthorized', 'token expired'));
    await expect(api.listProjects()).rejects.toMatchObject({ status: 401 });
    expect(api.session.current).toEqual({ status: 'signed-out', reason: 'Your session has ended. Sign in again.' });
  });

  it('restores a session from the cookie at page load, or lands signed out', async () => {
    const ok = setup();
    expect(await ok.api.session.restore()).toEqual({ status: 'signed-in', user: me });
    const none = setup();
    none.server.on('POST', '/api/auth/refresh', () => apiError(401, 'unauthorized', 'no refresh token'));
    expect((await none.api.session.restore()).status).toBe('signed-out');
  });

  it('turns error bodies into ApiError with code, message, Retry-After and field errors', async () => {
    const { server, api } = setup();
    server.on('POST', '/api/auth/login', () => apiError(429, 'too_many_attempts', 'too many failed logins', { 'retry-after': '42' }));
    const err = await api.session.login('owner@example.com', 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 429, code: 'too_many_attempts', retryAfter: 42 });

    await api.session.restore();
    server.on('POST', '/api/projects', () => apiError(400, 'validation_failed', 'body/name must NOT have fewer than 1 characters'));
    const bad = (await api.createProject({ name: '' }).catch((e: unknown) => e)) as ApiError;
    expect(bad.fields).toEqual({ name: 'Must NOT have fewer than 1 characters.' });
  });

  it('reads field errors from details lists, field maps and required-property messages', () => {
    expect(fieldErrorsOf({ error: { code: 'x', message: 'm', details: [{ field: 'uri', message: 'must be a URI' }] } })).toEqual({
      uri: 'must be a URI',
    });
    expect(
      fieldErrorsOf({
        error: { code: 'x', message: 'm', details: [{ instancePath: '/body/format', message: 'must be one of csv, parquet' }] },
      }),
    ).toEqual({ format: 'must be one of csv, parquet' });
    expect(fieldErrorsOf({ error: { code: 'x', message: 'm', fields: { email: 'already taken' } } })).toEqual({ email: 'already taken' });
    expect(fieldErrorsOf({ error: { code: 'x', message: "body must have required property 'title'" } })).toEqual({
      title: 'This field is required.',
    });
    expect(fieldErrorsOf({ error: { code: 'validation_failed', message: 'body must have the property "kind"' } })).toEqual({
      kind: 'This field is required.',
    });
    expect(fieldErrorsOf({ error: { code: 'validation_failed', message: 'body/role must be one of: admin, analyst, viewer' } })).toEqual({
      role: 'Must be one of: admin, analyst, viewer.',
    });
    expect(fieldErrorsOf({ error: { code: 'weak_password', message: 'password must be at least 12 characters' } })).toEqual({
      password: 'Password must be at least 12 characters.',
    });
    expect(fieldErrorsOf({ error: { code: 'email_taken', message: 'a user with email a@b.c already exists' } })).toEqual({
      email: 'A user with email a@b.c already exists.',
    });
    expect(fieldErrorsOf({ error: { code: 'x', message: 'project not found' } })).toEqual({});
  });

  it('reports a network failure as a NETWORK ApiError, not a crash', async () => {
    const api = new Api({ baseUrl: ORIGIN, fetch: (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch });
    const err = (await api.session.login('a@b.c', 'pw').catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('NETWORK');
    expect(err.message).toMatch(/Cannot reach the server/);
  });
});
