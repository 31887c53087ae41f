import { useEffect, useState } from 'react';

export type EChartComponent = typeof import('./EChart').default;

let loading: Promise<EChartComponent> | undefined;

/** Fetches the charting library once, for every chart on the page; a failure can be retried. */
export function loadECharts(): Promise<EChartComponent> {
  loading ??= import('./EChart').then(
    (module) => module.default,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * The ECharts component once its chunk arrived (not React.lazy: a Suspense boundary that
 * showed its fallback holds its content back at least 300 ms, for each chart). `needed`
 * false (tables and numbers) never downloads it.
 */
export function useECharts(needed: boolean): { EChart: EChartComponent | undefined; failed: boolean; retry: () => void } {
  const [state, setState] = useState<{ EChart: EChartComponent | undefined; failed: boolean }>({ EChart: undefined, failed: false });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!needed) return;
    let live = true;
    loadECharts().then(
      (EChart) => live && setState({ EChart, failed: false }),
      () => live && setState({ EChart: undefined, failed: true }),
    );
    return () => {
      live = false;
    };
  }, [needed, attempt]);
  return {
    ...state,
    retry: () => {
      setState({ EChart: undefined, failed: false });
      setAttempt((n) => n + 1);
    },
  };
}
