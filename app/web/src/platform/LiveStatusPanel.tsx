import type { PlatformEnvironment } from '../api/client';
import { formatDateTime } from '../lib/format';
import { Health } from './Command';

function Live({ env }: { env: PlatformEnvironment }) {
  const live = env.live;
  if (live.state === 'skipped') return <p className="muted">Not checked: {live.reason}.</p>;
  if (live.state === 'unavailable') {
    return (
      <p role="status">
        <Health ok={false}>Unavailable ({live.kind})</Health>: {live.reason}
      </p>
    );
  }
  const { cluster, database } = live;
  return (
    <dl>
      <dt>Cluster</dt>
      <dd>
        {cluster.name}: <Health ok={cluster.status === 'ACTIVE'}>{cluster.status}</Health>, Kubernetes {cluster.version}
        {cluster.version !== env.release.kubernetesVersion ? ` (the release pins ${env.release.kubernetesVersion})` : ''}
      </dd>
      <dt>Node groups</dt>
      <dd>
        {cluster.nodegroups.length === 0
          ? 'none'
          : cluster.nodegroups.map((ng) => (
              <span key={ng.name} title={ng.issues.join('\n')}>
                {ng.name} <Health ok={ng.healthy}>{ng.status}</Health>
                {ng.issues.length > 0 ? ` (${ng.issues.join('; ')})` : ''}{' '}
              </span>
            ))}
      </dd>
      <dt>Database</dt>
      <dd>
        {database.id}: <Health ok={database.status === 'available'}>{database.status}</Health>, MySQL {database.engineVersion}
      </dd>
    </dl>
  );
}

/** One card per environment: where it runs, its version and last change, and what runs in AWS. */
export function LiveStatusPanel({ environments, checkedAt }: { environments: readonly PlatformEnvironment[]; checkedAt: string }) {
  return (
    <section className="panel" aria-labelledby="environments-title">
      <div className="panel-header">
        <h2 id="environments-title">Environments</h2>
        <span className="muted">Checked {formatDateTime(checkedAt)}</span>
      </div>
      <ul className="env-grid">
        {environments.map((env) => (
          <li key={env.name} className="env-card" aria-labelledby={`env-${env.name}`} data-testid={`env-${env.name}`}>
            <h3 id={`env-${env.name}`}>{env.name}</h3>
            <dl>
              <dt>Version</dt>
              <dd>{env.release.platformVersion}</dd>
              <dt>Region</dt>
              <dd>{env.region ?? 'a laptop cluster'}</dd>
              <dt>Last change</dt>
              <dd>
                {env.lastChange === null
                  ? 'none recorded'
                  : `${env.lastChange.action} ${env.lastChange.from} → ${env.lastChange.to}, ${formatDateTime(env.lastChange.at)} by ${env.lastChange.by}`}
              </dd>
            </dl>
            <Live env={env} />
          </li>
        ))}
      </ul>
    </section>
  );
}
