import { Type, type Static } from '@sinclair/typebox';
import { StringEnum, Timestamp } from '../../schemas/common.schema';

const Release = Type.Object(
  {
    platformVersion: Type.String({ description: 'Semantic version of the platform' }),
    gitCommit: Type.String({ description: 'Commit the release was cut from' }),
    images: Type.Object({
      webApp: Type.String(),
      notebookRunner: Type.String(),
      spark: Type.String(),
      jupyterSingleUser: Type.String(),
      clusterAutoscaler: Type.String(),
    }),
    charts: Type.Object({
      sparkOperator: Type.String(),
      jupyterhub: Type.String(),
      awsLoadBalancerController: Type.String(),
      clusterAutoscaler: Type.String(),
      externalSecrets: Type.String(),
      externalDns: Type.String(),
      reloader: Type.String(),
      headlamp: Type.String(),
    }),
    eksAddons: Type.Object({
      cloudwatchObservability: Type.String(),
    }),
    kubernetesVersion: Type.String(),
    rdsEngineVersion: Type.String(),
  },
  { description: 'What the environment pins in its checked-in release file' },
);

const LastChange = Type.Object({
  action: StringEnum(['promote', 'rollback'] as const),
  at: Timestamp,
  by: Type.String(),
  from: Type.String(),
  to: Type.String(),
});

const Nodegroup = Type.Object({ name: Type.String(), status: Type.String(), healthy: Type.Boolean(), issues: Type.Array(Type.String()) });

const LiveOk = Type.Object({
  state: Type.Literal('ok'),
  cluster: Type.Object({ name: Type.String(), status: Type.String(), version: Type.String(), nodegroups: Type.Array(Nodegroup) }),
  database: Type.Object({ id: Type.String(), status: Type.String(), engineVersion: Type.String() }),
});
const LiveUnavailable = Type.Object({
  state: Type.Literal('unavailable'),
  kind: StringEnum(['credentials', 'region', 'denied', 'throttled', 'not-found', 'failed'] as const),
  reason: Type.String(),
});
const LiveSkipped = Type.Object({ state: Type.Literal('skipped'), reason: Type.String() });

export const PlatformEnvironment = Type.Object({
  name: StringEnum(['local', 'dev', 'staging', 'prod'] as const),
  region: Type.Union([Type.String(), Type.Null()]),
  release: Release,
  lastChange: Type.Union([LastChange, Type.Null()]),
  live: Type.Union([LiveOk, LiveUnavailable, LiveSkipped], {
    description: 'What runs in AWS: ok, unavailable (with why), or skipped (local, or the server has no AWS credentials)',
  }),
});

export const PlatformEnvironments = Type.Object({
  environments: Type.Array(PlatformEnvironment, { description: 'local, dev, staging, prod in promotion order' }),
  checkedAt: Timestamp,
});
export type PlatformEnvironments = Static<typeof PlatformEnvironments>;
