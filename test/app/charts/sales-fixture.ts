import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Aggregate } from '../../../app/server/charts/chart-spec';
import type { SourceColumn } from '../../../app/server/charts/column-kinds';

/**
 * A small known table and an independent way to aggregate it: plain TypeScript over the
 * same rows, so the chart query's results are checked against arithmetic the test does
 * itself, not against SQL.
 */
export interface Sale {
  region: string | null;
  product: string;
  year: number;
  day: string;
  revenue: number | null;
  units: number;
}

/** 40 rows, deterministic, with null regions and revenues, repeated (x, series) pairs. */
export function makeSales(): Sale[] {
  const regions = ['north', 'south', 'east', 'west', null];
  const products = ['alpha', 'beta', 'gamma'];
  return Array.from({ length: 40 }, (_, i) => ({
    region: regions[(i * 7) % 5],
    product: products[(i * 5) % 3],
    year: 2021 + (i % 3),
    day: `2024-01-${String(1 + (i % 6)).padStart(2, '0')}`,
    revenue: i % 9 === 4 ? null : ((i * 37) % 101) + (i % 4) * 0.25,
    units: (i * 13) % 17,
  }));
}

export const SALES_COLUMNS: SourceColumn[] = [
  { name: 'region', type: 'VARCHAR' },
  { name: 'product', type: 'VARCHAR' },
  { name: 'year', type: 'INTEGER' },
  { name: 'day', type: 'DATE' },
  { name: 'revenue', type: 'DOUBLE' },
  { name: 'units', type: 'BIGINT' },
];

const literal = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replaceAll("'", "''")}'`);

export async function openSalesDatabase(rows: Sale[]): Promise<{ connection: DuckDBConnection; close: () => void }> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run('CREATE TABLE sales (region VARCHAR, product VARCHAR, year INTEGER, day DATE, revenue DOUBLE, units BIGINT)');
  if (rows.length > 0) {
    const values = rows.map((r) => `(${[r.region, r.product, r.year, r.day, r.revenue, r.units].map(literal).join(', ')})`);
    await connection.run(`INSERT INTO sales VALUES ${values.join(', ')}`);
  }
  return {
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** SQL's aggregates: nulls are skipped; sum/avg/min/max of no values are null, count is 0. */
export function aggregate(kind: Aggregate, values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  if (kind === 'count') return present.length;
  if (present.length === 0) return null;
  switch (kind) {
    case 'sum':
      return present.reduce((a, b) => a + b, 0);
    case 'avg':
      return present.reduce((a, b) => a + b, 0) / present.length;
    case 'min':
      return Math.min(...present);
    case 'max':
      return Math.max(...present);
  }
}

/** Groups rows by the key function, in first-seen order. */
export function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<string, { key: K; rows: T[] }> {
  const groups = new Map<string, { key: K; rows: T[] }>();
  for (const row of rows) {
    const k = key(row);
    const id = JSON.stringify(k);
    const group = groups.get(id) ?? { key: k, rows: [] };
    group.rows.push(row);
    groups.set(id, group);
  }
  return groups;
}

/** Ascending with nulls last, as the charts sort by default. */
export function compareNullsLast(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
