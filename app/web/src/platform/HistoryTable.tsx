import { Cell, Column, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import type { PlatformEnvironment } from '../api/client';
import { Empty } from '../components/states';
import { formatDateTime } from '../lib/format';

/** Every recorded promotion and rollback of the AWS environments, newest first. */
export function HistoryTable({ environments }: { environments: readonly PlatformEnvironment[] }) {
  const entries = environments
    .flatMap((env) => env.history.map((entry, i) => ({ ...entry, env: env.name, id: `${env.name}-${env.historyTotal - i}` })))
    .sort((a, b) => b.at.localeCompare(a.at));
  const truncated = environments.filter((e) => e.historyTotal > e.history.length);
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">Promotion history</h2>
      <div className="table-wrap">
        <Table aria-label="Promotion history" className="table" data-testid="history-table">
          <TableHeader>
            <Column isRowHeader>When</Column>
            <Column>Environment</Column>
            <Column>Action</Column>
            <Column>Version</Column>
            <Column>Who</Column>
            <Column>RDS snapshot</Column>
          </TableHeader>
          <TableBody items={entries} renderEmptyState={() => <Empty>No promotion or rollback is recorded yet.</Empty>}>
            {(e) => (
              <Row id={e.id}>
                <Cell>
                  <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                </Cell>
                <Cell>{e.env}</Cell>
                <Cell>{e.action === 'promote' ? `promoted from ${e.sourceEnv ?? '?'}` : 'rolled back'}</Cell>
                <Cell>
                  {e.from} → {e.to}
                </Cell>
                <Cell>{e.by}</Cell>
                <Cell>{e.snapshotId ?? '—'}</Cell>
              </Row>
            )}
          </TableBody>
        </Table>
      </div>
      {truncated.map((e) => (
        <p key={e.name} className="muted">
          {e.name}: the newest {e.history.length} of {e.historyTotal} changes; `npm run platform -- history --env {e.name}` lists all.
        </p>
      ))}
    </section>
  );
}
