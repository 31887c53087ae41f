import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Api } from './api/client';
import type { SessionState } from './api/session';
import { LiveConnection, liveUrl, type LiveEvent, type LiveStatus } from './live/connection';

const ApiContext = createContext<Api | undefined>(undefined);
const LiveContext = createContext<LiveConnection | undefined>(undefined);

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi must be used inside <ApiProvider>');
  return api;
}

export function useSession(): SessionState {
  const api = useApi();
  return useSyncExternalStore(
    (cb) => api.session.subscribe(cb),
    () => api.session.current,
  );
}

/** The signed-in user; only for pages behind the sign-in gate. */
export function useUser() {
  const s = useSession();
  if (s.status !== 'signed-in') throw new Error('useUser outside a signed-in page');
  return s.user;
}

export interface ProvidersProps {
  api: Api;
  /** Build the live connection; tests pass one with a fake WebSocket. */
  live?: LiveConnection;
  children: ReactNode;
}

export function Providers({ api, live, children }: ProvidersProps) {
  const connection = useMemo(
    () =>
      live ??
      new LiveConnection({
        url: liveUrl(window.location),
        getToken: () => api.session.freshAccessToken(),
      }),
    [api, live],
  );
  const session = useSyncExternalStore(
    (cb) => api.session.subscribe(cb),
    () => api.session.current,
  );
  const signedIn = session.status === 'signed-in';
  useEffect(() => {
    if (signedIn) connection.start();
    else connection.stop();
  }, [signedIn, connection]);
  useEffect(() => () => connection.stop(), [connection]);
  return (
    <ApiContext.Provider value={api}>
      <LiveContext.Provider value={connection}>{children}</LiveContext.Provider>
    </ApiContext.Provider>
  );
}

function useLiveConnection(): LiveConnection {
  const c = useContext(LiveContext);
  if (!c) throw new Error('live hooks must be used inside <Providers>');
  return c;
}

/** Calls handler for every live event (latest handler, no resubscribe per render). */
export function useLiveEvents(handler: (e: LiveEvent) => void): void {
  const c = useLiveConnection();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => c.onEvent((e) => ref.current(e)), [c]);
}

/** Calls handler after a reconnect, to refetch what may have been missed. */
export function useResync(handler: () => void): void {
  const c = useLiveConnection();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => c.onResync(() => ref.current()), [c]);
}

export function useLiveStatus(): { status: LiveStatus; reconnectNow: () => void } {
  const c = useLiveConnection();
  const status = useSyncExternalStore(
    (cb) => c.onStatus(cb),
    () => c.currentStatus,
  );
  const reconnectNow = useCallback(() => c.reconnectNow(), [c]);
  return { status, reconnectNow };
}

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  setData: (update: (prev: T | undefined) => T | undefined) => void;
}

/** Loads with `load` whenever deps change; keeps the last data while reloading. */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): Resource<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [nonce, setNonce] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    loadRef
      .current(ctrl.signal)
      .then((d) => {
        if (ctrl.signal.aborted) return;
        setDataState(d);
        setError(undefined);
      })
      .catch((e: unknown) => {
        if (!ctrl.signal.aborted) setError(e);
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const setData = useCallback((update: (prev: T | undefined) => T | undefined) => setDataState(update), []);
  return { data, error, loading, reload, setData };
}
