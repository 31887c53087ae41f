import { useCallback, useEffect, useRef, useState } from 'react';
import { chartsApi, type ChartDataResponse } from '../api/charts';
import type { Api } from '../api/client';

export interface ChartDataState {
  readonly data?: ChartDataResponse;
  readonly error?: unknown;
}

/**
 * The data of each chart of a dashboard, by chart id: `load(id)` fetches one chart's data
 * (a newer request for the same chart aborts an older one still in flight), `forget(id)`
 * drops it. A failed refresh keeps the last data and records the error beside it.
 */
export function useChartData(api: Api) {
  const [byId, setById] = useState<ReadonlyMap<number, ChartDataState>>(new Map());
  const inFlight = useRef(new Map<number, AbortController>());

  const load = useCallback(
    (id: number) => {
      inFlight.current.get(id)?.abort();
      const ctrl = new AbortController();
      inFlight.current.set(id, ctrl);
      const settle = (patch: ChartDataState) => {
        if (ctrl.signal.aborted) return;
        inFlight.current.delete(id);
        setById((prev) => new Map(prev).set(id, { ...prev.get(id), ...patch }));
      };
      chartsApi.data(api, id, ctrl.signal).then(
        (data) => settle({ data, error: undefined }),
        (error: unknown) => settle({ error }),
      );
    },
    [api],
  );

  const forget = useCallback((id: number) => {
    inFlight.current.get(id)?.abort();
    inFlight.current.delete(id);
    setById((prev) => {
      if (!prev.has(id)) return prev;
      const next = new Map(prev);
      next.delete(id);
      return next;
    });
  }, []);

  useEffect(() => {
    const pending = inFlight.current;
    return () => pending.forEach((c) => c.abort());
  }, []);

  return { byId, load, forget };
}
