import { useCallback, useEffect, useId, useMemo, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { describeError } from '../api/errors';
import { Loading } from '../components/states';
import { ChartNumber } from './ChartNumber';
import { ChartTable } from './ChartTable';
import type { ChartInstance } from './ChartCanvas';
import { chartCsv } from './chart-csv';
import { describeChart } from './chart-describe';
import { NARROW_WIDTH, chartConfig, heatColour, heatRange, isDrawn } from './chart-config';
import { chartToPng, downloadBlob, fileNameFor } from './chart-export';
import { noDataReason } from './chart-series';
import type { ChartData, ChartView } from './chart-types';
import { useChartCanvas } from './load-chart';
import './charts.css';

export interface ChartPanelProps {
  readonly view: ChartView;
  /** The chart's data; undefined while it loads. */
  readonly data: ChartData | undefined;
  /** A failed load of the data: shown instead of the chart (stale data stays if there is some). */
  readonly error?: unknown;
  readonly onRetry?: () => void;
  /**
   * Columns of the dashboard's 12-column grid (inside a `.chart-grid`); phones use all 12.
   * @default 12
   */
  readonly width?: number;
  /** @default 280 */
  readonly height?: number;
  /** @default true */
  readonly animate?: boolean;
  /** Further controls for the chart (edit, delete), after the export buttons. */
  readonly actions?: ReactNode;
}

/** Tracks an element's width, for layouts that change at phone width. */
function useWidth(): [(el: HTMLElement | null) => void, number] {
  const [width, setWidth] = useState(0);
  const observer = useRef<ResizeObserver | undefined>(undefined);
  const ref = useCallback((el: HTMLElement | null) => {
    observer.current?.disconnect();
    if (!el) return;
    setWidth(el.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    observer.current = new ResizeObserver(([entry]) => setWidth(entry.contentRect.width));
    observer.current.observe(el);
  }, []);
  useEffect(() => () => observer.current?.disconnect(), []);
  return [ref, width];
}

/** The heatmap's colour scale: its smallest value, a gradient, its largest value. */
function HeatScale({ data }: { data: ChartData }) {
  const range = heatRange(data);
  if (!range) return null;
  return (
    <p className="chart-heat-scale small muted" aria-hidden="true">
      <span>{range.min}</span>
      <span className="chart-heat-gradient" style={{ background: `linear-gradient(to right, ${heatColour(0)}, ${heatColour(1)})` }} />
      <span>{range.max}</span>
    </p>
  );
}

/**
 * One chart of a dashboard: title, a sentence saying what it plots (its ARIA description),
 * the chart itself (Chart.js for bar, line, area, scatter, pie and heatmap, loaded on
 * demand; an HTML table; a big number), loading, error and "No data" states, and export
 * as PNG and CSV. The drawn chart is focusable and has the description as its label;
 * "Data table" shows the same numbers as a table for anyone who cannot read the drawing.
 */
export function ChartPanel({ view, data, error, onRetry, width = 12, height = 280, animate = true, actions }: ChartPanelProps) {
  const id = useId();
  const drawn = isDrawn(view.type);
  const { ChartCanvas, failed, retry } = useChartCanvas(drawn);
  const [measureRef, boxWidth] = useWidth();
  const [showTable, setShowTable] = useState(false);
  const [exportError, setExportError] = useState<string | undefined>(undefined);
  const instance = useRef<ChartInstance | undefined>(undefined);
  const [instanceReady, setInstanceReady] = useState(false);
  const onInstance = useCallback((chart: ChartInstance | undefined) => {
    instance.current = chart;
    setInstanceReady(chart !== undefined);
  }, []);

  const description = describeChart(view, data);
  const empty = data ? noDataReason(view.type, data) : undefined;
  const narrow = boxWidth > 0 && boxWidth < NARROW_WIDTH;
  const type = view.type;
  const stacked = view.stacked ?? false;
  const config = useMemo(
    () => (isDrawn(type) && data && !empty ? chartConfig(type, data, { narrow, animate, stacked }) : undefined),
    [type, data, empty, narrow, animate, stacked],
  );

  const exportPng = async () => {
    const chart = instance.current;
    if (!chart) return;
    setExportError(undefined);
    try {
      const png = await chartToPng(chart);
      downloadBlob(png, fileNameFor(view.title, 'png'));
    } catch (e) {
      setExportError(`The image could not be made: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const exportCsv = async () => {
    if (!data) return;
    downloadBlob(new Blob([await chartCsv(data)], { type: 'text/csv;charset=utf-8' }), fileNameFor(view.title, 'csv'));
  };

  const state = error !== undefined && !data ? 'error' : !data ? 'loading' : empty ? 'empty' : 'ready';
  let body: ReactNode;
  if (state === 'error') {
    body = (
      <div className="state state-error chart-state" role="alert">
        <p>This chart could not be loaded: {describeError(error)}</p>
        {onRetry ? (
          <Button className="button small" onPress={onRetry}>
            Try again
          </Button>
        ) : null}
      </div>
    );
  } else if (!data) {
    body = <Loading label="Loading chart…" />;
  } else if (empty) {
    body = (
      <div className="state state-empty chart-state chart-no-data" style={{ minHeight: view.type === 'number' ? undefined : height }}>
        <p className="chart-no-data-title">No data</p>
        <p className="small">{empty}</p>
      </div>
    );
  } else if (view.type === 'table') {
    body = <ChartTable data={data} caption={view.title} />;
  } else if (view.type === 'number') {
    body = <ChartNumber data={data} />;
  } else if (failed) {
    body = (
      <div className="state state-error chart-state" role="alert">
        <p>The charting code could not be loaded.</p>
        <Button className="button small" onPress={retry}>
          Try again
        </Button>
      </div>
    );
  } else if (!ChartCanvas || !config) {
    body = <Loading label="Loading chart…" />;
  } else {
    body = (
      <div className="chart-drawing" role="img" tabIndex={0} aria-labelledby={`${id}-title ${id}-desc`}>
        <ChartCanvas config={config} height={height} onInstance={onInstance} />
        {type === 'heatmap' && data ? <HeatScale data={data} /> : null}
      </div>
    );
  }

  const style = { '--chart-span': Math.min(12, Math.max(1, Math.round(width))) } as CSSProperties;
  return (
    <figure
      className="panel chart-card"
      aria-labelledby={`${id}-title`}
      data-state={state}
      data-type={view.type}
      style={style}
      ref={measureRef}
    >
      <div className="chart-card-header">
        <figcaption>
          <h3 id={`${id}-title`} className="chart-title">
            {view.title}
          </h3>
          <p id={`${id}-desc`} className="muted small chart-description">
            {description}
          </p>
        </figcaption>
        <div className="actions chart-actions" role="group" aria-label={`${view.title}: actions`}>
          {drawn && state === 'ready' ? (
            <Button className="button small" onPress={() => setShowTable((s) => !s)} aria-pressed={showTable}>
              Data table
            </Button>
          ) : null}
          {drawn ? (
            <Button className="button small" onPress={() => void exportPng()} isDisabled={state !== 'ready' || !instanceReady}>
              Export PNG
            </Button>
          ) : null}
          <Button className="button small" onPress={() => void exportCsv()} isDisabled={!data}>
            Export CSV
          </Button>
          {actions}
        </div>
      </div>
      {state === 'ready' && error !== undefined ? (
        <p className="form-error small" role="status">
          Showing the last data: the refresh failed ({describeError(error)}).
        </p>
      ) : null}
      {exportError ? (
        <p className="form-error small" role="alert">
          {exportError}
        </p>
      ) : null}
      {body}
      {data?.truncated && state === 'ready' ? (
        <p className="muted small">Limited: the source has more rows than this chart shows.</p>
      ) : null}
      {showTable && drawn && data && state === 'ready' ? <ChartTable data={data} caption={`${view.title}: data`} /> : null}
    </figure>
  );
}
