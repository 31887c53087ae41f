import { Type, type Static } from '@sinclair/typebox';
import { TASK_KINDS, TASK_STATUSES } from '../../../schema/vocabulary';
import { Id, Name, StringEnum, Timestamp } from './common.schema';

export const TaskKind = StringEnum(TASK_KINDS);
export const TaskStatus = StringEnum(TASK_STATUSES);

export const Parameters = Type.Record(Type.String({ maxLength: 200 }), Type.Unknown(), {
  maxProperties: 200,
  description: 'Notebook/Spark parameters as a JSON object (at most 64 KiB serialized)',
});
const Notebook = Type.String({
  minLength: 1,
  maxLength: 500,
  pattern: '^(?!.*\\.\\.)[A-Za-z0-9_./-]+\\.ipynb$',
  description: "A project file's name (report.ipynb) or a platform notebook (library/<file>.ipynb)",
});
const Application = Type.String({
  minLength: 1,
  maxLength: 500,
  pattern: '^(?!.*\\.\\.)[A-Za-z0-9_./-]+\\.py$',
  description: "A Spark task's PySpark file: a project file's name or library/<file>.py",
});
const Arguments = Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 100, description: "The Spark application's arguments" });
const PodSizing = Type.Object(
  { cores: Type.Integer({ minimum: 1 }), memoryMiB: Type.Integer({ minimum: 512 }) },
  { additionalProperties: false },
);
export const SparkSizing = Type.Object(
  {
    driver: PodSizing,
    executor: PodSizing,
    minExecutors: Type.Integer({ minimum: 0 }),
    maxExecutors: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false, title: 'SparkSizing', description: "Driver and executor sizing, within the platform's limits" },
);
const TimeoutSeconds = Type.Integer({ minimum: 60, maximum: 86400, description: 'Longest a run may take (60..86400, default 3600)' });
const MaxRetries = Type.Integer({ minimum: 0, maximum: 5, description: 'Further attempts after a failure (0..5, default 0)' });
const RetryDelaySeconds = Type.Integer({ minimum: 0, maximum: 3600, description: 'Wait before a retry (0..3600, default 60)' });
const TimeZone = Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone of the schedule (default UTC)' });
const OutputDatasetId = Type.Union([Id, Type.Null()], {
  description: "A managed dataset of the same project; a succeeded run adds its result file as the dataset's next version",
});
const Schedule = Type.String({
  maxLength: 100,
  pattern: '^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|[0-9A-Za-z*/,-]+( [0-9A-Za-z*/,-]+){4})$',
  description: 'Five-field cron expression (minute hour day-of-month month day-of-week) or @daily-style macro, read in timeZone',
});

export const Task = Type.Object(
  {
    id: Id,
    projectId: Id,
    title: Type.String(),
    kind: TaskKind,
    status: TaskStatus,
    notebook: Type.Union([Type.String(), Type.Null()]),
    parameters: Type.Record(Type.String(), Type.Unknown()),
    schedule: Type.Union([Type.String(), Type.Null()]),
    timeZone: Type.String(),
    timeoutSeconds: Type.Integer(),
    maxRetries: Type.Integer(),
    retryDelaySeconds: Type.Integer(),
    application: Type.Union([Type.String(), Type.Null()]),
    arguments: Type.Array(Type.String()),
    spark: Type.Union([SparkSizing, Type.Null()]),
    outputDatasetId: Type.Union([Id, Type.Null()]),
    createdBy: Type.Union([Id, Type.Null()]),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    startedAt: Type.Union([Timestamp, Type.Null()]),
    finishedAt: Type.Union([Timestamp, Type.Null()]),
  },
  { title: 'Task' },
);
export type Task = Static<typeof Task>;

export const CreateTaskBody = Type.Object(
  {
    title: Name(200, 'Task title (1..200 characters)'),
    kind: TaskKind,
    status: Type.Optional(TaskStatus),
    notebook: Type.Optional(Type.Union([Notebook, Type.Null()])),
    parameters: Type.Optional(Parameters),
    schedule: Type.Optional(Type.Union([Schedule, Type.Null()])),
    timeZone: Type.Optional(TimeZone),
    timeoutSeconds: Type.Optional(TimeoutSeconds),
    maxRetries: Type.Optional(MaxRetries),
    retryDelaySeconds: Type.Optional(RetryDelaySeconds),
    application: Type.Optional(Type.Union([Application, Type.Null()])),
    arguments: Type.Optional(Arguments),
    spark: Type.Optional(Type.Union([SparkSizing, Type.Null()])),
    outputDatasetId: Type.Optional(OutputDatasetId),
  },
  { additionalProperties: false },
);
export type CreateTaskBody = Static<typeof CreateTaskBody>;

export const UpdateTaskBody = Type.Object(
  {
    title: Type.Optional(Name(200, 'Task title (1..200 characters)')),
    kind: Type.Optional(TaskKind),
    status: Type.Optional(TaskStatus),
    notebook: Type.Optional(Type.Union([Notebook, Type.Null()])),
    parameters: Type.Optional(Parameters),
    schedule: Type.Optional(Type.Union([Schedule, Type.Null()])),
    timeZone: Type.Optional(TimeZone),
    timeoutSeconds: Type.Optional(TimeoutSeconds),
    maxRetries: Type.Optional(MaxRetries),
    retryDelaySeconds: Type.Optional(RetryDelaySeconds),
    application: Type.Optional(Type.Union([Application, Type.Null()])),
    arguments: Type.Optional(Arguments),
    spark: Type.Optional(Type.Union([SparkSizing, Type.Null()])),
    outputDatasetId: Type.Optional(OutputDatasetId),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateTaskBody = Static<typeof UpdateTaskBody>;
