import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { Api, type DashboardSummary, type Dataset, type Project, type Task, type User } from '../../app/web/src/api/client';
import type { LibraryFile, ProjectFile, Run } from '../../app/web/src/api/runs';
import type { Me } from '../../app/web/src/api/session';
import { AppRoutes } from '../../app/web/src/App';
import { Providers } from '../../app/web/src/context';
import { LiveConnection } from '../../app/web/src/live/connection';

export const ORIGIN = 'http://ui.test';

export interface Call {
  method: string;
  path: string;
  search: string;
  headers: Headers;
  body: unknown;
  credentials?: RequestCredentials;
}

type Handler = (call: Call, params: Record<string, string>) => Response | Promise<Response>;

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

export const apiError = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
  json(status, { error: { code, message } }, headers);

/** A request body: its JSON value, or the text itself for other bodies (uploaded files). */
function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A routing table standing in for the server, recording every call. */
export class FakeServer {
  readonly calls: Call[] = [];
  private readonly routes: { method: string; pattern: RegExp; keys: string[]; handler: Handler }[] = [];

  on(method: string, path: string, handler: Handler): this {
    const keys: string[] = [];
    const pattern = new RegExp(`^${path.replace(/:(\w+)/g, (_, k: string) => (keys.push(k), '([^/]+)'))}$`);
    this.routes.unshift({ method, pattern, keys, handler });
    return this;
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const req = input instanceof Request ? input : new Request(new URL(String(input), ORIGIN), init);
    const url = new URL(req.url, ORIGIN);
    const text = await req.text();
    const call: Call = {
      method: req.method,
      path: url.pathname,
      search: url.search,
      headers: req.headers,
      body: text ? jsonOrText(text) : undefined,
      credentials: init?.credentials ?? (input instanceof Request ? input.credentials : undefined),
    };
    this.calls.push(call);
    for (const r of this.routes) {
      const m = r.method === call.method ? r.pattern.exec(call.path) : null;
      if (m) return r.handler(call, Object.fromEntries(r.keys.map((k, i) => [k, decodeURIComponent(m[i + 1])])));
    }
    return apiError(404, 'not_found', `route ${call.method} ${call.path} not found`);
  };

  callsTo(method: string, path: string): Call[] {
    return this.calls.filter((c) => c.method === method && c.path === path);
  }
}

export const users: Record<string, Me> = {
  admin: { id: 1, email: 'admin@example.com', role: 'admin' },
  owner: { id: 2, email: 'owner@example.com', role: 'analyst' },
  editor: { id: 3, email: 'editor@example.com', role: 'analyst' },
  viewer: { id: 4, email: 'viewer@example.com', role: 'viewer' },
  outsider: { id: 5, email: 'outsider@example.com', role: 'analyst' },
};

export const project: Project = {
  id: 7,
  ownerId: 2,
  name: 'Churn model',
  description: 'Weekly churn scoring',
  createdAt: '2024-05-01T10:00:00.000Z',
  updatedAt: '2024-05-02T10:00:00.000Z',
  members: [
    { projectId: 7, userId: 3, role: 'editor', email: 'editor@example.com' },
    { projectId: 7, userId: 4, role: 'viewer', email: 'viewer@example.com' },
  ],
};

export const task = (over: Partial<Task> = {}): Task => ({
  id: 11,
  projectId: 7,
  title: 'Score customers',
  kind: 'notebook',
  status: 'pending',
  notebook: 'score.ipynb',
  parameters: { week: 1 },
  schedule: null,
  timeZone: 'UTC',
  timeoutSeconds: 3600,
  maxRetries: 0,
  retryDelaySeconds: 60,
  application: null,
  arguments: [],
  spark: null,
  outputDatasetId: null,
  createdBy: 2,
  createdAt: '2024-05-01T10:00:00.000Z',
  updatedAt: '2024-05-01T10:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  ...over,
});

export const dataset = (over: Partial<Dataset> = {}): Dataset => ({
  id: 21,
  projectId: 7,
  name: 'customers',
  managed: false,
  uri: 's3://data/customers/',
  format: 'parquet',
  sizeBytes: 2048,
  version: null,
  rowCount: null,
  schema: null,
  createdBy: 2,
  createdAt: '2024-05-01T10:00:00.000Z',
  updatedAt: '2024-05-01T10:00:00.000Z',
  ...over,
});

export const notebookFile = (over: Partial<ProjectFile> = {}): ProjectFile => ({
  id: 31,
  projectId: 7,
  name: 'score.ipynb',
  sizeBytes: 4096,
  parameters: [
    { name: 'week', default: 1, type: 'integer', nullable: false },
    { name: 'threshold', default: 0.5, type: 'number', nullable: false },
    { name: 'region', default: 'north', type: 'string', nullable: false },
    { name: 'dry_run', default: false, type: 'boolean', nullable: false },
    { name: 'columns', default: ['a', 'b'], type: 'array', nullable: false },
  ],
  createdBy: 2,
  createdAt: '2024-05-01T10:00:00.000Z',
  updatedAt: '2024-05-01T10:00:00.000Z',
  ...over,
});

