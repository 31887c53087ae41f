import { lazy, Suspense, useMemo, useState } from 'react';
import { Button, Link } from 'react-aria-components';
import { useParams } from 'react-router';
import type { Dataset, Project, QueryResult } from '../api/client';
import { ApiError, describeError } from '../api/errors';
import { downloadBlob } from '../charts/chart-export';
import { ErrorState, Loading } from '../components/states';
import { useApi, useResource } from '../context';
import { ResultTable } from '../datasets/ResultTable';
import { toCsv } from '../lib/csv';
import { useDocumentTitle } from '../lib/title';

// CodeMirror is a chunk of its own, fetched when this page shows the editor.
const SqlEditor = lazy(() => import('../datasets/SqlEditor'));

/** A dataset name as SQL: bare when it is a plain identifier, else double-quoted. */
function tableName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

export default function QueryPage() {
  const projectId = Number(useParams().id);
  if (!Number.isInteger(projectId) || projectId <= 0) {
    return <ErrorState error={new ApiError(404, 'not_found', 'Not found')} what="this project" />;
  }
  return <QueryView key={projectId} projectId={projectId} />;
}

function QueryView({ projectId }: { projectId: number }) {
  const api = useApi();
  const context = useResource<{ project: Project; datasets: Dataset[] }>(async () => {
    const [project, datasets] = await Promise.all([api.getProject(projectId), api.listDatasets(projectId)]);
    return { project, datasets };
  }, [api, projectId]);
  const managed = useMemo(() => (context.data?.datasets ?? []).filter((d) => d.managed), [context.data]);
  const schema = useMemo(
    () => Object.fromEntries(managed.map((d) => [tableName(d.name), d.schema?.columns.map((c) => c.name) ?? []])),
    [managed],
  );
  const [sql, setSql] = useState('');
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<QueryResult | undefined>();
  const [error, setError] = useState<unknown>();
  useDocumentTitle(context.data ? `SQL · ${context.data.project.name}` : 'SQL');

  const run = async () => {
    if (sql.trim() === '' || running) return;
    setRunning(true);
    setError(undefined);
    try {
      setResult(await api.query(projectId, sql));
    } catch (e) {
      setError(e);
    } finally {
      setRunning(false);
    }
  };

  if (context.error && !context.data) return <ErrorState error={context.error} onRetry={context.reload} what="this project" />;
  if (!context.data) return <Loading label="Loading project…" />;
  const example = managed[0] ? `SELECT * FROM ${tableName(managed[0].name)} LIMIT 10` : undefined;

  return (
    <article className="page" aria-labelledby="query-title">
      <p className="breadcrumbs">
        <Link href={`/projects/${projectId}`}>{context.data.project.name}</Link> / SQL
      </p>
      <h1 id="query-title">SQL</h1>
      <div className="query-layout">
        <section className="panel query-editor" aria-labelledby="editor-title">
          <h2 id="editor-title" className="visually-hidden">
            Query
          </h2>
          <Suspense fallback={<Loading label="Loading the editor…" />}>
            <SqlEditor value={sql} onChange={setSql} onRun={() => void run()} schema={schema} label="SQL query" />
          </Suspense>
          <div className="form-actions">
            {example && sql === '' ? (
              <Button className="button" onPress={() => setSql(example)}>
                Insert an example
              </Button>
            ) : null}
            <Button className="button primary" onPress={() => void run()} isDisabled={sql.trim() === ''} isPending={running}>
              {running ? 'Running…' : 'Run (Ctrl+Enter)'}
            </Button>
          </div>
          {error ? (
            <p className="form-error query-error" role="alert" data-testid="query-error">
              {describeError(error)}
            </p>
          ) : null}
        </section>
        <aside className="panel query-tables" aria-labelledby="tables-title">
          <h2 id="tables-title">Tables</h2>
          {managed.length === 0 ? <p className="muted">No uploaded datasets yet.</p> : null}
          <ul>
            {managed.map((d) => (
              <li key={d.id}>
                <code>{tableName(d.name)}</code>
                <ul className="muted small">
                  {(d.schema?.columns ?? []).map((c) => (
                    <li key={c.name}>
                      {c.name} <span className="column-type">{c.type}</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          {context.data.datasets.length > managed.length ? (
            <p className="muted small">Registered datasets point at external data and cannot be queried.</p>
          ) : null}
        </aside>
      </div>
      {result ? (
        <section className="panel" aria-labelledby="result-title">
          <div className="panel-header">
            <h2 id="result-title">Result</h2>
            <Button
              className="button"
              onPress={async () =>
                downloadBlob(
                  new Blob(
                    [
                      await toCsv(
                        result.columns.map((c) => c.name),
                        result.rows,
                      ),
                    ],
                    { type: 'text/csv;charset=utf-8' },
                  ),
                  'query-result.csv',
                )
              }
            >
              Download CSV
            </Button>
          </div>
          <p className="muted small" data-testid="query-summary">
            {result.rowCount} {result.rowCount === 1 ? 'row' : 'rows'} in {result.elapsedMs} ms
            {result.truncated ? ` (the first ${result.rowCount}: the query has more rows)` : ''}
          </p>
          <ResultTable columns={result.columns} rows={result.rows} caption="Query result" />
        </section>
      ) : null}
    </article>
  );
}
