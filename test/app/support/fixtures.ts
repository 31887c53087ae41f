import type { Principal } from '../../../app/server/context';
import { createDataset } from '../../../app/server/services/dataset-service';
import { putMember } from '../../../app/server/services/project-member-service';
import { createProject } from '../../../app/server/services/project-service';
import { createTask } from '../../../app/server/services/task-service';
import { adminOf, type TestApp, type TestUser } from './test-app';

/** The six kinds of caller every route is checked against. */
export type Actor = 'admin' | 'owner' | 'editor' | 'viewer' | 'outsider' | 'anonymous';
export const ACTORS: readonly Actor[] = ['admin', 'owner', 'editor', 'viewer', 'outsider', 'anonymous'];

export interface Cast {
  readonly admin: TestUser;
  /** Analyst who owns the fixture projects. */
  readonly owner: TestUser;
  /** Analyst, editor member. */
  readonly editor: TestUser;
  /** Viewer-role user, viewer member. */
  readonly viewer: TestUser;
  /** Analyst with no membership. */
  readonly outsider: TestUser;
}

export async function createCast(t: TestApp): Promise<Cast> {
  return {
    admin: await adminOf(t),
    owner: await t.createUser('analyst'),
    editor: await t.createUser('analyst'),
    viewer: await t.createUser('viewer'),
    outsider: await t.createUser('analyst'),
  };
}

export function tokenOf(cast: Cast, actor: Actor): string | undefined {
  return actor === 'anonymous' ? undefined : cast[actor].token;
}

export interface ProjectFixture {
  readonly projectId: number;
  readonly taskId: number;
  readonly datasetId: number;
}

/** A project owned by `owner`, with `editor` and `viewer` as members, one task and one dataset. */
export async function createProjectFixture(t: TestApp, cast: Cast, name = 'fixture project'): Promise<ProjectFixture> {
  const owner: Principal = cast.owner;
  const project = await createProject(t.ctx, owner, { name, description: 'for tests' });
  await putMember(t.ctx, owner, project.id, cast.editor.id, 'editor');
  await putMember(t.ctx, owner, project.id, cast.viewer.id, 'viewer');
  const task = await createTask(t.ctx, owner, project.id, { title: 'fixture task', kind: 'manual' });
  const dataset = await createDataset(t.ctx, owner, project.id, { name: 'fixture data', uri: 's3://bucket/data.csv', format: 'csv' });
  return { projectId: project.id, taskId: task.id, datasetId: dataset.id };
}
