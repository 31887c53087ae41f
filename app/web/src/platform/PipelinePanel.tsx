import type { PipelineOverview } from '../api/client';
import { ErrorState, Loading } from '../components/states';
import { formatDateTime } from '../lib/format';
import { Health } from './Command';

const ok = (status: string | null) => (status === null ? null : status === 'Succeeded' ? true : status === 'InProgress' ? null : false);

/** The delivery pipeline: its stages with their latest status, and its last execution. */
export function PipelinePanel({ pipeline, error, onRetry }: { pipeline?: PipelineOverview; error?: unknown; onRetry: () => void }) {
  return (
    <section className="panel" aria-labelledby="pipeline-title" data-testid="pipeline">
      <h2 id="pipeline-title">Pipeline</h2>
      {error && !pipeline ? (
        <ErrorState error={error} onRetry={onRetry} what="the pipeline" />
      ) : !pipeline ? (
        <Loading label="Reading the pipeline…" />
      ) : pipeline.state === 'skipped' ? (
        <p>Not available: {pipeline.reason}. The CodePipeline's state shows here when the server has AWS credentials.</p>
      ) : pipeline.state === 'unavailable' ? (
        <p role="status">
          <Health ok={false}>Unavailable ({pipeline.kind})</Health>: {pipeline.reason}
        </p>
      ) : (
        <>
          <p>
            {pipeline.name} in {pipeline.region}:{' '}
            {pipeline.currentStage === null ? 'no stage is running' : `running stage ${pipeline.currentStage}`}.
          </p>
          <ol className="stages" aria-label="Stages">
            {pipeline.stages.map((s) => (
              <li key={s.name} aria-current={s.name === pipeline.currentStage ? 'step' : undefined}>
                {s.name}: <Health ok={ok(s.status)}>{s.status ?? 'never ran'}</Health>
              </li>
            ))}
          </ol>
          {pipeline.lastExecution === null ? (
            <p>It has not run yet.</p>
          ) : (
            <dl className="facts">
              <dt>Last execution</dt>
              <dd>
                {pipeline.lastExecution.id}: <Health ok={ok(pipeline.lastExecution.status)}>{pipeline.lastExecution.status}</Health>
                {pipeline.lastExecution.statusSummary ? ` (${pipeline.lastExecution.statusSummary})` : ''}
              </dd>
              <dt>Started</dt>
              <dd>{formatDateTime(pipeline.lastExecution.startedAt)}</dd>
              <dt>Updated</dt>
              <dd>{formatDateTime(pipeline.lastExecution.updatedAt)}</dd>
              <dt>Commit</dt>
              <dd>
                {pipeline.lastExecution.revision ?? '—'}
                {pipeline.lastExecution.revisionSummary ? `: ${pipeline.lastExecution.revisionSummary}` : ''}
              </dd>
            </dl>
          )}
        </>
      )}
    </section>
  );
}
