import type { Chart, ChartDataResponse } from '../../app/web/src/api/charts';
import type { ChartData } from '../../app/web/src/charts/chart-types';
import { dataset, json, type FakeServer } from './fake-api';

/** Charts of project 7 as the API gives them, and a fake server that keeps them. */
export const chart = (over: Partial<Chart> & Pick<Chart, 'id'>): Chart => ({
  projectId: 7,
  title: `Chart ${over.id}`,
  source: { datasetId: 21 },
  type: 'bar',
  encoding: { x: 'region', y: ['units'], aggregate: 'sum' },
  position: 0,
  width: 6,
  createdBy: 2,
  createdAt: '2024-05-01T10:00:00.000Z',
  updatedAt: '2024-05-01T10:00:00.000Z',
  ...over,
});

export const unitsByRegion = (values: number[] = [5, 9]): ChartDataResponse => ({
  columns: [
    { name: 'region', role: 'x', kind: 'string', column: 'region' },
    { name: 'sum(units)', role: 'y', kind: 'number', column: 'units', aggregate: 'sum' },
  ],
  rows: values.map((v, i) => [['north', 'south', 'east', 'west'][i], v]),
  truncated: false,
  sourceVersion: '21@1',
  computedAt: '2024-05-01T10:00:00.000Z',
});

export const withRows = (data: ChartData, rows: ChartData['rows']): ChartDataResponse => ({
  ...data,
  rows,
  sourceVersion: '21@1',
  computedAt: '2024-05-01T10:00:00.000Z',
});

/** The sales dataset with a schema, as GET /api/datasets/:id answers for a managed one. */
export const salesDataset = dataset({
  id: 21,
  name: 'sales',
  managed: true,
  format: 'csv',
  schema: {
    columns: [
      { name: 'region', type: 'string' },
      { name: 'month', type: 'string' },
      { name: 'units', type: 'integer' },
    ],
  },
});

/**
 * Adds the charts routes over `charts` (kept in dashboard order) to a fake server; `data`
 * answers GET /api/charts/:id/data for each chart.
 */
export function withCharts(server: FakeServer, charts: Chart[], data: (id: number) => ChartDataResponse = () => unitsByRegion()) {
  const state = { charts: [...charts] };
  server
    .on('GET', '/api/projects/:id/charts', () => json(200, { items: state.charts }))
    .on('GET', '/api/charts/:id', (_c, p) =>
      json(
        200,
        state.charts.find((c) => c.id === Number(p.id)),
      ),
    )
    .on('GET', '/api/charts/:id/data', (_c, p) => json(200, data(Number(p.id))))
    .on('GET', '/api/datasets/:id', () => json(200, salesDataset))
    .on('GET', '/api/projects/:id/datasets', () => json(200, { items: [salesDataset], nextCursor: null }))
    .on('PUT', '/api/projects/:id/dashboard', (call) => {
      const order = (call.body as { order: number[] }).order;
      state.charts = order.map((id, position) => ({ ...(state.charts.find((c) => c.id === id) as Chart), position }));
      return json(200, { items: state.charts });
    })
    .on('DELETE', '/api/charts/:id', (_c, p) => {
      state.charts = state.charts.filter((c) => c.id !== Number(p.id));
      return json(204, null);
    });
  return state;
}
