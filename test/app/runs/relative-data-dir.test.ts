import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/test-databases';
import { createNotebookTask, startRun, startRunApp, uploadNotebook, waitForFinish, type RunTestApp } from './support/run-app';

/**
 * `npm start` keeps its data in `./data`, a path relative to the server's working directory,
 * while a notebook runs in a working directory of its own: every path handed to the runner
 * must still lead to the run's files.
 */
describe('runs with DATA_DIR given relative to the working directory, as npm start does', () => {
  let database: TestDatabase;
  let r: RunTestApp;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'datavis-relative-'));

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    r = await startRunApp(database, { DATA_DIR: path.relative(process.cwd(), dataDir) });
  });
  afterAll(async () => {
    await r?.t.close();
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs a notebook to success and keeps its log and executed notebook', async () => {
    const { t, cast, fixture } = r;
    await uploadNotebook(t, cast.owner.token, fixture.projectId, 'hello.ipynb', '#parameters\nwho = "x"', 'print(f"hello {who}")');
    const taskId = await createNotebookTask(t, cast.owner.token, fixture.projectId, {
      notebook: 'hello.ipynb',
      parameters: { who: 'data' },
    });
    const run = await startRun(t, cast.owner.token, taskId);
    const done = await waitForFinish(t, cast.owner.token, run.id);
    expect(done).toMatchObject({ status: 'succeeded', outputAvailable: true, message: null });
    const logs = await t.request({ method: 'GET', url: `/api/runs/${run.id}/logs`, token: cast.owner.token });
    expect(logs.body).toContain('hello data');
  });
});
