import type { DatabaseConnection } from '../../schema/connection';
import { TASK_STATUSES } from '../../schema/vocabulary';

/** bench/flask-baseline/seed.py's data, in this server's schema. */
const PROJECTS = 10_000;
const DETAILED = 1_000;
const TASKS_PER_PROJECT = 5;
const DATASETS_PER_PROJECT = 2;
const FORMATS = ['csv', 'parquet', 'json'] as const;
/** Others' projects the analyst is a member of: 3,333 owned + 67 = 3,400 visible. */
const MEMBER_OF = 67;
const BATCH = 1_000;

export interface FlaskLikeSeed {
  /** The analyst's newest own project, the detail the comparison reads. */
  readonly detailId: number;
  readonly summary: string;
}

const timestamp = (minutes: number) => new Date(Date.UTC(2024, 0, 1) + minutes * 60_000).toISOString().replace('T', ' ').replace('Z', '');

async function post(base: string, token: string, url: string, body: unknown): Promise<{ id: number }> {
  const response = await fetch(`${base}${url}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: number };
}

/**
 * The Flask seed's users (created through the API, so their passwords are hashed as in use)
 * and projects: 10,000 round-robin over admin, analyst and viewer, older ids older; 5 tasks and
 * 2 datasets for each of the first 1,000. Here the analyst is also a viewer member of 67 other
 * users' projects, spread over the ids, so both halves of the visibility rule are exercised.
 */
export async function seedLikeFlask(base: string, connection: DatabaseConnection, password: string): Promise<FlaskLikeSeed> {
  const { db } = connection;
  try {
    const adminLogin = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password }),
    });
    const { accessToken, user: admin } = (await adminLogin.json()) as { accessToken: string; user: { id: number } };
    const analyst = await post(base, accessToken, '/api/users', { email: 'analyst@example.com', password, role: 'analyst' });
    const viewer = await post(base, accessToken, '/api/users', { email: 'viewer@example.com', password, role: 'viewer' });
    const owners = [admin.id, analyst.id, viewer.id];

    const ids: number[] = [];
    for (let start = 0; start < PROJECTS; start += BATCH) {
      const rows = Array.from({ length: BATCH }, (_, k) => {
        const i = start + k;
        return {
          owner_id: owners[i % owners.length],
          name: `Project ${String(i + 1).padStart(5, '0')}`,
          description: `Seeded project number ${i + 1}: data pipeline for experiment ${i % 97}.`,
          created_at: timestamp(i),
          updated_at: timestamp(i),
        };
      });
      const first = Number((await db.insertInto('projects').values(rows).executeTakeFirstOrThrow()).insertId);
      ids.push(...rows.map((_, k) => first + k));
    }
    const detailed = ids.slice(0, DETAILED);
    await db
      .insertInto('tasks')
      .values(
        detailed.flatMap((projectId, p) =>
          Array.from({ length: TASKS_PER_PROJECT }, (_, t) => ({
            project_id: projectId,
            title: `Task ${t + 1} of project ${projectId}`,
            kind: 'manual' as const,
            status: TASK_STATUSES[(projectId + t) % 4],
            notebook: null,
            parameters: '{}',
            schedule: null,
            created_by: owners[p % owners.length],
            created_at: timestamp(p),
            updated_at: timestamp(p),
            started_at: null,
            finished_at: null,
          })),
        ),
      )
      .execute();
    await db
      .insertInto('datasets')
      .values(
        detailed.flatMap((projectId, p) =>
          Array.from({ length: DATASETS_PER_PROJECT }, (_, d) => {
            const format = FORMATS[(projectId + d) % FORMATS.length];
            return {
              project_id: projectId,
              name: `dataset-${projectId}-${d + 1}`,
              name_key: `dataset-${projectId}-${d + 1}`,
              kind: 'registered' as const,
              uri: `s3://anchor-bucket/projects/${projectId}/dataset-${d + 1}.${format}`,
              format,
              size_bytes: 1_048_576 * (((projectId * 7 + d) % 500) + 1),
              created_by: owners[p % owners.length],
              created_at: timestamp(p),
              updated_at: timestamp(p),
            };
          }),
        ),
      )
      .execute();
    const others = ids.filter((_, i) => owners[i % owners.length] !== analyst.id);
    const step = Math.floor(others.length / MEMBER_OF);
    const memberOf = Array.from({ length: MEMBER_OF }, (_, k) => others[k * step]);
    await db
      .insertInto('project_members')
      .values(memberOf.map((projectId) => ({ project_id: projectId, user_id: analyst.id, role: 'viewer' as const })))
      .execute();
    const owned = ids.filter((_, i) => owners[i % owners.length] === analyst.id);
    return {
      detailId: Math.max(...owned),
      summary: `seeded ${ids.length} projects, ${detailed.length * TASKS_PER_PROJECT} tasks, ${detailed.length * DATASETS_PER_PROJECT} datasets; the analyst sees ${owned.length + memberOf.length} (${owned.length} own, member of ${memberOf.length})`,
    };
  } finally {
    await connection.destroy();
  }
}
