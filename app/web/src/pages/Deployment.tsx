import { Button } from 'react-aria-components';
import type { PipelineOverview, PlatformEnvironments } from '../api/client';
import { ApiError } from '../api/errors';
import { ErrorState, Loading } from '../components/states';
import { useApi, useResource, useUser } from '../context';
import { isAdmin } from '../lib/permissions';
import { useDocumentTitle } from '../lib/title';
import { HistoryTable } from '../platform/HistoryTable';
import { LiveStatusPanel } from '../platform/LiveStatusPanel';
import { PipelinePanel } from '../platform/PipelinePanel';
import { PromotionPanel } from '../platform/PromotionPanel';
import { ReleaseTable } from '../platform/ReleaseTable';
import '../platform/platform.css';

export default function Deployment() {
  useDocumentTitle('Deployment');
  const me = useUser();
  if (!isAdmin(me)) {
    return <ErrorState error={new ApiError(403, 'FORBIDDEN', 'Admins only')} what="the deployment of the platform (admins only)" />;
  }
  return <DeploymentView />;
}

/**
 * The platform developer's view of the environments: pinned releases side by side with the
 * differences between adjacent stages, live status, history, the pipeline, and the commands
 * that promote or roll back.
 */
function DeploymentView() {
  const api = useApi();
  const environments = useResource<PlatformEnvironments>((signal) => api.platformEnvironments({ signal }), [api]);
  const pipeline = useResource<PipelineOverview>((signal) => api.platformPipeline({ signal }), [api]);
  const data = environments.data;
  return (
    <section className="page" aria-labelledby="deployment-title">
      <div className="page-header">
        <h1 id="deployment-title">Deployment</h1>
        <Button
          className="button"
          isPending={environments.loading || pipeline.loading}
          onPress={() => {
            environments.reload();
            pipeline.reload();
          }}
        >
          Refresh
        </Button>
      </div>
      {environments.error && !data ? (
        <ErrorState error={environments.error} onRetry={environments.reload} what="the environments" />
      ) : !data ? (
        <Loading label="Reading the release files…" />
      ) : (
        <>
          <LiveStatusPanel environments={data.environments} checkedAt={data.checkedAt} />
          <section className="panel" aria-labelledby="releases-title">
            <h2 id="releases-title">Pinned releases</h2>
            <p className="muted">
              From each environment's release file. Marked values differ from the adjacent stage: promoting changes them.
            </p>
            <ReleaseTable environments={data.environments} promotions={data.promotions} />
          </section>
          <PromotionPanel promotions={data.promotions} environments={data.environments} />
          <HistoryTable environments={data.environments} />
        </>
      )}
      <PipelinePanel pipeline={pipeline.data} error={pipeline.error} onRetry={pipeline.reload} />
    </section>
  );
}
