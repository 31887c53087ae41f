import type { Chart } from '../api/charts';
import { eventEntity } from '../live/apply';
import type { LiveEvent } from '../live/connection';

/** Charts in dashboard order (position, then id for a tie while an arrangement lands). */
export function inDashboardOrder(charts: readonly Chart[]): Chart[] {
  return [...charts].sort((a, b) => a.position - b.position || a.id - b.id);
}

/** The chart a chart.* event is about: its top-level chartId, or the id in its data. */
export function chartIdOf(e: LiveEvent): number | undefined {
  const data = e.data as { id?: unknown; chartId?: unknown } | undefined;
  for (const c of [e.chartId, data?.chartId, data?.id]) {
    if (typeof c === 'number' && Number.isInteger(c)) return c;
  }
  return undefined;
}

/**
 * Applies chart.created/updated/deleted to the dashboard's list. Undefined when the event
 * lacks what is needed (the caller refetches the list instead).
 */
export function applyChartEvent(list: readonly Chart[], e: LiveEvent): Chart[] | undefined {
  const id = chartIdOf(e);
  if (id === undefined) return undefined;
  if (e.type === 'chart.deleted') return list.filter((c) => c.id !== id);
  const chart = eventEntity<Chart>(e);
  if (!chart || chart.id !== id) return undefined;
  const others = list.filter((c) => c.id !== id);
  return inDashboardOrder([...others, { ...list.find((c) => c.id === id), ...chart }]);
}

/** The list with one chart moved `by` places (-1 earlier, +1 later), positions renumbered. */
export function moveChart(list: readonly Chart[], id: number, by: -1 | 1): Chart[] {
  const from = list.findIndex((c) => c.id === id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= list.length) return [...list];
  const next = [...list];
  [next[from], next[to]] = [next[to], next[from]];
  return next.map((c, position) => (c.position === position ? c : { ...c, position }));
}

/** Whether a chart's spec (what it plots) differs, so its data must be fetched again. */
export function specChanged(before: Chart | undefined, after: Chart): boolean {
  if (!before) return true;
  return (
    before.type !== after.type ||
    JSON.stringify(before.source) !== JSON.stringify(after.source) ||
    JSON.stringify(before.encoding) !== JSON.stringify(after.encoding)
  );
}
