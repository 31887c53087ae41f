import type { MemberRole, ProjectMemberRow } from '../../../schema/project-members.table';
import type { Executor } from './executor';

export interface MemberWithEmail {
  user_id: number;
  email: string;
  role: MemberRole;
}

export async function findMember(db: Executor, projectId: number, userId: number): Promise<ProjectMemberRow | undefined> {
  return db.selectFrom('project_members').selectAll().where('project_id', '=', projectId).where('user_id', '=', userId).executeTakeFirst();
}

export async function insertMember(db: Executor, member: ProjectMemberRow): Promise<void> {
  await db.insertInto('project_members').values(member).execute();
}

export async function updateMemberRole(db: Executor, projectId: number, userId: number, role: MemberRole): Promise<number> {
  const result = await db
    .updateTable('project_members')
    .set({ role })
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function deleteMember(db: Executor, projectId: number, userId: number): Promise<number> {
  const result = await db
    .deleteFrom('project_members')
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
