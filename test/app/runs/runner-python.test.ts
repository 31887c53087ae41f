import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/test-databases';
import { TEST_PYTHON } from './support/notebooks';
import { createNotebookTask, startRun, startRunApp, uploadNotebook, waitForFinish, type RunTestApp } from './support/run-app';

/**
 * The machine's python3 may have neither papermill nor nbclient (a python3 from pyenv, say):
 * the run must fail saying what to install or set, not with a bare import error.
 */
describe('a run on a python3 without papermill or nbclient', () => {
  let database: TestDatabase;
  let r: RunTestApp;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datavis-bare-python-'));
  // The test interpreter without site-packages: the standard library only.
  const barePython = path.join(dir, 'python3');
  fs.writeFileSync(barePython, `#!/bin/sh\nexec ${TEST_PYTHON} -S "$@"\n`, { mode: 0o755 });

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    r = await startRunApp(database, { RUNS_PYTHON: barePython });
  });
  afterAll(async () => {
    await r?.t.close();
    await database?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fails with a message naming the interpreter, what to install and RUNS_PYTHON', async () => {
    const { t, cast, fixture } = r;
    await uploadNotebook(t, cast.owner.token, fixture.projectId, 'hello.ipynb', 'print("hello")');
    const taskId = await createNotebookTask(t, cast.owner.token, fixture.projectId, { notebook: 'hello.ipynb' });
    const run = await startRun(t, cast.owner.token, taskId);
    const done = await waitForFinish(t, cast.owner.token, run.id);
    expect(done.status).toBe('failed');
    expect(done.message).toMatch(/^ModuleNotFoundError: No module named '\w+' in .*: install papermill, or nbclient and ipykernel/);
    expect(done.message).toContain('set RUNS_PYTHON');
  });
});
