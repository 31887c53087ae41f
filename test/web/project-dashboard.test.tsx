import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { giveElementsASize } from './chart-fixtures';
import { FakeSocket, apiError, json, renderApp, serverFor, users } from './fake-api';
import { chart, unitsByRegion, withCharts, withRows } from './fake-charts';

beforeEach(giveElementsASize);
afterEach(() => {
  FakeSocket.instances = [];
});

/** The dashboard's chart titles in the order shown. */
const titles = () => screen.getAllByRole('figure').map((f) => f.querySelector('h3')?.textContent);
const figure = (title: string) => screen.getByRole('figure', { name: title });

async function openDashboard(
  me = users.owner,
  charts = [chart({ id: 1, title: 'Units by region', width: 8 }), chart({ id: 2, title: 'Units by month', position: 1, width: 4 })],
  data = (_id: number) => unitsByRegion(),
) {
  const server = serverFor(me);
  const state = withCharts(server, charts, data);
  const app = renderApp(server, '/projects/7/dashboard');
  await waitFor(() => expect(screen.getAllByRole('figure').every((f) => f.dataset.state !== 'loading')).toBe(true));
  return { server, state, app };
}

async function liveSocket() {
  await waitFor(() => expect(FakeSocket.instances.length).toBeGreaterThan(0));
  act(() => FakeSocket.last.open());
}

