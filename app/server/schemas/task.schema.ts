import { Type, type Static } from '@sinclair/typebox';
import { TASK_KINDS, TASK_STATUSES } from '../../../schema/vocabulary';
import { Id, Name, StringEnum, Timestamp } from './common.schema';

export const TaskKind = StringEnum(TASK_KINDS);
export const TaskStatus = StringEnum(TASK_STATUSES);

const Parameters = Type.Record(Type.String({ maxLength: 200 }), Type.Unknown(), {
  maxProperties: 200,
  description: 'Notebook/Spark parameters as a JSON object (at most 64 KiB serialized)',
});
const Notebook = Type.String({
  minLength: 1,
  maxLength: 500,
  pattern: '^(?!.*\\.\\.)[A-Za-z0-9_./-]+\\.ipynb$',
  description: 'Relative path of a .ipynb file',
});
const Schedule = Type.String({
  maxLength: 100,
  pattern: '^(@(yearly|annually|monthly|weekly|daily|hourly)|[0-9A-Za-z*/,?#LW-]+( [0-9A-Za-z*/,?#LW-]+){4,5})$',
  description: 'Cron expression (5 or 6 fields) or @daily-style macro',
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
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateTaskBody = Static<typeof UpdateTaskBody>;
