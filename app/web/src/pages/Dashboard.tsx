import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-aria-components';
import { DATASET_FORMATS, TASK_KINDS, TASK_STATUSES, type DashboardSummary } from '../api/client';
import type { ChartOption } from '../charts/EChart';
import { Empty, ErrorState, Loading } from '../components/states';
import { useApi, useLiveEvents, useResync } from '../context';
import { dashboardView, debounce, describeEvent, projectNameOf } from '../dashboard/data';
import type { LiveEvent } from '../live/connection';
import { formatBytes, formatTime } from '../lib/format';
import { useDocumentTitle } from '../lib/title';

type EChartComponent = typeof import('../charts/EChart').default;

/**
 * The charting library, the largest download, loaded on demand. Not React.lazy: a Suspense
 * boundary that showed its fallback reveals its content at least 300 ms later (React's
 * throttle), for each chart; this state is set once, and all three charts draw at once.
 */
function useEChart(): { EChart: EChartComponent | undefined; failed: boolean } {
  const [state, setState] = useState<{ EChart: EChartComponent | undefined; failed: boolean }>({ EChart: undefined, failed: false });
  useEffect(() => {
    let live = true;
    import('../charts/EChart').then(
      (module) => live && setState({ EChart: module.default, failed: false }),
      () => live && setState({ EChart: undefined, failed: true }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}

const STATUS_COLORS: Record<string, string> = {
  pending: '#8a94a6',
  running: '#2f6fde',
  succeeded: '#1f8a4c',
  failed: '#c62f3a',
  cancelled: '#b7791f',
};
const DAYS = 14;
const FEED_SIZE = 50;
/** Live events refetch the summary once they settle for this long... */
const REFETCH_DEBOUNCE_MS = 100;
/** ...and at least this often during a steady stream of events. */
const REFETCH_MAX_WAIT_MS = 1000;

interface FeedItem {
  key: number;
  at: number;
  event: LiveEvent;
}

interface ChartProps {
  title: string;
  option: ChartOption;
  description: string;
  animate: boolean;
  chart: ReturnType<typeof useEChart>;
}

function Chart({ title, option, description, animate, chart: { EChart, failed } }: ChartProps) {
  return (
    <figure className="panel chart-panel">
      <figcaption>
        <h2>{title}</h2>
        <p className="muted small">{description}</p>
      </figcaption>
      {EChart ? (
        <EChart option={option} animate={animate} />
      ) : failed ? (
        <p className="muted">The chart could not be loaded. Reload the page to try again.</p>
      ) : (
        <Loading label="Loading chart…" />
      )}
    </figure>
  );
}

/**
 * Counts over every project the user may see, from one GET /api/dashboard/summary. Live
 * events go to the feed at once and refetch the summary, debounced; a reconnect refetches it.
 */
export default function Dashboard() {
  useDocumentTitle('Dashboard');
  const api = useApi();
  const [summary, setSummary] = useState<DashboardSummary | undefined>(undefined);
  const [loads, setLoads] = useState(0);
  const [error, setError] = useState<unknown>(undefined);
  const [feed, setFeed] = useState<FeedItem[]>([]);
  const [names, setNames] = useState<ReadonlyMap<number, string>>(new Map());
  const [nonce, setNonce] = useState(0);
  const seq = useRef(0);
  const asked = useRef(new Set<number>());

  // One request per (re)load; a newer one aborts an older one still in flight.
  useEffect(() => {
    const ctrl = new AbortController();
    api
      .dashboardSummary(DAYS, { signal: ctrl.signal })
      .then((s) => {
        if (ctrl.signal.aborted) return;
        setSummary(s);
        setError(undefined);
        setLoads((n) => n + 1);
      })
      .catch((e: unknown) => {
        // A failed background refresh keeps the numbers on screen; the next event or
        // reconnect tries again.
        if (!ctrl.signal.aborted) setError(e);
      });
    return () => ctrl.abort();
  }, [api, nonce]);

  // After the summary request went out (effects run in order): evaluating the library takes
  // a while, and the request is answered meanwhile.
  const chart = useEChart();

  const refetch = useMemo(() => debounce(() => setNonce((n) => n + 1), REFETCH_DEBOUNCE_MS, REFETCH_MAX_WAIT_MS), []);
  useEffect(() => () => refetch.cancel(), [refetch]);

  /** The feed names projects; events about tasks and datasets carry only the project id. */
  const learnName = (e: LiveEvent) => {
    const name = projectNameOf(e);
    if (name !== undefined) {
      setNames((prev) => (prev.get(e.projectId) === name ? prev : new Map(prev).set(e.projectId, name)));
      return;
    }
    if (names.has(e.projectId) || asked.current.has(e.projectId) || e.type === 'project.deleted') return;
    asked.current.add(e.projectId);
    api.getProject(e.projectId).then(
      (p) => setNames((prev) => new Map(prev).set(p.id, p.name)),
      () => undefined, // gone or not visible: the feed keeps "project #id"
    );
  };

  useLiveEvents((e: LiveEvent) => {
    learnName(e);
    seq.current += 1;
    const item: FeedItem = { key: seq.current, at: e.receivedAt, event: e };
    setFeed((prev) => [item, ...prev].slice(0, FEED_SIZE));
    refetch.schedule();
  });
  useResync(() => {
    refetch.cancel();
    setNonce((n) => n + 1);
  });

  const view = useMemo(() => (summary ? dashboardView(summary) : undefined), [summary]);
  const showError = error !== undefined && !view;

  const options = useMemo(() => {
    if (!view) return undefined;
    const overTime: ChartOption = {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: view.createdByDay.days.map((d) => d.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: TASK_STATUSES.map((s) => ({
        name: s,
        type: 'bar',
        stack: 'status',
        data: view.createdByDay.series[s],
        itemStyle: { color: STATUS_COLORS[s] },
      })),
    };
    const byKind: ChartOption = {
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        { name: 'Tasks by kind', type: 'pie', radius: ['40%', '70%'], data: TASK_KINDS.map((k) => ({ name: k, value: view.byKind[k] })) },
      ],
    };
    const byFormat: ChartOption = {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 64, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: [...DATASET_FORMATS] },
      yAxis: [
        { type: 'value', name: 'datasets', minInterval: 1 },
        { type: 'value', name: 'size', axisLabel: { formatter: (v: number) => formatBytes(v) } },
      ],
      series: [
        { name: 'Datasets', type: 'bar', data: DATASET_FORMATS.map((f) => view.byFormat[f].count) },
        {
          name: 'Total size',
          type: 'bar',
          yAxisIndex: 1,
          data: DATASET_FORMATS.map((f) => view.byFormat[f].bytes),
          tooltip: { valueFormatter: (v) => formatBytes(Number(v)) },
        },
      ],
    };
    return { overTime, byKind, byFormat };
  }, [view]);

  return (
    <section className="page dashboard" aria-labelledby="dash-title" data-state={showError ? 'error' : !view ? 'loading' : 'ready'}>
      <div className="page-header">
        <h1 id="dash-title">Dashboard</h1>
      </div>
      {showError ? (
        <ErrorState error={error} onRetry={() => setNonce((n) => n + 1)} what="the dashboard" />
      ) : !view || !options ? (
        <Loading label="Loading the dashboard…" />
      ) : (
        <>
          <ul className="tiles" aria-label="Totals">
            <li className="tile">
              <span className="tile-value" data-testid="total-projects">
                {view.projects}
              </span>{' '}
              projects
            </li>
            <li className="tile">
              <span className="tile-value" data-testid="total-tasks">
                {view.tasks}
              </span>{' '}
              tasks
            </li>
            <li className="tile">
              <span className="tile-value" data-testid="running-tasks">
                {view.byStatus.running}
              </span>{' '}
              running
            </li>
            <li className="tile">
              <span className="tile-value" data-testid="failed-tasks">
                {view.byStatus.failed}
              </span>{' '}
              failed
            </li>
            <li className="tile">
              <span className="tile-value" data-testid="total-datasets">
                {view.datasets}
              </span>{' '}
              datasets · {formatBytes(view.totalBytes)}
            </li>
          </ul>
          {view.projects === 0 ? (
            <Empty>
              Nothing to show yet. <Link href="/projects">Open the projects</Link> to create one or ask to be added to one.
            </Empty>
          ) : null}
          <div className="grid">
            <Chart
              title="Tasks created per day"
              description={`Tasks created on each of the last ${DAYS} days (UTC), by their current status.`}
              option={options.overTime}
              animate={loads > 1}
              chart={chart}
            />
            <Chart title="Tasks by kind" description="All tasks you can see." option={options.byKind} animate={loads > 1} chart={chart} />
            <Chart
              title="Datasets by format and size"
              description="Count and total size per format."
              option={options.byFormat}
              animate={loads > 1}
              chart={chart}
            />
            <section className="panel feed" aria-labelledby="feed-title">
              <h2 id="feed-title">Live activity</h2>
              {feed.length === 0 ? (
                <p className="muted">No activity since you opened this page. Changes appear here as they happen.</p>
              ) : null}
              <ol role="log" aria-live="polite" aria-relevant="additions" data-testid="activity-feed">
                {feed.map((f) => (
                  <li key={f.key} className={`feed-item feed-${f.event.type.replace('.', '-')}`}>
                    <time dateTime={new Date(f.at).toISOString()}>{formatTime(f.at)}</time>{' '}
                    {describeEvent(f.event, names.get(f.event.projectId))}
                  </li>
                ))}
              </ol>
            </section>
          </div>
        </>
      )}
    </section>
  );
}
