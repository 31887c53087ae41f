import { createCast, createProjectFixture, type Cast } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';
import { DIALECTS, TEST_REDIS_URL, createTestDatabase, type TestDatabase } from './support/test-databases';
import { connectEvents, type EventClient } from './support/ws-client';

describe.each(DIALECTS)('WebSocket events across two replicas sharing Redis, on %s', (dialect) => {
  let database: TestDatabase;
  let replicaA: TestApp;
  let replicaB: TestApp;
  let urlA: string;
  let urlB: string;
  let cast: Cast;
  const clients: EventClient[] = [];

  const open = async (url: string, token: string, via: 'protocol' | 'query' = 'protocol') => {
    const client = await connectEvents(url, token, via);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const redisKeyPrefix = `datavis-test:ws-${dialect}-${Date.now()}:`;
    replicaA = await startTestApp({ database, redisUrl: TEST_REDIS_URL, redisKeyPrefix });
    replicaB = await startTestApp({ database, redisUrl: TEST_REDIS_URL, redisKeyPrefix });
    urlA = await replicaA.app.listen({ port: 0, host: '127.0.0.1' });
    urlB = await replicaB.app.listen({ port: 0, host: '127.0.0.1' });
    cast = await createCast(replicaA);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await replicaA?.close();
    await replicaB?.close();
    await database?.drop();
  });

  it('refuses the upgrade without a valid token (401)', async () => {
    await expect(connectEvents(urlA, '', 'none')).rejects.toMatchObject({ statusCode: 401 });
    await expect(connectEvents(urlA, 'not-a-token', 'query')).rejects.toMatchObject({ statusCode: 401 });
    await expect(connectEvents(urlA, 'not-a-token')).rejects.toMatchObject({ statusCode: 401 });
  });

  it('echoes the bearer subprotocol', async () => {
    const client = await open(urlA, cast.owner.token);
    expect(client.socket.protocol).toBe('bearer');
  });

  it('delivers an event to allowed users on both replicas and to nobody else', async () => {
    const owner = await open(urlA, cast.owner.token);
    const viewer = await open(urlB, cast.viewer.token, 'query');
    const admin = await open(urlB, cast.admin.token);
    const outsider = await open(urlB, cast.outsider.token);
    const fixture = await createProjectFixture(replicaA, cast, 'realtime');

    const created = await replicaA.request({
      method: 'POST',
      url: `/api/projects/${fixture.projectId}/tasks`,
      token: cast.editor.token,
      payload: { title: 'live', kind: 'manual' },
    });
    const taskId = created.json().id;
    const isIt = (m: Record<string, unknown>) => m.type === 'task.created' && m.taskId === taskId;
    for (const client of [owner, viewer, admin]) {
      expect(await client.waitFor(isIt)).toMatchObject({
        type: 'task.created',
        projectId: fixture.projectId,
        taskId,
        data: { id: taskId, title: 'live' },
      });
    }
    // The outsider's own project event comes after the task event on the same bus: when it
    // arrives, the task event would have too if it had been sent.
    const own = await replicaB.request({ method: 'POST', url: '/api/projects', token: cast.outsider.token, payload: { name: 'mine' } });
    await outsider.waitFor((m) => m.type === 'project.created' && m.projectId === own.json().id);
    expect(outsider.received.filter((m) => m.projectId === fixture.projectId)).toEqual([]);
  });

  it('publishes nothing for a write that fails', async () => {
    const owner = await open(urlA, cast.owner.token);
    const fixture = await createProjectFixture(replicaA, cast, 'failing');
    await replicaA.request({
      method: 'POST',
      url: `/api/projects/${fixture.projectId}/tasks`,
      token: cast.viewer.token,
      payload: { title: 'no', kind: 'manual' },
    });
    const marker = await replicaA.request({
      method: 'PATCH',
      url: `/api/projects/${fixture.projectId}`,
      token: cast.owner.token,
      payload: { name: 'marker' },
    });
    expect(marker.statusCode).toBe(200);
    await owner.waitFor((m) => m.type === 'project.updated' && (m.data as { name: string }).name === 'marker');
    expect(owner.received.filter((m) => m.type === 'task.created' && m.projectId === fixture.projectId).length).toBe(1);
  });

  it('a reconnecting client with a valid token receives later events', async () => {
    const fixture = await createProjectFixture(replicaA, cast, 'reconnect');
    const first = await open(urlB, cast.viewer.token);
    await first.close();
    await replicaA.request({
      method: 'PATCH',
      url: `/api/projects/${fixture.projectId}`,
      token: cast.owner.token,
      payload: { name: 'while away' },
    });
    const again = await open(urlA, await replicaA.ctx.tokens.sign(cast.viewer.id));
    await replicaB.request({
      method: 'PATCH',
      url: `/api/projects/${fixture.projectId}`,
      token: cast.owner.token,
      payload: { name: 'after reconnect' },
    });
    const message = await again.waitFor((m) => m.type === 'project.updated' && m.projectId === fixture.projectId);
    expect(message).toMatchObject({ data: { name: 'after reconnect' } });
  });

  it('delivers project.deleted to former members, then nothing more for that project', async () => {
    const fixture = await createProjectFixture(replicaA, cast, 'doomed');
    const viewer = await open(urlB, cast.viewer.token);
    await replicaA.request({ method: 'DELETE', url: `/api/projects/${fixture.projectId}`, token: cast.owner.token });
    expect(await viewer.waitFor((m) => m.type === 'project.deleted' && m.projectId === fixture.projectId)).toMatchObject({
      data: { id: fixture.projectId },
    });
  });

  it('closes the sockets of a user who is disabled', async () => {
    const user = await replicaA.createUser('analyst');
    const client = await open(urlB, user.token);
    const closed = new Promise<number>((resolve) => client.socket.once('close', (code) => resolve(code)));
    await replicaA.request({ method: 'PATCH', url: `/api/users/${user.id}`, token: cast.admin.token, payload: { disabled: true } });
    expect(await closed).toBe(1008);
  });
});
