import { createCast, type Cast } from './support/fixtures';
import { ADMIN_EMAIL, USER_PASSWORD, startTestApp, type TestApp } from './support/test-app';
import { DIALECTS, createTestDatabase, type TestDatabase } from './support/test-databases';

describe.each(DIALECTS)('the 409 rules and expired refresh tokens on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = await startTestApp({ database });
    cast = await createCast(t);
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  const asAdmin = (method: 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, payload?: object) =>
    t.request({ method, url, token: cast.admin.token, ...(payload ? { payload } : {}) });
  const userRow = (id: number) => t.ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  const expectConflict = (response: { statusCode: number; json: () => unknown }, code: string) =>
    expect({ status: response.statusCode, body: response.json() }).toEqual({
      status: 409,
      body: { error: { code, message: expect.any(String) } },
    });

  it.each([
    ['the same', (email: string) => email],
    ['an upper-case', (email: string) => email.toUpperCase()],
    ['a mixed-case', (email: string) => email.replace(/^./, (c) => c.toUpperCase()).replace('example', 'ExAmple')],
  ])('refuses a new user with %s spelling of a taken email: 409 email_taken, nothing created', async (_case, spell) => {
    const before = await t.ctx.db.selectFrom('users').select('id').execute();
    for (const taken of [cast.viewer.email, ADMIN_EMAIL]) {
      const response = await asAdmin('POST', '/api/users', { email: spell(taken), password: 'long-enough-password', role: 'analyst' });
      expectConflict(response, 'email_taken');
      expect(response.json().error.message).toContain(taken);
    }
    expect(await t.ctx.db.selectFrom('users').select('id').execute()).toEqual(before);
  });

  it.each([{ role: 'viewer' }, { disabled: true }, { role: 'analyst', disabled: true }])(
    'refuses an admin changing their own account (%j): 409 cannot_change_self, unchanged',
    async (change) => {
      const before = await userRow(cast.admin.id);
      expectConflict(await asAdmin('PATCH', `/api/users/${cast.admin.id}`, change), 'cannot_change_self');
      expect(await userRow(cast.admin.id)).toEqual(before);
    },
  );

  it('refuses an admin deleting their own account: 409 cannot_delete_self, still there', async () => {
    expectConflict(await asAdmin('DELETE', `/api/users/${cast.admin.id}`), 'cannot_delete_self');
    expect(await userRow(cast.admin.id)).toBeDefined();
  });

  it('refuses deleting a user who owns projects (409 user_owns_projects, naming how many), and deletes them once they own none', async () => {
    const owner = await t.createUser('analyst');
    const ids: number[] = [];
    for (const name of ['one', 'two']) {
      ids.push((await t.request({ method: 'POST', url: '/api/projects', token: owner.token, payload: { name } })).json().id);
    }
    const refused = await asAdmin('DELETE', `/api/users/${owner.id}`);
    expectConflict(refused, 'user_owns_projects');
    expect(refused.json().error.message).toMatch(/owns 2 project/);
    expect(await userRow(owner.id)).toBeDefined();
    for (const id of ids)
      expect((await t.request({ method: 'DELETE', url: `/api/projects/${id}`, token: owner.token })).statusCode).toBe(204);
    expect((await asAdmin('DELETE', `/api/users/${owner.id}`)).statusCode).toBe(204);
    expect(await userRow(owner.id)).toBeUndefined();
  });

  it('refuses adding a project owner as a member of their own project: 409 owner_is_not_a_member, no membership', async () => {
    const project = (await t.request({ method: 'POST', url: '/api/projects', token: cast.owner.token, payload: { name: 'mine' } })).json();
    for (const caller of [cast.owner, cast.admin]) {
      const response = await t.request({
        method: 'PUT',
        url: `/api/projects/${project.id}/members/${cast.owner.id}`,
        token: caller.token,
        payload: { role: 'editor' },
      });
      expectConflict(response, 'owner_is_not_a_member');
    }
    const members = await t.ctx.db.selectFrom('project_members').selectAll().where('project_id', '=', project.id).execute();
    expect(members).toEqual([]);
  });

  describe('an expired refresh token', () => {
    const loginPair = async () => {
      const user = await t.createUser('analyst');
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email, password: USER_PASSWORD },
      });
      return { user, refreshToken: response.json().refreshToken as string };
    };
    const expireTokensOf = (userId: number) =>
      t.ctx.db.updateTable('refresh_tokens').set({ expires_at: '2000-01-01 00:00:00.000' }).where('user_id', '=', userId).execute();
    const tokenRows = (userId: number) => t.ctx.db.selectFrom('refresh_tokens').selectAll().where('user_id', '=', userId).execute();

    it('answers 401 refresh_token_expired and issues nothing', async () => {
      const { user, refreshToken } = await loginPair();
      await expireTokensOf(user.id);
      const before = await tokenRows(user.id);
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken } });
      expect({ status: response.statusCode, body: response.json() }).toEqual({
        status: 401,
        body: { error: { code: 'refresh_token_expired', message: expect.stringMatching(/log in again/) } },
      });
      expect(await tokenRows(user.id)).toEqual(before);
    });

    it('clears the expired cookie, and the user logs in again', async () => {
      const { user, refreshToken } = await loginPair();
      await expireTokensOf(user.id);
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/refresh',
        payload: {},
        cookies: { datavis_refresh: refreshToken },
      });
      expect(response.statusCode).toBe(401);
      expect(String(response.headers['set-cookie'])).toMatch(/^datavis_refresh=; Max-Age=0/);
      const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: USER_PASSWORD } });
      expect(again.statusCode).toBe(200);
      // Logging in cleared the user's expired tokens.
      expect((await tokenRows(user.id)).map((r) => r.expires_at > '2000-01-01 00:00:00.000')).toEqual([true]);
    });
  });
});
