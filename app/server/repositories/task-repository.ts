import type { NewTaskRow, TaskRow, TaskUpdate } from '../../../schema/tasks.table';
import type { Executor, PageRequest } from './executor';

export async function findTaskById(db: Executor, id: number): Promise<TaskRow | undefined> {
  return db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listTasksOfProject(db: Executor, projectId: number, page: PageRequest): Promise<TaskRow[]> {
  let query = db.selectFrom('tasks').selectAll().where('project_id', '=', projectId).orderBy('id', 'desc').limit(page.limit);
  if (page.beforeId !== undefined) query = query.where('id', '<', page.beforeId);
  return query.execute();
}

export async function insertTask(db: Executor, task: NewTaskRow): Promise<TaskRow> {
  const result = await db.insertInto('tasks').values(task).executeTakeFirstOrThrow();
  const row = await findTaskById(db, Number(result.insertId));
  if (!row) throw new Error(`task ${String(result.insertId)} vanished right after insert`);
  return row;
}

export async function updateTask(db: Executor, id: number, changes: TaskUpdate): Promise<void> {
  await db.updateTable('tasks').set(changes).where('id', '=', id).execute();
}

export async function deleteTask(db: Executor, id: number): Promise<number> {
  const result = await db.deleteFrom('tasks').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}
