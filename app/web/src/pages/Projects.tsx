import { useEffect, useRef, useState } from 'react';
import { Button, Cell, Column, Input, Label, Link, Row, SearchField, Table, TableBody, TableHeader } from 'react-aria-components';
import { useNavigate, useSearchParams } from 'react-router';
import type { ProjectPage } from '../api/client';
import { ProjectForm } from '../components/forms';
import { FormDialog } from '../components/ServerForm';
import { Empty, ErrorState, Loading } from '../components/states';
import { useApi, useLiveEvents, useResource, useResync, useUser } from '../context';
import { formatDateTime } from '../lib/format';
import { canCreateProjects } from '../lib/permissions';
import { useDocumentTitle } from '../lib/title';

export const PAGE_SIZE = 20;

export default function Projects() {
  useDocumentTitle('Projects');
  const api = useApi();
  const user = useUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  // Cursors of the pages before the current one, for "Previous".
  const [cursors, setCursors] = useState<(string | undefined)[]>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const page = useResource<ProjectPage>(() => api.listProjects({ limit: PAGE_SIZE, cursor, q: q || undefined }), [api, q, cursor]);

  // Debounced search into the URL (?q=), back to the first page.
  useEffect(() => {
    if (search === q) return;
    const t = setTimeout(() => {
      setCursors([]);
      setCursor(undefined);
      setParams(search ? { q: search } : {}, { replace: true });
    }, 250);
    return () => clearTimeout(t);
  }, [search, q, setParams]);

  const reloadSoon = useDebounced(page.reload, 50);
  useLiveEvents((e) => {
    if (e.type.startsWith('project.')) reloadSoon();
  });
  useResync(page.reload);

  const items = page.data?.items ?? [];
  return (
    <section aria-labelledby="projects-title" className="page">
      <div className="page-header">
        <h1 id="projects-title">Projects</h1>
        {canCreateProjects(user) ? (
          <FormDialog label="New project" title="New project" className="button primary">
            {(close) => (
              <ProjectForm
                onCancel={close}
                onSubmit={async (values) => {
                  const created = await api.createProject(values);
                  close();
                  void navigate(`/projects/${created.id}`);
                }}
              />
            )}
          </FormDialog>
        ) : null}
      </div>
      <SearchField className="field search" value={search} onChange={setSearch} onClear={() => setSearch('')}>
        <Label>Search projects</Label>
        <Input placeholder="Name or description" />
      </SearchField>
      {page.error && !page.data ? (
        <ErrorState error={page.error} onRetry={page.reload} what="the projects" />
      ) : page.loading && !page.data ? (
        <Loading label="Loading projects…" />
      ) : (
        <>
          {page.error ? <ErrorState error={page.error} onRetry={page.reload} what="the projects" /> : null}
          <div className="table-wrap">
            <Table aria-label="Projects" className="table" data-testid="projects-table">
              <TableHeader>
                <Column isRowHeader>Name</Column>
                <Column>Description</Column>
                <Column>Updated</Column>
              </TableHeader>
              <TableBody
                items={items}
                renderEmptyState={() => (
                  <Empty>
                    {q
                      ? `No projects match “${q}”.`
                      : canCreateProjects(user)
                        ? 'No projects yet. Create the first one.'
                        : 'No projects are shared with you yet.'}
                  </Empty>
                )}
              >
                {(p) => (
                  <Row id={p.id}>
                    <Cell>
                      <Link href={`/projects/${p.id}`}>{p.name}</Link>
                    </Cell>
                    <Cell>{p.description || '—'}</Cell>
                    <Cell>{formatDateTime(p.updatedAt)}</Cell>
                  </Row>
                )}
              </TableBody>
            </Table>
          </div>
          <nav className="pager" aria-label="Pages of projects">
            <Button
              className="button"
              isDisabled={cursors.length === 0 || page.loading}
              onPress={() => {
                const prev = cursors.slice(0, -1);
                setCursor(cursors[cursors.length - 1]);
                setCursors(prev);
              }}
            >
              Previous
            </Button>
            <span aria-live="polite">Page {cursors.length + 1}</span>
            <Button
              className="button"
              isDisabled={!page.data?.nextCursor || page.loading}
              onPress={() => {
                setCursors([...cursors, cursor]);
                setCursor(page.data?.nextCursor ?? undefined);
              }}
            >
              Next
            </Button>
          </nav>
        </>
      )}
    </section>
  );
}

export function useDebounced(fn: () => void, ms: number): () => void {
  const ref = useRef(fn);
  ref.current = fn;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useRef(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => ref.current(), ms);
  }).current;
}
