import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PreviewChartBody } from '../../app/web/src/api/charts';
import { fieldOfError } from '../../app/web/src/charts/builder-spec';
import { ApiError } from '../../app/web/src/api/errors';
import { giveElementsASize } from './chart-fixtures';
import { apiError, json, renderApp, serverFor, users, type FakeServer } from './fake-api';
import { chart, unitsByRegion, withCharts } from './fake-charts';

beforeEach(giveElementsASize);

/** A server whose preview answers from the spec: the units by region, or what `answer` says. */
function builderServer(answer?: (body: PreviewChartBody) => Response | undefined): FakeServer {
  const server = serverFor(users.owner);
  withCharts(server, [chart({ id: 5, title: 'Units', width: 4 })]);
  server.on('POST', '/api/projects/:id/charts/preview', (call) => {
    const body = call.body as PreviewChartBody;
    return answer?.(body) ?? json(200, unitsByRegion(body.encoding.limit === 1 ? [5] : [5, 9]));
  });
  return server;
}

const previews = (server: FakeServer) => server.callsTo('POST', '/api/projects/7/charts/preview').map((c) => c.body as PreviewChartBody);

async function pickSales() {
  await userEvent.selectOptions(await screen.findByLabelText('Dataset'), 'sales');
}

describe('chart builder', () => {
  it('offers the columns of the chosen dataset for x, y and series', async () => {
    const server = builderServer();
    renderApp(server, '/projects/7/charts/new');
    await pickSales();
    const x = screen.getByLabelText('Category (x)');
    await waitFor(() => expect([...x.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['None', 'region', 'month', 'units']));
    const y = screen.getByRole('group', { name: 'Values (y)' });
    expect(
      within(y)
        .getAllByRole('checkbox')
        .map((c) => c.parentElement?.textContent?.trim()),
    ).toEqual(['region', 'month', 'units']);
    expect([...screen.getByLabelText('Series').querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      'None',
      'region',
      'month',
      'units',
    ]);
    expect(server.callsTo('GET', '/api/datasets/21')).toHaveLength(1);
  });

  it('previews as the fields change: each settled change sends the spec and draws the answer', async () => {
    const server = builderServer();
    renderApp(server, '/projects/7/charts/new');
    await pickSales();
    await waitFor(() => expect(screen.getByLabelText('Category (x)').querySelectorAll('option')).toHaveLength(4));
    await userEvent.selectOptions(screen.getByLabelText('Category (x)'), 'region');
    await userEvent.click(screen.getByRole('checkbox', { name: 'units' }));
    await userEvent.selectOptions(screen.getByLabelText('Aggregate'), 'sum');
    await waitFor(() =>
      expect(previews(server).at(-1)).toEqual({
        source: { datasetId: 21 },
        type: 'bar',
        encoding: { x: 'region', y: ['units'], aggregate: 'sum' },
      }),
    );
    const preview = screen.getByRole('region', { name: 'Preview' });
    await waitFor(() => expect(within(preview).getByRole('figure').dataset.state).toBe('ready'));
    expect(preview.querySelector('.chart-description')?.textContent).toBe('Bar chart of sum of units by region, 2 bars, from 5 to 9');
    await userEvent.selectOptions(screen.getByLabelText('Chart type'), 'line');
    await waitFor(() => expect(previews(server).at(-1)?.type).toBe('line'));
    await waitFor(() => expect(within(preview).getByRole('figure').dataset.type).toBe('line'));
  });

  it("shows the server's validation error next to the field it names, with the field marked invalid", async () => {
    const server = builderServer((body) =>
      body.encoding.series === 'month'
        ? apiError(400, 'unknown_column', 'encoding.series names the column "month", which the source does not have (region, units)')
        : undefined,
    );
    renderApp(server, '/projects/7/charts/new');
    await pickSales();
    await waitFor(() => expect(screen.getByLabelText('Series').querySelectorAll('option')).toHaveLength(4));
    await userEvent.selectOptions(screen.getByLabelText('Series'), 'month');
    const series = screen.getByLabelText('Series');
    await waitFor(() => expect(series.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = series.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy)?.textContent).toBe(
      'encoding.series names the column "month", which the source does not have (region, units)',
    );
    expect(screen.getByLabelText('Category (x)').getAttribute('aria-invalid')).toBeNull();
    // Fixing the field clears the error.
    await userEvent.selectOptions(series, '');
    await waitFor(() => expect(series.getAttribute('aria-invalid')).toBeNull());
  });

  it('takes the columns of a SQL source from its preview', async () => {
    const server = builderServer();
    renderApp(server, '/projects/7/charts/new');
    await userEvent.click(await screen.findByRole('radio', { name: 'A SQL query' }));
    await userEvent.type(screen.getByLabelText('Query'), 'SELECT region, sum(units) FROM sales GROUP BY 1');
    await waitFor(() => expect(screen.getByLabelText('Category (x)').querySelectorAll('option')).toHaveLength(3));
    expect([...screen.getByLabelText('Category (x)').querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      'None',
      'region',
      'sum(units)',
    ]);
    expect(previews(server).some((p) => p.type === 'table' && p.encoding.limit === 1 && 'sql' in p.source)).toBe(true);
  });

  it('saves a new chart and goes to the dashboard', async () => {
    const server = builderServer();
    server.on('POST', '/api/projects/:id/charts', (call) => json(201, chart({ id: 9, ...(call.body as object) })));
    renderApp(server, '/projects/7/charts/new');
    await pickSales();
    await userEvent.type(screen.getByLabelText('Title'), 'Units by region');
    await waitFor(() => expect(screen.getByLabelText('Category (x)').querySelectorAll('option')).toHaveLength(4));
    await userEvent.selectOptions(screen.getByLabelText('Category (x)'), 'region');
    await userEvent.click(screen.getByRole('checkbox', { name: 'units' }));
    await userEvent.clear(screen.getByLabelText('Width (columns of 12)'));
    await userEvent.type(screen.getByLabelText('Width (columns of 12)'), '8');
    await userEvent.click(screen.getByRole('button', { name: 'Save chart' }));
    await screen.findByRole('heading', { name: 'Dashboard', level: 1 });
    expect(server.callsTo('POST', '/api/projects/7/charts').map((c) => c.body)).toEqual([
      { title: 'Units by region', source: { datasetId: 21 }, type: 'bar', encoding: { x: 'region', y: ['units'] }, width: 8 },
    ]);
  });

  it('shows a save error about the title next to the title', async () => {
    const server = builderServer();
    server.on('POST', '/api/projects/:id/charts', () =>
      apiError(400, 'FST_ERR_VALIDATION', 'body/title must NOT have fewer than 1 characters'),
    );
    renderApp(server, '/projects/7/charts/new');
    await pickSales();
    await userEvent.click(screen.getByRole('button', { name: 'Save chart' }));
    const title = screen.getByLabelText('Title');
    await waitFor(() => expect(title.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(title.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'body/title must NOT have fewer than 1 characters',
    );
  });

  it('edits a chart: its fields filled in, the changes sent with PATCH', async () => {
    const server = builderServer();
    server.on('PATCH', '/api/charts/:id', (call) => json(200, chart({ id: 5, ...(call.body as object) })));
    renderApp(server, '/projects/7/charts/5/edit');
    expect(await screen.findByRole('heading', { name: 'Edit “Units”' })).toBeTruthy();
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Units');
    await waitFor(() => expect((screen.getByLabelText('Category (x)') as HTMLSelectElement).value).toBe('region'));
    expect((screen.getByRole('checkbox', { name: 'units' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Aggregate') as HTMLSelectElement).value).toBe('sum');
    await userEvent.selectOptions(screen.getByLabelText('Chart type'), 'pie');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByRole('heading', { name: 'Dashboard', level: 1 });
    expect(server.callsTo('PATCH', '/api/charts/5').map((c) => c.body)).toEqual([
      { title: 'Units', source: { datasetId: 21 }, type: 'pie', encoding: { x: 'region', y: ['units'], aggregate: 'sum' }, width: 4 },
    ]);
  });
});

describe('chart builder access', () => {
  it('tells a viewer of the project that building charts is not allowed, and shows no form', async () => {
    const server = serverFor(users.viewer);
    withCharts(server, []);
    renderApp(server, '/projects/7/charts/new');
    expect((await screen.findByRole('alert')).textContent).toContain('Not allowed');
    expect(screen.queryByLabelText('Title')).toBeNull();
  });
});

describe('which field a server error is about', () => {
  it.each([
    ['unknown_column', 'encoding.y[1] names the column "x", which the source does not have (a, b)', 'y'],
    ['invalid_encoding', 'encoding.x is required for a bar chart: the column for the bars', 'x'],
    ['FST_ERR_VALIDATION', 'body/encoding/limit must be <= 5000', 'limit'],
    ['FST_ERR_VALIDATION', 'body/width must be <= 12', 'width'],
    ['invalid_query', 'Parser Error: syntax error at or near "SELEC"', 'source'],
    ['unknown_dataset', 'source.datasetId: project 7 has no dataset 99', 'source'],
  ])('%s "%s" is about %s', (code, message, field) => {
    expect(fieldOfError(new ApiError(400, code, message))).toBe(field);
  });

  it('an outage is about no field', () => {
    expect(fieldOfError(new ApiError(503, 'database_unavailable', 'encoding.x cannot be read now'))).toBeUndefined();
  });
});
