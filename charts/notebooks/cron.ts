import { Cron } from 'cdk8s';

/**
 * Validation of the five-field cron expressions Kubernetes CronJobs accept (minute, hour,
 * day of month, month, day of week; lists, ranges, steps, month and weekday names, `?` in the
 * day fields, and the @hourly/@daily/@weekly/@monthly/@yearly macros). The time zone is never
 * part of the expression: CronJobs take it in `spec.timeZone`.
 */
interface CronField {
  readonly name: 'minute' | 'hour' | 'day of month' | 'month' | 'day of week';
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  readonly allowQuestionMark?: boolean;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31, allowQuestionMark: true },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 7, names: WEEKDAYS, allowQuestionMark: true },
];

const MACROS: { readonly [macro: string]: string } = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export class InvalidCronError extends Error {}

function parseValue(field: CronField, text: string, expression: string): number {
  const upper = text.toUpperCase();
  const named = field.names?.indexOf(upper) ?? -1;
  if (named >= 0) {
    return field.name === 'month' ? named + 1 : named;
  }
  if (!/^\d+$/.test(text)) {
    throw new InvalidCronError(
      `invalid cron expression '${expression}': '${text}' is not a valid ${field.name}` +
        (field.names ? ` (use ${field.min}-${field.max} or ${field.names.join(',')})` : ` (use ${field.min}-${field.max})`),
    );
  }
  const value = Number(text);
  if (value < field.min || value > field.max) {
    throw new InvalidCronError(`invalid cron expression '${expression}': ${field.name} ${value} is outside ${field.min}-${field.max}`);
  }
  return value;
}

function checkField(field: CronField, text: string, expression: string): void {
  if (text === '?' && field.allowQuestionMark) return;
  for (const item of text.split(',')) {
    if (item === '') {
      throw new InvalidCronError(`invalid cron expression '${expression}': empty list item in the ${field.name} field`);
    }
    const [range, step, ...rest] = item.split('/');
    if (rest.length > 0) {
      throw new InvalidCronError(`invalid cron expression '${expression}': '${item}' has more than one '/' in the ${field.name} field`);
    }
    if (step !== undefined && (!/^\d+$/.test(step) || Number(step) === 0)) {
      throw new InvalidCronError(
        `invalid cron expression '${expression}': step '${step}' in the ${field.name} field must be a positive integer`,
      );
    }
    if (range === '*') continue;
    const bounds = range.split('-');
    if (bounds.length > 2) {
      throw new InvalidCronError(`invalid cron expression '${expression}': '${range}' is not a valid ${field.name} range`);
    }
    const start = parseValue(field, bounds[0], expression);
    if (bounds.length === 2) {
      const end = parseValue(field, bounds[1], expression);
      if (end < start) {
        throw new InvalidCronError(`invalid cron expression '${expression}': ${field.name} range ${range} ends before it starts`);
      }
    }
  }
}

/**
 * Checks a cron expression and returns it as cdk8s' Cron. Throws InvalidCronError naming the
 * field that is wrong and what is allowed.
 */
export function parseCron(expression: string): Cron {
  const trimmed = expression.trim();
  if (/^(CRON_)?TZ=/.test(trimmed)) {
    throw new InvalidCronError(`invalid cron expression '${expression}': set the schedule's timeZone instead of TZ= in the expression`);
  }
  const expanded = trimmed.startsWith('@') ? MACROS[trimmed] : trimmed;
  if (expanded === undefined) {
    throw new InvalidCronError(`invalid cron expression '${expression}': unknown macro, use one of ${Object.keys(MACROS).join(', ')}`);
  }
  const parts = expanded.split(/\s+/);
  if (parts.length !== 5) {
    throw new InvalidCronError(
      `invalid cron expression '${expression}': expected 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}`,
    );
  }
  FIELDS.forEach((field, index) => checkField(field, parts[index], expression));
  const [minute, hour, day, month, weekDay] = parts;
  return Cron.schedule({ minute, hour, day, month, weekDay });
}

/** Accepts a Cron built in code as well, and checks its expression the same way. */
export function toValidCron(schedule: string | Cron): Cron {
  return parseCron(typeof schedule === 'string' ? schedule : schedule.expressionString);
}
