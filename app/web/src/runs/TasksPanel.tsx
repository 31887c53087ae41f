import { Cell, Column, Link, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import { useNavigate } from 'react-router';
import type { Dataset, Task } from '../api/client';

import { ConfirmButton } from '../components/ConfirmButton';
import { FormDialog } from '../components/ServerForm';
import { Empty } from '../components/states';
import { useApi } from '../context';
import { formatDateTime } from '../lib/format';
import { RunButton } from './RunControls';
import { TaskForm, type CodeFiles } from './TaskForm';
import './runs.css';

export interface TasksPanelProps {
  projectId: number;
  tasks: readonly Task[];
  datasets: readonly Dataset[];
  code: CodeFiles;
  canEdit: boolean;
  onSaved: (task: Task) => void;
  onDeleted: (id: number) => void;
}

/** The project's tasks: add, edit, delete, and run the ones that run code. */
export function TasksPanel({ projectId, tasks, datasets, code, canEdit, onSaved, onDeleted }: TasksPanelProps) {
  const api = useApi();
  const navigate = useNavigate();
  return (
    <section aria-labelledby="tasks-title" className="panel">
      <div className="panel-header">
        <h2 id="tasks-title">Tasks</h2>
        {canEdit ? (
          <FormDialog label="Add task" title="Add task" className="button primary">
            {(close) => (
              <TaskForm
                code={code}
                datasets={datasets}
                onCancel={close}
                onSubmit={async (values) => {
                  onSaved(await api.createTask(projectId, values));
                  close();
                }}
              />
            )}
          </FormDialog>
        ) : null}
      </div>
      <div className="table-wrap">
        <Table aria-label="Tasks" className="table" data-testid="tasks-table">
          <TableHeader>
            <Column isRowHeader>Title</Column>
            <Column>Kind</Column>
            <Column>Status</Column>
            <Column>Schedule</Column>
            <Column>Updated</Column>
            <Column>Actions</Column>
          </TableHeader>
          <TableBody items={tasks} renderEmptyState={() => <Empty>No tasks yet.</Empty>}>
            {(t) => (
              <Row id={t.id}>
                <Cell>
                  <Link href={`/projects/${projectId}/tasks/${t.id}`}>{t.title}</Link>
                </Cell>
                <Cell>{t.kind}</Cell>
                <Cell>
                  <span className={`status status-${t.status}`}>{t.status}</span>
                </Cell>
                <Cell>{t.schedule ? `${t.schedule}${t.timeZone && t.timeZone !== 'UTC' ? ` (${t.timeZone})` : ''}` : 'on demand'}</Cell>
                <Cell>{formatDateTime(t.updatedAt)}</Cell>
                <Cell>
                  {canEdit ? (
                    <div className="row-actions">
                      {t.kind !== 'manual' ? (
                        <RunButton taskId={t.id} title={t.title} onStarted={(run) => void navigate(`/runs/${run.id}`)} />
                      ) : null}
                      <FormDialog label="Edit" ariaLabel={`Edit task ${t.title}`} title="Edit task" className="button small">
                        {(close) => (
                          <TaskForm
                            initial={t}
                            code={code}
                            datasets={datasets}
                            onCancel={close}
                            onSubmit={async (values) => {
                              onSaved(await api.updateTask(t.id, values));
                              close();
                            }}
                          />
                        )}
                      </FormDialog>
                      <ConfirmButton
                        label="Delete"
                        ariaLabel={`Delete task ${t.title}`}
                        className="button small danger"
                        title={`Delete task “${t.title}”?`}
                        onConfirm={async () => {
                          await api.deleteTask(t.id);
                          onDeleted(t.id);
                        }}
                      >
                        <p>Its runs are deleted with it. This cannot be undone.</p>
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
  );
}
