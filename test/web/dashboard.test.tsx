import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dashboardView, debounce, describeEvent, projectNameOf } from '../../app/web/src/dashboard/data';
import { giveElementsASize } from './chart-fixtures';
import { FakeSocket, apiError, json, renderApp, serverFor, summary, task, users, utcDays } from './fake-api';

beforeEach(giveElementsASize);
afterEach(() => {
  vi.useRealTimers();
  FakeSocket.instances = [];
});

describe('dashboard data', () => {
  it('turns a summary into tiles and chart series', () => {
    const days = utcDays(3);
    const view = dashboardView(
      summary(
        {
          projects: 4,
          tasks: {
            total: 5,
            byStatus: { pending: 1, running: 2, succeeded: 0, failed: 2, cancelled: 0 },
            byKind: { notebook: 0, spark: 3, manual: 2 },
          },
          tasksCreatedPerDay: days.map((day, i) => ({
            day,
            total: i,
            byStatus: { pending: 0, running: i, succeeded: 0, failed: 0, cancelled: 0 },
          })),
        },
        3,
      ),
    );
    expect(view).toMatchObject({ projects: 4, tasks: 5, datasets: 1, totalBytes: 2048, byKind: { spark: 3, manual: 2, notebook: 0 } });
    expect(view.byStatus).toEqual({ pending: 1, running: 2, succeeded: 0, failed: 2, cancelled: 0 });
    expect(view.byFormat).toEqual({
      csv: { count: 0, bytes: 0 },
      parquet: { count: 1, bytes: 2048 },
      json: { count: 0, bytes: 0 },
      delta: { count: 0, bytes: 0 },
    });
    expect(view.createdByDay.days).toEqual(days);
    expect(view.createdByDay.series.running).toEqual([0, 1, 2]);
    expect(view.createdByDay.series.failed).toEqual([0, 0, 0]);
  });

  it('debounces: one run after a burst settles, and at least one per max wait during a stream', () => {
    vi.useFakeTimers();
    const run = vi.fn();
    const d = debounce(run, 100, 300);
    d.schedule();
    vi.advanceTimersByTime(50);
    d.schedule();
    vi.advanceTimersByTime(99);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
    // A steady stream (every 50 ms) still runs every 300 ms.
    for (let i = 0; i < 12; i += 1) {
      d.schedule();
      vi.advanceTimersByTime(50);
    }
    expect(run).toHaveBeenCalledTimes(3);
    d.schedule();
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(3);
  });

  it('describes events, naming the project when it is known', () => {
    const event = { type: 'task.updated' as const, projectId: 7, data: { title: 'Score', status: 'failed' }, receivedAt: 0 };
    expect(describeEvent(event, 'Churn model')).toBe('Task “Score” updated (failed) in Churn model');
    expect(describeEvent(event)).toBe('Task “Score” updated (failed) in project #7');
    expect(describeEvent({ type: 'dataset.deleted', projectId: 7, data: { id: 3 }, receivedAt: 0 })).toBe(
      'A dataset deleted in project #7',
    );
    expect(describeEvent({ type: 'project.created', projectId: 9, data: { id: 9, name: 'New' }, receivedAt: 0 })).toBe(
      'Project “New” created',
    );
    expect(
      describeEvent(
        { type: 'chart.created', projectId: 7, chartId: 4, data: { id: 4, title: 'Units by region' }, receivedAt: 0 },
        'Churn model',
      ),
    ).toBe('Chart “Units by region” created in Churn model');
    expect(describeEvent({ type: 'chart.data_changed', projectId: 7, chartId: 4, data: { chartId: 4 }, receivedAt: 0 })).toBe(
      'New data for a chart in project #7',
    );
    expect(projectNameOf({ type: 'project.updated', projectId: 9, data: { id: 9, name: 'Renamed' }, receivedAt: 0 })).toBe('Renamed');
    expect(projectNameOf({ type: 'dataset.created', projectId: 9, data: { id: 1, name: 'a dataset' }, receivedAt: 0 })).toBeUndefined();
  });
});

