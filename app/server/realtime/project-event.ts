import type { EventType } from '../../../schema/vocabulary';

/** The event types are listed once, in schema/vocabulary.ts. */
export type ProjectEventType = EventType;

/** What a WebSocket client receives: {"type","projectId",...,"data"}. */
export interface ProjectEvent {
  readonly type: ProjectEventType;
  readonly projectId: number;
  readonly taskId?: number;
  readonly datasetId?: number;
  readonly chartId?: number;
  readonly data: unknown;
}

/**
 * Messages on the bus between replicas. `audience` lists the users (owner and members) who
 * may see the project; admins see every project and are added by each replica.
 */
export type BusMessage =
  | { readonly kind: 'event'; readonly event: ProjectEvent; readonly audience: readonly number[] }
  /** A user's access changed (disabled, deleted, role changed): close their sockets. */
  | { readonly kind: 'user-access-changed'; readonly userId: number }
  /** A write committed: every replica drops the reads it keeps in memory. */
  | { readonly kind: 'read-cache-invalidated' };
