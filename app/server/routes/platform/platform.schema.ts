import { Type, type Static } from '@sinclair/typebox';
import { PlatformReleaseSchema } from '../../../../lib/config/release-schema';
import { StringEnum, Timestamp } from '../../schemas/common.schema';

// The release is the release file's own schema (lib/config/release-schema.ts): a new pin
// appears here, in the OpenAPI document and in the UI's generated types without a second edit.

const EnvironmentName = StringEnum(['local', 'dev', 'staging', 'prod'] as const);
const AwsEnvironmentName = StringEnum(['dev', 'staging', 'prod'] as const);
const HistoryAction = StringEnum(['promote', 'rollback'] as const);

const LastChange = Type.Object({
  action: HistoryAction,
  at: Timestamp,
  by: Type.String(),
  from: Type.String(),
  to: Type.String(),
});

const HistoryEntry = Type.Object({
  action: HistoryAction,
  at: Timestamp,
  by: Type.String({ description: 'Who ran the CLI: git user.email, else the login name' }),
  sourceEnv: Type.Union([AwsEnvironmentName, Type.Null()], { description: 'The stage promoted from; null for a rollback' }),
  from: Type.String({ description: 'Platform version before' }),
  to: Type.String({ description: 'Platform version after' }),
  snapshotId: Type.Union([Type.String(), Type.Null()], { description: 'Manual RDS snapshot taken before the change (prod)' }),
});

const Nodegroup = Type.Object({ name: Type.String(), status: Type.String(), healthy: Type.Boolean(), issues: Type.Array(Type.String()) });

const LiveOk = Type.Object({
  state: Type.Literal('ok'),
  cluster: Type.Object({ name: Type.String(), status: Type.String(), version: Type.String(), nodegroups: Type.Array(Nodegroup) }),
  database: Type.Object({ id: Type.String(), status: Type.String(), engineVersion: Type.String() }),
});
export const AwsUnavailable = Type.Object({
  state: Type.Literal('unavailable'),
  kind: StringEnum(['credentials', 'region', 'denied', 'throttled', 'not-found', 'failed'] as const),
  reason: Type.String({ description: 'What failed and what to do about it' }),
});
export const AwsSkipped = Type.Object({ state: Type.Literal('skipped'), reason: Type.String() });

export const PlatformEnvironment = Type.Object({
  name: EnvironmentName,
  region: Type.Union([Type.String(), Type.Null()]),
  release: PlatformReleaseSchema,
  lastChange: Type.Union([LastChange, Type.Null()]),
  history: Type.Array(HistoryEntry, { description: 'Recorded promotions and rollbacks, newest first (at most 50)' }),
  historyTotal: Type.Integer({ minimum: 0, description: 'How many changes the history file holds' }),
  rollbackCommand: Type.Union([Type.String(), Type.Null()], {
    description: 'The CLI command that restores the release before the last promotion; null when nothing is left to roll back',
  }),
  live: Type.Union([LiveOk, AwsUnavailable, AwsSkipped], {
    description: 'What runs in AWS: ok, unavailable (with why), or skipped (local, or the server has no AWS credentials)',
  }),
});

const ReleaseFieldChange = Type.Object({
  field: Type.String({ description: 'Dotted path in the release file, e.g. images.webApp' }),
  from: Type.Union([Type.String(), Type.Null()], { description: 'What the target stage runs now' }),
  to: Type.Union([Type.String(), Type.Null()], { description: 'What it would run after the promotion' }),
});

export const StagePromotion = Type.Object({
  source: AwsEnvironmentName,
  target: AwsEnvironmentName,
  changes: Type.Array(ReleaseFieldChange, { description: "Field-by-field differences, the target's value -> the source's" }),
  command: Type.String({ description: 'The CLI command that promotes the source into the target (a reviewed change in git)' }),
  dryRunCommand: Type.String(),
});

export const PlatformEnvironments = Type.Object({
  environments: Type.Array(PlatformEnvironment, { description: 'local, dev, staging, prod in promotion order' }),
  promotions: Type.Array(StagePromotion, { description: 'Adjacent stages: dev -> staging, staging -> prod' }),
  checkedAt: Timestamp,
});
export type PlatformEnvironments = Static<typeof PlatformEnvironments>;

export const PipelineOverview = Type.Union(
  [
    Type.Object({
      state: Type.Literal('ok'),
      name: Type.String(),
      region: Type.String(),
      stages: Type.Array(
        Type.Object({
          name: Type.String(),
          status: Type.Union([Type.String(), Type.Null()], { description: "The latest execution's status in this stage" }),
          executionId: Type.Union([Type.String(), Type.Null()]),
        }),
      ),
      currentStage: Type.Union([Type.String(), Type.Null()], { description: 'The stage in progress, if any' }),
      lastExecution: Type.Union([
        Type.Object({
          id: Type.String(),
          status: Type.String(),
          statusSummary: Type.Union([Type.String(), Type.Null()]),
          startedAt: Type.Union([Timestamp, Type.Null()]),
          updatedAt: Type.Union([Timestamp, Type.Null()]),
          revision: Type.Union([Type.String(), Type.Null()], { description: 'The commit it deploys' }),
          revisionSummary: Type.Union([Type.String(), Type.Null()]),
        }),
        Type.Null(),
      ]),
      checkedAt: Timestamp,
    }),
    Type.Object({ ...AwsUnavailable.properties, checkedAt: Timestamp }),
    Type.Object({ ...AwsSkipped.properties, checkedAt: Timestamp }),
  ],
  { description: "The delivery pipeline's stages and last execution, or why they cannot be read" },
);
export type PipelineOverview = Static<typeof PipelineOverview>;
