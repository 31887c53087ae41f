import { createConnection } from 'mysql2/promise';
import { CuttableProxy } from './support/cuttable-proxy';
import { adminOf, startTestApp, type TestApp, type TestUser } from './support/test-app';
import { createTestDatabase, type TestDatabase } from './support/test-databases';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The embedded SQLite database has no network to lose; outages are a MySQL matter.
describe('MySQL outage behind a proxy', () => {
  let database: TestDatabase;
  let proxy: CuttableProxy;
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    database = await createTestDatabase('mysql');
    proxy = new CuttableProxy({ host: database.host, port: database.port });
    t = await startTestApp({ database: { ...database, url: await proxy.urlFor(database) }, config: { dbPoolSize: 4 } });
    admin = await adminOf(t);
  });
  afterAll(async () => {
    await t?.close();
    await proxy?.close();
    await database?.drop();
  });

  it('answers 503 while the database is gone, never 500, keeps every acknowledged write, and recovers', async () => {
    const acknowledged: Array<{ id: number; name: string }> = [];
    const statuses = new Map<number, number>();
    let running = true;
    let sequence = 0;

    const worker = async () => {
      while (running) {
        sequence += 1;
        const name = `load ${sequence}`;
        const write = await t.request({ method: 'POST', url: '/api/projects', token: admin.token, payload: { name } });
        statuses.set(write.statusCode, (statuses.get(write.statusCode) ?? 0) + 1);
        if (write.statusCode === 201) acknowledged.push({ id: write.json().id, name });
        else expect(write.json().error.code).toBe('database_unavailable');
        const read = await t.request({ method: 'GET', url: '/api/projects?limit=5', token: admin.token });
        statuses.set(read.statusCode, (statuses.get(read.statusCode) ?? 0) + 1);
        if (read.statusCode !== 200) await sleep(20);
      }
    };

    const workers = [worker(), worker(), worker(), worker()];
    await sleep(800);
    const beforeOutage = acknowledged.length;
    proxy.cutAll();
    await sleep(1500);
    const ready = await t.request({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().error.code).toBe('database_unavailable');
    const duringOutage = acknowledged.length;
    proxy.restore();

    // Recovers by itself: no restart, no manual reconnect.
    const deadline = Date.now() + 15_000;
    while ((await t.request({ method: 'GET', url: '/readyz' })).statusCode !== 200) {
      if (Date.now() > deadline) throw new Error('the app did not recover within 15 s');
      await sleep(100);
    }
    await sleep(800);
    running = false;
    await Promise.all(workers);

    expect(beforeOutage).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThan(duringOutage);
    expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    expect([...statuses.keys()].filter((s) => ![200, 201, 503].includes(s))).toEqual([]);

    // Every write that answered 201 is in the database (read directly, not through the proxy).
    const direct = await createConnection({ uri: database.url, charset: 'UTF8MB4_UNICODE_CI' });
    try {
      const [rows] = await direct.query('SELECT id, name FROM projects');
      const stored = new Map((rows as Array<{ id: number; name: string }>).map((r) => [r.id, r.name]));
      for (const { id, name } of acknowledged) expect(stored.get(id)).toBe(name);
    } finally {
      await direct.end();
    }
  });
});
