import type { TaskRow } from '../../../schema/tasks.table';
import type { AppContext } from '../context';
import { lastScheduledFor } from '../repositories/run-repository';
import { DuplicateScheduledRunError } from './run-records';
import type { RunsManager } from './runs-manager';
import { TaskSchedule, scheduleDecision } from './schedule';

const dbDate = (value: string): Date => new Date(`${value.replace(' ', 'T')}Z`);

/**
 * Creates the runs of scheduled tasks: one per fire time, whatever the number of replicas (the
 * runs table is unique per task and fire time, so of two replicas creating the same one, one
 * wins and the other moves on). A fire time missed while no server was scheduling is not
 * replayed: only the latest one gets a run, which says how many were missed. On Kubernetes only
 * the Lease holder schedules.
 */
export class RunScheduler {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<number> | undefined;

  public constructor(
    private readonly ctx: () => AppContext,
    private readonly manager: RunsManager,
    private readonly intervalMs: number,
  ) {}

  public start(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
    void this.tick();
  }

  public async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  /** One look at every scheduled task; returns how many runs it created. Never rejects. */
  public tick(now = new Date()): Promise<number> {
    this.ticking ??= this.scheduleDue(now)
      .catch((error: unknown) => {
        this.ctx().log.warn({ err: error }, 'could not schedule runs; will retry');
        return 0;
      })
      .finally(() => {
        this.ticking = undefined;
      });
    return this.ticking;
  }

  private async scheduleDue(now: Date): Promise<number> {
    void this.manager.reportQueue();
    if (!this.manager.adapter.schedules()) return 0;
    const { db } = this.ctx();
    const tasks = await db
      .selectFrom('tasks')
      .selectAll()
      .where('schedule', 'is not', null)
      .where('kind', 'in', ['notebook', 'spark'])
      .execute();
    let created = 0;
    for (const task of tasks) if (await this.scheduleTask(task, now)) created++;
    return created;
  }

  private async scheduleTask(task: TaskRow, now: Date): Promise<boolean> {
    let schedule: TaskSchedule;
    try {
      schedule = TaskSchedule.parse(task.schedule as string, task.time_zone);
    } catch {
      return false; // saved before schedules were checked; the task's page shows why when it is edited
    }
    const last = await lastScheduledFor(this.ctx().db, task.id);
    const since = dbDate(task.schedule_since ?? task.created_at);
    const decision = scheduleDecision(schedule, last === null ? null : dbDate(last), since, now);
    if (decision.due === null) return false;
    if (decision.missed > 0) {
      this.ctx().log.warn(
        { taskId: task.id, missed: decision.missed, due: decision.due },
        'scheduled fire times were missed; not replayed',
      );
    }
    try {
      await this.manager.create({
        task,
        trigger: 'schedule',
        attempt: 1,
        parameters: JSON.parse(task.parameters) as Record<string, unknown>,
        scheduledFor: decision.due,
        notBefore: null,
        createdBy: null,
        message:
          decision.missed > 0
            ? `${decision.missed} earlier fire time(s) were missed while no server was scheduling; they are not replayed`
            : null,
      });
      return true;
    } catch (error) {
      if (error instanceof DuplicateScheduledRunError) return false;
      throw error;
    }
  }
}
