import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { LocalRun, LocalRunExecutor, SPARK_SUBMIT_MISSING } from '../../../app/server/runs/local/local-executor';
import { tailLines } from '../../../app/server/runs/local/log-file';
import { RunUpdate } from '../../../app/server/runs/run-backend';
import { TEST_PYTHON, livePids, tempDir, waitFor, writeNotebook } from './support/notebooks';

/** Collects every update and resolves the terminal one of a run. */
function recorder(executor: LocalRunExecutor) {
  const updates: RunUpdate[] = [];
  executor.on('update', (u) => updates.push(u));
  const finished = (runId: string) =>
    waitFor(`run ${runId} to finish`, () => updates.find((u) => u.runId === runId && u.observation.status !== 'running'), 90000);
  return { updates, finished };
}

function notebookRun(dir: string, runId: string, notebookPath: string, extra: Partial<LocalRun> = {}): LocalRun {
  return {
    kind: 'notebook',
    runId,
    notebookPath,
    outputNotebookPath: path.join(dir, `${runId}.out.ipynb`),
    workDir: path.join(dir, `work-${runId}`),
    logPath: path.join(dir, `${runId}.log`),
    outputPath: path.join(dir, `${runId}.result.txt`),
    parameters: {},
    timeoutSeconds: 120,
    ...extra,
  } as LocalRun;
}

describe('local run executor with python3 on real notebooks', () => {
  const dir = tempDir('local-runs');
  const executor = new LocalRunExecutor({ python: TEST_PYTHON, maxConcurrent: 2, stopGraceMs: 3000 });
  const { updates, finished } = recorder(executor);
  const previousSecret = process.env.JWT_SECRET;
  beforeAll(() => {
    process.env.JWT_SECRET = 'server-secret-that-runs-must-not-see';
  });
  afterAll(async () => {
    await executor.shutdown();
    process.env.JWT_SECRET = previousSecret;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('parameters reach the notebook after its parameters cell, it writes output_path, and the executed notebook is kept', async () => {
    const notebook = writeNotebook(
      dir,
      'params.ipynb',
      '#parameters\ngreeting = "hello"\ncount = 1\nitems = []\noutput_path = "unused.txt"',
      'import os\nprint("greeting is", greeting, "x", count, items)\nprint("secret:", os.environ.get("JWT_SECRET"))',
      'with open(output_path, "w") as f:\n    f.write(f"{greeting}:{count}:{len(items)}")',
    );
    const run = notebookRun(dir, 'p1', notebook, { parameters: { greeting: 'bonjour', count: 3, items: [1, { a: null }] } });
    executor.submit(run);
    const done = await finished('p1');
    expect(updates.filter((u) => u.runId === 'p1').map((u) => u.observation.status)).toEqual(['running', 'succeeded']);
    expect(done.observation).toMatchObject({ status: 'succeeded' });
    expect(fs.readFileSync(run.outputPath, 'utf8')).toBe('bonjour:3:2');
    const executed = JSON.parse(fs.readFileSync((run as { outputNotebookPath: string }).outputNotebookPath, 'utf8'));
    expect(executed.cells[1].metadata.tags).toEqual(['injected-parameters']);
    expect(executed.cells[1].source.join('')).toContain("greeting = 'bonjour'\ncount = 3\n");
    expect(executed.metadata.papermill.parameters).toEqual({
      greeting: 'bonjour',
      count: 3,
      items: [1, { a: null }],
      output_path: run.outputPath,
    });
    const log = await tailLines(run.logPath, 50);
    expect(log).toContain("greeting is bonjour x 3 [1, {'a': None}]");
    // The server's environment (database URL, JWT key) never reaches a run.
    expect(log).toContain('secret: None');
  });

  test('a failing cell fails the run with the exception in the message, and the executed notebook is still saved', async () => {
    const notebook = writeNotebook(dir, 'fails.ipynb', 'print("before the error")', 'raise ValueError("bad value 42")', 'print("never")');
    const run = notebookRun(dir, 'f1', notebook);
    executor.submit(run);
    expect((await finished('f1')).observation).toMatchObject({ status: 'failed', message: 'ValueError: bad value 42' });
    const executed = JSON.parse(fs.readFileSync((run as { outputNotebookPath: string }).outputNotebookPath, 'utf8'));
    // Without a parameters cell the injected one (output_path) goes first, as papermill does.
    expect(executed.cells[0].metadata.tags).toEqual(['injected-parameters']);
    expect(executed.cells[1].outputs[0].text.join('')).toBe('before the error\n');
    expect(executed.cells[2].outputs[0]).toMatchObject({ output_type: 'error', ename: 'ValueError', evalue: 'bad value 42' });
    expect(executed.cells[3].outputs).toEqual([]);
  });

  const longNotebook = () =>
    writeNotebook(
      dir,
      'long.ipynb',
      [
        'import os, subprocess, time',
        // A process in a session of its own, like the kernel: a process-group kill would miss it.
        'daemon = subprocess.Popen(["sleep", "600"], start_new_session=True)',
        'print("pids", os.getpid(), daemon.pid, flush=True)',
        'for i in range(600):',
        '    print("tick", i, flush=True)',
        '    time.sleep(0.5)',
      ].join('\n'),
    );

  async function pidsFromLog(logPath: string): Promise<number[]> {
    const line = await waitFor('the notebook to print its pids', async () => (await tailLines(logPath, 100)).match(/pids (\d+) (\d+)/));
    return [Number(line[1]), Number(line[2])];
  }

  test('logs can be tailed while the run runs; cancel stops the whole tree (runner, kernel, a daemon in its own session)', async () => {
    const run = notebookRun(dir, 'c1', longNotebook());
    executor.submit(run);
    const [kernelPid, daemonPid] = await pidsFromLog(run.logPath);
    await waitFor('two ticks in the log', async () => /tick 1\n/.test(await tailLines(run.logPath, 5)));
    expect(executor.runningRunIds()).toContain('c1');
    const runnerPids = [...livePids()].filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('.run-c1.parameters.json');
      } catch {
        return false;
      }
    });
    expect(runnerPids).toHaveLength(1);
    expect(livePids().has(kernelPid) && livePids().has(daemonPid)).toBe(true);

    expect(executor.cancel('c1', 'cancelled by ana@example.com')).toBe(true);
    const done = await finished('c1');
    expect(done.observation).toEqual({
      status: 'cancelled',
      at: expect.any(Date),
      message: 'cancelled by ana@example.com; its whole process tree was stopped',
    });
    const alive = livePids();
    expect([runnerPids[0], kernelPid, daemonPid].filter((pid) => alive.has(pid))).toEqual([]);
    expect(executor.cancel('c1')).toBe(false);
  });

  test('a run past timeoutSeconds is timed_out, says so, and leaves no process behind', async () => {
    const run = notebookRun(dir, 't1', longNotebook(), { timeoutSeconds: 4 });
    executor.submit(run);
    const [kernelPid, daemonPid] = await pidsFromLog(run.logPath);
    const done = await finished('t1');
    expect(done.observation).toMatchObject({
      status: 'timed_out',
      message: "timed out after 4 s (the task's timeoutSeconds); its whole process tree was stopped",
    });
    const alive = livePids();
    expect([kernelPid, daemonPid].filter((pid) => alive.has(pid))).toEqual([]);
    // The notebook as far as it ran is kept.
    expect(fs.existsSync((run as { outputNotebookPath: string }).outputNotebookPath)).toBe(true);
  });
});

