import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyToList } from '../../app/web/src/live/apply';
import { LiveConnection, backoffDelay, parseLiveEvent, type LiveEvent, type LiveStatus } from '../../app/web/src/live/connection';
import { FakeSocket, json, renderApp, serverFor, task, users } from './fake-api';

beforeEach(() => {
  FakeSocket.instances = [];
});
afterEach(() => {
  FakeSocket.instances = [];
});

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('LiveConnection', () => {
  it('authenticates with the bearer subprotocol and delivers parsed events', async () => {
    const conn = new LiveConnection({
      url: 'ws://x/api/ws',
      getToken: async () => 'tok',
      WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
    });
    const events: LiveEvent[] = [];
    conn.onEvent((e) => events.push(e));
    conn.start();
    await tick(0);
    expect(FakeSocket.last.protocols).toEqual(['bearer', 'tok']);
    expect(FakeSocket.last.url).toBe('ws://x/api/ws');
    FakeSocket.last.open();
    FakeSocket.last.emit({ type: 'task.created', projectId: 7, data: task() });
    FakeSocket.last.emit({ type: 'something.else', projectId: 7 });
    FakeSocket.last.onmessage?.(new MessageEvent('message', { data: 'not json' }));
    expect(events.map((e) => e.type)).toEqual(['task.created']);
    conn.stop();
  });

  it('reconnects with growing backoff and asks listeners to resync after coming back', async () => {
    const statuses: LiveStatus['state'][] = [];
    let resyncs = 0;
    const conn = new LiveConnection({
      url: 'ws://x/api/ws',
      getToken: async () => 'tok',
      WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
      initialDelayMs: 10,
      maxDelayMs: 40,
      random: () => 1,
    });
    conn.onStatus((s) => statuses.push(s.state));
    conn.onResync(() => (resyncs += 1));
    conn.start();
    await tick(0);
    FakeSocket.last.open();
    expect(resyncs).toBe(0);
    FakeSocket.last.drop();
    expect(conn.currentStatus).toMatchObject({ state: 'waiting', retryInMs: 10 });
    await tick(15);
    FakeSocket.last.drop();
    expect(conn.currentStatus).toMatchObject({ state: 'waiting', retryInMs: 20 });
    await tick(25);
    expect(FakeSocket.instances).toHaveLength(3);
    FakeSocket.last.open();
    expect(resyncs).toBe(1);
    expect(statuses).toEqual(['connecting', 'open', 'waiting', 'connecting', 'waiting', 'connecting', 'open']);
    conn.stop();
    expect(conn.currentStatus.state).toBe('idle');
  });

  it('computes capped, jittered backoff', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((a) => backoffDelay(a, 500, 8000, () => 1))).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
    expect(backoffDelay(3, 500, 8000, () => 0)).toBe(1000);
  });

  it('parses only known event types with a project id', () => {
    expect(parseLiveEvent('{"type":"dataset.deleted","projectId":"3","data":{"id":9}}', 5)).toEqual({
      type: 'dataset.deleted',
      projectId: 3,
      data: { id: 9 },
      receivedAt: 5,
    });
    expect(parseLiveEvent('{"type":"dataset.deleted"}')).toBeUndefined();
    expect(parseLiveEvent('[1]')).toBeUndefined();
  });

  it('applies created, updated and deleted events to a list, and refuses what it cannot apply', () => {
    const list = [task({ id: 1 }), task({ id: 2 })];
    const ev = (type: LiveEvent['type'], data: unknown): LiveEvent => ({ type, projectId: 7, data, receivedAt: 0 });
    expect(applyToList(list, ev('task.created', task({ id: 3 })))?.map((t) => t.id)).toEqual([3, 1, 2]);
    expect(applyToList(list, ev('task.updated', task({ id: 2, status: 'running' })))?.[1].status).toBe('running');
    expect(applyToList(list, ev('task.deleted', { id: 1 }))?.map((t) => t.id)).toEqual([2]);
    expect(applyToList(list, ev('task.updated', { id: 2 }))).toBeUndefined();
    expect(applyToList(list, ev('task.updated', undefined))).toBeUndefined();
  });
});

describe('live updates in pages', () => {
  it('shows a banner while disconnected, reconnects, and refetches what it missed', async () => {
    const server = serverFor(users.owner);
    renderApp(server, '/projects/7');
    expect(await screen.findByRole('heading', { name: 'Churn model', level: 1 })).toBeTruthy();
    await waitFor(() => expect(FakeSocket.instances).toHaveLength(1));
    act(() => FakeSocket.last.open());

    // A live event adds a task in place, without a request.
    const before = server.calls.length;
    act(() => FakeSocket.last.emit({ type: 'task.created', projectId: 7, data: task({ id: 12, title: 'Live task' }) }));
    expect(await screen.findByText('Live task')).toBeTruthy();
    expect(server.calls.length).toBe(before);

    // The connection drops: banner; meanwhile a task was added that no event announced.
    act(() => FakeSocket.last.drop());
    expect((await screen.findByTestId('live-banner')).textContent).toMatch(/disconnected/i);
    server.on('GET', '/api/projects/:id/tasks', () =>
      json(200, { items: [task({ id: 13, title: 'Missed while offline' })], nextCursor: null }),
    );
    await waitFor(() => expect(FakeSocket.instances).toHaveLength(2));
    act(() => FakeSocket.last.open());
    expect(await screen.findByText('Missed while offline')).toBeTruthy();
    await waitFor(() => expect(screen.queryByTestId('live-banner')).toBeNull());
  });
});
