import type { Insertable, Selectable, Updateable } from 'kysely';

/** Role a user holds inside one project. */
export type MemberRole = 'editor' | 'viewer';
export const MEMBER_ROLES: readonly MemberRole[] = ['editor', 'viewer'];

export interface ProjectMembersTable {
  project_id: number;
  user_id: number;
  role: MemberRole;
}

export type ProjectMemberRow = Selectable<ProjectMembersTable>;
export type NewProjectMemberRow = Insertable<ProjectMembersTable>;
export type ProjectMemberUpdate = Updateable<ProjectMembersTable>;
