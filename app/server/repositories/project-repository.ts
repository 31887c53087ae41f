import { sql } from 'kysely';
import type { MemberRole } from '../../../schema/project-members.table';
import type { NewProjectRow, ProjectRow, ProjectUpdate } from '../../../schema/projects.table';
import type { Executor, PageRequest } from './executor';
import type { MemberWithEmail } from './project-member-repository';

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

export interface ProjectWithMembers {
  readonly project: ProjectRow;
  /** The asking user's membership role, or null when not a member. */
  readonly memberRole: MemberRole | null;
  /** Every member with their email, by user id. */
  readonly members: MemberWithEmail[];
}

/** The project, the asking user's membership and every member, in one query. */
export async function findProjectWithMembers(db: Executor, projectId: number, userId: number): Promise<ProjectWithMembers | undefined> {
  const rows = await db
    .selectFrom('projects as p')
    .leftJoin('project_members as me', (join) => join.onRef('me.project_id', '=', 'p.id').on('me.user_id', '=', userId))
    .leftJoin('project_members as m', 'm.project_id', 'p.id')
    .leftJoin('users as u', 'u.id', 'm.user_id')
    .selectAll('p')
    .select(['me.role as member_role', 'm.user_id as member_user_id', 'm.role as member_of_role', 'u.email as member_email'])
    .where('p.id', '=', projectId)
    .orderBy('m.user_id')
    .execute();
  const first = rows[0];
  if (!first) return undefined;
  const { member_role, member_user_id: _u, member_of_role: _r, member_email: _e, ...project } = first;
  const members: MemberWithEmail[] = [];
  for (const row of rows) {
    if (row.member_user_id !== null && row.member_of_role !== null && row.member_email !== null) {
      members.push({ user_id: row.member_user_id, email: row.member_email, role: row.member_of_role });
    }
  }
  return { project, memberRole: member_role, members };
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

/**
 * The one definition of the projects a non-admin user may see: those they own and those they
 * are a member of (admins see every project and skip this). It is a derived table of distinct
 * `project_id`s that lists and aggregates join, so each side is one index lookup (owner_id;
 * project_members by user) however many projects there are.
 */
export function visibleProjectIds(db: Executor, userId: number) {
  return db
    .selectFrom('projects')
    .select('id as project_id')
    .where('owner_id', '=', userId)
    .union(db.selectFrom('project_members').select('project_id').where('user_id', '=', userId));
}

export async function listProjects(db: Executor, filter: ProjectListFilter): Promise<ProjectRow[]> {
  const userId = filter.visibleTo;
  let query = db
    .selectFrom('projects as p')
    .$if(userId !== undefined, (qb) => qb.innerJoin(visibleProjectIds(db, userId as number).as('v'), 'v.project_id', 'p.id'))
    .selectAll('p')
    .orderBy('p.id', 'desc')
    .limit(filter.limit);
  if (filter.beforeId !== undefined) query = query.where('p.id', '<', filter.beforeId);
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
