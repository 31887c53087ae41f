import { isAllowed, runBackendPermissions } from '../../../app/server/runs/kubernetes/permissions';
import { KubernetesRunBackend } from '../../../app/server/runs/kubernetes/kubernetes-backend';
import { RUN_ID_LABEL } from '../../../app/server/runs/kubernetes/run-objects';
import { validateKubernetesObjects, validateSparkApplication } from '../../charts/support/validators';
import { NAMESPACES, kubeBackendHarness } from './support/kube-backend-harness';
import { waitFor } from './support/notebooks';

describe('Kubernetes run backend against an API stand-in', () => {
  const { api, start, savedLogs, backends, updates, backend, updatesOf, finished, jobPod, driverPod, setJobStatus, setAppState } =
    kubeBackendHarness();

  let leader: KubernetesRunBackend;

  beforeAll(async () => {
    await start();
    leader = backend('replica-a');
    const synced = new Promise<void>((resolve) => leader.once('synced', resolve));
    leader.start();
    await synced;
  });

  afterAll(async () => {
    await Promise.all(backends.map((b) => b.stop()));
    await api.stop();
  });

  test('the replica that took the Lease leads and watches the run objects by label', async () => {
    expect(leader.isLeader()).toBe(true);
    expect(api.get('leases', 'datavis', 'web-app-runs')?.spec.holderIdentity).toBe('replica-a');
    expect(api.watchCount('jobs')).toBe(1);
    expect(api.watchCount('sparkapplications')).toBe(1);
  });

  test('a notebook run: the Job it creates is valid; ready pod -> running; Complete -> succeeded, with the pod log saved first', async () => {
    const { externalId } = await leader.submitNotebook({
      runId: '1',
      inputUri: 's3://datavis-local-datasets/projects/1/files/report.ipynb',
      outputNotebookUri: 's3://datavis-local-outputs/runs/1/output.ipynb',
      outputPath: 's3://datavis-local-outputs/runs/1/result.csv',
      parameters: { region: 'EU' },
      timeoutSeconds: 600,
    });
    expect(externalId).toBe('notebooks/run-1');
    const job = api.get('jobs', 'notebooks', 'run-1')!;
    const { metadata, ...rest } = job;
    const { uid: _u, resourceVersion: _r, creationTimestamp: _c, ...meta } = metadata;
    expect(validateKubernetesObjects([{ ...rest, metadata: meta }])).toEqual([null]);
    expect(job.spec.template.spec.containers[0].args).toEqual(
      expect.arrayContaining(['-r', 'output_path', 's3://datavis-local-outputs/runs/1/result.csv']),
    );

    jobPod('1');
    api.setLog('notebooks', 'run-1-abcde', 'Executing cell 1 of 2\nrows: 42\n');
    expect(await leader.logs('1', 'notebook', 1)).toBe('rows: 42\n');
    setJobStatus('1', { active: 1, ready: 1, startTime: '2026-06-01T10:00:00Z' });
    await waitFor('running', () => updatesOf('1').length === 1);
    expect(updatesOf('1')).toEqual([{ status: 'running', at: new Date('2026-06-01T10:00:00Z') }]);

    setJobStatus('1', {
      succeeded: 1,
      startTime: '2026-06-01T10:00:00Z',
      completionTime: '2026-06-01T10:03:00Z',
      conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: '2026-06-01T10:03:00Z' }],
    });
    expect(await finished('1')).toEqual({
      status: 'succeeded',
      at: new Date('2026-06-01T10:03:00Z'),
      startedAt: new Date('2026-06-01T10:00:00Z'),
    });
    expect(savedLogs.get('1')).toBe('Executing cell 1 of 2\nrows: 42\n');
  });

  test('a failed notebook Job fails the run with the exception its pod ended with', async () => {
    await leader.submitNotebook({
      runId: '2',
      inputUri: 's3://b-bucket/in.ipynb',
      outputNotebookUri: 's3://b-bucket/out.ipynb',
      outputPath: 's3://b-bucket/r',
      parameters: {},
      timeoutSeconds: 600,
    });
    jobPod('2', {
      status: {
        phase: 'Failed',
        containerStatuses: [
          {
            name: 'papermill',
            state: {
              terminated: { exitCode: 1, reason: 'Error', message: 'Exception encountered at "In [2]":\nValueError: bad value 42\n' },
            },
          },
        ],
      },
    });
    setJobStatus('2', {
      failed: 1,
      conditions: [
        { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' },
      ],
    });
    expect(await finished('2')).toMatchObject({ status: 'failed', message: 'ValueError: bad value 42' });
  });

  test('a Job past activeDeadlineSeconds is timed_out, and it is deleted in the background so its pods go', async () => {
    await leader.submitNotebook({
      runId: '3',
      inputUri: 's3://b-bucket/in.ipynb',
      outputNotebookUri: 's3://b-bucket/out.ipynb',
      outputPath: 's3://b-bucket/r',
      parameters: {},
      timeoutSeconds: 60,
    });
    jobPod('3');
    setJobStatus('3', {
      failed: 1,
      conditions: [
        { type: 'Failed', status: 'True', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' },
      ],
    });
    expect(await finished('3')).toMatchObject({
      status: 'timed_out',
      message: "timed out after 60 s (the task's timeoutSeconds); the Job controller stopped its pod",
    });
    await waitFor('the Job to be deleted', () => api.get('jobs', 'notebooks', 'run-3') === undefined);
    expect(api.list('pods', 'notebooks').filter((p) => p.metadata.labels?.[RUN_ID_LABEL] === '3')).toEqual([]);
    expect(api.calls.find((c) => c.verb === 'delete' && c.name === 'run-3')).toMatchObject({ propagationPolicy: 'Background' });
  });

  test('cancel saves the log, deletes the Job with its pods, and says so', async () => {
    await leader.submitNotebook({
      runId: '4',
      inputUri: 's3://b-bucket/in.ipynb',
      outputNotebookUri: 's3://b-bucket/out.ipynb',
      outputPath: 's3://b-bucket/r',
      parameters: {},
      timeoutSeconds: 600,
    });
    jobPod('4');
    api.setLog('notebooks', 'run-4-abcde', 'tick 1\n');
    setJobStatus('4', { active: 1, ready: 1 });
    await waitFor('running', () => updatesOf('4').length === 1);
    const observation = await leader.cancel('4', 'notebook', 'cancelled by ana@example.com');
    expect(observation).toMatchObject({ status: 'cancelled', message: 'cancelled by ana@example.com; its Job and its pod were deleted' });
    expect(api.get('jobs', 'notebooks', 'run-4')).toBeUndefined();
    expect(api.list('pods', 'notebooks').filter((p) => p.metadata.labels?.[RUN_ID_LABEL] === '4')).toEqual([]);
    expect(savedLogs.get('4')).toBe('tick 1\n');
    expect(await leader.cancel('4', 'notebook')).toBeUndefined();
  });

  test('a Spark run: valid SparkApplication; SUBMITTED waits, RUNNING runs, COMPLETED succeeds with the driver log saved', async () => {
    await leader.submitSpark({
      runId: '5',
      mainApplicationFile: 's3a://datavis-local-datasets/projects/1/files/job.py',
      arguments: ['--day', '2026-06-01'],
      sizing: { driver: { cores: 1, memoryMiB: 1024 }, executor: { cores: 2, memoryMiB: 2048 }, minExecutors: 0, maxExecutors: 3 },
      timeoutSeconds: 3600,
    });
    const app = api.get('sparkapplications', 'spark-jobs', 'run-5')!;
    expect(validateSparkApplication(app)).toEqual([]);
    setAppState('5', 'SUBMITTED');
    driverPod('5');
    api.setLog('spark-jobs', 'run-5-driver', 'SparkContext: Running Spark version 4.0.4\n');
    setAppState('5', 'RUNNING', {});
    await waitFor('running', () => updatesOf('5').length === 1);
    expect(updatesOf('5')[0].status).toBe('running');
    api.update('sparkapplications', 'spark-jobs', 'run-5', (o) => {
      o.status = { ...o.status, applicationState: { state: 'COMPLETED' }, terminationTime: '2026-06-01T11:00:00Z' };
    });
    expect(await finished('5')).toMatchObject({ status: 'succeeded', at: new Date('2026-06-01T11:00:00Z') });
    expect(savedLogs.get('5')).toBe('SparkContext: Running Spark version 4.0.4\n');
  });

  test.each([
    [
      'FAILED',
      'driver container failed with ExitCode: 1, Reason: Error',
      'the Spark application failed: driver container failed with ExitCode: 1, Reason: Error',
    ],
    ['SUBMISSION_FAILED', 'failed to run spark-submit: exit status 1', 'spark-submit failed: failed to run spark-submit: exit status 1'],
  ])('the operator state %s fails the run with its error message', async (state, errorMessage, message) => {
    const runId = state === 'FAILED' ? '6' : '7';
    await leader.submitSpark({
      runId,
      mainApplicationFile: 'local:///opt/spark/jobs/profile_dataset.py',
      arguments: [],
      sizing: { driver: { cores: 1, memoryMiB: 1024 }, executor: { cores: 1, memoryMiB: 1024 }, minExecutors: 1, maxExecutors: 1 },
      timeoutSeconds: 600,
    });
    setAppState(runId, state, { errorMessage });
    expect(await finished(runId)).toMatchObject({ status: 'failed', message: expect.stringContaining(message) });
  });

  test('a SparkApplication past the run timeout is deleted in the foreground, driver and executors with it, and timed_out', async () => {
    await leader.submitSpark({
      runId: '8',
      mainApplicationFile: 'local:///opt/spark/jobs/profile_dataset.py',
      arguments: [],
      sizing: { driver: { cores: 1, memoryMiB: 1024 }, executor: { cores: 1, memoryMiB: 1024 }, minExecutors: 1, maxExecutors: 1 },
      timeoutSeconds: 1,
    });
    driverPod('8');
    setAppState('8', 'RUNNING');
    expect(await finished('8')).toMatchObject({
      status: 'timed_out',
      message: "timed out after 1 s (the task's timeoutSeconds); its SparkApplication, driver and executors were deleted",
    });
    await waitFor('the application to be deleted', () => api.get('sparkapplications', 'spark-jobs', 'run-8') === undefined);
    expect(api.get('pods', 'spark-jobs', 'run-8-driver')).toBeUndefined();
    expect(api.calls.find((c) => c.verb === 'delete' && c.name === 'run-8')).toMatchObject({ propagationPolicy: 'Foreground' });
  });

  test('a watch that drops (connection cut, or ended by the server) is resumed and the next change still arrives', async () => {
    await leader.submitNotebook({
      runId: '9',
      inputUri: 's3://b-bucket/in.ipynb',
      outputNotebookUri: 's3://b-bucket/out.ipynb',
      outputPath: 's3://b-bucket/r',
      parameters: {},
      timeoutSeconds: 600,
    });
    const lists = () => api.calls.filter((c) => c.verb === 'list' && c.resource === 'jobs').length;
    const listsBefore = lists();
    api.dropWatches('abrupt');
    setJobStatus('9', { active: 1, ready: 1 });
    await waitFor('running after an abrupt drop', () => updatesOf('9').length === 1);
    await waitFor('the watch to be open again', () => api.watchCount('jobs') === 1);
    api.dropWatches('clean');
    setJobStatus('9', { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] });
    expect(await finished('9')).toMatchObject({ status: 'succeeded' });
    // Resumed from the last resourceVersion: no new list was needed.
    expect(lists()).toBe(listsBefore);
    const resumed = api.calls.filter((c) => c.verb === 'watch' && c.resource === 'jobs');
    expect(resumed.length).toBeGreaterThanOrEqual(3);
  });

  test('a watch resumed after the history was compacted (410 Gone) lists again and misses nothing', async () => {
    await leader.submitNotebook({
      runId: '10',
      inputUri: 's3://b-bucket/in.ipynb',
      outputNotebookUri: 's3://b-bucket/out.ipynb',
      outputPath: 's3://b-bucket/r',
      parameters: {},
      timeoutSeconds: 600,
    });
    await waitFor('the watch', () => api.watchCount('jobs') === 1);
    const listsBefore = api.calls.filter((c) => c.verb === 'list' && c.resource === 'jobs').length;
    api.dropWatches('abrupt');
    setJobStatus('10', { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] });
    api.compact();
    expect(await finished('10')).toMatchObject({ status: 'succeeded' });
    expect(api.calls.filter((c) => c.verb === 'list' && c.resource === 'jobs').length).toBeGreaterThan(listsBefore);
  });

  test('a second replica does not lead; after the leader stops it takes over and re-attaches to running runs by label', async () => {
    await leader.submitNotebook({
      runId: '11',
      inputUri: 's3://b-bucket/in.ipynb',
      outputNotebookUri: 's3://b-bucket/out.ipynb',
      outputPath: 's3://b-bucket/r',
      parameters: {},
      timeoutSeconds: 600,
    });
    jobPod('11');
    setJobStatus('11', { active: 1, ready: 1 });
    await waitFor('running', () => updatesOf('11').length === 1);
    const standby = backend('replica-b');
    standby.start();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(standby.isLeader()).toBe(false);
    expect(api.watchCount('jobs')).toBe(1);

    const synced = new Promise<void>((resolve) => standby.once('synced', resolve));
    const before = updates.length;
    await leader.stop();
    await synced;
    expect(standby.isLeader()).toBe(true);
    expect(api.get('leases', 'datavis', 'web-app-runs')?.spec.holderIdentity).toBe('replica-b');
    expect(standby.observedRunIds()).toContain('11');
    // The new leader reports the state it found, then follows the run to its end.
    await waitFor('the re-attached run reported', () =>
      updates.slice(before).some((u) => u.runId === '11' && u.observation.status === 'running'),
    );
    setJobStatus('11', { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] });
    await waitFor('run 11 finished', () => updates.slice(before).some((u) => u.runId === '11' && u.observation.status === 'succeeded'));
    leader = standby;
  });

  test('a run whose Job is deleted outside the platform is reported cancelled, saying so', async () => {
    await leader.submitNotebook({
      runId: '12',
      inputUri: 's3://b-bucket/in.ipynb',
      outputNotebookUri: 's3://b-bucket/out.ipynb',
      outputPath: 's3://b-bucket/r',
      parameters: {},
      timeoutSeconds: 600,
    });
    setJobStatus('12', { active: 1, ready: 1 });
    await waitFor('running', () => updatesOf('12').length === 1);
    api.deleteObject('jobs', 'notebooks', 'run-12');
    // Its pod went with it (the garbage collector), so there was no log left to keep.
    expect(await finished('12')).toMatchObject({
      status: 'cancelled',
      message: 'its Job was deleted before the run finished; no log was kept: its pod was already gone',
    });
  });

  test('the periodic resync (a list) catches a change while the watch is down', async () => {
    const synced = new Promise<void>((resolve) => leader.once('leading', (l) => !l && resolve()));
    await leader.stop();
    await synced;
    const resyncing = backend('replica-c', { resyncIntervalMs: 300, watchRetryMs: 60000 });
    const ready = new Promise<void>((resolve) => resyncing.once('synced', resolve));
    resyncing.start();
    await ready;
    await leader.submitNotebook({
      runId: '13',
      inputUri: 's3://b-bucket/in.ipynb',
      outputNotebookUri: 's3://b-bucket/out.ipynb',
      outputPath: 's3://b-bucket/r',
      parameters: {},
      timeoutSeconds: 600,
    });
    await waitFor('the new Job seen', () => resyncing.observedRunIds().includes('13'));
    api.dropWatches('abrupt');
    await waitFor('no watch open', () => api.watchCount('jobs') === 0);
    setJobStatus('13', { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] });
    expect(await finished('13')).toMatchObject({ status: 'succeeded' });
    expect(api.watchCount('jobs')).toBe(0);
    leader = resyncing;
  });

  test('every call the backend made is allowed by its declared permissions, and every declared permission was used', () => {
    const permissions = runBackendPermissions(NAMESPACES);
    expect(leader.permissions()).toEqual(permissions);
    const denied = api.calls.filter((c) => !isAllowed(permissions, c));
    expect(denied).toEqual([]);
    const used = new Set(
      api.calls.map((c) => `${c.namespace} ${c.apiGroup} ${c.subresource ? `${c.resource}/${c.subresource}` : c.resource} ${c.verb}`),
    );
    const declared = permissions.flatMap((p) =>
      p.rules.flatMap((r) => r.verbs.map((v) => `${p.namespace} ${r.apiGroup} ${r.resource} ${v}`)),
    );
    expect(declared.filter((d) => !used.has(d))).toEqual([]);
  });
});
