import { useState } from 'react';
import { Button, Cell, Column, FileTrigger, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import { describeError } from '../api/errors';
import { runsApi, type LibraryFile, type NotebookParameter, type ProjectFile } from '../api/runs';
import { ConfirmButton } from '../components/ConfirmButton';
import { Empty } from '../components/states';
import { useApi } from '../context';
import { formatBytes, formatDateTime } from '../lib/format';
import { jsonText } from './parameters';
import './runs.css';

function ParameterList({ parameters }: { parameters: readonly NotebookParameter[] }) {
  if (parameters.length === 0) return <span className="muted">none</span>;
  return (
    <ul className="parameter-list">
      {parameters.map((p) => (
        <li key={p.name}>
          <code>{p.name}</code> <span className="muted small">{p.type}</span> = <code>{jsonText(p.default)}</code>
        </li>
      ))}
    </ul>
  );
}

export interface FilesPanelProps {
  projectId: number;
  files: readonly ProjectFile[];
  library: readonly LibraryFile[];
  canEdit: boolean;
  onUploaded: (file: ProjectFile) => void;
  onDeleted: (id: number) => void;
}

/** The project's notebooks and PySpark files with their declared parameters, and the platform library. */
export function FilesPanel({ projectId, files, library, canEdit, onUploaded, onDeleted }: FilesPanelProps) {
  const api = useApi();
  const [uploading, setUploading] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();

  const upload = async (list: FileList | null) => {
    const file = list?.[0];
    if (!file) return;
    setError(undefined);
    setUploading(file.name);
    try {
      onUploaded(await runsApi.uploadFile(api, projectId, file));
    } catch (e) {
      setError(e);
    } finally {
      setUploading(undefined);
    }
  };

  return (
    <section aria-labelledby="files-title" className="panel">
      <div className="panel-header">
        <h2 id="files-title">Files</h2>
        {canEdit ? (
          <FileTrigger acceptedFileTypes={['.ipynb', '.py']} onSelect={(list) => void upload(list)}>
            <Button className="button primary" isPending={uploading !== undefined}>
              {uploading ? `Uploading ${uploading}…` : 'Upload file'}
            </Button>
          </FileTrigger>
        ) : null}
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {describeError(error)}
        </p>
      ) : null}
      <div className="table-wrap">
        <Table aria-label="Files" className="table" data-testid="files-table">
          <TableHeader>
            <Column isRowHeader>Name</Column>
            <Column>Parameters</Column>
            <Column>Size</Column>
            <Column>Updated</Column>
            <Column>Actions</Column>
          </TableHeader>
          <TableBody items={files} renderEmptyState={() => <Empty>No notebooks or PySpark files yet (.ipynb, .py).</Empty>}>
            {(f) => (
              <Row id={f.id}>
                <Cell>
                  <code>{f.name}</code>
                </Cell>
                <Cell>
                  <ParameterList parameters={f.parameters} />
                </Cell>
                <Cell>{formatBytes(f.sizeBytes)}</Cell>
                <Cell>{formatDateTime(f.updatedAt ?? f.createdAt)}</Cell>
                <Cell>
                  {canEdit ? (
                    <ConfirmButton
                      label="Delete"
                      ariaLabel={`Delete file ${f.name}`}
                      className="button small danger"
                      title={`Delete file “${f.name}”?`}
                      onConfirm={async () => {
                        await runsApi.deleteFile(api, f.id);
                        onDeleted(f.id);
                      }}
                    >
                      <p>Tasks that name this file cannot run until it is uploaded again.</p>
                    </ConfirmButton>
                  ) : (
                    <span className="muted">view only</span>
                  )}
                </Cell>
              </Row>
            )}
          </TableBody>
        </Table>
      </div>
      <details className="library" data-testid="library">
        <summary>Platform library ({library.length})</summary>
        <p className="muted small">Notebooks and PySpark jobs every project can run; name them in a task as shown.</p>
        <ul>
          {library.map((f) => (
            <li key={f.name}>
              <code>{f.name}</code>
              <span className="muted small"> {f.kind}</span>
              {f.parameters?.length ? <ParameterList parameters={f.parameters} /> : null}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
