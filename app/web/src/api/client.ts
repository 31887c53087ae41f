import createClient from 'openapi-fetch';
import { ApiError, apiErrorFrom } from './errors';
import type { paths } from './schema';
import { AuthSession, type AuthSessionOptions } from './session';

import type {
  ClusterOverview,
  DashboardSummary,
  PipelineOverview,
  PlatformEnvironments,
  MemberRole,
  NewDataset,
  NewProject,
  NewTask,
  NewUser,
  ProjectChanges,
  ProjectPage,
  DatasetChanges,
  TaskChanges,
  UserChanges,
  Task,
  Dataset,
  DatasetPreview,
  DatasetProfile,
  DatasetVersion,
  QueryResult,
  User,
} from './types';

export type * from './types';

// The vocabularies come from the one list the database and the API use too.
export {
  DATASET_FORMATS,
  MANAGED_DATASET_FORMATS,
  MEMBER_ROLES,
  TASK_KINDS,
  TASK_STATUSES,
  USER_ROLES,
} from '../../../../schema/vocabulary';

interface Result<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The body of a 2xx answer, or the ApiError of any other. */
export async function unwrap<T>(promise: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await promise;
  if (!response.ok) throw await apiErrorFrom(response, error);
  return data as T;
}

export interface PageQuery {
  limit?: number;
  cursor?: string;
}

