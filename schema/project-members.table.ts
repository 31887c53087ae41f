import type { Insertable, Selectable, Updateable } from 'kysely';
import type { MemberRole } from './vocabulary';

export type { MemberRole } from './vocabulary';

export interface ProjectMembersTable {
  project_id: number;
  user_id: number;
  role: MemberRole;
}

export type ProjectMemberRow = Selectable<ProjectMembersTable>;
export type NewProjectMemberRow = Insertable<ProjectMembersTable>;
export type ProjectMemberUpdate = Updateable<ProjectMembersTable>;
