import { inspectDataset, profileDataset } from '../../../app/server/data-engine/dataset-inspector';
import { csvLines, DataWorkspace } from './support/data-fixtures';

describe('dataset profile', () => {
  const ws = new DataWorkspace();
  afterAll(() => ws.dispose());

  const csv = csvLines('qty,price,city,day,flag', 100, (i) => {
    const qty = i % 4 === 0 ? '' : String((i % 5) + 1); // 1..5, every 4th empty
    const price = (i * 1.5).toFixed(1); // 0 .. 148.5
    const city = ['Oslo', 'Lima', 'Pune'][i % 3] ?? '';
    return `${qty},${price},${city},2024-03-${String((i % 30) + 1).padStart(2, '0')},${i % 2 === 0}`;
  });

  it('counts nulls and distinct values, gives min/max/mean and the top values of each column', async () => {
    const file = ws.file('profile.csv', csv);
    const inspection = await inspectDataset(ws.pool, file, 'csv');
    const profile = await profileDataset(ws.pool, { path: file, readSpec: inspection.readSpec });
    expect(profile.rowCount).toBe(100);
    const [qty, price, city, day, flag] = profile.columns;
    expect(qty).toMatchObject({ name: 'qty', type: 'integer', nullCount: 25, distinctCount: 5, min: 1, max: 5 });
    expect(qty!.top).toHaveLength(5);
    expect(qty!.top.reduce((sum, entry) => sum + entry.count, 0)).toBe(75);
    expect(price).toMatchObject({ type: 'double', nullCount: 0, distinctCount: 100, min: 0, max: 148.5, mean: 74.25 });
    expect(city).toMatchObject({
      type: 'string',
      min: 'Lima',
      max: 'Pune',
      top: [
        { value: 'Oslo', count: 34 },
        { value: 'Lima', count: 33 },
        { value: 'Pune', count: 33 },
      ],
    });
    expect(city).not.toHaveProperty('mean');
    expect(city).not.toHaveProperty('histogram');
    expect(day).toMatchObject({ type: 'date', min: '2024-03-01', max: '2024-03-30', distinctCount: 30 });
    expect(flag).toMatchObject({
      type: 'boolean',
      distinctCount: 2,
      top: [
        { value: false, count: 50 },
        { value: true, count: 50 },
      ],
    });
  });

  it('draws a histogram of numeric columns whose bins cover min..max and count every finite value', async () => {
    const file = ws.file('histogram.csv', csv);
    const inspection = await inspectDataset(ws.pool, file, 'csv', { profile: true });
    const price = inspection.profile!.columns.find((column) => column.name === 'price')!;
    expect(price.histogram).toHaveLength(10);
    expect(price.histogram![0]!.from).toBe(0);
    expect(price.histogram![9]!.to).toBe(148.5);
    expect(price.histogram!.reduce((sum, bin) => sum + bin.count, 0)).toBe(100);
    expect(price.histogram!.map((bin) => bin.count)).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 10, 10]);
    // A small integer range gets one bin per value.
    const qty = inspection.profile!.columns.find((column) => column.name === 'qty')!;
    expect(qty.histogram!.map((bin) => [bin.from, bin.to])).toEqual([
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
      [5, 6],
    ]);
    expect(qty.histogram!.reduce((sum, bin) => sum + bin.count, 0)).toBe(75);
  });

  it('profiles a column of only nulls and a column with NaN and infinities without non-JSON numbers', async () => {
    const file = await ws.parquet(
      'odd.parquet',
      "SELECT * FROM (VALUES (NULL::INTEGER, 'NaN'::DOUBLE), (NULL, 'Infinity'::DOUBLE), (NULL, 2.0), (NULL, 4.0)) t(empty, x)",
    );
    const inspection = await inspectDataset(ws.pool, file, 'parquet', { profile: true });
    const [empty, x] = inspection.profile!.columns;
    expect(empty).toMatchObject({ nullCount: 4, distinctCount: 0, min: null, max: null, mean: null, top: [], histogram: [] });
    expect(x).toMatchObject({ nullCount: 0, mean: 3, max: 'NaN' });
    expect(x!.histogram!.reduce((sum, bin) => sum + bin.count, 0)).toBe(2);
    expect(JSON.parse(JSON.stringify(inspection.profile))).toEqual(inspection.profile);
  });
});
