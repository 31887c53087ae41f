import { MISSED_COUNT_LIMIT, ScheduleError, TaskSchedule, scheduleDecision } from '../../../app/server/runs/schedule';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const at = (text: string) => new Date(text);

describe('fire times in a time zone', () => {
  test('a weekday job fires at 09:00 UTC on weekdays only', () => {
    expect(iso(TaskSchedule.parse('0 9 * * 1-5', 'UTC').nextFireTimes(3, at('2026-01-01T00:00:00Z')))).toEqual([
      '2026-01-01T09:00:00.000Z',
      '2026-01-02T09:00:00.000Z',
      '2026-01-05T09:00:00.000Z',
    ]);
  });

  test('Europe/Paris spring forward (29 March 2026): a 02:30 job runs once at 03:00 CEST, the day after at 02:30 CEST', () => {
    expect(iso(TaskSchedule.parse('30 2 * * *', 'Europe/Paris').nextFireTimes(3, at('2026-03-27T12:00:00Z')))).toEqual([
      '2026-03-28T01:30:00.000Z', // 02:30 CET
      '2026-03-29T01:00:00.000Z', // 02:30 does not exist: 03:00 CEST
      '2026-03-30T00:30:00.000Z', // 02:30 CEST
    ]);
  });

  test('Europe/Paris fall back (25 October 2026): a 02:30 job runs once, at the first 02:30', () => {
    expect(iso(TaskSchedule.parse('30 2 * * *', 'Europe/Paris').nextFireTimes(3, at('2026-10-23T12:00:00Z')))).toEqual([
      '2026-10-24T00:30:00.000Z', // 02:30 CEST
      '2026-10-25T00:30:00.000Z', // 02:30 CEST, the first of the two
      '2026-10-26T01:30:00.000Z', // 02:30 CET
    ]);
  });

  test('Europe/Paris: a job every 30 minutes skips the missing hour and runs in both repeated hours', () => {
    const schedule = TaskSchedule.parse('*/30 * * * *', 'Europe/Paris');
    expect(iso(schedule.nextFireTimes(3, at('2026-03-29T00:15:00Z')))).toEqual([
      '2026-03-29T00:30:00.000Z', // 01:30 CET
      '2026-03-29T01:00:00.000Z', // 03:00 CEST: 02:00 and 02:30 never happen
      '2026-03-29T01:30:00.000Z',
    ]);
    expect(iso(schedule.nextFireTimes(5, at('2026-10-24T23:45:00Z')))).toEqual([
      '2026-10-25T00:00:00.000Z', // 02:00 CEST
      '2026-10-25T00:30:00.000Z', // 02:30 CEST
      '2026-10-25T01:00:00.000Z', // 02:00 CET
      '2026-10-25T01:30:00.000Z', // 02:30 CET
      '2026-10-25T02:00:00.000Z', // 03:00 CET
    ]);
  });

  test('America/New_York spring forward (8 March 2026): a 02:30 job runs at 03:00 EDT', () => {
    expect(iso(TaskSchedule.parse('30 2 * * *', 'America/New_York').nextFireTimes(2, at('2026-03-07T12:00:00Z')))).toEqual([
      '2026-03-08T07:00:00.000Z', // 03:00 EDT
      '2026-03-09T06:30:00.000Z', // 02:30 EDT
    ]);
  });

  test('America/New_York fall back (1 November 2026): a 01:30 job runs once, at 01:30 EDT', () => {
    expect(iso(TaskSchedule.parse('30 1 * * *', 'America/New_York').nextFireTimes(2, at('2026-10-31T12:00:00Z')))).toEqual([
      '2026-11-01T05:30:00.000Z', // 01:30 EDT; 01:30 EST an hour later is not a second run
      '2026-11-02T06:30:00.000Z', // 01:30 EST
    ]);
  });

  test('day of month and day of week combine with OR, as cron and Kubernetes CronJobs read them', () => {
    expect(iso(TaskSchedule.parse('0 0 13 * 5', 'UTC').nextFireTimes(3, at('2026-02-01T00:00:00Z')))).toEqual([
      '2026-02-06T00:00:00.000Z', // a Friday
      '2026-02-13T00:00:00.000Z', // the 13th (also a Friday)
      '2026-02-20T00:00:00.000Z',
    ]);
  });

  test('nicknames are the five-field expressions they stand for', () => {
    const after = at('2026-05-05T10:20:00Z');
    expect(TaskSchedule.parse('@daily').nextFireTimes(2, after)).toEqual(TaskSchedule.parse('0 0 * * *').nextFireTimes(2, after));
    expect(TaskSchedule.parse('@hourly').nextFireTimes(2, after)).toEqual(TaskSchedule.parse('0 * * * *').nextFireTimes(2, after));
  });
});