describe('project dashboard', () => {
  it('shows the charts in dashboard order, each with its width on the 12-column grid and its data', async () => {
    const { server } = await openDashboard();
    expect(titles()).toEqual(['Units by region', 'Units by month']);
    const slots = [...document.querySelectorAll<HTMLElement>('.chart-slot')];
    expect(slots.map((s) => s.style.getPropertyValue('--chart-span'))).toEqual(['8', '4']);
    expect(figure('Units by region').querySelector('.chart-description')?.textContent).toBe(
      'Bar chart of sum of units by region, 2 bars, from 5 to 9',
    );
    expect(server.callsTo('GET', '/api/charts/1/data')).toHaveLength(1);
    expect(server.callsTo('GET', '/api/charts/2/data')).toHaveLength(1);
  });

  it('shows "No data" for a chart whose source has no rows', async () => {
    await openDashboard(users.owner, [chart({ id: 1, title: 'Empty' })], () => withRows(unitsByRegion(), []));
    expect(figure('Empty').dataset.state).toBe('empty');
    expect(within(figure('Empty')).getByText('No data')).toBeTruthy();
  });

  it('moves a chart later from the keyboard, saves the new order and keeps focus on the chart', async () => {
    const { server } = await openDashboard();
    const later = screen.getByRole('button', { name: 'Move Units by region later' });
    later.focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(titles()).toEqual(['Units by month', 'Units by region']));
    expect(server.callsTo('PUT', '/api/projects/7/dashboard').map((c) => c.body)).toEqual([{ order: [2, 1] }]);
    expect(screen.getByText('Units by region moved to place 2 of 2.')).toBeTruthy();
    // Last now: "later" is disabled, and focus moved to its "earlier" button.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move Units by region earlier' })));
    expect(screen.getByRole('button', { name: 'Move Units by region later' }).hasAttribute('disabled')).toBe(true);
  });

  it('puts the charts back and says so when the new order cannot be saved', async () => {
    const { server } = await openDashboard();
    server.on('PUT', '/api/projects/:id/dashboard', () => apiError(503, 'database_unavailable', 'the database is unreachable'));
    await userEvent.click(screen.getByRole('button', { name: 'Move Units by month earlier' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The new order could not be saved');
    expect(titles()).toEqual(['Units by region', 'Units by month']);
  });

  it('keeps the last of two quick moves when the first move is answered after the second', async () => {
    const charts = [1, 2, 3].map((id) => chart({ id, title: `C${id}`, position: id - 1 }));
    const { server } = await openDashboard(users.owner, charts);
    const answers: (() => void)[] = [];
    server.on('PUT', '/api/projects/:id/dashboard', (call) => {
      const order = (call.body as { order: number[] }).order;
      const items = order.map((id, position) => ({ ...charts[id - 1], position }));
      return new Promise((resolve) => answers.push(() => resolve(json(200, { items }))));
    });
    await userEvent.click(screen.getByRole('button', { name: 'Move C3 earlier' }));
    await userEvent.click(screen.getByRole('button', { name: 'Move C3 earlier' }));
    expect(titles()).toEqual(['C3', 'C1', 'C2']);
    await waitFor(() => expect(answers).toHaveLength(2));
    await act(async () => answers[1]());
    await act(async () => answers[0]());
    expect(titles()).toEqual(['C3', 'C1', 'C2']);
    expect(server.callsTo('PUT', '/api/projects/7/dashboard').map((c) => c.body)).toEqual([{ order: [1, 3, 2] }, { order: [3, 1, 2] }]);
  });

  it('deletes a chart after confirmation', async () => {
    const { server } = await openDashboard();
    await userEvent.click(screen.getByRole('button', { name: 'Delete Units by month' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete the chart “Units by month”?' });
    expect(server.callsTo('DELETE', '/api/charts/2')).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(titles()).toEqual(['Units by region']));
    expect(server.callsTo('DELETE', '/api/charts/2')).toHaveLength(1);
  });

  it('cancelling the confirmation deletes nothing', async () => {
    const { server } = await openDashboard();
    await userEvent.click(screen.getByRole('button', { name: 'Delete Units by month' }));
    await userEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));
    expect(server.callsTo('DELETE', '/api/charts/2')).toHaveLength(0);
    expect(titles()).toEqual(['Units by region', 'Units by month']);
  });

  it('on chart.data_changed refetches that chart alone and draws its new data', async () => {
    let values = [5, 9];
    const { server } = await openDashboard(users.viewer, undefined, (id) => unitsByRegion(id === 2 ? values : [5, 9]));
    await liveSocket();
    values = [1, 2, 40];
    act(() => FakeSocket.last.emit({ type: 'chart.data_changed', projectId: 7, chartId: 2, data: { chartId: 2 } }));
    await waitFor(() =>
      expect(figure('Units by month').querySelector('.chart-description')?.textContent).toBe(
        'Bar chart of sum of units by region, 3 bars, from 1 to 40',
      ),
    );
    expect(server.callsTo('GET', '/api/charts/2/data')).toHaveLength(2);
    expect(server.callsTo('GET', '/api/charts/1/data')).toHaveLength(1);
    expect(server.callsTo('GET', '/api/projects/7/charts')).toHaveLength(1);
  });

  it('ignores chart events of other projects', async () => {
    const { server } = await openDashboard(users.viewer);
    await liveSocket();
    act(() => FakeSocket.last.emit({ type: 'chart.data_changed', projectId: 8, chartId: 2, data: { chartId: 2 } }));
    act(() => FakeSocket.last.emit({ type: 'chart.deleted', projectId: 8, chartId: 1, data: { id: 1 } }));
    await new Promise((r) => setTimeout(r, 50));
    expect(server.callsTo('GET', '/api/charts/2/data')).toHaveLength(1);
    expect(titles()).toEqual(['Units by region', 'Units by month']);
  });

  it('adds a created chart, applies an update and removes a deleted one as the events arrive', async () => {
    const { server } = await openDashboard(users.viewer);
    await liveSocket();
    act(() =>
      FakeSocket.last.emit({ type: 'chart.created', projectId: 7, chartId: 3, data: chart({ id: 3, title: 'Revenue', position: 2 }) }),
    );
    await waitFor(() => expect(titles()).toEqual(['Units by region', 'Units by month', 'Revenue']));
    await waitFor(() => expect(figure('Revenue').dataset.state).toBe('ready'));
    expect(server.callsTo('GET', '/api/charts/3/data')).toHaveLength(1);
    // A rename keeps the data; a moved chart changes place.
    act(() =>
      FakeSocket.last.emit({
        type: 'chart.updated',
        projectId: 7,
        chartId: 1,
        data: chart({ id: 1, title: 'Units per region', position: 3, width: 8 }),
      }),
    );
    await waitFor(() => expect(titles()).toEqual(['Units by month', 'Revenue', 'Units per region']));
    expect(server.callsTo('GET', '/api/charts/1/data')).toHaveLength(1);
    // A new encoding fetches the data again.
    act(() =>
      FakeSocket.last.emit({
        type: 'chart.updated',
        projectId: 7,
        chartId: 1,
        data: chart({ id: 1, title: 'Units per region', position: 3, encoding: { x: 'month', y: ['units'], aggregate: 'sum' } }),
      }),
    );
    await waitFor(() => expect(server.callsTo('GET', '/api/charts/1/data')).toHaveLength(2));
    act(() => FakeSocket.last.emit({ type: 'chart.deleted', projectId: 7, chartId: 2, data: { id: 2 } }));
    await waitFor(() => expect(titles()).toEqual(['Revenue', 'Units per region']));
  });

  it('gives a viewer no controls to move, edit or delete charts', async () => {
    await openDashboard(users.viewer);
    expect(screen.queryByRole('button', { name: /^Move / })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Delete / })).toBeNull();
    expect(screen.queryByRole('link', { name: 'New chart' })).toBeNull();
    expect(screen.getAllByRole('button', { name: 'Export CSV' })).toHaveLength(2);
  });

  it('offers the builder on a dashboard without charts', async () => {
    const server = serverFor(users.owner);
    withCharts(server, []);
    renderApp(server, '/projects/7/dashboard');
    expect(await screen.findByText(/No charts yet/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Build the first chart' }).getAttribute('href')).toBe('/projects/7/charts/new');
  });
});
