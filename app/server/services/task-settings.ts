import type { TaskKind, TaskRow } from '../../../schema/tasks.table';
import { badRequest } from '../errors';
import { findDatasetById } from '../repositories/dataset-repository';
import type { Executor } from '../repositories/executor';
import { ScheduleError, TaskSchedule, isIanaTimeZone } from '../runs/schedule';
import { checkSparkSizing, type SparkSizing } from '../runs/spark-sizing';
import { findRunSource, requireValidParameters } from './notebook-source';

/** A task's run settings after a create or change: what is checked before it is saved. */
export interface TaskSettings {
  readonly kind: TaskKind;
  readonly notebook: string | null;
  readonly application: string | null;
  readonly parameters: Record<string, unknown>;
  readonly schedule: string | null;
  readonly timeZone: string;
  readonly spark: SparkSizing | null;
  readonly outputDatasetId: number | null;
}

/** The validated schedule; 400 invalid_schedule or invalid_time_zone saying what is wrong. */
export function parseTaskSchedule(schedule: string, timeZone: string): TaskSchedule {
  try {
    return TaskSchedule.parse(schedule, timeZone);
  } catch (error) {
    if (error instanceof ScheduleError)
      throw badRequest(error.field === 'timeZone' ? 'invalid_time_zone' : 'invalid_schedule', error.message);
    throw error;
  }
}

/**
 * Checks the settings against the project: the schedule in its time zone, the Spark sizing
 * within the platform's limits, the output dataset (a managed dataset of the same project) and
 * the parameters against the notebook's `parameters` cell when the notebook exists (a task may
 * name a notebook uploaded later; starting a run then checks again, and refuses a missing one).
 */
export async function checkTaskSettings(db: Executor, projectId: number, settings: TaskSettings): Promise<void> {
  if (!isIanaTimeZone(settings.timeZone)) {
    throw badRequest('invalid_time_zone', `timeZone '${settings.timeZone}' is not an IANA time zone name such as 'Europe/Paris' or 'UTC'`);
  }
  if (settings.schedule !== null) parseTaskSchedule(settings.schedule, settings.timeZone);
  if (settings.spark !== null) {
    const [problem] = checkSparkSizing(settings.spark);
    if (problem !== undefined) throw badRequest('invalid_spark', problem.message);
  }
  if (settings.outputDatasetId !== null) {
    const dataset = await findDatasetById(db, settings.outputDatasetId);
    if (!dataset || dataset.project_id !== projectId || dataset.kind !== 'managed') {
      throw badRequest(
        'invalid_output_dataset',
        `outputDatasetId ${settings.outputDatasetId} is not a managed (uploaded) dataset of project ${projectId}`,
      );
    }
  }
  if (settings.kind === 'notebook' && settings.notebook !== null) {
    const source = await findRunSource(db, projectId, settings.notebook);
    if (source !== undefined) requireValidParameters(source.parameters, settings.parameters);
  }
}

/** The settings a task row holds. */
export function settingsOf(row: TaskRow): TaskSettings {
  return {
    kind: row.kind,
    notebook: row.notebook,
    application: row.application,
    parameters: JSON.parse(row.parameters) as Record<string, unknown>,
    schedule: row.schedule,
    timeZone: row.time_zone,
    spark: row.spark === null ? null : (JSON.parse(row.spark) as SparkSizing),
    outputDatasetId: row.output_dataset_id,
  };
}
