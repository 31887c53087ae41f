import { Cell, Column, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import type { PlatformEnvironment, PlatformRelease, StagePromotion } from '../api/client';

/** The release's fields as dotted paths in file order, e.g. `charts.headlamp`: a new pin shows up as a new row. */
export function releaseFields(release: PlatformRelease): [field: string, value: string][] {
  const walk = (value: object, prefix: string): [string, string][] =>
    Object.entries(value).flatMap(([key, child]) =>
      typeof child === 'object' && child !== null ? walk(child as object, `${prefix}${key}.`) : [[`${prefix}${key}`, String(child)]],
    );
  return walk(release, '');
}

/**
 * For each environment and field, the adjacent stages it differs from, as the server's
 * field-by-field differences (lib/promotion/release-diff.ts) say.
 */
function differences(promotions: readonly StagePromotion[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (env: string, field: string, other: string) => out.set(`${env} ${field}`, [...(out.get(`${env} ${field}`) ?? []), other]);
  for (const p of promotions) {
    for (const change of p.changes) {
      add(p.source, change.field, p.target);
      add(p.target, change.field, p.source);
    }
  }
  return out;
}

const short = (field: string, value: string) => (field === 'gitCommit' ? value.slice(0, 12) : value);

/** Every environment's pinned release side by side; values that differ from the adjacent stage are marked. */
export function ReleaseTable({
  environments,
  promotions,
}: {
  environments: readonly PlatformEnvironment[];
  promotions: readonly StagePromotion[];
}) {
  const differ = differences(promotions);
  const fields = environments.length === 0 ? [] : releaseFields(environments[0].release).map(([field]) => field);
  const values = environments.map((env) => new Map(releaseFields(env.release)));
  return (
    <div className="table-wrap">
      <Table aria-label="Pinned releases" className="table release-table" data-testid="release-table">
        <TableHeader>
          <Column isRowHeader>Pin</Column>
          {environments.map((env) => (
            <Column key={env.name}>{env.name}</Column>
          ))}
        </TableHeader>
        <TableBody>
          {fields.map((field) => (
            <Row key={field} id={field}>
              <Cell>
                <span className="field-name">{field}</span>
              </Cell>
              {environments.map((env, i) => {
                const value = values[i].get(field) ?? '—';
                const others = differ.get(`${env.name} ${field}`) ?? [];
                return (
                  <Cell key={env.name}>
                    <span className={others.length > 0 ? 'differs' : undefined} title={value} data-testid={`pin-${env.name}-${field}`}>
                      {short(field, value)}
                    </span>
                    {others.length > 0 ? (
                      <span className="differs-mark">
                        ≠<span className="visually-hidden"> differs from {others.join(' and ')}</span>
                      </span>
                    ) : null}
                  </Cell>
                );
              })}
            </Row>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
