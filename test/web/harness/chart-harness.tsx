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
