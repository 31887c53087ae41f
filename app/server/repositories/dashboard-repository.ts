import { sql, type RawBuilder } from 'kysely';
import type { DialectName } from '../../../schema/connection';
import type { DatasetFormat } from '../../../schema/datasets.table';
import type { TaskKind, TaskStatus } from '../../../schema/tasks.table';
import type { Executor } from './executor';
import { visibleProjectIds } from './project-repository';

/**
 * Aggregates over the projects one user may see, each one GROUP BY query joined to
 * visibleProjectIds. `visibleTo` is the user whose projects count (owned or member of), or
 * undefined for every project (admins).
 */
export interface AggregateScope {
  readonly visibleTo: number | undefined;
}

export interface StatusKindCount {
  readonly status: TaskStatus;
  readonly kind: TaskKind;
  readonly count: number;
}

export interface FormatTotal {
  readonly format: DatasetFormat;
  readonly count: number;
  readonly sizeBytes: number;
}

export interface DayStatusCount {
  /** UTC day, `YYYY-MM-DD`. */
  readonly day: string;
  readonly status: TaskStatus;
  readonly count: number;
}

export async function countVisibleProjects(db: Executor, scope: AggregateScope): Promise<number> {
  const userId = scope.visibleTo;
  const query =
    userId === undefined
      ? db.selectFrom('projects').select((eb) => eb.fn.countAll().as('count'))
      : db.selectFrom(visibleProjectIds(db, userId).as('v')).select((eb) => eb.fn.countAll().as('count'));
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function countTasksByStatusAndKind(db: Executor, scope: AggregateScope): Promise<StatusKindCount[]> {
  const userId = scope.visibleTo;
  const rows = await db
    .selectFrom('tasks as t')
    .$if(userId !== undefined, (qb) => qb.innerJoin(visibleProjectIds(db, userId as number).as('v'), 'v.project_id', 't.project_id'))
    .select(['t.status', 't.kind', (eb) => eb.fn.countAll().as('count')])
    .groupBy(['t.status', 't.kind'])
    .execute();
  return rows.map((r) => ({ status: r.status, kind: r.kind, count: Number(r.count) }));
}

export async function totalDatasetsByFormat(db: Executor, dialect: DialectName, scope: AggregateScope): Promise<FormatTotal[]> {
  const userId = scope.visibleTo;
  // SQLite's sum() raises on 64-bit overflow; total() is its never-failing (floating) sum.
  const sizeSum: RawBuilder<number | string | null> = dialect === 'mysql' ? sql`sum(d.size_bytes)` : sql`total(d.size_bytes)`;
  const rows = await db
    .selectFrom('datasets as d')
    .$if(userId !== undefined, (qb) => qb.innerJoin(visibleProjectIds(db, userId as number).as('v'), 'v.project_id', 'd.project_id'))
    .select(['d.format', (eb) => eb.fn.countAll().as('count'), sizeSum.as('size_bytes')])
    .groupBy('d.format')
    .execute();
  // MySQL answers SUM(BIGINT) as a DECIMAL string.
  return rows.map((r) => ({ format: r.format, count: Number(r.count), sizeBytes: Number(r.size_bytes ?? 0) }));
}

/**
 * The UTC day of a task's creation as `YYYY-MM-DD` text. Timestamps are DATETIME(3) in UTC on
 * MySQL and `YYYY-MM-DD HH:MM:SS.mmm` UTC text on SQLite, so the day is their date part.
 */
function utcDayCreated(dialect: DialectName): RawBuilder<string> {
  return dialect === 'mysql' ? sql<string>`date_format(t.created_at, '%Y-%m-%d')` : sql<string>`substr(t.created_at, 1, 10)`;
}

/** Tasks created at or after `since` (a stored timestamp), per UTC day and current status. */
export async function countTasksCreatedPerDay(
  db: Executor,
  dialect: DialectName,
  scope: AggregateScope,
  since: string,
): Promise<DayStatusCount[]> {
  const userId = scope.visibleTo;
  const day = utcDayCreated(dialect);
  const rows = await db
    .selectFrom('tasks as t')
    .$if(userId !== undefined, (qb) => qb.innerJoin(visibleProjectIds(db, userId as number).as('v'), 'v.project_id', 't.project_id'))
    .select([day.as('day'), 't.status', (eb) => eb.fn.countAll().as('count')])
    .where('t.created_at', '>=', since)
    .groupBy([day, 't.status'])
    .execute();
  return rows.map((r) => ({ day: String(r.day), status: r.status, count: Number(r.count) }));
}
