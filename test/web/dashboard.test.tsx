import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Api } from '../../app/web/src/api/client';
import {
  applyDashboardEvent,
  countByKind,
  datasetsByFormat,
  describeEvent,
  loadDashboard,
  mapLimit,
  statusByDay,
  type DashboardData,
} from '../../app/web/src/dashboard/data';
import { FakeSocket, dataset, json, project, renderApp, serverFor, task, users } from './fake-api';

const data = (): DashboardData => ({
  projects: new Map([[7, project]]),
  tasks: new Map([
    [1, task({ id: 1, status: 'running', kind: 'spark' })],
    [2, task({ id: 2, status: 'failed' })],
  ]),
  datasets: new Map([[21, dataset()]]),
});

describe('dashboard aggregation', () => {
  it('buckets tasks by day of their last status change, in local days', () => {
    const now = new Date(2024, 4, 10, 15, 0);
    const local = (d: number, h: number) => new Date(2024, 4, d, h, 30).toISOString();
    const tasks = [
      task({ id: 1, status: 'succeeded', finishedAt: local(10, 9), updatedAt: local(10, 9) }),
      task({ id: 2, status: 'running', startedAt: local(9, 23), updatedAt: local(9, 23) }),
      task({ id: 3, status: 'pending', updatedAt: local(8, 0), createdAt: local(8, 0) }),
      task({ id: 4, status: 'failed', finishedAt: local(1, 12) }),
    ];
    const r = statusByDay(tasks, 3, now);
    expect(r.days).toEqual(['2024-05-08', '2024-05-09', '2024-05-10']);
    expect(r.series.succeeded).toEqual([0, 0, 1]);
    expect(r.series.running).toEqual([0, 1, 0]);
    expect(r.series.pending).toEqual([1, 0, 0]);
    expect(r.series.failed).toEqual([0, 0, 0]);
  });

  it('counts tasks by kind and datasets by format with total bytes', () => {
    expect(countByKind(data().tasks.values())).toEqual({ notebook: 1, spark: 1, manual: 0 });
    const f = datasetsByFormat([dataset({ id: 1, format: 'csv', sizeBytes: 10 }), dataset({ id: 2, format: 'csv', sizeBytes: 0 }), dataset({ id: 3, sizeBytes: 5 })]);
    expect(f).toEqual({ csv: { count: 2, bytes: 10 }, parquet: { count: 1, bytes: 5 }, json: { count: 0, bytes: 0 }, delta: { count: 0, bytes: 0 } });
  });

  it('applies live events, and asks for a refetch when an event carries no entity', () => {
    const base = data();
    const updated = applyDashboardEvent(base, { type: 'task.updated', projectId: 7, data: task({ id: 2, status: 'succeeded' }), receivedAt: 0 });
    expect(updated.data.tasks.get(2)?.status).toBe('succeeded');
    expect(base.tasks.get(2)?.status).toBe('failed');
    const bare = applyDashboardEvent(base, { type: 'dataset.created', projectId: 7, receivedAt: 0 });
    expect(bare.needsFetch).toBe(7);
    const gone = applyDashboardEvent(base, { type: 'project.deleted', projectId: 7, receivedAt: 0 });
    expect([gone.data.projects.size, gone.data.tasks.size, gone.data.datasets.size]).toEqual([0, 0, 0]);
    expect(describeEvent({ type: 'task.updated', projectId: 7, data: { title: 'Score', status: 'failed' }, receivedAt: 0 }, base)).toBe('Task “Score” updated (failed) in Churn model');
  });

  it('runs at most `limit` loads at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight -= 1;
      return n * 2;
    });
    expect(out).toEqual([2, 4, 6, 8, 10, 12, 14]);
    expect(peak).toBe(3);
  });

  it('loads every page of projects, then each project’s children', async () => {
    const pages: Record<string, { items: (typeof project)[]; nextCursor: string | null }> = {
      '': { items: [project], nextCursor: 'b' },
      b: { items: [{ ...project, id: 8 }], nextCursor: null },
    };
    const api = {
      listProjects: async ({ cursor }: { cursor?: string }) => pages[cursor ?? ''],
      listTasks: async (id: number) => [task({ id: id * 10, projectId: id })],
      listDatasets: async (id: number) => (id === 8 ? Promise.reject(Object.assign(new Error('gone'), { status: 404 })) : [dataset({ projectId: id })]),
    } as unknown as Api;
    const snapshots: [number, number, number][] = [];
    const d = await loadDashboard(api, { snapshotEveryMs: 0, onSnapshot: (s, p) => snapshots.push([s.projects.size, s.tasks.size, p.loaded]) });
    // The first snapshot comes as soon as the projects are listed, before any child.
    expect(snapshots[0]).toEqual([2, 0, 0]);
    expect([...d.projects.keys()]).toEqual([7, 8]);
    expect([...d.tasks.keys()]).toEqual([70, 80]);
    expect(d.datasets.size).toBe(1);
  });
});

describe('dashboard page', () => {
  it('renders totals and adds live events to the feed and the counts', async () => {
    FakeSocket.instances = [];
    const server = serverFor(users.owner);
    server.on('GET', '/api/projects/:id/tasks', () => json(200, { items: [task({ id: 1, status: 'running' })], nextCursor: null }));
    renderApp(server, '/');
    expect((await screen.findByTestId('total-projects')).textContent).toBe('1');
    expect(screen.getByTestId('running-tasks').textContent).toBe('1');
    expect(screen.getByText(/No activity since you opened this page/)).toBeTruthy();
    await waitFor(() => expect(FakeSocket.instances.length).toBeGreaterThan(0));
    act(() => FakeSocket.last.open());
    act(() => FakeSocket.last.emit({ type: 'task.updated', projectId: 7, data: task({ id: 1, title: 'Score customers', status: 'failed' }) }));
    await waitFor(() => expect(screen.getByTestId('failed-tasks').textContent).toBe('1'));
    expect(screen.getByTestId('running-tasks').textContent).toBe('0');
    expect(screen.getByTestId('activity-feed').textContent).toContain('Task “Score customers” updated (failed) in Churn model');
  });
});
