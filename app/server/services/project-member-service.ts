import type { MemberRole } from '../../../schema/project-members.table';
import type { AppContext, Principal } from '../context';
import { conflict, notFound } from '../errors';
import { deleteMember, findMember, insertMember, updateMemberRole } from '../repositories/project-member-repository';
import { findProjectAudience, findProjectById } from '../repositories/project-repository';
import { findUserById } from '../repositories/user-repository';
import type { ProjectMember } from '../schemas/project.schema';
import { requireProjectPermission } from './project-access';
import { presentProject } from './representations';
import { commitThenPublish } from './unit-of-work';

export async function putMember(
  ctx: AppContext,
  principal: Principal,
  projectId: number,
  userId: number,
  role: MemberRole,
): Promise<{ member: ProjectMember; created: boolean }> {
  return commitThenPublish(ctx, async (trx, outbox) => {
    const { project } = await requireProjectPermission(trx, principal, projectId, 'manage');
    const user = await findUserById(trx, userId);
    if (!user) throw notFound(`user ${userId}`);
    if (project.owner_id === userId) throw conflict('owner_is_not_a_member', `user ${userId} owns project ${projectId} already`);
    const existing = await findMember(trx, projectId, userId);
    if (existing) await updateMemberRole(trx, projectId, userId, role);
    else await insertMember(trx, { project_id: projectId, user_id: userId, role });
    const current = await findProjectById(trx, projectId);
    if (current) {
      outbox.push({
        kind: 'event',
        event: { type: 'project.updated', projectId, data: presentProject(current) },
        audience: await findProjectAudience(trx, projectId),
      });
    }
    return { member: { projectId, userId, email: user.email, role }, created: !existing };
  });
}

export async function removeMember(ctx: AppContext, principal: Principal, projectId: number, userId: number): Promise<void> {
  await commitThenPublish(ctx, async (trx, outbox) => {
    const { project } = await requireProjectPermission(trx, principal, projectId, 'manage');
    if ((await deleteMember(trx, projectId, userId)) === 0) throw notFound(`member ${userId} of project ${projectId}`);
    outbox.push({
      kind: 'event',
      event: { type: 'project.updated', projectId, data: presentProject(project) },
      audience: await findProjectAudience(trx, projectId),
    });
  });
}
