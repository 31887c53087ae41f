import { readFileSync } from 'node:fs';
import { SCHEMA_FILE, fetchOpenApiDocumentInChild, renderApiTypes } from '../../app/web/scripts/api-types';

let document: Record<string, unknown>;

beforeAll(() => {
  document = fetchOpenApiDocumentInChild();
});

describe('the web UI client types', () => {
  it('are generated from the current /api/openapi.json (run `npm run gen:web-api` when this fails)', async () => {
    // GIVEN the server's OpenAPI document as it is now (beforeAll)
    // WHEN the types are rendered from it
    const expected = await renderApiTypes(document);
    // THEN the checked-in file is exactly that
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(expected);
  });

  it('cover every route the UI calls', () => {
    const { paths } = document as { paths: Record<string, Record<string, unknown>> };
    const used: [string, string][] = [
      ['/api/auth/login', 'post'],
      ['/api/auth/refresh', 'post'],
      ['/api/auth/logout', 'post'],
      ['/api/projects', 'get'],
      ['/api/projects', 'post'],
      ['/api/projects/{id}', 'get'],
      ['/api/projects/{id}', 'patch'],
      ['/api/projects/{id}', 'delete'],
      ['/api/projects/{id}/members/{userId}', 'put'],
      ['/api/projects/{id}/members/{userId}', 'delete'],
      ['/api/dashboard/summary', 'get'],
      ['/api/projects/{id}/tasks', 'get'],
      ['/api/projects/{id}/tasks', 'post'],
      ['/api/tasks/{id}', 'patch'],
      ['/api/tasks/{id}', 'delete'],
      ['/api/projects/{id}/datasets', 'get'],
      ['/api/projects/{id}/datasets', 'post'],
      ['/api/datasets/{id}', 'patch'],
      ['/api/datasets/{id}', 'delete'],
      ['/api/users', 'get'],
      ['/api/users', 'post'],
      ['/api/users/{id}', 'patch'],
      ['/api/users/{id}', 'delete'],
    ];
    const missing = used.filter(([p, m]) => !paths[p]?.[m]).map(([p, m]) => `${m.toUpperCase()} ${p}`);
    expect(missing).toEqual([]);
    // The UI's own routes stay out of the API document.
    expect(Object.keys(paths).filter((p) => !p.startsWith('/api/') && !['/healthz', '/readyz'].includes(p))).toEqual([]);
  });
});
