import {
  applyObservation,
  RUN_STATUSES,
  RunStatus,
  RunTransitionError,
  allowedTransitions,
  canTransition,
  isTerminal,
  orphanedRunOutcome,
  retryDecision,
  transition,
} from '../../../app/server/runs/run-state';

const t0 = new Date('2026-06-01T10:00:00Z');
const t1 = new Date('2026-06-01T10:05:00Z');
const queued = { status: 'queued' as RunStatus, message: null, startedAt: null, finishedAt: null, id: 7 };

describe('run state machine', () => {
  test('the allowed transitions are exactly the lifecycle of a run', () => {
    const table = Object.fromEntries(RUN_STATUSES.map((s) => [s, [...allowedTransitions(s)]]));
    expect(table).toEqual({
      queued: ['running', 'cancelled', 'failed'],
      running: ['succeeded', 'failed', 'cancelled', 'timed_out'],
      succeeded: [],
      failed: [],
      cancelled: [],
      timed_out: [],
    });
    expect(RUN_STATUSES.filter(isTerminal)).toEqual(['succeeded', 'failed', 'cancelled', 'timed_out']);
    expect(canTransition('queued', 'succeeded')).toBe(false);
  });

  test('a run that starts gets startedAt, keeps its other fields, and finishing sets finishedAt and the message', () => {
    const running = transition(queued, { status: 'running', at: t0 });
    expect(running).toEqual({ ...queued, status: 'running', startedAt: t0 });
    const failed = transition(running, { status: 'failed', at: t1, message: 'ValueError: bad value' });
    expect(failed).toEqual({ ...queued, status: 'failed', startedAt: t0, finishedAt: t1, message: 'ValueError: bad value' });
  });

  test('a run cancelled while queued never started', () => {
    expect(transition(queued, { status: 'cancelled', at: t1, message: 'cancelled before it started' })).toMatchObject({
      status: 'cancelled',
      startedAt: null,
      finishedAt: t1,
    });
  });

  test('observing the status a run already has changes nothing (a watch event and a resync may both report it)', () => {
    const done = transition(transition(queued, { status: 'running', at: t0 }), { status: 'succeeded', at: t1 });
    expect(transition(done, { status: 'succeeded', at: new Date() })).toBe(done);
  });

  test.each([
    ['succeeded', 'running'],
    ['cancelled', 'failed'],
    ['timed_out', 'succeeded'],
    ['queued', 'timed_out'],
    ['queued', 'succeeded'],
  ] as [RunStatus, RunStatus][])('%s -> %s is refused with the allowed ones named', (from, to) => {
    const run = { ...queued, status: from };
    const observed = to === 'running' || to === 'succeeded' ? { status: to, at: t1 } : { status: to, at: t1, message: 'x' };
    expect(() => transition(run, observed as never)).toThrow(RunTransitionError);
    expect(() => transition(run, observed as never)).toThrow(`a ${from} run cannot become ${to}`);
  });

  test('a failure without a reason is refused', () => {
    expect(() => transition({ ...queued, status: 'running' }, { status: 'failed', at: t1, message: ' ' })).toThrow('must say why');
  });
});

describe('applying what a backend observed', () => {
  test('a report on a finished run changes nothing', () => {
    const cancelled = transition(queued, { status: 'cancelled', at: t0, message: 'cancelled by ana' });
    expect(applyObservation(cancelled, { status: 'cancelled', at: t1, message: 'its Job was deleted before it finished' })).toBe(cancelled);
    expect(applyObservation(cancelled, { status: 'failed', at: t1, message: 'x' })).toBe(cancelled);
  });

  test('a run seen finished before it was seen running passes through running, from the backend start time', () => {
    expect(applyObservation(queued, { status: 'succeeded', at: t1, startedAt: t0 })).toMatchObject({
      status: 'succeeded',
      startedAt: t0,
      finishedAt: t1,
    });
  });
});

describe('retry policy', () => {
  const finished = (status: RunStatus, attempt: number) => ({ status, attempt, finishedAt: t1 });

  test('a failed first attempt with maxRetries 2 is retried as attempt 2 after the delay', () => {
    expect(retryDecision(finished('failed', 1), { maxRetries: 2, retryDelaySeconds: 60 })).toEqual({
      retry: true,
      attempt: 2,
      notBefore: new Date('2026-06-01T10:06:00Z'),
    });
  });

  test('a timed-out run is retried like a failure; a cancelled or succeeded one never is', () => {
    expect(retryDecision(finished('timed_out', 1), { maxRetries: 1, retryDelaySeconds: 0 })).toMatchObject({ retry: true, notBefore: t1 });
    expect(retryDecision(finished('cancelled', 1), { maxRetries: 5, retryDelaySeconds: 0 })).toEqual({
      retry: false,
      reason: 'a cancelled run is not retried',
    });
    expect(retryDecision(finished('succeeded', 1), { maxRetries: 5, retryDelaySeconds: 0 })).toMatchObject({ retry: false });
  });

  test('maxRetries N allows N + 1 attempts in all', () => {
    expect(retryDecision(finished('failed', 3), { maxRetries: 3, retryDelaySeconds: 0 })).toMatchObject({ retry: true, attempt: 4 });
    expect(retryDecision(finished('failed', 4), { maxRetries: 3, retryDelaySeconds: 0 })).toEqual({
      retry: false,
      reason: 'attempt 4 was the last one (maxRetries 3)',
    });
    expect(retryDecision(finished('failed', 1), { maxRetries: 0, retryDelaySeconds: 0 })).toMatchObject({ retry: false });
  });

  test('a run not finished is not retried, and settings outside the task limits are refused', () => {
    expect(retryDecision({ status: 'running', attempt: 1, finishedAt: null }, { maxRetries: 1, retryDelaySeconds: 0 })).toMatchObject({
      retry: false,
    });
    expect(() => retryDecision(finished('failed', 1), { maxRetries: 6, retryDelaySeconds: 0 })).toThrow(
      'maxRetries must be an integer from 0 to 5',
    );
    expect(() => retryDecision(finished('failed', 1), { maxRetries: 1, retryDelaySeconds: 3601 })).toThrow(
      'retryDelaySeconds must be an integer from 0 to 3600',
    );
  });
});

describe('runs a stopped server left behind', () => {
  test('a queued run is queued again, a running one fails saying why, a finished one stays', () => {
    expect(orphanedRunOutcome('queued', t1, 'x')).toBe('requeue');
    expect(orphanedRunOutcome('running', t1, 'the server stopped while the run was running')).toEqual({
      status: 'failed',
      at: t1,
      message: 'the server stopped while the run was running',
    });
    expect(orphanedRunOutcome('succeeded', t1, 'x')).toBe('unchanged');
  });
});