describe('local run executor limits and failures without a kernel', () => {
  test('parallel runs never exceed RUNS_MAX_CONCURRENT, the rest start in FIFO order, and a queued run can be cancelled', async () => {
    const dir = tempDir('local-limit');
    const fake = path.join(dir, 'spark-submit');
    // A stand-in spark-submit that takes a moment, so runs overlap.
    fs.writeFileSync(fake, '#!/bin/sh\nsleep 0.4\nexit 0\n', { mode: 0o755 });
    const executor = new LocalRunExecutor({ sparkSubmit: fake, maxConcurrent: 2 });
    const { updates, finished } = recorder(executor);
    const running = new Set<string>();
    let peak = 0;
    executor.on('update', (u) => {
      if (u.observation.status === 'running') running.add(u.runId);
      else running.delete(u.runId);
      peak = Math.max(peak, running.size);
    });
    const ids = ['1', '2', '3', '4', '5', '6'];
    for (const runId of ids) {
      executor.submit({
        kind: 'spark',
        runId,
        applicationPath: path.join(dir, 'job.py'),
        arguments: [],
        workDir: dir,
        logPath: path.join(dir, `${runId}.log`),
        outputPath: path.join(dir, `${runId}.out`),
        timeoutSeconds: 60,
      });
    }
    expect(executor.queuedRunIds()).toEqual(['3', '4', '5', '6']);
    expect(executor.cancel('5')).toBe(true);
    for (const runId of ids) await finished(runId);
    expect(peak).toBe(2);
    const starts = updates.filter((u) => u.observation.status === 'running').map((u) => u.runId);
    expect(starts).toEqual(['1', '2', '3', '4', '6']);
    expect(updates.find((u) => u.runId === '5')?.observation).toMatchObject({
      status: 'cancelled',
      message: 'cancelled before it started',
    });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a Spark run passes the application, its arguments, conf and OUTPUT_PATH to spark-submit, and its exit code decides', async () => {
    const dir = tempDir('local-spark');
    const fake = path.join(dir, 'spark-submit');
    fs.writeFileSync(fake, '#!/bin/sh\necho "args: $*"\necho "output: $OUTPUT_PATH"\n[ "$5" = "--conf" ] && exit 0\nexit 3\n', {
      mode: 0o755,
    });
    const executor = new LocalRunExecutor({ sparkSubmit: fake });
    const { finished } = recorder(executor);
    const base = {
      kind: 'spark' as const,
      applicationPath: '/jobs/profile.py',
      workDir: dir,
      outputPath: path.join(dir, 'out.parquet'),
      timeoutSeconds: 60,
    };
    executor.submit({
      ...base,
      runId: 's1',
      arguments: ['--input', 'in.csv'],
      sparkConf: { 'spark.sql.shuffle.partitions': '4' },
      logPath: path.join(dir, 's1.log'),
    });
    expect((await finished('s1')).observation).toMatchObject({ status: 'succeeded' });
    expect(fs.readFileSync(path.join(dir, 's1.log'), 'utf8')).toBe(
      `args: --master local[*] --name run-s1 --conf spark.sql.shuffle.partitions=4 /jobs/profile.py --input in.csv\noutput: ${base.outputPath}\n`,
    );
    executor.submit({ ...base, runId: 's2', arguments: [], logPath: path.join(dir, 's2.log') });
    expect((await finished('s2')).observation).toMatchObject({
      status: 'failed',
      message: "spark-submit failed with exit code 3; see the run's log",
    });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('without SPARK_SUBMIT a Spark run fails at once saying what to install or set', () => {
    const executor = new LocalRunExecutor({});
    const updates: RunUpdate[] = [];
    executor.on('update', (u) => updates.push(u));
    executor.submit({
      kind: 'spark',
      runId: 'x',
      applicationPath: 'a.py',
      arguments: [],
      workDir: '/tmp',
      logPath: '/tmp/x.log',
      outputPath: '/tmp/x',
      timeoutSeconds: 60,
    });
    expect(updates).toEqual([{ runId: 'x', observation: { status: 'failed', at: expect.any(Date), message: SPARK_SUBMIT_MISSING } }]);
    expect(SPARK_SUBMIT_MISSING).toMatch(/install .*SPARK_SUBMIT/);
  });

  test('an interpreter that does not exist fails the run naming RUNS_PYTHON', async () => {
    const dir = tempDir('local-nopython');
    const executor = new LocalRunExecutor({ python: path.join(dir, 'no-such-python') });
    const { finished } = recorder(executor);
    executor.submit(notebookRun(dir, 'n1', writeNotebook(dir, 'a.ipynb', 'print(1)')));
    expect((await finished('n1')).observation).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/^cannot start .*no-such-python \(RUNS_PYTHON\): spawn .* ENOENT$/),
    });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('a server that dies', () => {
  test('takes its runs with it: the runner and its kernel stop when the server is killed with SIGKILL', async () => {
    const dir = tempDir('local-orphan');
    const notebook = writeNotebook(dir, 'long.ipynb', 'import os, time\nprint("pids", os.getpid(), flush=True)\ntime.sleep(600)');
    const server = spawn(
      process.execPath,
      ['-r', 'ts-node/register', path.join(__dirname, 'support', 'executor-process.ts'), TEST_PYTHON, dir, notebook],
      {
        cwd: path.resolve(__dirname, '../../..'),
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    server.stdout!.on('data', (chunk) => (out += chunk));
    const logPath = await waitFor('the run to start', () => /running (.*)\n/.exec(out)?.[1]);
    const kernelPid = Number(await waitFor('the kernel pid', async () => /pids (\d+)/.exec(await tailLines(logPath, 20))?.[1]));
    const runnerPid = [...livePids()].find((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('.run-orphan.parameters.json');
      } catch {
        return false;
      }
    });
    expect(runnerPid).toBeDefined();
    server.kill('SIGKILL');
    await waitFor('the runner and the kernel to stop', () => !livePids().has(runnerPid!) && !livePids().has(kernelPid), 20000);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
