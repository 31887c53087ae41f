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
 * many they see or how deep the page is: two index-only range scans, each stopping after
 * `limit` ids, merged; then the page's rows by primary key.
 * - owned:     projects by (owner_id, id) (projects_owner_id_idx, migration 0002), backwards
 *              from the cursor;
 * - member of: project_members by (user_id, project_id) (project_members_user_id_idx,
 *              migration 0003), backwards from the cursor.
 * UNION drops an id found by both. The keyset cursor (the last id) continues both scans.
 * Admins (visibleTo undefined) scan the primary key. A name filter is applied during the scans
 * (which then read rows, and read past non-matching ones until the page is full).
 *
 * Merging ids rather than rows keeps the temporary tables of the UNION to one integer column:
 * with the rows' TEXT columns MariaDB builds them on disk (7x the CPU of the whole query). The
 * scans name their index: MariaDB 10.11 otherwise uses the owner index for `owner_id = ?` only
 * and filters `id < cursor` row by row, reading every owned project above the cursor, and SQLite
 * may prefer the primary key when its statistics say an owner has many projects. MariaDB takes
 * each branch's ORDER BY/LIMIT in parentheses, SQLite only inside a derived table.
 */
export async function listProjects(db: Executor, dialect: DialectName, filter: ProjectListFilter): Promise<ProjectRow[]> {
  const { beforeId, limit } = filter;
  const before = (column: string) => (beforeId === undefined ? sql`` : sql`and ${sql.ref(column)} < ${beforeId}`);
  const nameLike = filter.nameContains === undefined ? undefined : likeContains(filter.nameContains);
  const nameMatches = nameLike === undefined ? sql`` : sql`and lower(p.name) like ${nameLike} escape '!'`;
  const userId = filter.visibleTo;
  if (userId === undefined) {
    const { rows } = await sql<ProjectRow>`
      select p.* from projects as p where 1 = 1 ${before('p.id')} ${nameMatches} order by p.id desc limit ${limit}`.execute(db);
    return rows;
  }
  const mysql = dialect === 'mysql';
  const usingIndex = (index: string) => (mysql ? sql`force index (${sql.id(index)})` : sql`indexed by ${sql.id(index)}`);
  const owned = sql`
    select p.id from projects as p ${usingIndex('projects_owner_id_idx')}
    where p.owner_id = ${userId} ${before('p.id')} ${nameMatches} order by p.id desc limit ${limit}`;
  // The member scan reads project rows only to filter by name.
  const memberOf =
    nameLike === undefined
      ? sql`
        select m.project_id as id from project_members as m ${usingIndex('project_members_user_id_idx')}
        where m.user_id = ${userId} ${before('m.project_id')} order by m.project_id desc limit ${limit}`
      : sql`
        select m.project_id as id from project_members as m ${usingIndex('project_members_user_id_idx')}
        inner join projects as p on p.id = m.project_id
        where m.user_id = ${userId} ${before('m.project_id')} ${nameMatches} order by m.project_id desc limit ${limit}`;
  const pageIds = mysql
    ? sql`(${owned}) union (${memberOf}) order by id desc limit ${limit}`
    : sql`select id from (${owned}) union select id from (${memberOf}) order by id desc limit ${limit}`;
  // STRAIGHT_JOIN / CROSS JOIN: read the page's ids first, then each project by primary key.
  const { rows } = await sql<ProjectRow>`
    select p.* from (${pageIds}) as page ${mysql ? sql`straight_join` : sql`cross join`} projects as p
    where p.id = page.id order by p.id desc`.execute(db);
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
