import type { ChartCell } from './chart-types';

const full = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

/** A number as people read it: 1,234.57. */
export function formatNumber(value: number): string {
  return full.format(value);
}

/** A number for an axis tick, short: 1.2K, 3.4M. */
export function formatCompact(value: number): string {
  return Math.abs(value) < 10000 ? full.format(value) : compact.format(value);
}

/** A cell for a table or a tooltip: numbers grouped, nothing shown as an em dash. */
export function formatCell(cell: ChartCell): string {
  if (cell === null) return '—';
  if (typeof cell === 'number') return formatNumber(cell);
  return String(cell);
}
