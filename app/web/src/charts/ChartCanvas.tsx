import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Filler,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  ScatterController,
  Tooltip,
} from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';
import { useEffect, useRef, useState } from 'react';
import type { DrawnConfig } from './chart-config';

// Only what the charts draw: these controllers, elements, scales and plugins (tree-shaken:
// the rest of Chart.js stays out of the bundle).
Chart.register(
  BarController,
  LineController,
  ScatterController,
  DoughnutController,
  MatrixController,
  BarElement,
  LineElement,
  PointElement,
  ArcElement,
  MatrixElement,
  CategoryScale,
  LinearScale,
  Filler,
  Legend,
  Tooltip,
);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.color = '#3d4450';

export type ChartInstance = Chart;

export interface ChartCanvasProps {
  readonly config: DrawnConfig;
  /** @default 260 */
  readonly height?: number;
  /** Called with the Chart.js instance once it exists, and with undefined when it is gone. */
  readonly onInstance?: (chart: ChartInstance | undefined) => void;
}

/**
 * One Chart.js chart on a canvas that fills a div of the given height and the width of its
 * box (resized with it). New data or options replace the old in place, so a live update
 * animates instead of redrawing from nothing; a new chart type makes a new chart.
 */
export default function ChartCanvas({ config, height = 260, onInstance }: ChartCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | undefined>(undefined);
  const onInstanceRef = useRef(onInstance);
  onInstanceRef.current = onInstance;
  const latest = useRef(config);
  latest.current = config;
  const type = config.type;
  const [unsupported, setUnsupported] = useState(false);

  useEffect(() => {
    if (!canvas.current) return;
    const c = new Chart(canvas.current, latest.current as never);
    // Chart.js only logs when the canvas gives no 2D context; the chart must not be used then.
    if (!c.ctx) {
      c.destroy();
      setUnsupported(true);
      return;
    }
    chart.current = c;
    onInstanceRef.current?.(c);
    return () => {
      onInstanceRef.current?.(undefined);
      c.destroy();
      chart.current = undefined;
    };
  }, [type]);

  useEffect(() => {
    const c = chart.current;
    if (!c || c.config.data === config.data) return;
    c.data = config.data as never;
    c.options = config.options as never;
    c.update();
  }, [config]);

  return (
    <div className="chart" style={{ height }}>
      {unsupported ? <p className="muted">This browser cannot draw charts: use the data table.</p> : null}
      <canvas ref={canvas} hidden={unsupported} />
    </div>
  );
}
