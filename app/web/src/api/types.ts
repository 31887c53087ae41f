import type { paths } from './schema';

/** The JSON body of a response, straight from the generated OpenAPI types. */
export type Json<P extends keyof paths, M extends keyof paths[P], S extends number> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends Record<S, { content: { 'application/json': infer B } }>
    ? B
    : never
  : never;

/** The JSON body of a request. */
export type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export type Me = Json<'/api/me', 'get', 200>;
export type Role = Me['role'];
export type TokenPair = Json<'/api/auth/login', 'post', 200>;
export type User = Json<'/api/users/{id}', 'patch', 200>;
export type ProjectPage = Json<'/api/projects', 'get', 200>;
/** A project as lists and events carry it. */
export type ProjectSummary = ProjectPage['items'][number];
/** GET /api/projects/:id adds the members. */
export type ProjectDetail = Json<'/api/projects/{id}', 'get', 200>;
/** Either; the members are there only on the detail. */
export type Project = ProjectSummary & { members?: ProjectDetail['members'] };
export type Task = Json<'/api/tasks/{id}', 'get', 200>;
export type Dataset = Json<'/api/datasets/{id}', 'get', 200>;
export type Member = ProjectDetail['members'][number];
export type DatasetVersion = Json<'/api/datasets/{id}/versions', 'get', 200>['items'][number];
export type DatasetPreview = Json<'/api/datasets/{id}/preview', 'get', 200>;
export type DatasetProfile = Json<'/api/datasets/{id}/profile', 'get', 200>;
export type ColumnProfile = DatasetProfile['columns'][number];
export type QueryResult = Json<'/api/projects/{id}/query', 'post', 200>;
export type DatasetColumn = QueryResult['columns'][number];
/** GET /api/dashboard/summary: counts over the projects the caller may see. */
export type DashboardSummary = Json<'/api/dashboard/summary', 'get', 200>;
export type NewProject = Body<'/api/projects', 'post'>;
export type ProjectChanges = Body<'/api/projects/{id}', 'patch'>;
export type NewTask = Body<'/api/projects/{id}/tasks', 'post'>;
export type TaskChanges = Body<'/api/tasks/{id}', 'patch'>;
export type NewDataset = Body<'/api/projects/{id}/datasets', 'post'>;
export type DatasetChanges = Body<'/api/datasets/{id}', 'patch'>;
export type NewUser = Body<'/api/users', 'post'>;
export type UserChanges = Body<'/api/users/{id}', 'patch'>;
export type TaskStatus = Task['status'];
export type TaskKind = Task['kind'];
export type DatasetFormat = Dataset['format'];
export type UserRole = User['role'];
export type MemberRole = Member['role'];
/** GET /api/platform/environments: releases, history, stage differences, live status (admins). */
export type PlatformEnvironments = Json<'/api/platform/environments', 'get', 200>;
export type PlatformEnvironment = PlatformEnvironments['environments'][number];
export type PlatformRelease = PlatformEnvironment['release'];
export type StagePromotion = PlatformEnvironments['promotions'][number];
/** GET /api/platform/pipeline: the delivery pipeline, or why it cannot be read (admins). */
export type PipelineOverview = Json<'/api/platform/pipeline', 'get', 200>;
/** GET /api/platform/cluster: nodes, workloads, Spark and notebook runs, warnings (admins). */
export type ClusterOverview = Json<'/api/platform/cluster', 'get', 200>;
export type ClusterView = Extract<ClusterOverview, { state: 'ok' }>;
/** Code and runs: a project's notebook or PySpark file, with what its parameters cell declares. */
export type ProjectFile = Json<'/api/files/{id}', 'get', 200>;
export type NotebookParameter = ProjectFile['parameters'][number];
/** One of the platform's own notebooks or PySpark jobs, named `library/<file>`. */
export type LibraryFile = Json<'/api/library', 'get', 200>['items'][number];
export type Run = Json<'/api/runs/{id}', 'get', 200>;
export type RunStatus = Run['status'];
export type RunPage = Json<'/api/tasks/{id}/runs', 'get', 200>;
