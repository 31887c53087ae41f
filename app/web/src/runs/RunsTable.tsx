import { useCallback, useEffect, useState } from 'react';
import { Button, Cell, Column, Link, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import { describeError } from '../api/errors';
import { isFinished, runsApi, type Run } from '../api/runs';
import { Empty, ErrorState, Loading } from '../components/states';
import { useApi, useLiveEvents, useResource, useResync } from '../context';
import { formatDateTime } from '../lib/format';
import { CancelButton } from './RunControls';
import { runDuration, runOfEvent, statusLabel } from './run-format';

/** Puts a run in a newest-first list: replaces the one with its id, or adds it in order. */
export function upsertRun(list: readonly Run[], run: Run): Run[] {
  const idx = list.findIndex((r) => r.id === run.id);
  if (idx !== -1) return list.map((r, i) => (i === idx ? { ...r, ...run } : r));
  return [run, ...list].sort((a, b) => b.number - a.number || b.id - a.id);
}

/** Re-renders every second while something runs, so durations count up. */
function useTicking(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

const PAGE_SIZE = 25;

export interface RunsTableProps {
  taskId: number;
  canRun: boolean;
  /** A run this page started, put in the list before its event arrives. */
  started?: Run;
}

/** The task's runs, newest first, kept current by run.created / run.updated events. */
export function RunsTable({ taskId, canRun, started }: RunsTableProps) {
  const api = useApi();
  const runs = useResource(async () => runsApi.listRuns(api, taskId, { limit: PAGE_SIZE }), [api, taskId]);
  const { reload } = runs;
  const setRuns = runs.setData;
  const setData = useCallback(
    (update: (prev: Run[]) => Run[]) => setRuns((prev) => (prev ? { ...prev, items: update(prev.items) } : prev)),
    [setRuns],
  );
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>();
  const loadMore = async (cursor: string) => {
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await runsApi.listRuns(api, taskId, { limit: PAGE_SIZE, cursor });
      setRuns((prev) => (prev ? { items: page.items.reduce(upsertRun, prev.items), nextCursor: page.nextCursor } : prev));
    } catch (e) {
      setMoreError(e);
    } finally {
      setLoadingMore(false);
    }
  };
  useEffect(() => {
    if (started) setData((prev) => upsertRun(prev, started));
  }, [started, setData]);
  useLiveEvents(
    useCallback(
      (e) => {
        if (e.type !== 'run.created' && e.type !== 'run.updated') return;
        const run = runOfEvent(e.data, taskId);
        if (run) setData((prev) => upsertRun(prev, run));
      },
      [taskId, setData],
    ),
  );
  useResync(reload);
  const now = useTicking(Boolean(runs.data?.items.some((r) => !isFinished(r))));

  if (runs.error && !runs.data) return <ErrorState error={runs.error} onRetry={reload} what="the runs of this task" />;
  if (!runs.data) return <Loading label="Loading runs…" />;
  const { items, nextCursor } = runs.data;
  return (
    <div className="table-wrap">
      <Table aria-label="Runs" className="table" data-testid="runs-table">
        <TableHeader>
          <Column isRowHeader>Run</Column>
          <Column>Status</Column>
          <Column>Trigger</Column>
          <Column>Attempt</Column>
          <Column>Started</Column>
          <Column>Duration</Column>
          <Column>Actions</Column>
        </TableHeader>
        <TableBody items={items} renderEmptyState={() => <Empty>No runs yet.</Empty>}>
          {(r) => (
            <Row id={r.id}>
              <Cell>
                <Link href={`/runs/${r.id}`}>#{r.number}</Link>
              </Cell>
              <Cell>
                <span className={`status status-${r.status}`} data-testid="run-status">
                  {statusLabel(r.status)}
                </span>
              </Cell>
              <Cell>{r.trigger}</Cell>
              <Cell>{r.attempt}</Cell>
              <Cell>{formatDateTime(r.startedAt ?? r.createdAt)}</Cell>
              <Cell>{runDuration(r, now)}</Cell>
              <Cell>{canRun ? <CancelButton run={r} onCancelled={(run) => setData((prev) => upsertRun(prev, run))} /> : null}</Cell>
            </Row>
          )}
        </TableBody>
      </Table>
      {nextCursor ? (
        <Button className="button small" isPending={loadingMore} onPress={() => void loadMore(nextCursor)}>
          Older runs
        </Button>
      ) : null}
      {moreError ? (
        <p className="form-error" role="alert">
          {describeError(moreError)}
        </p>
      ) : null}
    </div>
  );
}
