import type { TestApp } from '../../support/test-app';
import { aggregate, compareNullsLast, groupBy } from '../sales-fixture';
import type { Aggregate } from '../../../../app/server/charts/chart-spec';

/** One row of the orders dataset the chart API tests upload as CSV. */
export interface Order {
  region: string;
  product: string;
  year: number;
  units: number;
  revenue: number | null;
}

const REGIONS = ['north', 'south', 'east', 'west'];
const PRODUCTS = ['alpha', 'beta', 'gamma'];

/** Deterministic orders; `scale` changes every number (a new version with new numbers). */
export function makeOrders(count: number, scale = 1): Order[] {
  return Array.from({ length: count }, (_, i) => ({
    region: REGIONS[(i * 3) % 4]!,
    product: PRODUCTS[(i * 7) % 3]!,
    year: 2021 + (i % 3),
    units: ((i * 13) % 17) * scale,
    revenue: i % 11 === 5 ? null : (((i * 37) % 101) + 0.25 * (i % 4)) * scale,
  }));
}

export function ordersCsv(orders: readonly Order[]): string {
  const lines = orders.map((o) => [o.region, o.product, o.year, o.units, o.revenue ?? ''].join(','));
  return ['region,product,year,units,revenue', ...lines, ''].join('\n');
}

type Key = string | number;
type Measure = 'units' | 'revenue';

/** The aggregate of `measure` per value of `x`, sorted by x ascending: [x, value] rows. */
export function aggregateBy(orders: readonly Order[], x: keyof Order, kind: Aggregate, measure: Measure): [Key, number | null][] {
  return [...groupBy(orders, (o) => o[x] as Key).values()]
    .map((g): [Key, number | null] => [
      g.key,
      aggregate(
        kind,
        g.rows.map((o) => o[measure]),
      ),
    ])
    .sort((a, b) => compareNullsLast(a[0], b[0]));
}

/** The aggregate per (x, series), sorted by x then series: [x, series, value] rows. */
export function aggregateBy2(
  orders: readonly Order[],
  x: keyof Order,
  series: keyof Order,
  kind: Aggregate,
  measure: Measure,
): [Key, Key, number | null][] {
  return [...groupBy(orders, (o) => [o[x], o[series]] as [Key, Key]).values()]
    .map((g): [Key, Key, number | null] => [
      g.key[0],
      g.key[1],
      aggregate(
        kind,
        g.rows.map((o) => o[measure]),
      ),
    ])
    .sort((a, b) => compareNullsLast(a[0], b[0]) || compareNullsLast(a[1], b[1]));
}

/** Numbers rounded to 6 places, so sums added in another order compare equal. */
export function rounded(rows: readonly (readonly unknown[])[]): unknown[][] {
  return rows.map((r) => r.map((v) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v)));
}

/** POST a chart and return its id (expects 201). */
export async function createChart(t: TestApp, token: string, projectId: number, body: Record<string, unknown>): Promise<number> {
  const response = await t.request({ method: 'POST', url: `/api/projects/${projectId}/charts`, token, payload: body });
  if (response.statusCode !== 201) throw new Error(`chart not created: ${response.statusCode} ${response.body}`);
  return response.json<{ id: number }>().id;
}
