import { useEffect, useState } from 'react';

export type ChartCanvasComponent = typeof import('./ChartCanvas').default;

let loading: Promise<ChartCanvasComponent> | undefined;

/** Fetches the charting library once, for every chart on the page; a failure can be retried. */
export function loadChartCanvas(): Promise<ChartCanvasComponent> {
  loading ??= import('./ChartCanvas').then(
    (module) => module.default,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * The chart component once its chunk arrived (not React.lazy: a Suspense boundary that
 * showed its fallback holds its content back at least 300 ms, for each chart). `needed`
 * false (tables and numbers) never downloads it.
 */
export function useChartCanvas(needed: boolean): { ChartCanvas: ChartCanvasComponent | undefined; failed: boolean; retry: () => void } {
  const [state, setState] = useState<{ ChartCanvas: ChartCanvasComponent | undefined; failed: boolean }>({
    ChartCanvas: undefined,
    failed: false,
  });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!needed) return;
    let live = true;
    loadChartCanvas().then(
      (ChartCanvas) => live && setState({ ChartCanvas, failed: false }),
      () => live && setState({ ChartCanvas: undefined, failed: true }),
    );
    return () => {
      live = false;
    };
  }, [needed, attempt]);
  return {
    ...state,
    retry: () => {
      setState({ ChartCanvas: undefined, failed: false });
      setAttempt((n) => n + 1);
    },
  };
}
