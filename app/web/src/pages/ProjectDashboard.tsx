import { useCallback, useEffect, useRef, useState, type CSSProperties } from 'react';
import { Button, Link } from 'react-aria-components';
import { useParams } from 'react-router';
import { chartsApi, type Chart } from '../api/charts';
import type { Project } from '../api/client';
import { ApiError, describeError } from '../api/errors';
import { ChartPanel } from '../charts/ChartPanel';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Empty, ErrorState, Loading } from '../components/states';
import { useApi, useLiveEvents, useResource, useResync, useUser } from '../context';
import { applyChartEvent, chartIdOf, inDashboardOrder, moveChart, specChanged } from '../dashboard/chart-list';
import { useChartData } from '../dashboard/use-chart-data';
import { canEditProject } from '../lib/permissions';
import { useDocumentTitle } from '../lib/title';

interface Board {
  project: Project;
  charts: Chart[];
}

export default function ProjectDashboard() {
  const { id: rawId } = useParams();
  const id = Number(rawId);
  if (!Number.isInteger(id) || id <= 0) {
    return <ErrorState error={new ApiError(404, 'NOT_FOUND', 'Not found')} what="this project" />;
  }
  return <ProjectDashboardView key={id} id={id} />;
}

/**
 * A project's charts on the 12-column grid, in their order and width. Editors move charts
 * earlier or later (saved with PUT /dashboard), edit and delete them. Live: a chart whose
 * source got new data refetches its own data alone; created, updated and deleted charts
 * update the list; a reconnect reloads everything.
 */
