import { EVENT_TYPES, isOneOf, type EventType } from '../../../../schema/vocabulary';

export interface LiveEvent {
  type: EventType;
  projectId: number;
  data?: unknown;
  /** When this browser received it (ms since epoch). */
  receivedAt: number;
  [key: string]: unknown;
}

export type LiveStatus =
  | { state: 'idle' }
  | { state: 'connecting'; attempt: number }
  | { state: 'open' }
  | { state: 'waiting'; attempt: number; retryInMs: number; since: number };

export interface LiveConnectionOptions {
  /** ws:// or wss:// URL of /api/ws. */
  url: string;
  /** A current access token, or undefined when signed out. */
  getToken: () => Promise<string | undefined>;
  WebSocketImpl?: typeof WebSocket;
  /** First reconnect delay. @default 500 */
  initialDelayMs?: number;
  /** Longest reconnect delay. @default 30000 */
  maxDelayMs?: number;
  /** Source of jitter in [0, 1). @default Math.random */
  random?: () => number;
}

type Handler<T> = (value: T) => void;

/** The next reconnect delay: doubling from the first, capped, with up to 50% jitter off. */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number, random: () => number): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.5 + random() * 0.5));
}

export function parseLiveEvent(raw: string, receivedAt = Date.now()): LiveEvent | undefined {
  let msg: unknown;
  try {
    msg = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!msg || typeof msg !== 'object') return undefined;
  const m = msg as Record<string, unknown>;
  // Only the event types the server publishes (schema/vocabulary.ts); anything else is ignored.
  const type = m.type;
  if (!isOneOf(EVENT_TYPES, type)) return undefined;
  const projectId = Number(m.projectId);
  if (!Number.isFinite(projectId)) return undefined;
  return { ...m, type, projectId, receivedAt };
}

/**
 * One WebSocket to /api/ws for the page. Authenticates with the access token as the
 * `bearer, <token>` subprotocol (kept out of URLs and logs); on loss it reconnects with
 * exponential backoff and, once back, tells listeners to refresh what they may have missed.
 */
export class LiveConnection {
  private socket: WebSocket | undefined;
  private status: LiveStatus = { state: 'idle' };
  private attempt = 0;
  private hasOpened = false;
  private stopped = true;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly eventHandlers = new Set<Handler<LiveEvent>>();
  private readonly statusHandlers = new Set<Handler<LiveStatus>>();
  private readonly resyncHandlers = new Set<Handler<void>>();
  private readonly WS: typeof WebSocket;
  private readonly initial: number;
  private readonly max: number;
  private readonly random: () => number;

  constructor(private readonly options: LiveConnectionOptions) {
    this.WS = options.WebSocketImpl ?? globalThis.WebSocket;
    this.initial = options.initialDelayMs ?? 500;
    this.max = options.maxDelayMs ?? 30_000;
    this.random = options.random ?? Math.random;
  }

  get currentStatus(): LiveStatus {
    return this.status;
  }

  onEvent(h: Handler<LiveEvent>): () => void {
    this.eventHandlers.add(h);
    return () => this.eventHandlers.delete(h);
  }
  onStatus(h: Handler<LiveStatus>): () => void {
    this.statusHandlers.add(h);
    return () => this.statusHandlers.delete(h);
  }
  /** Called after a reconnect: state may have changed while the socket was down. */
  onResync(h: Handler<void>): () => void {
    this.resyncHandlers.add(h);
    return () => this.resyncHandlers.delete(h);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const s = this.socket;
    this.socket = undefined;
    if (s && s.readyState <= 1) s.close(1000, 'signed out');
    this.setStatus({ state: 'idle' });
  }

  /** Skip the remaining wait and try now (the banner's "Reconnect now"). */
  reconnectNow(): void {
    if (this.stopped || this.status.state !== 'waiting') return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    void this.connect();
  }

  private async connect(): Promise<void> {
    this.attempt += 1;
    this.setStatus({ state: 'connecting', attempt: this.attempt });
    let token: string | undefined;
    try {
      token = await this.options.getToken();
    } catch {
      token = undefined;
    }
    if (this.stopped) return;
    if (!token) {
      this.scheduleReconnect();
      return;
    }
    let socket: WebSocket;
    try {
      socket = new this.WS(this.options.url, ['bearer', token]);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      const reconnected = this.hasOpened;
      this.hasOpened = true;
      this.attempt = 0;
      this.setStatus({ state: 'open' });
      if (reconnected) for (const h of this.resyncHandlers) h();
    };
    socket.onmessage = (ev: MessageEvent) => {
      if (this.socket !== socket || typeof ev.data !== 'string') return;
      const event = parseLiveEvent(ev.data);
      if (event) for (const h of this.eventHandlers) h(event);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      if (!this.stopped) this.scheduleReconnect();
    };
    socket.onerror = () => {
      // onclose follows and schedules the retry.
    };
  }

  private scheduleReconnect(): void {
    // attempt counts the tries since the last successful open: 0 right after a drop.
    const retryInMs = backoffDelay(this.attempt + 1, this.initial, this.max, this.random);
    this.setStatus({ state: 'waiting', attempt: this.attempt, retryInMs, since: Date.now() });
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.stopped) void this.connect();
    }, retryInMs);
  }

  private setStatus(s: LiveStatus): void {
    this.status = s;
    for (const h of this.statusHandlers) h(s);
  }
}

export function liveUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/ws`;
}
