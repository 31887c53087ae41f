import { useCallback } from 'react';
import { Link } from 'react-aria-components';
import { useParams } from 'react-router';
import { ApiError } from '../api/errors';
import { isFinished, runsApi, type Run } from '../api/runs';
import { ErrorState, Loading } from '../components/states';
import { useApi, useLiveEvents, useResource, useResync, useUser } from '../context';
import { formatDateTime } from '../lib/format';
import { canEditProject } from '../lib/permissions';
import { useDocumentTitle } from '../lib/title';
import { LogView } from '../runs/LogView';
import { CancelButton } from '../runs/RunControls';
import { RunOutput } from '../runs/RunOutput';
import { externalLinks, runDuration, runOfEvent, statusLabel } from '../runs/run-format';
import '../runs/runs.css';

export default function RunDetail() {
  const id = Number(useParams().runId);
  if (!Number.isInteger(id) || id <= 0) return <ErrorState error={new ApiError(404, 'NOT_FOUND', 'Not found')} what="this run" />;
  return <RunDetailView key={id} id={id} />;
}

function RunDetailView({ id }: { id: number }) {
  const api = useApi();
  const user = useUser();
  const detail = useResource(async () => {
    const run = await runsApi.getRun(api, id);
    const [project, task] = await Promise.all([api.getProject(run.projectId), runsApi.getTask(api, run.taskId)]);
    return { run, project, task };
  }, [api, id]);
  const { setData, reload } = detail;
  useDocumentTitle(detail.data ? `Run ${detail.data.run.number} of ${detail.data.task.title}` : 'Run');
  const update = useCallback((run: Run) => setData((prev) => (prev ? { ...prev, run: { ...prev.run, ...run } } : prev)), [setData]);
  useLiveEvents(
    useCallback(
      (e) => {
        if (e.type !== 'run.updated') return;
        const run = runOfEvent(e.data);
        if (run?.id === id) update(run);
      },
      [id, update],
    ),
  );
  useResync(reload);

  if (detail.error && !detail.data) return <ErrorState error={detail.error} onRetry={reload} what="this run" />;
  if (!detail.data) return <Loading label="Loading run…" />;
  const { run, project, task } = detail.data;
  const live = !isFinished(run);
  const links = externalLinks(run.links);

  return (
    <article className="page" aria-labelledby="run-title">
      <div className="page-header">
        <div>
          <p className="muted small">
            <Link href={`/projects/${project.id}`}>{project.name}</Link> /{' '}
            <Link href={`/projects/${project.id}/tasks/${task.id}`}>{task.title}</Link>
          </p>
          <h1 id="run-title">Run #{run.number}</h1>
          <p>
            <span className={`status status-${run.status}`} data-testid="run-status">
              {statusLabel(run.status)}
            </span>{' '}
            <span className="muted">
              · {run.trigger}, attempt {run.attempt} · {run.backend} · {runDuration(run)}
            </span>
          </p>
        </div>
        <div className="actions">{canEditProject(user, project) ? <CancelButton run={run} onCancelled={update} /> : null}</div>
      </div>
      {run.message ? (
        <p className={`run-message ${run.status === 'succeeded' ? '' : 'form-error'}`} data-testid="run-message">
          {run.message}
        </p>
      ) : null}
      <dl className="facts">
        <dt>Parameters</dt>
        <dd>
          <code>{JSON.stringify(run.parameters)}</code>
        </dd>
        <dt>Created</dt>
        <dd>{formatDateTime(run.createdAt)}</dd>
        <dt>Started</dt>
        <dd>{formatDateTime(run.startedAt)}</dd>
        <dt>Finished</dt>
        <dd>{formatDateTime(run.finishedAt)}</dd>
        {run.outputDatasetVersion && task.outputDatasetId ? (
          <>
            <dt>Output dataset</dt>
            <dd>
              <Link href={`/projects/${project.id}/datasets/${task.outputDatasetId}`}>Version {run.outputDatasetVersion}</Link>
            </dd>
          </>
        ) : null}
        {links.length ? (
          <>
            <dt>Cluster</dt>
            <dd>
              <ul className="inline-list">
                {links.map((l) => (
                  <li key={l.url}>
                    <a href={l.url} target="_blank" rel="noreferrer noopener">
                      {l.label}
                    </a>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
      <LogView runId={run.id} live={live} />
      <RunOutput run={run} />
    </article>
  );
}
