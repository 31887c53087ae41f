import { ACTORS, createCast, createProjectFixture, tokenOf, type Actor, type Cast, type ProjectFixture } from '../support/fixtures';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/test-databases';
import { connectEvents, type EventClient } from '../support/ws-client';
import { SALES_CSV, startDatasetApp, upload, type DatasetTestApp } from './support/dataset-app';

/** What each caller gets: writers change datasets, every member reads them, others see nothing. */
const WRITE: Record<Actor, number> = { admin: 201, owner: 201, editor: 201, viewer: 403, outsider: 404, anonymous: 401 };
const READ: Record<Actor, number> = { admin: 200, owner: 200, editor: 200, viewer: 200, outsider: 404, anonymous: 401 };
const REMOVE: Record<Actor, number> = { ...WRITE, admin: 204, owner: 204, editor: 204 };

describe.each(DIALECTS)('who may upload, read, query and delete managed datasets on %s', (dialect) => {
  let database: TestDatabase;
  let t: DatasetTestApp;
  let cast: Cast;
  let fixture: ProjectFixture;
  let datasetId: number;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = await startDatasetApp(database, 'file');
    cast = await createCast(t);
    fixture = await createProjectFixture(t, cast);
    datasetId = (await upload(t, cast.owner.token, fixture.projectId, 'shared', SALES_CSV)).json().id;
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it.each(ACTORS)('%s: upload and new version', async (actor) => {
    const created = await upload(t, tokenOf(cast, actor), fixture.projectId, `by ${actor}`, SALES_CSV);
    expect(created.statusCode).toBe(WRITE[actor]);
    const version = await t.request({
      method: 'POST',
      url: `/api/datasets/${datasetId}/versions`,
      token: tokenOf(cast, actor),
      payload: SALES_CSV,
      headers: { 'content-type': 'text/csv' },
    });
    expect(version.statusCode).toBe(WRITE[actor]);
    if (WRITE[actor] !== 201) expect(t.storedKeys().filter((key) => key.startsWith('.staging/'))).toEqual([]);
  });

  it.each(ACTORS)('%s: versions, preview, profile, download and query', async (actor) => {
    const token = tokenOf(cast, actor);
    for (const path of ['versions', 'preview', 'profile', 'download']) {
      const response = await t.request({ method: 'GET', url: `/api/datasets/${datasetId}/${path}`, token });
      expect([path, response.statusCode]).toEqual([path, READ[actor]]);
    }
    const query = await t.request({
      method: 'POST',
      url: `/api/projects/${fixture.projectId}/query`,
      token,
      payload: { sql: 'SELECT count(*) FROM shared' },
    });
    expect(query.statusCode).toBe(READ[actor]);
  });

  it.each(ACTORS)('%s: delete', async (actor) => {
    const target = (await upload(t, cast.owner.token, fixture.projectId, `delete by ${actor}`, SALES_CSV)).json().id;
    const response = await t.request({ method: 'DELETE', url: `/api/datasets/${target}`, token: tokenOf(cast, actor) });
    expect(response.statusCode).toBe(REMOVE[actor]);
    const stored = t.storedKeys().some((key) => key.startsWith(`datasets/${fixture.projectId}/${target}/`));
    expect(stored).toBe(REMOVE[actor] !== 204);
  });
});

describe('dataset events reach the project audience only, after the write', () => {
  let database: TestDatabase;
  let t: DatasetTestApp;
  let cast: Cast;
  let fixture: ProjectFixture;
  const clients = new Map<Actor, EventClient>();

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    t = await startDatasetApp(database, 'file');
    cast = await createCast(t);
    fixture = await createProjectFixture(t, cast);
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    for (const actor of ['admin', 'owner', 'editor', 'viewer', 'outsider'] as const)
      clients.set(actor, await connectEvents(base, cast[actor].token));
  });
  afterAll(async () => {
    for (const client of clients.values()) await client.close();
    await t?.close();
    await database?.drop();
  });

  it('dataset.created, dataset.updated (new version) and dataset.deleted reach admin, owner and members, not an outsider', async () => {
    const created = (await upload(t, cast.editor.token, fixture.projectId, 'live', SALES_CSV)).json();
    await t.request({
      method: 'POST',
      url: `/api/datasets/${created.id}/versions`,
      token: cast.editor.token,
      payload: SALES_CSV,
      headers: { 'content-type': 'text/csv' },
    });
    await t.request({ method: 'DELETE', url: `/api/datasets/${created.id}`, token: cast.editor.token });
    for (const actor of ['admin', 'owner', 'editor', 'viewer'] as const) {
      const client = clients.get(actor)!;
      const made = await client.waitFor((m) => m.type === 'dataset.created' && m.datasetId === created.id);
      expect(made).toMatchObject({
        projectId: fixture.projectId,
        data: { id: created.id, name: 'live', managed: true, version: 1, rowCount: 5 },
      });
      const updated = await client.waitFor((m) => m.type === 'dataset.updated' && m.datasetId === created.id);
      expect(updated).toMatchObject({ projectId: fixture.projectId, data: { id: created.id, version: 2 } });
      const deleted = await client.waitFor((m) => m.type === 'dataset.deleted' && m.datasetId === created.id);
      expect(deleted).toMatchObject({ projectId: fixture.projectId, data: { id: created.id } });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(clients.get('outsider')!.received.filter((m) => String(m.type).startsWith('dataset.'))).toEqual([]);
  });

  it('a refused upload sends no event', async () => {
    const before = clients.get('owner')!.received.length;
    expect((await upload(t, cast.editor.token, fixture.projectId, 'broken', 'a,b\n1,2,3\n')).statusCode).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(clients.get('owner')!.received.slice(before)).toEqual([]);
  });
});
