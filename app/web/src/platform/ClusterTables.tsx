import { Cell, Column, Link, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import type { ClusterView } from '../api/client';
import { Empty } from '../components/states';
import { formatDateTime } from '../lib/format';
import { Health } from './Command';

/** The Deployments, StatefulSets and DaemonSets of the platform's namespaces. */
export function WorkloadsPanel({ view }: { view: ClusterView }) {
  const items = view.workloads.map((w) => ({ ...w, id: `${w.kind}/${w.namespace}/${w.name}` }));
  return (
    <section className="panel" aria-labelledby="workloads-title">
      <h2 id="workloads-title">Workloads</h2>
      <p className="muted">In {view.namespaces.join(', ')}.</p>
      <div className="table-wrap">
        <Table aria-label="Workloads" className="table" data-testid="workloads">
          <TableHeader>
            <Column isRowHeader>Name</Column>
            <Column>Kind</Column>
            <Column>Namespace</Column>
            <Column>Ready</Column>
          </TableHeader>
          <TableBody items={items} renderEmptyState={() => <Empty>No workloads.</Empty>}>
            {(w) => (
              <Row id={w.id}>
                <Cell>{w.name}</Cell>
                <Cell>{w.kind}</Cell>
                <Cell>{w.namespace}</Cell>
                <Cell>
                  <Health ok={w.healthy}>
                    {w.ready}/{w.desired} ready
                  </Health>
                </Cell>
              </Row>
            )}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}

/**
 * A link out of the app (Spark UI, History Server): a plain anchor, because the router's
 * links resolve every href inside the app.
 */
const External = ({ href, children }: { href: string; children: string }) => (
  <a href={href} target="_blank" rel="noopener noreferrer">
    {children}
  </a>
);

const RunLink = ({ path, runId }: { path: string | null; runId: string | null }) =>
  path === null ? <span className="muted">not a run</span> : <Link href={path}>run {runId}</Link>;

/** Spark applications and notebook Jobs that have not ended, with their run page and Spark UIs. */
export function RunsPanel({ view }: { view: ClusterView }) {
  return (
    <section className="panel" aria-labelledby="cluster-runs-title">
      <h2 id="cluster-runs-title">Running Spark applications and notebooks</h2>
      <div className="table-wrap">
        <Table aria-label="Spark applications" className="table" data-testid="spark-applications">
          <TableHeader>
            <Column isRowHeader>Spark application</Column>
            <Column>State</Column>
            <Column>Run</Column>
            <Column>Submitted</Column>
            <Column>Spark UI</Column>
            <Column>History Server</Column>
          </TableHeader>
          <TableBody
            items={view.sparkApplications.map((a) => ({ ...a, id: a.name }))}
            renderEmptyState={() => <Empty>No Spark application is running.</Empty>}
          >
            {(a) => (
              <Row id={a.id}>
                <Cell>{a.name}</Cell>
                <Cell>{a.state}</Cell>
                <Cell>
                  <RunLink path={a.runPath} runId={a.runId} />
                </Cell>
                <Cell>{formatDateTime(a.submittedAt)}</Cell>
                <Cell>
                  {a.sparkUiUrl ? (
                    <External href={a.sparkUiUrl}>Spark UI</External>
                  ) : a.sparkUiCommand ? (
                    <code>{a.sparkUiCommand}</code>
                  ) : (
                    '—'
                  )}
                </Cell>
                <Cell>
                  {a.historyUrl ? (
                    <External href={a.historyUrl}>{a.sparkApplicationId ?? 'History Server'}</External>
                  ) : (
                    (a.sparkApplicationId ?? '—')
                  )}
                </Cell>
              </Row>
            )}
          </TableBody>
        </Table>
      </div>
      <div className="table-wrap">
        <Table aria-label="Notebook runs" className="table" data-testid="notebook-runs">
          <TableHeader>
            <Column isRowHeader>Notebook Job</Column>
            <Column>Run</Column>
            <Column>Schedule</Column>
            <Column>Started</Column>
            <Column>Active pods</Column>
          </TableHeader>
          <TableBody
            items={view.notebookRuns.map((j) => ({ ...j, id: j.name }))}
            renderEmptyState={() => <Empty>No notebook is running.</Empty>}
          >
            {(j) => (
              <Row id={j.id}>
                <Cell>{j.name}</Cell>
                <Cell>
                  <RunLink path={j.runPath} runId={j.runId} />
                </Cell>
                <Cell>{j.cronJob ?? '—'}</Cell>
                <Cell>{formatDateTime(j.startedAt)}</Cell>
                <Cell>{j.activePods}</Cell>
              </Row>
            )}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}

/** The newest Warning events of the platform's namespaces. */
export function WarningsPanel({ view }: { view: ClusterView }) {
  const items = view.warnings.map((w, i) => ({ ...w, id: `${i}` }));
  return (
    <section className="panel" aria-labelledby="warnings-title">
      <h2 id="warnings-title">Recent warnings</h2>
      <div className="table-wrap">
        <Table aria-label="Recent warning events" className="table" data-testid="warnings">
          <TableHeader>
            <Column isRowHeader>Last seen</Column>
            <Column>Namespace</Column>
            <Column>Object</Column>
            <Column>Reason</Column>
            <Column>Message</Column>
            <Column>Count</Column>
          </TableHeader>
          <TableBody items={items} renderEmptyState={() => <Empty>No warning events.</Empty>}>
            {(w) => (
              <Row id={w.id}>
                <Cell>{formatDateTime(w.lastSeen)}</Cell>
                <Cell>{w.namespace}</Cell>
                <Cell>{w.object}</Cell>
                <Cell>{w.reason}</Cell>
                <Cell>{w.message}</Cell>
                <Cell>{w.count}</Cell>
              </Row>
            )}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}
