import type { AwsEnvironmentName } from '../../../lib/config/environment-name';
import type { ReleaseStore } from '../../../lib/promotion/release-store';
import type { AppContext, Principal } from '../context';
import { forbidden } from '../errors';
import type { PipelineOverview, PlatformEnvironments } from '../routes/platform/platform.schema';

/** Environment variables through which the AWS SDK finds credentials without the instance metadata service. */
const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
] as const;

/** The newest history entries an environment's answer carries. */
const HISTORY_LIMIT = 50;

/**
 * A page waits for these calls: fewer attempts than the CLI's default and bounded sockets,
 * so an unreachable AWS endpoint costs seconds, not minutes.
 */
const PAGE_AWS_OPTIONS = {
  maxAttempts: 3,
  clientConfig: { requestHandler: { connectionTimeout: 3000, requestTimeout: 10_000 } },
};

const NO_CREDENTIALS = 'the server has no AWS credentials';

/**
 * Whether the server has AWS credentials to read live status with: in EKS, Pod Identity sets
 * AWS_CONTAINER_CREDENTIALS_FULL_URI and IRSA sets AWS_WEB_IDENTITY_TOKEN_FILE.
 */
export function hasAwsCredentials(env: NodeJS.ProcessEnv = process.env): boolean {
  return CREDENTIAL_VARIABLES.some((name) => (env[name] ?? '') !== '');
}

function requireAdmin(principal: Principal): void {
  if (principal.role !== 'admin') throw forbidden('only admins may see platform environments');
}

/** Where the answers come from: the configured release folder and the process environment, unless given. */
export interface PlatformSources {
  readonly store?: ReleaseStore;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Every environment's pinned release, history and the CLI command to roll it back; the
 * differences between adjacent stages with the command that promotes; and the live status
 * where the server has AWS credentials (an AWS failure is reported per environment, not
 * raised). Admin only. The release tooling and the AWS SDK clients it uses are loaded on the
 * first call: most processes never serve this page, and they would hold ~25 MB more memory.
 */
export async function listPlatformEnvironments(
  ctx: AppContext,
  principal: Principal,
  sources: PlatformSources = {},
): Promise<PlatformEnvironments> {
  requireAdmin(principal);
  const env = sources.env ?? process.env;
  const [{ AWS_ENVIRONMENT_NAMES, ENVIRONMENT_NAMES }, releaseStore, { environmentStatuses }, diff, cli, history, awsClients] =
    await Promise.all([
      import('../../../lib/config'),
      import('../../../lib/promotion/release-store'),
      import('../../../lib/promotion/status'),
      import('../../../lib/promotion/release-diff'),
      import('../../../lib/promotion/cli-commands'),
      import('../../../lib/promotion/history'),
      import('../../../lib/promotion/aws-clients'),
    ]);
  const store = sources.store ?? new releaseStore.ReleaseStore(ctx.config.platform.releasesDir);
  const live = hasAwsCredentials(env);
  const statuses = await environmentStatuses(ENVIRONMENT_NAMES, {
    store,
    offline: !live,
    awsClients: (region) => awsClients.createAwsClients(region, PAGE_AWS_OPTIONS),
  });
  const releases = new Map(statuses.map((s) => [s.env, s.release]));
  return {
    environments: statuses.map((s) => {
      const entries = s.env === 'local' ? [] : store.history(s.env);
      const canRollBack = s.env !== 'local' && history.rollbackTarget(entries) !== undefined;
      return {
        name: s.env,
        region: s.region,
        release: s.release,
        lastChange: s.lastChange,
        history: entries
          .slice(-HISTORY_LIMIT)
          .reverse()
          .map((e) => ({ action: e.action, at: e.at, by: e.by, sourceEnv: e.sourceEnv, from: e.from, to: e.to, snapshotId: e.snapshotId })),
        historyTotal: entries.length,
        rollbackCommand: canRollBack ? cli.rollbackCommand(s.env as AwsEnvironmentName) : null,
        live: s.live.state === 'skipped' && s.env !== 'local' ? { state: 'skipped', reason: NO_CREDENTIALS } : s.live,
      };
    }),
    promotions: AWS_ENVIRONMENT_NAMES.slice(1).map((target, index) => {
      const source = AWS_ENVIRONMENT_NAMES[index];
      const command = cli.promoteCommand(source, target);
      // What promoting changes: the target's value -> the source's, as `platform diff` prints it.
      const changes = diff.diffReleases(releases.get(target)!, releases.get(source)!);
      return {
        source,
        target,
        changes: changes.map((c) => ({ field: c.field, from: c.from ?? null, to: c.to ?? null })),
        command,
        dryRunCommand: cli.dryRun(command),
      };
    }),
    checkedAt: new Date().toISOString(),
  };
}

/**
 * The delivery pipeline (`Datavis-Pipeline`, in the pipeline's region): its stages and last
 * execution, or why they cannot be read (no credentials, not deployed, denied). Admin only.
 */
export async function readPipeline(_ctx: AppContext, principal: Principal, sources: PlatformSources = {}): Promise<PipelineOverview> {
  requireAdmin(principal);
  const env = sources.env ?? process.env;
  const checkedAt = new Date().toISOString();
  if (!hasAwsCredentials(env)) return { state: 'skipped', reason: NO_CREDENTIALS, checkedAt };
  const [pipeline, settings, { readCdkContext }] = await Promise.all([
    import('../../../lib/promotion/pipeline-status'),
    import('../../../lib/promotion/pipeline-settings'),
    import('../../../lib/promotion/cdk-context'),
  ]);
  const context = readCdkContext();
  let region: string;
  try {
    region = settings.pipelineRegion((key) => context[key], env);
  } catch (err) {
    return { state: 'unavailable', kind: 'region', reason: (err as Error).message, checkedAt };
  }
  const clients = pipeline.createPipelineClients(region, PAGE_AWS_OPTIONS);
  try {
    return { ...(await pipeline.pipelineState(clients)), checkedAt };
  } finally {
    pipeline.destroyPipelineClients(clients);
  }
}
