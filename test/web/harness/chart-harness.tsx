import { Chart } from 'chart.js';
import { createRoot } from 'react-dom/client';
import { ChartPanel } from '../../../app/web/src/charts/ChartPanel';
import type { ChartData, ChartView } from '../../../app/web/src/charts/chart-types';
import '../../../app/web/src/styles.css';

/**
 * A page with nothing but chart panels, for tests in a real browser: they call
 * window.renderCharts with the views and data to draw (see chart-browser.test.ts).
 */
declare global {
  interface Window {
    renderCharts: (charts: { view: ChartView; data: ChartData; width?: number }[]) => void;
    axisLabelOverlaps: () => string[];
    drawnCharts: () => number;
  }
}

const root = createRoot(document.getElementById('root') as HTMLElement);

window.renderCharts = (charts) => {
  root.render(
    <div className="chart-grid">
      {charts.map((c, i) => (
        <ChartPanel key={i} view={c.view} data={c.data} width={c.width} animate={false} />
      ))}
    </div>,
  );
};

window.drawnCharts = () => [...document.querySelectorAll('.chart canvas')].filter((c) => Chart.getChart(c as HTMLCanvasElement)).length;

/**
 * Labels of every drawn chart's axes that overlap a neighbour, measured as Chart.js lays
 * them out (the canvas has no text nodes to measure): "chart title: label / label".
 */
window.axisLabelOverlaps = () => {
  const overlaps: string[] = [];
  for (const canvas of document.querySelectorAll<HTMLCanvasElement>('.chart canvas')) {
    const chart = Chart.getChart(canvas);
    if (!chart) continue;
    for (const scale of Object.values(chart.scales)) {
      if (!scale.options.display || !(scale.options as { ticks?: { display?: boolean } }).ticks?.display) continue;
      const boxes = scale.getLabelItems(chart.chartArea).map((item) => {
        chart.ctx.font = item.font.string;
        const lines = Array.isArray(item.label) ? item.label : [item.label];
        const width = Math.max(...lines.map((l) => chart.ctx.measureText(String(l)).width));
        const height = Number(item.font.lineHeight) * lines.length;
        const [x, y] = item.options.translation ?? [0, 0];
        const align = item.options.textAlign;
        const left = align === 'center' ? x - width / 2 : align === 'right' || align === 'end' ? x - width : x;
        const top = scale.isHorizontal() ? y : y - height / 2;
        return { text: lines.join(' '), left, right: left + width, top, bottom: top + height };
      });
      for (let i = 0; i + 1 < boxes.length; i += 1) {
        const [a, b] = [boxes[i], boxes[i + 1]];
        // One pixel of slack: anti-aliased edges of neighbours may touch.
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) {
          overlaps.push(`${chart.canvas.closest('figure')?.querySelector('h3')?.textContent}: ${a.text} / ${b.text}`);
        }
      }
    }
  }
  return overlaps;
};
