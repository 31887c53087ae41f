import { sql } from 'kysely';
import type { DialectName } from '../../../schema/connection';
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

/**
 * One page of the projects a user may see, newest first, at a cost that does not grow with how
 * many they see or how deep the page is: two index-ordered range scans, each stopping after
 * `limit` rows, merged.
 * - owned:     projects by (owner_id, id) (projects_owner_id_idx, migration 0002), backwards
 *              from the cursor;
 * - member of: project_members by (user_id, project_id) (project_members_user_id_idx,
 *              migration 0003), backwards from the cursor, each joined to its project by
 *              primary key (a project the user also owns is left to the first scan).
 * The page is the `limit` highest ids of both, and the keyset cursor (the last id) continues
 * both scans. Admins (visibleTo undefined) scan the primary key. A name filter is applied during
 * the scans, which then read past non-matching rows until the page is full.
 *
 * The scans name their index and join order: MariaDB 10.11 otherwise uses the owner index for
 * `owner_id = ?` only and filters `id < cursor` row by row, reading every owned project above
 * the cursor (5,051 rows for a page of 51 deep into 10,000), and SQLite may prefer the primary
 * key when its statistics say an owner has many projects. Each ORDER BY/LIMIT sits in a derived
 * table, the only place SQLite allows one inside a UNION.
 */
export async function listProjects(db: Executor, dialect: DialectName, filter: ProjectListFilter): Promise<ProjectRow[]> {
  const { beforeId, limit } = filter;
  const nameMatches =
    filter.nameContains === undefined ? sql`` : sql`and lower(p.name) like ${likeContains(filter.nameContains)} escape '!'`;
  const before = (column: string) => (beforeId === undefined ? sql`` : sql`and ${sql.ref(column)} < ${beforeId}`);
  const userId = filter.visibleTo;
  if (userId === undefined) {
    const { rows } = await sql<ProjectRow>`
      select p.* from projects as p where 1 = 1 ${before('p.id')} ${nameMatches} order by p.id desc limit ${limit}`.execute(db);
    return rows;
  }
  const hint = (table: string, alias: string, index: string) =>
    dialect === 'mysql'
      ? sql`${sql.table(table)} as ${sql.id(alias)} force index (${sql.id(index)})`
      : sql`${sql.table(table)} as ${sql.id(alias)} indexed by ${sql.id(index)}`;
  // Inner join with the left table read first: STRAIGHT_JOIN on MySQL, CROSS JOIN on SQLite.
  const leftFirstJoin = dialect === 'mysql' ? sql`straight_join` : sql`cross join`;
  const { rows } = await sql<ProjectRow>`
    select * from (
      select * from (
        select p.* from ${hint('projects', 'p', 'projects_owner_id_idx')}
        where p.owner_id = ${userId} ${before('p.id')} ${nameMatches}
        order by p.id desc limit ${limit}
      ) as owned
      union all
      select * from (
        select p.* from ${hint('project_members', 'm', 'project_members_user_id_idx')} ${leftFirstJoin} projects as p
        where p.id = m.project_id and m.user_id = ${userId} and p.owner_id <> ${userId} ${before('m.project_id')} ${nameMatches}
        order by m.project_id desc limit ${limit}
      ) as member_of
    ) as visible
    order by id desc limit ${limit}`.execute(db);
  return rows;
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
