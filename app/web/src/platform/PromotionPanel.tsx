import { Cell, Column, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import type { PlatformEnvironment, StagePromotion } from '../api/client';
import { Command } from './Command';

/** What promoting each stage into the next would change, and the commands that promote or roll back. */
export function PromotionPanel({
  promotions,
  environments,
}: {
  promotions: readonly StagePromotion[];
  environments: readonly PlatformEnvironment[];
}) {
  const rollbacks = environments.filter((e) => e.rollbackCommand !== null);
  return (
    <section className="panel" aria-labelledby="promotion-title" data-testid="promotions">
      <h2 id="promotion-title">Promote and roll back</h2>
      <p className="muted">
        Promotion is a reviewed change in git: run the command from a checkout, commit the release file and its history, and the pipeline
        deploys the merged commit stage by stage.
      </p>
      {promotions.map((p) => (
        <section
          key={`${p.source}-${p.target}`}
          aria-labelledby={`promote-${p.source}-${p.target}`}
          data-testid={`promotion-${p.source}-${p.target}`}
        >
          <h3 id={`promote-${p.source}-${p.target}`}>
            {p.source} → {p.target}
          </h3>
          {p.changes.length === 0 ? (
            <p>
              No differences: {p.target} runs what {p.source} runs.
            </p>
          ) : (
            <div className="table-wrap">
              <Table aria-label={`Changes when ${p.source} is promoted to ${p.target}`} className="table release-table">
                <TableHeader>
                  <Column isRowHeader>Pin</Column>
                  <Column>{p.target} now</Column>
                  <Column>after promotion (from {p.source})</Column>
                </TableHeader>
                <TableBody>
                  {p.changes.map((c) => (
                    <Row key={c.field} id={c.field}>
                      <Cell>
                        <span className="field-name">{c.field}</span>
                      </Cell>
                      <Cell>{c.from ?? '(absent)'}</Cell>
                      <Cell>{c.to ?? '(absent)'}</Cell>
                    </Row>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
          <Command command={p.dryRunCommand} label={`Check the promotion of ${p.source} to ${p.target}`} />
          <Command command={p.command} label={`Promote ${p.source} to ${p.target}`} />
        </section>
      ))}
      <h3>Roll back</h3>
      {rollbacks.length === 0 ? (
        <p>No environment has a promotion left to roll back.</p>
      ) : (
        rollbacks.map((e) => <Command key={e.name} command={e.rollbackCommand!} label={`Roll back ${e.name}`} />)
      )}
    </section>
  );
}
