import { sql } from 'kysely';
import type { NewRunRow, RunRow, RunStatus, RunUpdate } from '../../../schema/runs.table';
import type { Executor, PageRequest } from './executor';

export async function findRunById(db: Executor, id: number): Promise<RunRow | undefined> {
  return db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The run row, locked until the transaction ends on MySQL (SQLite transactions already exclude other writers). */
export async function lockRunById(db: Executor, id: number, isMysql: boolean): Promise<RunRow | undefined> {
  const query = db.selectFrom('runs').selectAll().where('id', '=', id);
  return (isMysql ? query.forUpdate() : query).executeTakeFirst();
}

export async function listRunsOfTask(db: Executor, taskId: number, page: PageRequest): Promise<RunRow[]> {
  let query = db.selectFrom('runs').selectAll().where('task_id', '=', taskId).orderBy('id', 'desc').limit(page.limit);
  if (page.beforeId !== undefined) query = query.where('id', '<', page.beforeId);
  return query.execute();
}

export async function latestRunOfTask(db: Executor, taskId: number): Promise<RunRow | undefined> {
  return db.selectFrom('runs').selectAll().where('task_id', '=', taskId).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** The next run number of a task (1, 2, 3...). Two inserts racing for one number: the unique key refuses one. */
export async function nextRunNumber(db: Executor, taskId: number): Promise<number> {
  const row = await db
    .selectFrom('runs')
    .select(sql<number | null>`max(${sql.ref('number')})`.as('last'))
    .where('task_id', '=', taskId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export async function insertRun(db: Executor, run: NewRunRow): Promise<RunRow> {
  const result = await db.insertInto('runs').values(run).executeTakeFirstOrThrow();
  const row = await findRunById(db, Number(result.insertId));
  if (!row) throw new Error(`run ${String(result.insertId)} vanished right after insert`);
  return row;
}

export async function updateRun(db: Executor, id: number, changes: RunUpdate): Promise<void> {
  await db.updateTable('runs').set(changes).where('id', '=', id).execute();
}

/**
 * Takes a run for this process: sets external_id to `owner` only if nobody has it yet. True
 * when this call won (exactly one of two racing replicas does).
 */
export async function claimRun(db: Executor, id: number, owner: string): Promise<boolean> {
  const result = await db
    .updateTable('runs')
    .set({ external_id: owner })
    .where('id', '=', id)
    .where('external_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Runs of a backend in the given statuses, oldest first. */
export async function findRunsInStatus(db: Executor, backend: RunRow['backend'], statuses: readonly RunStatus[]): Promise<RunRow[]> {
  return db
    .selectFrom('runs')
    .selectAll()
    .where('backend', '=', backend)
    .where('status', 'in', [...statuses])
    .orderBy('id')
    .execute();
}

/** How many runs are in each status now. */
export async function countRunsByStatus(db: Executor): Promise<Partial<Record<RunStatus, number>>> {
  const rows = await db
    .selectFrom('runs')
    .select(['status', sql<number>`count(*)`.as('count')])
    .where('status', 'in', ['queued', 'running'])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}

/** The newest fire time that already has a run, per task. */
export async function lastScheduledFor(db: Executor, taskId: number): Promise<string | null> {
  const row = await db
    .selectFrom('runs')
    .select(sql<string | null>`max(${sql.ref('scheduled_for')})`.as('last'))
    .where('task_id', '=', taskId)
    .executeTakeFirst();
  return row?.last ?? null;
}

/** Queued and running runs of a task or of a whole project, with their task's kind (to stop them). */
export async function findActiveRuns(
  db: Executor,
  scope: { readonly taskId: number } | { readonly projectId: number },
): Promise<(RunRow & { kind: string })[]> {
  let query = db
    .selectFrom('runs')
    .innerJoin('tasks', 'tasks.id', 'runs.task_id')
    .selectAll('runs')
    .select('tasks.kind as kind')
    .where('runs.status', 'in', ['queued', 'running']);
  query = 'taskId' in scope ? query.where('runs.task_id', '=', scope.taskId) : query.where('runs.project_id', '=', scope.projectId);
  return query.execute();
}