describe('schedule validation names the field', () => {
  test.each([
    ['61 * * * *', "schedule '61 * * * *': the minute field '61' is invalid (out of range); allowed: 0-59"],
    ['* 24 * * *', "the hour field '24' is invalid (out of range); allowed: 0-23"],
    ['* * 0 * *', "the day of month field '0' is invalid (out of range); allowed: 1-31"],
    ['* * * 13 *', "the month field '13' is invalid (out of range); allowed: 1-12 or JAN-DEC"],
    ['* * * * 8', "the day of week field '8' is invalid (out of range); allowed: 0-7 or SUN-SAT"],
    ['*/0 * * * *', "the minute field '*/0' is invalid (Syntax error, illegal stepping: 0)"],
    ['x * * * *', "the minute field 'x' is invalid (configuration entry 1 (x) contains illegal characters)"],
    ['* * * *', "schedule '* * * *' has 4 field(s); a cron expression has five: minute, hour, day of month, month, day of week"],
    ['0 * * * * *', 'has 6 field(s)'],
    ['@often', "schedule '@often': unknown nickname"],
    ['0 0 30 2 *', "schedule '0 0 30 2 *' never fires (no such date)"],
  ])('%s is refused on the schedule field', (expression, message) => {
    expect(() => TaskSchedule.parse(expression, 'UTC')).toThrow(expect.objectContaining({ field: 'schedule' }));
    expect(() => TaskSchedule.parse(expression, 'UTC')).toThrow(message);
  });

  test.each(['Mars/Olympus', 'Europe/Pariss', '../etc/passwd', ''])('time zone %j is refused on the timeZone field', (zone) => {
    let error: unknown;
    try {
      TaskSchedule.parse('* * * * *', zone);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScheduleError);
    expect(error).toMatchObject({
      field: 'timeZone',
      message: `timeZone '${zone}' is not an IANA time zone name such as 'Europe/Paris' or 'UTC'`,
    });
  });
});

describe('missed fire times are recorded once, never replayed in a burst', () => {
  const hourly = TaskSchedule.parse('0 * * * *', 'UTC');
  const saved = at('2026-06-01T08:30:00Z');

  test('nothing is due before the first fire time after the schedule was saved', () => {
    expect(scheduleDecision(hourly, null, saved, at('2026-06-01T08:59:59Z'))).toEqual({
      due: null,
      missed: 0,
      next: at('2026-06-01T09:00:00Z'),
    });
  });

  test('a fire time is due from the instant it is reached, and only once', () => {
    expect(scheduleDecision(hourly, null, saved, at('2026-06-01T09:00:00Z')).due).toEqual(at('2026-06-01T09:00:00Z'));
    expect(scheduleDecision(hourly, at('2026-06-01T09:00:00Z'), saved, at('2026-06-01T09:00:30Z'))).toEqual({
      due: null,
      missed: 0,
      next: at('2026-06-01T10:00:00Z'),
    });
  });

  test('after five hours down only the latest fire time is due, and the four skipped ones are counted', () => {
    expect(scheduleDecision(hourly, at('2026-06-01T09:00:00Z'), saved, at('2026-06-01T14:10:00Z'))).toEqual({
      due: at('2026-06-01T14:00:00Z'),
      missed: 4,
      next: at('2026-06-01T15:00:00Z'),
    });
  });

  test('a schedule down for years counts at most the limit and still records one run', () => {
    const everyMinute = TaskSchedule.parse('* * * * *', 'UTC');
    const decision = scheduleDecision(everyMinute, at('2020-01-01T00:00:00Z'), at('2020-01-01T00:00:00Z'), at('2026-01-01T00:00:30Z'));
    expect(decision.due).toEqual(at('2026-01-01T00:00:00Z'));
    expect(decision.missed).toBe(MISSED_COUNT_LIMIT);
  });
});
