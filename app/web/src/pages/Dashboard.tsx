import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, ProgressBar } from 'react-aria-components';
import { DATASET_FORMATS, TASK_KINDS, TASK_STATUSES } from '../api/client';
import type { ChartOption } from '../charts/EChart';
import { Empty, ErrorState, Loading } from '../components/states';
import { useApi, useLiveEvents, useResync } from '../context';
import {
  applyDashboardEvent,
  countByKind,
  countByStatus,
  datasetsByFormat,
  describeEvent,
  emptyDashboard,
  loadDashboard,
  statusByDay,
  withProjectChildren,
  type DashboardData,
  type LoadProgress,
} from '../dashboard/data';
import type { LiveEvent } from '../live/connection';
import { formatBytes, formatTime } from '../lib/format';
import { useDocumentTitle } from '../lib/title';

const EChart = lazy(() => import('../charts/EChart'));

const STATUS_COLORS: Record<string, string> = {
  pending: '#8a94a6',
  running: '#2f6fde',
  succeeded: '#1f8a4c',
  failed: '#c62f3a',
  cancelled: '#b7791f',
};
const DAYS = 14;
const FEED_SIZE = 50;

interface FeedItem {
  key: number;
  at: number;
  text: string;
  type: string;
}

function Chart({ title, option, description, animate }: { title: string; option: ChartOption; description: string; animate: boolean }) {
  return (
    <figure className="panel chart-panel">
      <figcaption>
        <h2>{title}</h2>
        <p className="muted small">{description}</p>
      </figcaption>
      <Suspense fallback={<Loading label="Loading chart…" />}>
        <EChart option={option} animate={animate} />
      </Suspense>
    </figure>
  );
}

