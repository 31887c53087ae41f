import { useCallback, useState } from 'react';
import { Link } from 'react-aria-components';
import { useParams } from 'react-router';
import { ApiError } from '../api/errors';
import { runsApi, type Run } from '../api/runs';
import { ErrorState, Loading } from '../components/states';
import { useApi, useLiveEvents, useResource, useUser } from '../context';
import { formatDateTime } from '../lib/format';
import { canEditProject } from '../lib/permissions';
import { useDocumentTitle } from '../lib/title';
import { RunButton } from '../runs/RunControls';
import { RunsTable } from '../runs/RunsTable';
import '../runs/runs.css';

export default function TaskDetail() {
  const params = useParams();
  const projectId = Number(params.id);
  const taskId = Number(params.taskId);
  if (![projectId, taskId].every((n) => Number.isInteger(n) && n > 0)) {
    return <ErrorState error={new ApiError(404, 'NOT_FOUND', 'Not found')} what="this task" />;
  }
  return <TaskDetailView key={taskId} projectId={projectId} taskId={taskId} />;
}

function TaskDetailView({ projectId, taskId }: { projectId: number; taskId: number }) {
  const api = useApi();
  const user = useUser();
  const [started, setStarted] = useState<Run | undefined>();
  const detail = useResource(async () => {
    const [project, task] = await Promise.all([api.getProject(projectId), runsApi.getTask(api, taskId)]);
    if (task.projectId !== projectId) throw new ApiError(404, 'NOT_FOUND', 'Not found');
    return { project, task };
  }, [api, projectId, taskId]);
  const { setData } = detail;
  useDocumentTitle(detail.data?.task.title ?? 'Task');
  useLiveEvents(
    useCallback(
      (e) => {
        const data = e.data as { id?: unknown } | undefined;
        if (e.type === 'task.updated' && data?.id === taskId) {
          setData((prev) => (prev ? { ...prev, task: { ...prev.task, ...(e.data as object) } } : prev));
        }
      },
      [taskId, setData],
    ),
  );

  if (detail.error && !detail.data) return <ErrorState error={detail.error} onRetry={detail.reload} what="this task" />;
  if (!detail.data) return <Loading label="Loading task…" />;
  const { project, task } = detail.data;
  const canRun = canEditProject(user, project) && task.kind !== 'manual';
  const code = task.kind === 'spark' ? task.application : task.notebook;

  return (
    <article className="page" aria-labelledby="task-title">
      <div className="page-header">
        <div>
          <p className="muted small">
            <Link href={`/projects/${projectId}`}>{project.name}</Link> / task
          </p>
          <h1 id="task-title">{task.title}</h1>
          <p className="muted">
            <span className={`status status-${task.status}`}>{task.status}</span> · {task.kind}
            {code ? (
              <>
                {' '}
                · <code>{code}</code>
              </>
            ) : null}
          </p>
        </div>
        <div className="actions">{canRun ? <RunButton taskId={task.id} title={task.title} onStarted={setStarted} /> : null}</div>
      </div>
      <dl className="facts">
        <dt>Parameters</dt>
        <dd>
          <code>{JSON.stringify(task.parameters)}</code>
        </dd>
        <dt>Schedule</dt>
        <dd>{task.schedule ? `${task.schedule} (${task.timeZone ?? 'UTC'})` : 'on demand'}</dd>
        {task.timeoutSeconds !== undefined ? (
          <>
            <dt>Timeout</dt>
            <dd>{task.timeoutSeconds} s</dd>
            <dt>Retries</dt>
            <dd>
              {task.maxRetries ?? 0}, {task.retryDelaySeconds ?? 0} s apart
            </dd>
          </>
        ) : null}
        {task.outputDatasetId ? (
          <>
            <dt>Output dataset</dt>
            <dd>
              <Link href={`/projects/${projectId}/datasets/${task.outputDatasetId}`}>dataset {task.outputDatasetId}</Link>
            </dd>
          </>
        ) : null}
        <dt>Updated</dt>
        <dd>{formatDateTime(task.updatedAt)}</dd>
      </dl>
      <section aria-labelledby="runs-title" className="panel">
        <div className="panel-header">
          <h2 id="runs-title">Runs</h2>
        </div>
        <RunsTable taskId={task.id} canRun={canRun} started={started} />
      </section>
    </article>
  );
}
