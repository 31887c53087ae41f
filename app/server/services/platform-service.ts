import type { ReleaseStore } from '../../../lib/promotion/release-store';
import type { AppContext, Principal } from '../context';
import { forbidden } from '../errors';
import type { PlatformEnvironments } from '../routes/platform/platform.schema';

/** Environment variables through which the AWS SDK finds credentials without the instance metadata service. */
const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
] as const;

/**
 * Whether the server has AWS credentials to read live status with: in EKS, Pod Identity sets
 * AWS_CONTAINER_CREDENTIALS_FULL_URI and IRSA sets AWS_WEB_IDENTITY_TOKEN_FILE.
 */
export function hasAwsCredentials(env: NodeJS.ProcessEnv = process.env): boolean {
  return CREDENTIAL_VARIABLES.some((name) => (env[name] ?? '') !== '');
}

/**
 * Every environment's pinned release and last recorded change, plus its live status where
 * the server has AWS credentials (an AWS failure is reported per environment, not raised).
 * Admin only. The release tooling and the AWS SDK clients it uses are loaded on the first
 * call: most processes never serve this page, and they would hold ~25 MB more memory.
 */
export async function listPlatformEnvironments(
  _ctx: AppContext,
  principal: Principal,
  store?: ReleaseStore,
  env: NodeJS.ProcessEnv = process.env,
): Promise<PlatformEnvironments> {
  if (principal.role !== 'admin') throw forbidden('only admins may see platform environments');
  const [{ ENVIRONMENT_NAMES }, releaseStore, { environmentStatuses }] = await Promise.all([
    import('../../../lib/config'),
    import('../../../lib/promotion/release-store'),
    import('../../../lib/promotion/status'),
  ]);
  store ??= new releaseStore.ReleaseStore();
  const live = hasAwsCredentials(env);
  const statuses = await environmentStatuses(ENVIRONMENT_NAMES, { store, offline: !live });
  return {
    environments: statuses.map((s) => ({
      name: s.env,
      region: s.region,
      release: s.release,
      lastChange: s.lastChange,
      live: s.live.state === 'skipped' && s.env !== 'local' ? { state: 'skipped', reason: 'the server has no AWS credentials' } : s.live,
    })),
    checkedAt: new Date().toISOString(),
  };
}
