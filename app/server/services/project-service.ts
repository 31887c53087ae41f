import type { AppContext, Principal } from '../context';
import { forbidden, notFound } from '../errors';
import {
  deleteProject,
  findProjectAudience,
  findProjectById,
  findProjectWithMembers,
  insertProject,
  listProjects,
  updateProject,
} from '../repositories/project-repository';
import type { PageQuery } from '../schemas/common.schema';
import type { CreateProjectBody, Project, ProjectDetail, UpdateProjectBody } from '../schemas/project.schema';
import { findActiveRuns } from '../repositories/run-repository';
import { projectDatasetsPrefix } from '../storage/dataset-keys';
import { projectFilesPrefix, projectRunsPrefix } from '../storage/run-keys';
import { nowDbTimestamp } from '../time';
import { decodeCursor, toPage, type PageResult } from './cursor';
import { permissionFor, requireProjectPermission } from './project-access';
import { presentMember, presentProject } from './representations';
import type { CachedRead } from './read-cache';
import { commitThenPublish } from './unit-of-work';

/** A page of the projects the user may see (cacheable; see ReadCache). */
export function visibleProjectsRead(
  ctx: AppContext,
  principal: Principal,
  page: PageQuery & { q?: string },
): CachedRead<PageResult<Project>> {
  const beforeId = decodeCursor(page.cursor);
  return {
    scope: `u${principal.id}:projects:${page.limit}:${beforeId ?? ''}:${page.q ?? ''}`,
    load: async () => {
      const rows = await listProjects(ctx.db, ctx.dialect, {
        beforeId,
        limit: page.limit + 1,
        visibleTo: principal.role === 'admin' ? undefined : principal.id,
        nameContains: page.q,
      });
      return toPage(rows, page.limit, presentProject);
    },
  };
}

/** One project with its members, if the user may see it (cacheable). */
export function projectRead(ctx: AppContext, principal: Principal, id: number): CachedRead<ProjectDetail> {
  return {
    scope: `u${principal.id}:project:${id}`,
    load: async () => {
      const found = await findProjectWithMembers(ctx.db, id, principal.id);
      if (!found || !permissionFor(principal, found.project, found.memberRole)) throw notFound(`project ${id}`);
      return { ...presentProject(found.project), members: found.members.map((m) => presentMember(id, m)) };
    },
  };
}

export async function createProject(ctx: AppContext, principal: Principal, input: CreateProjectBody): Promise<Project> {
  if (principal.role === 'viewer') throw forbidden('viewers cannot create projects; ask an admin for the analyst role');
  return commitThenPublish(ctx, async (trx, outbox) => {
    const now = nowDbTimestamp();
    const row = await insertProject(trx, {
      owner_id: principal.id,
      name: input.name,
      description: input.description ?? '',
      created_at: now,
      updated_at: now,
    });
    const project = presentProject(row);
    outbox.push({ kind: 'event', event: { type: 'project.created', projectId: row.id, data: project }, audience: [principal.id] });
    return project;
  });
}

export async function changeProject(ctx: AppContext, principal: Principal, id: number, input: UpdateProjectBody): Promise<Project> {
  return commitThenPublish(ctx, async (trx, outbox) => {
    await requireProjectPermission(trx, principal, id, 'write');
    await updateProject(trx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      updated_at: nowDbTimestamp(),
    });
    const row = await findProjectById(trx, id);
    if (!row) throw new Error(`project ${id} vanished inside its own update`);
    const project = presentProject(row);
    outbox.push({
      kind: 'event',
      event: { type: 'project.updated', projectId: id, data: project },
      audience: await findProjectAudience(trx, id),
    });
    return project;
  });
}

/**
 * Deletes a project with its tasks and datasets, then its stored dataset files. The storage is
 * read first, so an outage answers 503 before anything changed; files a failure leaves after
 * the rows are gone are removed by the reconciliation (services/stored-object-reconciliation.ts).
 */
export async function removeProject(ctx: AppContext, principal: Principal, id: number): Promise<void> {
  await requireProjectPermission(ctx.db, principal, id, 'manage');
  const prefix = projectDatasetsPrefix(id);
  for await (const _object of ctx.storage.list(prefix)) break;
  const active = await commitThenPublish(ctx, async (trx, outbox) => {
    await requireProjectPermission(trx, principal, id, 'manage');
    // The audience is read before the members are deleted with the project.
    const audience = await findProjectAudience(trx, id);
    const runs = await findActiveRuns(trx, { projectId: id });
    await deleteProject(trx, id);
    outbox.push({ kind: 'event', event: { type: 'project.deleted', projectId: id, data: { id } }, audience });
    return runs;
  });
  ctx.runs.abandon(active, `project ${id} was deleted`);
  for (const removed of [prefix, projectFilesPrefix(id), projectRunsPrefix(id)]) {
    await ctx.storage
      .deletePrefix(removed)
      .catch((error: unknown) => ctx.log.warn({ err: error, prefix: removed }, 'deleted project files left for the reconciliation'));
  }
}
