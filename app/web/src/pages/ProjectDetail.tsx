import { useCallback, useState } from 'react';
import { Cell, Column, Link, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import { useNavigate, useParams } from 'react-router';
import type { Dataset, Project, Task } from '../api/client';
import { ApiError } from '../api/errors';
import { ConfirmButton } from '../components/ConfirmButton';
import { DatasetForm, ProjectForm } from '../components/forms';
import { FormDialog } from '../components/ServerForm';
import { Empty, ErrorState, Loading } from '../components/states';
import { useApi, useLiveEvents, useResource, useResync, useUser } from '../context';
import { applyToList } from '../live/apply';
import { formatBytes, formatDateTime } from '../lib/format';
import { canDeleteProject, canEditProject, canManageMembers, projectAccess } from '../lib/permissions';
import { useDocumentTitle } from '../lib/title';
import { UploadButton } from '../datasets/UploadButton';
import { runsApi } from '../api/runs';
import { FilesPanel } from '../runs/FilesPanel';
import { TasksPanel } from '../runs/TasksPanel';
import type { CodeFiles } from '../runs/TaskForm';
import { Members } from './Members';

interface Detail {
  project: Project;
  tasks: Task[];
  datasets: Dataset[];
}

export default function ProjectDetail() {
  const { id: rawId } = useParams();
  const id = Number(rawId);
  if (!Number.isInteger(id) || id <= 0) {
    return <ErrorState error={new ApiError(404, 'NOT_FOUND', 'Not found')} what="this project" />;
  }
  return <ProjectDetailView key={id} id={id} />;
}

function ProjectDetailView({ id }: { id: number }) {
  const api = useApi();
  const user = useUser();
  const navigate = useNavigate();
  const [deletedElsewhere, setDeletedElsewhere] = useState(false);
  const detail = useResource<Detail>(async () => {
    const [project, tasks, datasets] = await Promise.all([api.getProject(id), api.listTasks(id), api.listDatasets(id)]);
    return { project, tasks, datasets };
  }, [api, id]);
  const { setData, reload } = detail;
  // Files and the library load on their own: the tasks and datasets show even when they fail.
  const code = useResource<CodeFiles>(async () => {
    const [files, library] = await Promise.all([runsApi.listFiles(api, id), runsApi.listLibrary(api)]);
    return { files, library };
  }, [api, id]);
  useDocumentTitle(detail.data?.project.name ?? 'Project');

  useLiveEvents(
    useCallback(
      (e) => {
        if (e.projectId !== id) return;
        if (e.type === 'project.deleted') {
          setDeletedElsewhere(true);
          return;
        }
        if (e.type === 'project.updated') {
          reload();
          return;
        }
        const key = e.type.startsWith('task.') ? 'tasks' : e.type.startsWith('dataset.') ? 'datasets' : undefined;
        if (!key) return;
        let applied = true;
        setData((prev) => {
          if (!prev) return prev;
          const next = applyToList<Task | Dataset>(prev[key], e);
          if (!next) {
            applied = false;
            return prev;
          }
          return { ...prev, [key]: next };
        });
        if (!applied) reload();
      },
      [id, setData, reload],
    ),
  );
  useResync(reload);

  if (deletedElsewhere) {
    return (
      <section className="state state-error" role="alert">
        <h1>Project deleted</h1>
        <p>This project was deleted. It is no longer available.</p>
        <p>
          <a
            href="/projects"
            onClick={(ev) => {
              ev.preventDefault();
              void navigate('/projects');
            }}
          >
            Back to projects
          </a>
        </p>
      </section>
    );
  }
  if (detail.error && !detail.data) return <ErrorState error={detail.error} onRetry={reload} what="this project" />;
  if (!detail.data) return <Loading label="Loading project…" />;

  const { project, tasks, datasets } = detail.data;
  const codeFiles: CodeFiles = code.data ?? { files: [], library: [] };
  const canEdit = canEditProject(user, project);
  const access = projectAccess(user, project);
  const replace = <K extends 'tasks' | 'datasets'>(key: K, item: Detail[K][number]) =>
    setData((prev) =>
      prev
        ? {
            ...prev,
            [key]: applyToList(prev[key] as { id: number }[], {
              type: `${key.slice(0, -1)}.updated` as 'task.updated',
              projectId: id,
              data: item,
              receivedAt: Date.now(),
            }),
          }
        : prev,
    );
  const remove = (key: 'tasks' | 'datasets', itemId: number) =>
    setData((prev) => (prev ? { ...prev, [key]: (prev[key] as { id: number }[]).filter((x) => x.id !== itemId) } : prev));

  return (
    <article className="page" aria-labelledby="project-title">
      <div className="page-header">
        <div>
          <h1 id="project-title">{project.name}</h1>
          <p className="muted">
            Your access:{' '}
            <span className="badge" data-testid="project-access">
              {access}
            </span>{' '}
            · updated {formatDateTime(project.updatedAt)}
          </p>
        </div>
        <div className="actions">
          <Link className="button" href={`/projects/${id}/dashboard`}>
            Project dashboard
          </Link>
          {canEdit ? (
            <FormDialog label="Edit project" title="Edit project">
              {(close) => (
                <ProjectForm
                  initial={project}
                  onCancel={close}
                  onSubmit={async (values) => {
                    const updated = await api.updateProject(id, values);
                    setData((prev) => (prev ? { ...prev, project: { ...prev.project, ...updated } } : prev));
                    close();
                  }}
                />
              )}
            </FormDialog>
          ) : null}
          {canDeleteProject(user, project) ? (
            <ConfirmButton
              label="Delete project"
              title={`Delete “${project.name}”?`}
              onConfirm={async () => {
                await api.deleteProject(id);
                void navigate('/projects', { replace: true });
              }}
            >
              <p>
                The project, its {tasks.length} tasks and {datasets.length} datasets are deleted for everyone. This cannot be undone.
              </p>
            </ConfirmButton>
          ) : null}
        </div>
      </div>
      {project.description ? <p className="description">{project.description}</p> : null}
      {detail.error ? <ErrorState error={detail.error} onRetry={reload} what="this project" /> : null}

      <TasksPanel
        projectId={id}
        tasks={tasks}
        datasets={datasets}
        code={codeFiles}
        canEdit={canEdit}
        onSaved={(saved) => replace('tasks', saved)}
        onDeleted={(taskId) => remove('tasks', taskId)}
      />

      <section aria-labelledby="datasets-title" className="panel">
        <div className="panel-header">
          <h2 id="datasets-title">Datasets</h2>
          <div className="actions">
            <Link className="button" href={`/projects/${id}/query`}>
              Query with SQL
            </Link>
            {canEdit ? (
              <UploadButton
                label="Upload dataset"
                projectId={id}
                onUploaded={(created) =>
                  setData((prev) =>
                    prev && !prev.datasets.some((d) => d.id === created.id) ? { ...prev, datasets: [created, ...prev.datasets] } : prev,
                  )
                }
              />
            ) : null}
            {canEdit ? (
              <FormDialog label="Register dataset" title="Register an external dataset" className="button">
                {(close) => (
                  <DatasetForm
                    onCancel={close}
                    onSubmit={async (values) => {
                      const created = await api.createDataset(id, values);
                      setData((prev) =>
                        prev && !prev.datasets.some((d) => d.id === created.id) ? { ...prev, datasets: [created, ...prev.datasets] } : prev,
                      );
                      close();
                    }}
                  />
                )}
              </FormDialog>
            ) : null}
          </div>
        </div>
        <div className="table-wrap">
          <Table aria-label="Datasets" className="table" data-testid="datasets-table">
            <TableHeader>
              <Column isRowHeader>Name</Column>
              <Column>Kind</Column>
              <Column>Format</Column>
              <Column>Size</Column>
              <Column>URI</Column>
              <Column>Created</Column>
              <Column>Actions</Column>
            </TableHeader>
            <TableBody items={datasets} renderEmptyState={() => <Empty>No datasets yet.</Empty>}>
              {(d) => (
                <Row id={d.id}>
                  <Cell>
                    <Link href={`/projects/${id}/datasets/${d.id}`}>{d.name}</Link>
                  </Cell>
                  <Cell>
                    <span className={`badge kind-${d.managed ? 'managed' : 'registered'}`}>{d.managed ? 'managed' : 'registered'}</span>
                    {d.managed ? <span className="muted small"> v{d.version}</span> : null}
                  </Cell>
                  <Cell>{d.format}</Cell>
                  <Cell>{formatBytes(d.sizeBytes)}</Cell>
                  <Cell>
                    <code className="uri">{d.uri}</code>
                  </Cell>
                  <Cell>{formatDateTime(d.createdAt)}</Cell>
                  <Cell>
                    {canEdit ? (
                      <div className="row-actions">
                        {d.managed ? null : (
                          <FormDialog label="Edit" ariaLabel={`Edit dataset ${d.name}`} title="Edit dataset" className="button small">
                            {(close) => (
                              <DatasetForm
                                initial={d}
                                onCancel={close}
                                onSubmit={async (values) => {
                                  replace('datasets', await api.updateDataset(d.id, values));
                                  close();
                                }}
                              />
                            )}
                          </FormDialog>
                        )}
                        <ConfirmButton
                          label="Delete"
                          ariaLabel={`Delete dataset ${d.name}`}
                          className="button small danger"
                          title={`Delete dataset “${d.name}”?`}
                          onConfirm={async () => {
                            await api.deleteDataset(d.id);
                            remove('datasets', d.id);
                          }}
                        >
                          <p>This cannot be undone.</p>
                        </ConfirmButton>
                      </div>
                    ) : (
                      <span className="muted">view only</span>
                    )}
                  </Cell>
                </Row>
              )}
            </TableBody>
          </Table>
        </div>
      </section>

      {code.error && !code.data ? (
        <ErrorState error={code.error} onRetry={code.reload} what="the project's files" />
      ) : (
        <FilesPanel
          projectId={id}
          files={codeFiles.files}
          library={codeFiles.library}
          canEdit={canEdit}
          onUploaded={(file) => code.setData((prev) => prev && { ...prev, files: [file, ...prev.files.filter((f) => f.id !== file.id)] })}
          onDeleted={(fileId) => code.setData((prev) => prev && { ...prev, files: prev.files.filter((f) => f.id !== fileId) })}
        />
      )}

      {canManageMembers(user, project) ? <Members project={project} onChanged={reload} /> : null}
    </article>
  );
}