function ProjectDashboardView({ id }: { id: number }) {
  const api = useApi();
  const user = useUser();
  const board = useResource<Board>(
    async (signal) => {
      const [project, charts] = await Promise.all([api.getProject(id), chartsApi.list(api, id, signal)]);
      return { project, charts: inDashboardOrder(charts) };
    },
    [api, id],
  );
  const { setData, reload } = board;
  const latest = useRef(board.data);
  latest.current = board.data;
  const moves = useRef(0);
  const { byId, load, forget } = useChartData(api);
  const [arrangeError, setArrangeError] = useState<unknown>(undefined);
  const [announcement, setAnnouncement] = useState('');
  useDocumentTitle(board.data ? `${board.data.project.name}: dashboard` : 'Dashboard');

  // Every chart's data once the list has loaded, and again after a reconnect.
  const charts = board.data?.charts;
  const loadAll = useRef(true);
  useEffect(() => {
    if (!charts || !loadAll.current) return;
    loadAll.current = false;
    charts.forEach((c) => load(c.id));
  }, [charts, load]);

  useLiveEvents(
    useCallback(
      (e) => {
        if (e.projectId !== id || !e.type.startsWith('chart.')) return;
        const chartId = chartIdOf(e);
        if (e.type === 'chart.data_changed') {
          if (chartId !== undefined) load(chartId);
          return;
        }
        // Computed from the latest list (not inside a state updater, which React may run
        // later), which is then the base for the next event of the same batch.
        const prev = latest.current;
        if (!prev) return;
        const next = applyChartEvent(prev.charts, e);
        const applied = next !== undefined;
        let refetch = false;
        if (next) {
          const after = next.find((c) => c.id === chartId);
          refetch =
            after !== undefined &&
            specChanged(
              prev.charts.find((c) => c.id === chartId),
              after,
            );
          latest.current = { ...prev, charts: next };
          setData(() => latest.current);
        }
        if (!applied) reload();
        else if (e.type === 'chart.deleted' && chartId !== undefined) forget(chartId);
        else if (refetch && chartId !== undefined) load(chartId);
      },
      [id, setData, reload, load, forget],
    ),
  );
  useResync(
    useCallback(() => {
      loadAll.current = true;
      reload();
    }, [reload]),
  );

  if (board.error !== undefined && !board.data) return <ErrorState error={board.error} onRetry={reload} what="this project" />;
  if (!board.data) return <Loading label="Loading the dashboard…" />;
  const { project } = board.data;
  const list = board.data.charts;
  const editable = canEditProject(user, project);

  const move = async (chart: Chart, by: -1 | 1) => {
    const before = latest.current?.charts ?? list;
    const next = moveChart(before, chart.id, by);
    if (latest.current) latest.current = { ...latest.current, charts: next };
    // Only the latest move's answer (or failure) may set the list: an earlier answer arriving
    // after a later move would put the chart back where it was in between.
    const seq = ++moves.current;
    const position = next.findIndex((c) => c.id === chart.id);
    setArrangeError(undefined);
    setData((prev) => (prev ? { ...prev, charts: next } : prev));
    setAnnouncement(`${chart.title} moved to place ${position + 1} of ${next.length}.`);
    // The pressed button may now be disabled (first or last place): keep focus on the chart's other move button.
    requestAnimationFrame(() => {
      const card = document.querySelector(`[data-chart-id="${chart.id}"]`);
      const pressed = card?.querySelector<HTMLButtonElement>(`[data-move="${by < 0 ? 'earlier' : 'later'}"]:not([disabled])`);
      const other = card?.querySelector<HTMLButtonElement>(`[data-move="${by < 0 ? 'later' : 'earlier'}"]`);
      if (document.activeElement === document.body || !document.activeElement) (pressed ?? other)?.focus();
    });
    try {
      const saved = await chartsApi.arrange(
        api,
        id,
        next.map((c) => c.id),
      );
      if (seq === moves.current) setData((prev) => (prev ? { ...prev, charts: inDashboardOrder(saved) } : prev));
    } catch (e) {
      if (seq !== moves.current) return;
      setArrangeError(e);
      setData((prev) => (prev ? { ...prev, charts: before } : prev));
    }
  };

  return (
    <section className="page project-dashboard" aria-labelledby="pd-title" data-state="ready">
      <div className="page-header">
        <div>
          <p className="muted small">
            <Link href={`/projects/${id}`}>{project.name}</Link>
          </p>
          <h1 id="pd-title">Dashboard</h1>
        </div>
        {editable ? (
          <Link className="button primary" href={`/projects/${id}/charts/new`}>
            New chart
          </Link>
        ) : null}
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {arrangeError !== undefined ? (
        <p className="form-error" role="alert">
          The new order could not be saved: {describeError(arrangeError)}
        </p>
      ) : null}
      {list.length === 0 ? (
        <Empty>
          No charts yet.{' '}
          {editable ? <Link href={`/projects/${id}/charts/new`}>Build the first chart</Link> : 'An editor of the project can add some.'}
        </Empty>
      ) : (
        <div className="chart-grid" data-testid="chart-grid">
          {list.map((chart, index) => {
            const state = byId.get(chart.id);
            return (
              <div key={chart.id} className="chart-slot" data-chart-id={chart.id} style={{ '--chart-span': chart.width } as CSSProperties}>
                <ChartPanel
                  view={chart}
                  data={state?.data}
                  error={state?.error}
                  onRetry={() => load(chart.id)}
                  animate={false}
                  actions={
                    editable ? (
                      <>
                        <Button
                          className="button small"
                          data-move="earlier"
                          aria-label={`Move ${chart.title} earlier`}
                          isDisabled={index === 0}
                          onPress={() => void move(chart, -1)}
                        >
                          ←
                        </Button>
                        <Button
                          className="button small"
                          data-move="later"
                          aria-label={`Move ${chart.title} later`}
                          isDisabled={index === list.length - 1}
                          onPress={() => void move(chart, 1)}
                        >
                          →
                        </Button>
                        <Link className="button small" href={`/projects/${id}/charts/${chart.id}/edit`} aria-label={`Edit ${chart.title}`}>
                          Edit
                        </Link>
                        <ConfirmDialog
                          label="Delete"
                          ariaLabel={`Delete ${chart.title}`}
                          title={`Delete the chart “${chart.title}”?`}
                          className="button small danger"
                          onConfirm={async () => {
                            await chartsApi.remove(api, chart.id);
                            forget(chart.id);
                            setData((prev) => (prev ? { ...prev, charts: prev.charts.filter((c) => c.id !== chart.id) } : prev));
                          }}
                        >
                          <p>The chart is removed from the dashboard for everyone. Its source data stays.</p>
                        </ConfirmDialog>
                      </>
                    ) : null
                  }
                />
              </div>
            );
          })}
        </div>
      )}
    </section>
  );
}
