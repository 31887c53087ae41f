import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-aria-components';
import type { DashboardSummary, ProjectSummary } from '../api/client';
import { ChartPanel } from '../charts/ChartPanel';
import { Empty, ErrorState, Loading } from '../components/states';
import { useApi, useLiveEvents, useResync } from '../context';
import { dashboardView, debounce, describeEvent, projectNameOf } from '../dashboard/data';
import { overviewCharts } from '../dashboard/overview-charts';
import type { LiveEvent } from '../live/connection';
import { formatBytes, formatTime } from '../lib/format';
import { useDocumentTitle } from '../lib/title';

const DAYS = 14;
/** How many projects' dashboards the overview links to. */
const PROJECT_LINKS = 20;
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

  const [projects, setProjects] = useState<{ items: ProjectSummary[]; more: boolean } | undefined>(undefined);
  useEffect(() => {
    // One page of projects for the list of dashboards; the projects page has them all.
    api.listProjects({ limit: PROJECT_LINKS }).then(
      (page) => setProjects({ items: page.items, more: page.nextCursor !== null }),
      () => undefined, // the list is a shortcut: the overview stands without it
    );
  }, [api, nonce]);

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

  const charts = useMemo(() => (view ? overviewCharts(view, DAYS) : undefined), [view]);

  return (
    <section className="page dashboard" aria-labelledby="dash-title" data-state={showError ? 'error' : !view ? 'loading' : 'ready'}>
      <div className="page-header">
        <h1 id="dash-title">Dashboard</h1>
      </div>
      {showError ? (
        <ErrorState error={error} onRetry={() => setNonce((n) => n + 1)} what="the dashboard" />
      ) : !view || !charts ? (
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
          <div className="chart-grid">
            {charts.map((c) => (
              <ChartPanel key={c.key} view={c.view} data={c.data} width={c.width} height={240} animate={loads > 1} />
            ))}
          </div>
          <div className="grid">
            {projects && projects.items.length > 0 ? (
              <nav className="panel" aria-labelledby="dashboards-title">
                <h2 id="dashboards-title">Project dashboards</h2>
                <ul className="plain-list" data-testid="project-dashboards">
                  {projects.items.map((p) => (
                    <li key={p.id}>
                      <Link href={`/projects/${p.id}/dashboard`}>{p.name}</Link>
                    </li>
                  ))}
                </ul>
                {projects.more ? <Link href="/projects">All projects…</Link> : null}
              </nav>
            ) : null}
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
