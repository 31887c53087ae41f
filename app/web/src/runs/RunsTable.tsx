import { useCallback, useEffect, useState } from 'react';
import { Cell, Column, Link, Row, Table, TableBody, TableHeader } from 'react-aria-components';
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

export interface RunsTableProps {
  taskId: number;
  canRun: boolean;
  /** A run this page started, put in the list before its event arrives. */
  started?: Run;
}

/** The task's runs, newest first, kept current by run.created / run.updated events. */
export function RunsTable({ taskId, canRun, started }: RunsTableProps) {
  const api = useApi();
  const runs = useResource(async () => (await runsApi.listRuns(api, taskId, { limit: 50 })).items, [api, taskId]);
  const { setData, reload } = runs;
  useEffect(() => {
    if (started) setData((prev) => (prev ? upsertRun(prev, started) : prev));
  }, [started, setData]);
  useLiveEvents(
    useCallback(
      (e) => {
        if (e.type !== 'run.created' && e.type !== 'run.updated') return;
        const run = runOfEvent(e.data, taskId);
        if (run) setData((prev) => (prev ? upsertRun(prev, run) : prev));
      },
      [taskId, setData],
    ),
  );
  useResync(reload);
  const now = useTicking(Boolean(runs.data?.some((r) => !isFinished(r))));

  if (runs.error && !runs.data) return <ErrorState error={runs.error} onRetry={reload} what="the runs of this task" />;
  if (!runs.data) return <Loading label="Loading runs…" />;
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
        <TableBody items={runs.data} renderEmptyState={() => <Empty>No runs yet.</Empty>}>
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
              <Cell>
                {canRun ? <CancelButton run={r} onCancelled={(run) => setData((prev) => (prev ? upsertRun(prev, run) : prev))} /> : null}
              </Cell>
            </Row>
          )}
        </TableBody>
      </Table>
    </div>
  );
}
