import { Button } from 'react-aria-components';
import type { ClusterOverview } from '../api/client';
import { ApiError } from '../api/errors';
import { ErrorState, Loading } from '../components/states';
import { useApi, useResource, useUser } from '../context';
import { formatDateTime } from '../lib/format';
import { isAdmin } from '../lib/permissions';
import { useDocumentTitle } from '../lib/title';
import { RunsPanel, WarningsPanel, WorkloadsPanel } from '../platform/ClusterTables';
import { NodeGroupsPanel } from '../platform/NodeGroupsPanel';
import '../platform/platform.css';

export default function Cluster() {
  useDocumentTitle('Cluster');
  const me = useUser();
  if (!isAdmin(me)) {
    return <ErrorState error={new ApiError(403, 'FORBIDDEN', 'Admins only')} what="the cluster overview (admins only)" />;
  }
  return <ClusterView />;
}

/** The cluster as the web app's service account sees it: read-only. */
function ClusterView() {
  const api = useApi();
  const overview = useResource<ClusterOverview>((signal) => api.platformCluster({ signal }), [api]);
  const data = overview.data;
  return (
    <section className="page" aria-labelledby="cluster-title">
      <div className="page-header">
        <h1 id="cluster-title">Cluster</h1>
        <div className="actions">
          {data ? <span className="muted">Checked {formatDateTime(data.checkedAt)}</span> : null}
          <Button className="button" isPending={overview.loading} onPress={overview.reload}>
            Refresh
          </Button>
        </div>
      </div>
      {overview.error && !data ? (
        <ErrorState error={overview.error} onRetry={overview.reload} what="the cluster" />
      ) : !data ? (
        <Loading label="Reading the cluster…" />
      ) : data.state === 'not-in-cluster' ? (
        <section className="panel" role="status" data-testid="not-in-cluster">
          <h2>Not running in a cluster</h2>
          <p>The cluster overview needs the server to run in Kubernetes: {data.reason}.</p>
        </section>
      ) : (
        <>
          {data.errors.length > 0 ? (
            <div className="notice" role="alert">
              <p>Some of the cluster could not be read:</p>
              <ul>
                {data.errors.map((e) => (
                  <li key={`${e.section}: ${e.message}`}>{e.message}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <NodeGroupsPanel view={data} />
          <WorkloadsPanel view={data} />
          <RunsPanel view={data} />
          <WarningsPanel view={data} />
        </>
      )}
    </section>
  );
}