export const libraryFiles: LibraryFile[] = [
  { name: 'library/profile.ipynb', kind: 'notebook', parameters: [{ name: 'dataset', default: '', type: 'string', nullable: false }] },
  { name: 'library/compact.py', kind: 'spark', parameters: [] },
];

export const run = (over: Partial<Run> = {}): Run => ({
  id: 41,
  taskId: 11,
  projectId: 7,
  number: 1,
  trigger: 'manual',
  attempt: 1,
  status: 'queued',
  parameters: { week: 1 },
  backend: 'local',
  message: null,
  createdBy: 2,
  createdAt: '2024-05-03T10:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  outputAvailable: false,
  outputDatasetVersion: null,
  links: { self: '/api/runs/41', task: '/api/tasks/11', logs: '/api/runs/41/logs', output: '/api/runs/41/output' },
  ...over,
});

const zeroStatuses = () => ({ pending: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0 });

/** UTC days ending today, oldest first, like the server's. */
export function utcDays(count: number, now = new Date()): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: count }, (_, i) => new Date(today - (count - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

/**
 * GET /api/dashboard/summary as the server would count project 7 with `task()` and
 * `dataset()`: one pending notebook task created today, one 2 KB parquet dataset.
 */
export const summary = (over: Partial<DashboardSummary> = {}, days = 14): DashboardSummary => ({
  projects: 1,
  tasks: { total: 1, byStatus: { ...zeroStatuses(), pending: 1 }, byKind: { notebook: 1, spark: 0, manual: 0 } },
  datasets: {
    total: 1,
    sizeBytes: 2048,
    byFormat: {
      csv: { count: 0, sizeBytes: 0 },
      parquet: { count: 1, sizeBytes: 2048 },
      json: { count: 0, sizeBytes: 0 },
      delta: { count: 0, sizeBytes: 0 },
    },
  },
  tasksCreatedPerDay: utcDays(days).map((day, i) => ({
    day,
    total: i === days - 1 ? 1 : 0,
    byStatus: { ...zeroStatuses(), pending: i === days - 1 ? 1 : 0 },
  })),
  generatedAt: new Date().toISOString(),
  ...over,
});

export const adminUsers: User[] = Object.values(users).map((u) => ({
  ...u,
  createdAt: '2024-01-01T00:00:00.000Z',
  disabled: false,
  disabledAt: null,
}));

/** A server where `me` is signed in (the refresh cookie is valid) and project 7 exists. */
export function serverFor(me: Me): FakeServer {
  const server = new FakeServer();
  const tokens = () => json(200, { accessToken: `token-${me.id}`, refreshToken: 'never-read-by-the-ui', expiresIn: 900, user: me });
  server
    .on('POST', '/api/auth/refresh', tokens)
    .on('POST', '/api/auth/login', tokens)
    .on('POST', '/api/auth/logout', () => json(204, null))
    .on('GET', '/api/me', () => json(200, me))
    .on('GET', '/api/projects', () => json(200, { items: [project], nextCursor: null }))
    .on('GET', '/api/projects/:id', (_c, p) =>
      Number(p.id) === project.id ? json(200, project) : apiError(404, 'not_found', 'project not found'),
    )
    .on('GET', '/api/projects/:id/tasks', () => json(200, { items: [task()], nextCursor: null }))
    .on('GET', '/api/projects/:id/datasets', () => json(200, { items: [dataset()], nextCursor: null }))
    .on('GET', '/api/projects/:id/files', () => json(200, { items: [notebookFile()] }))
    .on('GET', '/api/library', () => json(200, { items: libraryFiles }))
    .on('GET', '/api/dashboard/summary', () => json(200, summary()))
    .on('GET', '/api/users', () =>
      me.role === 'admin' ? json(200, { items: adminUsers, nextCursor: null }) : apiError(403, 'forbidden', 'admins only'),
    );
  return server;
}

/** A WebSocket stand-in the test drives. */
export class FakeSocket {
  static instances: FakeSocket[] = [];
  readyState = 0;
  onopen: ((ev: Event) => void) | null = null;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onclose: ((ev: CloseEvent) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    FakeSocket.instances.push(this);
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  emit(message: unknown) {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(message) }));
  }
  drop() {
    this.readyState = 3;
    this.onclose?.(new CloseEvent('close', { code: 1006 }));
  }
  close() {
    this.readyState = 3;
  }
  static get last(): FakeSocket {
    return FakeSocket.instances[FakeSocket.instances.length - 1];
  }
}

export function renderApp(server: FakeServer, path: string, extra?: ReactNode) {
  const api = new Api({ baseUrl: ORIGIN, fetch: server.fetch as typeof fetch });
  const live = new LiveConnection({
    url: 'ws://ui.test/api/ws',
    getToken: () => api.session.freshAccessToken(),
    WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
    initialDelayMs: 20,
    maxDelayMs: 100,
    random: () => 1,
  });
  void api.session.restore();
  const utils = render(
    <Providers api={api} live={live}>
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
        {extra}
      </MemoryRouter>
    </Providers>,
  );
  return { ...utils, api, live };
}
