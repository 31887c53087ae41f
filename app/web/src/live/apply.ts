import type { LiveEvent } from './connection';

/** The id of the entity an event is about (data.id, or a top-level id field). */
export function eventEntityId(e: LiveEvent): number | undefined {
  const data = e.data as { id?: unknown } | undefined;
  const candidates = [data?.id, e.id, e.taskId, e.datasetId];
  for (const c of candidates) {
    const n = Number(c);
    if (c !== undefined && c !== null && Number.isFinite(n)) return n;
  }
  return undefined;
}

/** The full entity an event carries, when it carries one. */
export function eventEntity<T extends { id: number }>(e: LiveEvent): T | undefined {
  const data = e.data as Partial<T> | undefined;
  return data && typeof data === 'object' && typeof data.id === 'number' && Object.keys(data).length > 1 ? (data as T) : undefined;
}

/**
 * Applies a created/updated/deleted event to a list. Returns undefined when the event
 * lacks what is needed to apply it, so the caller refetches instead.
 */
export function applyToList<T extends { id: number }>(list: readonly T[], e: LiveEvent): T[] | undefined {
  const action = e.type.split('.')[1];
  const id = eventEntityId(e);
  if (id === undefined) return undefined;
  if (action === 'deleted') return list.filter((x) => x.id !== id);
  const entity = eventEntity<T>(e);
  if (!entity) return undefined;
  const idx = list.findIndex((x) => x.id === id);
  if (idx === -1) return [entity, ...list];
  const next = list.slice();
  next[idx] = { ...next[idx], ...entity };
  return next;
}
