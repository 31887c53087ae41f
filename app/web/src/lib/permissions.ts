import type { Project } from '../api/client';
import type { Me } from '../api/session';

export type ProjectAccess = 'admin' | 'owner' | 'editor' | 'viewer';

/** The caller's standing on a project, from what the API returned about it. */
export function projectAccess(user: Me, project: Project): ProjectAccess {
  if (user.role === 'admin') return 'admin';
  // A user whose global role is viewer only reads, even in projects they own or edit.
  const readOnly = user.role === 'viewer';
  if (project.ownerId === user.id) return readOnly ? 'viewer' : 'owner';
  const member = project.members?.find((m) => m.userId === user.id);
  if (member?.role === 'editor' && !readOnly) return 'editor';
  return 'viewer';
}

export const canCreateProjects = (user: Me): boolean => user.role === 'admin' || user.role === 'analyst';
export const canEditProject = (user: Me, project: Project): boolean => projectAccess(user, project) !== 'viewer';
export const canManageMembers = (user: Me, project: Project): boolean => {
  const a = projectAccess(user, project);
  return a === 'admin' || a === 'owner';
};
export const canDeleteProject = canManageMembers;
export const isAdmin = (user: Me): boolean => user.role === 'admin';
