import type { ProjectRow } from '../../../schema/projects.table';
import type { Principal } from '../context';
import { forbidden, notFound } from '../errors';
import { findProjectWithMembership } from '../repositories/project-repository';
import type { Executor } from '../repositories/executor';

/**
 * What a user may do in one project:
 * - read:   see the project, its tasks and datasets (viewer members; any member whose
 *           global role is viewer; owners demoted to viewer)
 * - write:  also change the project and create/change/delete its tasks and datasets
 *           (analyst editors)
 * - manage: also delete the project and manage its members (admins, analyst owners)
 * A project the user may not see at all is reported as not found (404), never 403.
 */
export type ProjectPermission = 'read' | 'write' | 'manage';

const RANK: Record<ProjectPermission, number> = { read: 1, write: 2, manage: 3 };

export interface ProjectAccess {
  readonly project: ProjectRow;
  readonly permission: ProjectPermission;
}

export function permissionFor(
  principal: Principal,
  project: Pick<ProjectRow, 'owner_id'>,
  memberRole: 'editor' | 'viewer' | null,
): ProjectPermission | undefined {
  if (principal.role === 'admin') return 'manage';
  const readOnly = principal.role === 'viewer';
  if (project.owner_id === principal.id) return readOnly ? 'read' : 'manage';
  if (memberRole === 'editor') return readOnly ? 'read' : 'write';
  if (memberRole === 'viewer') return 'read';
  return undefined;
}

/**
 * The user's access to the project, or undefined when the project does not exist or is not
 * visible to them. Database errors propagate (an outage is 503, never "not found").
 */
export async function findProjectAccess(db: Executor, principal: Principal, projectId: number): Promise<ProjectAccess | undefined> {
  const row = await findProjectWithMembership(db, projectId, principal.id);
  const permission = row ? permissionFor(principal, row, row.member_role) : undefined;
  if (!row || !permission) return undefined;
  const { member_role: _memberRole, ...project } = row;
  return { project, permission };
}

/** The user's access to the project; 404 when it does not exist or is not visible to them. */
export async function resolveProjectAccess(db: Executor, principal: Principal, projectId: number): Promise<ProjectAccess> {
  const access = await findProjectAccess(db, principal, projectId);
  if (!access) throw notFound(`project ${projectId}`);
  return access;
}

const NEEDS: Record<ProjectPermission, string> = {
  read: 'reading',
  write: 'an editor of this project (or its owner, or an admin)',
  manage: 'the owner of this project or an admin',
};

export function requirePermission(access: ProjectAccess, needed: ProjectPermission): void {
  if (RANK[access.permission] < RANK[needed]) {
    throw forbidden(`you may only read project ${access.project.id}: this needs ${NEEDS[needed]}`);
  }
}

export async function requireProjectPermission(
  db: Executor,
  principal: Principal,
  projectId: number,
  needed: ProjectPermission,
): Promise<ProjectAccess> {
  const access = await resolveProjectAccess(db, principal, projectId);
  requirePermission(access, needed);
  return access;
}
