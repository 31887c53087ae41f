import { sql } from 'kysely';
import type { MemberRole } from '../../../schema/project-members.table';
import type { NewProjectRow, ProjectRow, ProjectUpdate } from '../../../schema/projects.table';
import type { Executor, PageRequest } from './executor';

export interface ProjectWithMembership extends ProjectRow {
  /** The asking user's membership role, or null when not a member. */
  member_role: MemberRole | null;
}

export async function findProjectById(db: Executor, id: number): Promise<ProjectRow | undefined> {
  return db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The project plus the membership of one user, in one query. */
export async function findProjectWithMembership(
  db: Executor,
  projectId: number,
  userId: number,
): Promise<ProjectWithMembership | undefined> {
  return db
    .selectFrom('projects as p')
    .leftJoin('project_members as m', (join) => join.onRef('m.project_id', '=', 'p.id').on('m.user_id', '=', userId))
    .selectAll('p')
    .select('m.role as member_role')
    .where('p.id', '=', projectId)
    .executeTakeFirst();
}

export interface ProjectListFilter extends PageRequest {
  /** Only projects this user owns or is a member of; undefined lists every project. */
  readonly visibleTo: number | undefined;
  /** Case-insensitive "name contains". */
  readonly nameContains: string | undefined;
}

function likeContains(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

export async function listProjects(db: Executor, filter: ProjectListFilter): Promise<ProjectRow[]> {
  let query = db.selectFrom('projects as p').selectAll('p').orderBy('p.id', 'desc').limit(filter.limit);
  if (filter.beforeId !== undefined) query = query.where('p.id', '<', filter.beforeId);
  const userId = filter.visibleTo;
  if (userId !== undefined) {
    query = query.where((eb) =>
      eb.or([
        eb('p.owner_id', '=', userId),
        eb.exists(
          eb
            .selectFrom('project_members as m')
            .select('m.project_id')
            .whereRef('m.project_id', '=', 'p.id')
            .where('m.user_id', '=', userId),
        ),
      ]),
    );
  }
  if (filter.nameContains !== undefined) {
    query = query.where(sql<boolean>`lower(${sql.ref('p.name')}) like ${likeContains(filter.nameContains)} escape '!'`);
  }
  return query.execute();
}

export async function insertProject(db: Executor, project: NewProjectRow): Promise<ProjectRow> {
  const result = await db.insertInto('projects').values(project).executeTakeFirstOrThrow();
  const row = await findProjectById(db, Number(result.insertId));
  if (!row) throw new Error(`project ${String(result.insertId)} vanished right after insert`);
  return row;
}

export async function updateProject(db: Executor, id: number, changes: ProjectUpdate): Promise<void> {
  await db.updateTable('projects').set(changes).where('id', '=', id).execute();
}

export async function deleteProject(db: Executor, id: number): Promise<number> {
  const result = await db.deleteFrom('projects').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function countProjectsOwnedBy(db: Executor, userId: number): Promise<number> {
  const row = await db
    .selectFrom('projects')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('owner_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Users who may see the project besides admins: its owner and its members. */
export async function findProjectAudience(db: Executor, projectId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('projects')
    .select('owner_id as user_id')
    .where('id', '=', projectId)
    .unionAll(db.selectFrom('project_members').select('user_id').where('project_id', '=', projectId))
    .execute();
  return [...new Set(rows.map((r) => Number(r.user_id)))];
}
