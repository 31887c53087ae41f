import { Cron } from 'croner';

/**
 * Task schedules: five-field cron expressions (minute hour day-of-month month day-of-week, as
 * Kubernetes CronJobs and Vixie cron read them, day-of-month OR day-of-week) evaluated in an
 * IANA time zone by croner.
 *
 * Daylight saving time follows croner's rules, which are Vixie cron's: a job at a fixed time of
 * day (single minute and hour) whose time falls in a spring-forward gap runs once right after
 * the gap, and once (the first time) when a fall-back repeats its time; a job on an interval
 * (`*\/15`, ranges, lists) skips the times the gap removes and runs at both occurrences of a
 * repeated time, since each is a real, distinct instant.
 */
export const CRON_FIELDS = ['minute', 'hour', 'day of month', 'month', 'day of week'] as const;
const ALLOWED_VALUES = ['0-59', '0-23', '1-31', '1-12 or JAN-DEC', '0-7 or SUN-SAT (0 and 7 are Sunday)'];

const NICKNAMES: { readonly [nickname: string]: string } = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** A schedule the API refuses; `field` is the request field (`schedule` or `timeZone`). */
export class ScheduleError extends Error {
  public constructor(
    public readonly field: 'schedule' | 'timeZone',
    message: string,
  ) {
    super(message);
    this.name = 'ScheduleError';
  }
}

export function isIanaTimeZone(zone: string): boolean {
  if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function croner(pattern: string, timeZone: string): Cron {
  // No callback: croner starts no timer, the object only computes times.
  return new Cron(pattern, { timezone: timeZone, mode: '5-part', domAndDow: false, paused: true });
}

/** A validated schedule; computes fire times as instants (Date, UTC). */
export class TaskSchedule {
  private readonly cron: Cron;

  private constructor(
    public readonly expression: string,
    public readonly timeZone: string,
  ) {
    this.cron = croner(NICKNAMES[expression] ?? expression, timeZone);
  }

  /**
   * Validates a cron expression and a time zone. Throws ScheduleError naming the request field
   * and, for a bad expression, the cron field and what it allows.
   */
  public static parse(expression: string, timeZone = 'UTC'): TaskSchedule {
    if (!isIanaTimeZone(timeZone)) {
      throw new ScheduleError('timeZone', `timeZone '${timeZone}' is not an IANA time zone name such as 'Europe/Paris' or 'UTC'`);
    }
    const trimmed = expression.trim();
    const pattern = NICKNAMES[trimmed] ?? trimmed;
    if (trimmed.startsWith('@') && NICKNAMES[trimmed] === undefined) {
      throw new ScheduleError('schedule', `schedule '${expression}': unknown nickname; use one of ${Object.keys(NICKNAMES).join(', ')}`);
    }
    const fields = pattern.split(/\s+/);
    if (fields.length !== CRON_FIELDS.length) {
      throw new ScheduleError(
        'schedule',
        `schedule '${expression}' has ${fields.length} field(s); a cron expression has five: ${CRON_FIELDS.join(', ')}`,
      );
    }
    // Each field alone (the others '*'), so the message can name the field that is wrong.
    fields.forEach((field, index) => {
      const probe = CRON_FIELDS.map((_, i) => (i === index ? field : '*')).join(' ');
      try {
        croner(probe, timeZone);
      } catch (error) {
        // croner counts days and months from 0 in its range messages; say the allowed values instead.
        const reason = (error as Error).message.replace(/^CronPattern:\s*/, '');
        const detail = /Invalid value for/.test(reason) ? 'out of range' : reason.replace(/\.$/, '');
        throw new ScheduleError(
          'schedule',
          `schedule '${expression}': the ${CRON_FIELDS[index]} field '${field}' is invalid (${detail}); allowed: ${ALLOWED_VALUES[index]}, *, lists a,b, ranges a-b and steps */n`,
        );
      }
    });
    let schedule: TaskSchedule;
    try {
      schedule = new TaskSchedule(trimmed, timeZone);
    } catch (error) {
      throw new ScheduleError(
        'schedule',
        `schedule '${expression}' is invalid: ${(error as Error).message.replace(/^CronPattern:\s*/, '')}`,
      );
    }
    if (schedule.nextFireTimes(1, new Date()).length === 0) {
      throw new ScheduleError('schedule', `schedule '${expression}' never fires (no such date)`);
    }
    return schedule;
  }

  /** The next `count` fire times strictly after `after`. */
  public nextFireTimes(count: number, after: Date): Date[] {
    return this.cron.nextRuns(count, after);
  }

  /** The first fire time strictly after `after`, or null when there is none. */
  public nextFireTime(after: Date): Date | null {
    return this.cron.nextRun(after);
  }

  /** The latest fire time at or before `at`, or null. */
  public latestFireTimeAtOrBefore(at: Date): Date | null {
    const [latest] = this.cron.previousRuns(1, new Date(at.getTime() + 1));
    return latest !== undefined && latest.getTime() <= at.getTime() ? latest : null;
  }
}

/**
 * What a scheduler does when it looks at a task: `due` is the one fire time to create a run for
 * now, or null. A fire time missed while no replica was scheduling (the server was down, or no
 * replica held the lease) is recorded once: only the latest missed time gets a run, with
 * `missed` counting how many fire times were skipped, never a burst that replays each of them.
 * `lastScheduledFor` is the newest fire time that already has a run (null for a new schedule:
 * nothing before `since`, the time the schedule was saved, is ever due). `next` is when to look again.
 */
export interface ScheduleDecision {
  readonly due: Date | null;
  readonly missed: number;
  readonly next: Date | null;
}

/** At most this many skipped fire times are counted; beyond it `missed` says this number. */
export const MISSED_COUNT_LIMIT = 1000;

export function scheduleDecision(schedule: TaskSchedule, lastScheduledFor: Date | null, since: Date, now: Date): ScheduleDecision {
  const floor = lastScheduledFor !== null && lastScheduledFor.getTime() > since.getTime() ? lastScheduledFor : since;
  const latest = schedule.latestFireTimeAtOrBefore(now);
  const next = schedule.nextFireTime(now);
  if (latest === null || latest.getTime() <= floor.getTime()) {
    return { due: null, missed: 0, next };
  }
  let missed = 0;
  for (let t = schedule.nextFireTime(floor); t !== null && t.getTime() < latest.getTime() && missed < MISSED_COUNT_LIMIT;) {
    missed++;
    t = schedule.nextFireTime(t);
  }
  return { due: latest, missed, next };
}
