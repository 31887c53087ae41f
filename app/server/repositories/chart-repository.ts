import type { ChartRow, ChartUpdate, NewChartRow } from '../../../schema/charts.table';
import type { Executor } from './executor';

export async function findChartById(db: Executor, id: number): Promise<ChartRow | undefined> {
  return db.selectFrom('charts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A project's charts in dashboard order (position, then id for charts placed at the same time). */
export async function listChartsOfProject(db: Executor, projectId: number): Promise<ChartRow[]> {
  return db.selectFrom('charts').selectAll().where('project_id', '=', projectId).orderBy('position').orderBy('id').execute();
}

/** The position after the project's last chart (0 when it has none). */
export async function nextChartPosition(db: Executor, projectId: number): Promise<number> {
  const row = await db
    .selectFrom('charts')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
}

export async function insertChart(db: Executor, chart: NewChartRow): Promise<ChartRow> {
  const result = await db.insertInto('charts').values(chart).executeTakeFirstOrThrow();
  const row = await findChartById(db, Number(result.insertId));
  if (!row) throw new Error(`chart ${String(result.insertId)} vanished right after insert`);
  return row;
}

export async function updateChart(db: Executor, id: number, changes: ChartUpdate): Promise<void> {
  await db.updateTable('charts').set(changes).where('id', '=', id).execute();
}

export async function deleteChart(db: Executor, id: number): Promise<number> {
  const result = await db.deleteFrom('charts').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Closes the gap a deleted chart left: the charts after it move up one place. */
export async function closePositionGap(db: Executor, projectId: number, position: number): Promise<void> {
  await db
    .updateTable('charts')
    .set((eb) => ({ position: eb('position', '-', 1) }))
    .where('project_id', '=', projectId)
    .where('position', '>', position)
    .execute();
}
