import { useEffect, useState } from 'react';
import { TextInput } from '../components/fields';

export interface FireTimes {
  readonly times: readonly Date[];
  readonly error?: string;
}

/**
 * The next `count` fire times of a schedule in its time zone, computed in the browser by the
 * server's own schedule module (croner with the same options and checks), loaded on demand so
 * its code is fetched only when someone edits a schedule.
 */
export async function nextFireTimes(expression: string, timeZone: string, count = 5, after = new Date()): Promise<FireTimes> {
  const { TaskSchedule } = await import('../../../server/runs/schedule');
  try {
    return { times: TaskSchedule.parse(expression, timeZone).nextFireTimes(count, after) };
  } catch (error) {
    return { times: [], error: (error as Error).message };
  }
}

function formatIn(timeZone: string, date: Date): string {
  try {
    // dateStyle/timeStyle cannot be combined with timeZoneName, hence the single fields.
    return new Intl.DateTimeFormat(undefined, {
      weekday: 'short',
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
      timeZoneName: 'short',
    }).format(date);
  } catch {
    return date.toISOString();
  }
}

/** Cron expression and IANA time zone of a task, with the next five times it would run. */
export function ScheduleField({ schedule, timeZone }: { schedule: string | null | undefined; timeZone: string | undefined }) {
  const [expression, setExpression] = useState(schedule ?? '');
  const [zone, setZone] = useState(timeZone ?? 'UTC');
  const [preview, setPreview] = useState<FireTimes | undefined>();

  useEffect(() => {
    const trimmed = expression.trim();
    if (!trimmed) {
      setPreview(undefined);
      return;
    }
    let current = true;
    void nextFireTimes(trimmed, zone.trim() || 'UTC').then(
      (result) => current && setPreview(result),
      (error: unknown) => current && setPreview({ times: [], error: `Cannot compute the next runs: ${String(error)}` }),
    );
    return () => {
      current = false;
    };
  }, [expression, zone]);

  return (
    <fieldset className="fieldset">
      <legend>Schedule</legend>
      <TextInput
        name="schedule"
        label="Cron expression"
        description="Five fields: minute hour day-of-month month day-of-week, or @daily. Leave empty to run on demand."
        defaultValue={schedule ?? ''}
        onChange={setExpression}
      />
      <TextInput
        name="timeZone"
        label="Time zone"
        description="An IANA name such as Europe/Paris; default UTC."
        defaultValue={timeZone ?? 'UTC'}
        onChange={setZone}
      />
      {preview ? (
        <div className="schedule-preview" aria-live="polite" data-testid="next-runs">
          {preview.error ? (
            <p className="field-error">{preview.error}</p>
          ) : (
            <>
              <p className="muted small">Next runs</p>
              <ol aria-label="Next runs">
                {preview.times.map((t) => (
                  <li key={t.getTime()}>
                    <time dateTime={t.toISOString()}>{formatIn(zone.trim() || 'UTC', t)}</time>
                  </li>
                ))}
              </ol>
            </>
          )}
        </div>
      ) : null}
    </fieldset>
  );
}
