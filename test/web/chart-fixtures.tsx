import { vi } from 'vitest';
import type { ChartData, ChartDataColumn } from '../../app/web/src/charts/chart-types';

/**
 * A 2D context that draws nothing: happy-dom has no canvas, and Chart.js needs a context to
 * lay a chart out. Text is 6 px per character, so label skipping still has sizes to work with.
 */
function fakeContext(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const state: Record<string | symbol, unknown> = { canvas };
  const gradient = { addColorStop: () => undefined };
  return new Proxy(state, {
    get(target, key) {
      if (key in target) return target[key];
      if (key === 'measureText')
        return (text: string) => ({ width: String(text).length * 6, actualBoundingBoxAscent: 8, actualBoundingBoxDescent: 2 });
      if (key === 'createLinearGradient' || key === 'createRadialGradient') return () => gradient;
      if (key === 'getImageData') return () => ({ data: new Uint8ClampedArray(4) });
      if (key === 'getLineDash') return () => [];
      return () => undefined;
    },
    set(target, key, value) {
      target[key] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
}

/**
 * A laid-out size for every element (happy-dom has no layout) and a canvas context, so
 * Chart.js lays charts out at 640 × 280.
 */
export function giveElementsASize(): void {
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(640);
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(280);
  const contexts = new WeakMap<HTMLCanvasElement, CanvasRenderingContext2D>();
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
    if (!contexts.has(this)) contexts.set(this, fakeContext(this));
    return contexts.get(this) as never;
  });
}

/** Chart data as GET /api/charts/:id/data gives it, one known set per chart type. */
const x = (name: string, kind: ChartDataColumn['kind'] = 'string'): ChartDataColumn => ({ name, role: 'x', kind, column: name });
const series = (name: string, kind: ChartDataColumn['kind'] = 'string'): ChartDataColumn => ({ name, role: 'series', kind, column: name });
const sum = (column: string): ChartDataColumn => ({ name: `sum(${column})`, role: 'y', kind: 'number', column, aggregate: 'sum' });
const raw = (column: string, kind: ChartDataColumn['kind'] = 'number'): ChartDataColumn => ({ name: column, role: 'y', kind, column });

export const revenueByRegion: ChartData = {
  columns: [x('region'), sum('revenue')],
  rows: [
    ['east', 12],
    ['north', 80.5],
    ['south', 40],
    [null, 3],
  ],
  truncated: false,
};

export const revenueByRegionAndYear: ChartData = {
  columns: [x('region'), series('year', 'number'), sum('revenue')],
  rows: [
    ['east', 2023, 5],
    ['east', 2024, 7],
    ['north', 2024, 80],
    ['south', 2023, 40],
  ],
  truncated: false,
};

export const twoMeasuresByDay: ChartData = {
  columns: [x('day', 'temporal'), sum('revenue'), sum('units')],
  rows: [
    ['2024-01-01', 10, 1],
    ['2024-01-02', 20, 2],
    ['2024-01-03', null, 3],
  ],
  truncated: false,
};

export const points: ChartData = {
  columns: [x('units', 'number'), series('region'), raw('revenue')],
  rows: [
    [1, 'east', 10],
    [2, 'east', 15],
    [3, 'west', 9],
  ],
  truncated: false,
};

export const heat: ChartData = {
  columns: [x('region'), series('year', 'number'), { ...sum('units'), name: 'min(units)', aggregate: 'min' }],
  rows: [
    ['east', 2023, 1],
    ['east', 2024, 4],
    ['west', 2023, 9],
  ],
  truncated: false,
};

export const tableRows: ChartData = {
  columns: [
    { name: 'region', role: 'value', kind: 'string', column: 'region' },
    { name: 'revenue', role: 'value', kind: 'number', column: 'revenue' },
  ],
  rows: [
    ['east', 1234.5],
    ['west', null],
  ],
  truncated: true,
};

export const total: ChartData = { columns: [sum('revenue')], rows: [[1234567.891]], truncated: false };

export const zeros: ChartData = {
  columns: [x('kind'), { name: 'count(id)', role: 'y', kind: 'number', column: 'id', aggregate: 'count' }],
  rows: [
    ['notebook', 0],
    ['spark', 0],
    ['manual', 0],
  ],
  truncated: false,
};

export const emptyOf = (data: ChartData): ChartData => ({ ...data, rows: [] });