describe('dashboard page', () => {
  it('renders from one summary request, with no request per project', async () => {
    const server = serverFor(users.owner);
    renderApp(server, '/');
    expect((await screen.findByTestId('total-projects')).textContent).toBe('1');
    expect(screen.getByTestId('total-tasks').textContent).toBe('1');
    expect(screen.getByTestId('running-tasks').textContent).toBe('0');
    expect(screen.getByTestId('total-datasets').parentElement?.textContent).toContain('2 KB');
    expect(screen.getByText(/No activity since you opened this page/)).toBeTruthy();
    expect(server.callsTo('GET', '/api/dashboard/summary').map((c) => c.search)).toEqual(['?days=14']);
    // One page of projects for the links to their dashboards, never a request per project.
    expect(server.calls.filter((c) => c.path.startsWith('/api/projects')).map((c) => `${c.path}${c.search}`)).toEqual([
      '/api/projects?limit=20',
    ]);
    const links = within(await screen.findByTestId('project-dashboards')).getAllByRole('link');
    expect(links.map((l) => [l.textContent, l.getAttribute('href')])).toEqual([['Churn model', '/projects/7/dashboard']]);
  });

  it('draws the overview charts, and "No data" instead of an all-zero donut or empty bars', async () => {
    const server = serverFor(users.owner);
    const zeroStatuses = { pending: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0 };
    server.on('GET', '/api/dashboard/summary', () =>
      json(
        200,
        summary({
          tasks: { total: 0, byStatus: zeroStatuses, byKind: { notebook: 0, spark: 0, manual: 0 } },
          tasksCreatedPerDay: utcDays(14).map((day) => ({ day, total: 0, byStatus: zeroStatuses })),
        }),
      ),
    );
    renderApp(server, '/');
    const kinds = await screen.findByRole('figure', { name: 'Tasks by kind' });
    expect(kinds.dataset.state).toBe('empty');
    expect(within(kinds).getByText('No data')).toBeTruthy();
    expect(kinds.querySelector('canvas')).toBeNull();
    expect(screen.getByRole('figure', { name: /Tasks created per day/ }).dataset.state).toBe('empty');
    // One parquet dataset: its bar is drawn.
    await waitFor(() => expect(screen.getByRole('figure', { name: 'Datasets by format' }).dataset.state).toBe('ready'));
    expect(screen.getByRole('figure', { name: 'Datasets by format' }).querySelector('.chart-description')?.textContent).toBe(
      'Bar chart of datasets by format, 4 bars, from 0 to 1',
    );
  });

  it('shows live events in the feed at once and refetches the summary once per burst', async () => {
    const server = serverFor(users.owner);
    let current = summary();
    server.on('GET', '/api/dashboard/summary', () => json(200, current));
    renderApp(server, '/');
    await screen.findByTestId('total-projects');
    await waitFor(() => expect(FakeSocket.instances.length).toBeGreaterThan(0));
    act(() => FakeSocket.last.open());

    current = summary({
      tasks: {
        total: 2,
        byStatus: { pending: 0, running: 0, succeeded: 1, failed: 1, cancelled: 0 },
        byKind: { notebook: 2, spark: 0, manual: 0 },
      },
    });
    act(() => {
      FakeSocket.last.emit({ type: 'task.updated', projectId: 7, data: task({ id: 11, status: 'failed' }) });
      FakeSocket.last.emit({ type: 'task.created', projectId: 7, data: task({ id: 12, title: 'Retrain', status: 'succeeded' }) });
      FakeSocket.last.emit({ type: 'dataset.deleted', projectId: 7, data: { id: 21 } });
    });
    const feed = screen.getByTestId('activity-feed');
    expect(feed.querySelectorAll('li')).toHaveLength(3);
    // Task events carry only the project id: the name is read once, then shown.
    await waitFor(() => expect(feed.textContent).toContain('Task “Score customers” updated (failed) in Churn model'));
    expect(feed.textContent).toContain('Task “Retrain” created in Churn model');
    expect(server.callsTo('GET', '/api/projects/7')).toHaveLength(1);

    await waitFor(() => expect(screen.getByTestId('failed-tasks').textContent).toBe('1'));
    expect(screen.getByTestId('total-tasks').textContent).toBe('2');
    expect(server.callsTo('GET', '/api/dashboard/summary')).toHaveLength(2);
  });

  it('refetches the summary after the connection comes back', async () => {
    const server = serverFor(users.viewer);
    renderApp(server, '/');
    await screen.findByTestId('total-projects');
    await waitFor(() => expect(FakeSocket.instances.length).toBeGreaterThan(0));
    act(() => FakeSocket.last.open());
    server.on('GET', '/api/dashboard/summary', () => json(200, summary({ projects: 3 })));
    act(() => FakeSocket.last.drop());
    await waitFor(() => expect(FakeSocket.instances.length).toBe(2));
    act(() => FakeSocket.last.open());
    await waitFor(() => expect(screen.getByTestId('total-projects').textContent).toBe('3'));
    expect(server.callsTo('GET', '/api/dashboard/summary')).toHaveLength(2);
  });

  it('says when the summary cannot be loaded, and tries again on request', async () => {
    const server = serverFor(users.admin);
    let fail = true;
    server.on('GET', '/api/dashboard/summary', () =>
      fail ? apiError(503, 'database_unavailable', 'the database is unreachable; retry shortly') : json(200, summary({ projects: 2 })),
    );
    renderApp(server, '/');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Something went wrong');
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect((await screen.findByTestId('total-projects')).textContent).toBe('2');
  });
});