/** Follows nextCursor through every page (100 a page, the API's largest). */
async function allPages<T>(fetchPage: (q: PageQuery) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage({ limit: 100, cursor });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

const DEFAULT_PAGE_SIZE = 20;
const pageQuery = (q: PageQuery): { limit: number; cursor?: string } =>
  q.cursor ? { limit: q.limit ?? DEFAULT_PAGE_SIZE, cursor: q.cursor } : { limit: q.limit ?? DEFAULT_PAGE_SIZE };

/** The typed client of /api, checked against the server's OpenAPI document (schema.d.ts). */
export class Api {
  readonly session: AuthSession;
  readonly raw: ReturnType<typeof createClient<paths>>;
  readonly baseUrl: string;

  constructor(options: AuthSessionOptions = {}) {
    this.session = new AuthSession(options);
    this.baseUrl = options.baseUrl ?? '';
    this.raw = createClient<paths>({ baseUrl: this.baseUrl, fetch: this.session.fetch });
  }

  async me() {
    return unwrap(this.raw.GET('/api/me'));
  }

  // Projects
  async listProjects(query: { limit?: number; cursor?: string; q?: string } = {}): Promise<ProjectPage> {
    const params: { limit: number; cursor?: string; q?: string } = { limit: query.limit ?? DEFAULT_PAGE_SIZE };
    if (query.cursor) params.cursor = query.cursor;
    if (query.q) params.q = query.q;
    return unwrap(this.raw.GET('/api/projects', { params: { query: params } }));
  }
  async getProject(id: number) {
    return unwrap(this.raw.GET('/api/projects/{id}', { params: { path: { id } } }));
  }
  async createProject(body: NewProject) {
    return unwrap(this.raw.POST('/api/projects', { body }));
  }
  async updateProject(id: number, body: ProjectChanges) {
    return unwrap(this.raw.PATCH('/api/projects/{id}', { params: { path: { id } }, body }));
  }
  async deleteProject(id: number): Promise<void> {
    await unwrap(this.raw.DELETE('/api/projects/{id}', { params: { path: { id } } }));
  }
  async setMember(projectId: number, userId: number, role: MemberRole) {
    return unwrap(this.raw.PUT('/api/projects/{id}/members/{userId}', { params: { path: { id: projectId, userId } }, body: { role } }));
  }
  async removeMember(projectId: number, userId: number): Promise<void> {
    await unwrap(this.raw.DELETE('/api/projects/{id}/members/{userId}', { params: { path: { id: projectId, userId } } }));
  }

  // Dashboard
  /** Counts for the dashboard in one request; `days` (1..365, server default 30) of tasks created per day. */
  async dashboardSummary(days?: number, init?: { signal?: AbortSignal }): Promise<DashboardSummary> {
    return unwrap(this.raw.GET('/api/dashboard/summary', { params: { query: days === undefined ? {} : { days } }, signal: init?.signal }));
  }

  // Tasks
  async listTasksPage(projectId: number, q: PageQuery = {}) {
    return unwrap(this.raw.GET('/api/projects/{id}/tasks', { params: { path: { id: projectId }, query: pageQuery(q) } }));
  }
  async listTasks(projectId: number): Promise<Task[]> {
    return allPages((q) => this.listTasksPage(projectId, q));
  }
  async createTask(projectId: number, body: NewTask) {
    return unwrap(this.raw.POST('/api/projects/{id}/tasks', { params: { path: { id: projectId } }, body }));
  }
  async updateTask(id: number, body: TaskChanges) {
    return unwrap(this.raw.PATCH('/api/tasks/{id}', { params: { path: { id } }, body }));
  }
  async deleteTask(id: number): Promise<void> {
    await unwrap(this.raw.DELETE('/api/tasks/{id}', { params: { path: { id } } }));
  }

  // Datasets
  async listDatasetsPage(projectId: number, q: PageQuery = {}) {
    return unwrap(this.raw.GET('/api/projects/{id}/datasets', { params: { path: { id: projectId }, query: pageQuery(q) } }));
  }
  async listDatasets(projectId: number): Promise<Dataset[]> {
    return allPages((q) => this.listDatasetsPage(projectId, q));
  }
  async createDataset(projectId: number, body: NewDataset) {
    return unwrap(this.raw.POST('/api/projects/{id}/datasets', { params: { path: { id: projectId } }, body }));
  }
  async updateDataset(id: number, body: DatasetChanges) {
    return unwrap(this.raw.PATCH('/api/datasets/{id}', { params: { path: { id } }, body }));
  }
  async deleteDataset(id: number): Promise<void> {
    await unwrap(this.raw.DELETE('/api/datasets/{id}', { params: { path: { id } } }));
  }
  async getDataset(id: number) {
    return unwrap(this.raw.GET('/api/datasets/{id}', { params: { path: { id } } }));
  }
  async listVersions(id: number): Promise<DatasetVersion[]> {
    return (await unwrap(this.raw.GET('/api/datasets/{id}/versions', { params: { path: { id } } }))).items;
  }
  async previewDataset(id: number, limit = 100): Promise<DatasetPreview> {
    return unwrap(this.raw.GET('/api/datasets/{id}/preview', { params: { path: { id }, query: { limit } } }));
  }
  async profileDataset(id: number): Promise<DatasetProfile> {
    return unwrap(this.raw.GET('/api/datasets/{id}/profile', { params: { path: { id }, query: {} } }));
  }
  /** The stored file of a version, with the name the server gives it (Content-Disposition). */
  async downloadDataset(id: number, version?: number): Promise<{ blob: Blob; fileName: string }> {
    const query = version === undefined ? '' : `?version=${version}`;
    const response = await this.session.fetch(new Request(`${this.baseUrl}/api/datasets/${id}/download${query}`));
    if (!response.ok) throw await apiErrorFrom(response);
    const disposition = response.headers.get('content-disposition') ?? '';
    const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
    const fileName = encoded ? decodeURIComponent(encoded) : (/filename="([^"]+)"/.exec(disposition)?.[1] ?? `dataset-${id}`);
    return { blob: await response.blob(), fileName };
  }
  /** One read-only SQL statement over the project's managed datasets. */
  async query(projectId: number, sql: string, limit?: number): Promise<QueryResult> {
    return unwrap(
      this.raw.POST('/api/projects/{id}/query', { params: { path: { id: projectId } }, body: limit ? { sql, limit } : { sql } }),
    );
  }

  // Users (admin)
  async listUsersPage(q: PageQuery = {}) {
    return unwrap(this.raw.GET('/api/users', { params: { query: pageQuery(q) } }));
  }
  async listUsers(): Promise<User[]> {
    return allPages((q) => this.listUsersPage(q));
  }
  async createUser(body: NewUser) {
    return unwrap(this.raw.POST('/api/users', { body }));
  }
  async updateUser(id: number, body: UserChanges) {
    return unwrap(this.raw.PATCH('/api/users/{id}', { params: { path: { id } }, body }));
  }
  async deleteUser(id: number): Promise<void> {
    await unwrap(this.raw.DELETE('/api/users/{id}', { params: { path: { id } } }));
  }

  // Platform (admin)
  async platformEnvironments(init?: { signal?: AbortSignal }): Promise<PlatformEnvironments> {
    return unwrap(this.raw.GET('/api/platform/environments', { signal: init?.signal }));
  }
  async platformPipeline(init?: { signal?: AbortSignal }): Promise<PipelineOverview> {
    return unwrap(this.raw.GET('/api/platform/pipeline', { signal: init?.signal }));
  }
  async platformCluster(init?: { signal?: AbortSignal }): Promise<ClusterOverview> {
    return unwrap(this.raw.GET('/api/platform/cluster', { signal: init?.signal }));
  }
}

export { ApiError };
