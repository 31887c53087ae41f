import { Type, type Static } from '@sinclair/typebox';
import { RUN_BACKENDS, RUN_STATUSES, RUN_TRIGGERS } from '../../../schema/vocabulary';
import { Id, StringEnum, Timestamp } from './common.schema';
import { Parameters } from './task.schema';

export const Run = Type.Object(
  {
    id: Id,
    taskId: Id,
    projectId: Id,
    number: Type.Integer({ minimum: 1, description: '1, 2, 3... per task' }),
    trigger: StringEnum(RUN_TRIGGERS),
    attempt: Type.Integer({ minimum: 1, description: '1 for the first try; a retry is the next attempt' }),
    status: StringEnum(RUN_STATUSES),
    parameters: Type.Record(Type.String(), Type.Unknown()),
    backend: StringEnum(RUN_BACKENDS),
    message: Type.Union([Type.String(), Type.Null()], { description: 'Why a run failed, timed out or was cancelled' }),
    createdBy: Type.Union([Id, Type.Null()]),
    createdAt: Timestamp,
    startedAt: Type.Union([Timestamp, Type.Null()]),
    finishedAt: Type.Union([Timestamp, Type.Null()]),
    outputAvailable: Type.Boolean({ description: 'GET /api/runs/:id/output has the executed notebook' }),
    outputDatasetVersion: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
      description: "The version of the task's output dataset this run added",
    }),
    links: Type.Object({
      self: Type.String(),
      task: Type.String(),
      logs: Type.String(),
      output: Type.String(),
    }),
  },
  { title: 'Run' },
);
export type Run = Static<typeof Run>;

export const StartRunBody = Type.Union(
  [
    Type.Object(
      { parameters: Type.Optional(Parameters) },
      { additionalProperties: false, description: "Overrides of the task's parameters for this run" },
    ),
    Type.Null(),
  ],
  { default: null },
);
export type StartRunBody = Static<typeof StartRunBody>;

export const LogsQuery = Type.Object({
  tail: Type.Integer({ minimum: 1, maximum: 10000, default: 200, description: 'How many last lines (1..10000)' }),
});

export const OutputQuery = Type.Object({
  format: Type.Union([Type.Literal('html'), Type.Literal('ipynb')], { default: 'html' }),
});

export const NextFireTimesQuery = Type.Object({
  count: Type.Integer({ minimum: 1, maximum: 50, default: 5 }),
});

export const NextFireTimes = Type.Object(
  {
    schedule: Type.Union([Type.String(), Type.Null()]),
    timeZone: Type.String(),
    fireTimes: Type.Array(Timestamp, { description: 'Next fire times, as UTC instants; empty without a schedule' }),
  },
  { title: 'NextFireTimes' },
);
export type NextFireTimes = Static<typeof NextFireTimes>;