export default function Dashboard() {
  useDocumentTitle('Dashboard');
  const api = useApi();
  const [data, setData] = useState<DashboardData | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [progress, setProgress] = useState<LoadProgress | undefined>(undefined);
  const [feed, setFeed] = useState<FeedItem[]>([]);
  const [nonce, setNonce] = useState(0);
  const dataRef = useRef<DashboardData>(emptyDashboard());
  const seq = useRef(0);

  const [complete, setComplete] = useState(false);

  useEffect(() => {
    const ctrl = new AbortController();
    setError(undefined);
    setComplete(false);
    loadDashboard(api, {
      signal: ctrl.signal,
      onSnapshot: (snapshot, p) => {
        if (ctrl.signal.aborted) return;
        dataRef.current = snapshot;
        setData(snapshot);
        setProgress(p);
      },
    })
      .then((d) => {
        if (ctrl.signal.aborted) return;
        dataRef.current = d;
        setData(d);
        setComplete(true);
      })
      .catch((e: unknown) => {
        if (!ctrl.signal.aborted) setError(e);
      });
    return () => ctrl.abort();
  }, [api, nonce]);

  const refetchProject = useCallback(
    async (projectId: number) => {
      try {
        const [project, tasks, datasets] = await Promise.all([api.getProject(projectId), api.listTasks(projectId), api.listDatasets(projectId)]);
        const base = dataRef.current;
        const projects = new Map(base.projects);
        projects.set(projectId, project);
        dataRef.current = withProjectChildren({ ...base, projects }, projectId, tasks, datasets);
        setData(dataRef.current);
      } catch {
        // Gone or no longer visible: the next event or resync settles it.
      }
    },
    [api],
  );

  useLiveEvents((e: LiveEvent) => {
    const { data: next, needsFetch } = applyDashboardEvent(dataRef.current, e);
    dataRef.current = next;
    setData(next);
    if (needsFetch !== undefined) void refetchProject(needsFetch);
    seq.current += 1;
    const item: FeedItem = { key: seq.current, at: e.receivedAt, text: describeEvent(e, next), type: e.type };
    setFeed((prev) => [item, ...prev].slice(0, FEED_SIZE));
  });
  useResync(() => setNonce((n) => n + 1));

  const view = useMemo(() => {
    if (!data) return undefined;
    const tasks = [...data.tasks.values()];
    const datasets = [...data.datasets.values()];
    return {
      byDay: statusByDay(tasks, DAYS, new Date()),
      byStatus: countByStatus(tasks),
      byKind: countByKind(tasks),
      byFormat: datasetsByFormat(datasets),
      totalBytes: datasets.reduce((s, d) => s + (d.sizeBytes ?? 0), 0),
      tasks: tasks.length,
      datasets: datasets.length,
      projects: data.projects.size,
    };
  }, [data]);

  const options = useMemo(() => {
    if (!view) return undefined;
    const overTime: ChartOption = {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: view.byDay.days.map((d) => d.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: TASK_STATUSES.map((s) => ({ name: s, type: 'bar', stack: 'status', data: view.byDay.series[s], itemStyle: { color: STATUS_COLORS[s] } })),
    };
    const byKind: ChartOption = {
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [{ name: 'Tasks by kind', type: 'pie', radius: ['40%', '70%'], data: TASK_KINDS.map((k) => ({ name: k, value: view.byKind[k] })) }],
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
        { name: 'Total size', type: 'bar', yAxisIndex: 1, data: DATASET_FORMATS.map((f) => view.byFormat[f].bytes), tooltip: { valueFormatter: (v) => formatBytes(Number(v)) } },
      ],
    };
    return { overTime, byKind, byFormat };
  }, [view]);

  return (
    <section className="page dashboard" aria-labelledby="dash-title" data-state={error ? 'error' : !view ? 'loading' : complete ? 'ready' : 'partial'}>
      <div className="page-header">
        <h1 id="dash-title">Dashboard</h1>
      </div>
      {error ? (
        <ErrorState error={error} onRetry={() => setNonce((n) => n + 1)} what="the dashboard" />
      ) : !view || !options ? (
        <Loading label="Loading projects…" />
      ) : (
        <>
          {!complete && progress ? (
            <ProgressBar className="progress" value={progress.loaded} maxValue={Math.max(1, progress.projects)} aria-label="Counting tasks and datasets">
              {({ percentage }) => (
                <>
                  <span className="muted small">
                    Counting tasks and datasets: {progress.loaded} of {progress.projects} projects ({Math.round(percentage ?? 0)}%)
                  </span>
                  <span className="progress-track" aria-hidden="true">
                    <span className="progress-fill" style={{ width: `${percentage ?? 0}%` }} />
                  </span>
                </>
              )}
            </ProgressBar>
          ) : null}
          <ul className="tiles" aria-label="Totals">
            <li className="tile">
              <span className="tile-value" data-testid="total-projects">{view.projects}</span> projects
            </li>
            <li className="tile">
              <span className="tile-value" data-testid="total-tasks">{view.tasks}</span> tasks
            </li>
            <li className="tile">
              <span className="tile-value" data-testid="running-tasks">{view.byStatus.running}</span> running
            </li>
            <li className="tile">
              <span className="tile-value" data-testid="failed-tasks">{view.byStatus.failed}</span> failed
            </li>
            <li className="tile">
              <span className="tile-value" data-testid="total-datasets">{view.datasets}</span> datasets · {formatBytes(view.totalBytes)}
            </li>
          </ul>
          {view.projects === 0 ? (
            <Empty>
              Nothing to show yet. <Link href="/projects">Open the projects</Link> to create one or ask to be added to one.
            </Empty>
          ) : null}
          <div className="grid">
            <Chart title="Task status over time" description={`Tasks by current status, on the day of their last change, last ${DAYS} days.`} option={options.overTime} animate={complete} />
            <Chart title="Tasks by kind" description="All tasks you can see." option={options.byKind} animate={complete} />
            <Chart title="Datasets by format and size" description="Count and total size per format." option={options.byFormat} animate={complete} />
            <section className="panel feed" aria-labelledby="feed-title">
              <h2 id="feed-title">Live activity</h2>
              {feed.length === 0 ? (
                <p className="muted">No activity since you opened this page. Changes appear here as they happen.</p>
              ) : null}
              <ol role="log" aria-live="polite" aria-relevant="additions" data-testid="activity-feed">
                {feed.map((f) => (
                  <li key={f.key} className={`feed-item feed-${f.type.replace('.', '-')}`}>
                    <time dateTime={new Date(f.at).toISOString()}>{formatTime(f.at)}</time> {f.text}
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
