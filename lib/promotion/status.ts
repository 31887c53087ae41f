import {
  AwsEnvironmentName,
  ENVIRONMENT_NAMES,
  EnvironmentConfig,
  EnvironmentName,
  PlatformRelease,
  loadEnvironmentConfig,
} from '../config';
import { AwsClients, createAwsClients, destroyAwsClients } from './aws-clients';
import { LiveStatus, describeLiveStatus, resolveEnvironmentResources } from './aws-checks';
import { AwsCallError, AwsErrorKind } from './aws-errors';
import { contextSettingSource, readCdkContext } from './cdk-context';
import { HistoryAction } from './history';
import { ReleaseStore } from './release-store';

export type LiveState =
  | ({ readonly state: 'ok' } & LiveStatus)
  | { readonly state: 'unavailable'; readonly kind: AwsErrorKind; readonly reason: string }
  | { readonly state: 'skipped'; readonly reason: string };

export interface EnvironmentStatus {
  readonly env: EnvironmentName;
  readonly region: string | null;
  readonly release: PlatformRelease;
  readonly lastChange: {
    readonly action: HistoryAction;
    readonly at: string;
    readonly by: string;
    readonly from: string;
    readonly to: string;
  } | null;
  readonly live: LiveState;
}

export interface StatusOptions {
  readonly store: ReleaseStore;
  /** Do not call AWS at all. */
  readonly offline?: boolean;
  readonly awsClients?: (region: string) => AwsClients;
  readonly config?: (env: AwsEnvironmentName) => EnvironmentConfig;
}

/**
 * Each environment's pinned release, its last recorded change and, unless offline, what runs
 * in AWS. An AWS failure (no credentials, denied...) is reported per environment, not thrown.
 */
export async function environmentStatuses(
  envs: readonly EnvironmentName[] = ENVIRONMENT_NAMES,
  options: StatusOptions,
): Promise<EnvironmentStatus[]> {
  const { store } = options;
  const config = options.config ?? defaultConfig(store);
  const statuses: EnvironmentStatus[] = [];
  for (const env of envs) {
    const release = store.read(env);
    if (env === 'local') {
      statuses.push({
        env,
        region: null,
        release,
        lastChange: null,
        live: { state: 'skipped', reason: 'local runs on a laptop Kubernetes cluster, not in AWS' },
      });
      continue;
    }
    const history = store.history(env);
    const last = history[history.length - 1];
    const lastChange = last === undefined ? null : { action: last.action, at: last.at, by: last.by, from: last.from, to: last.to };
    const region = config(env).region;
    const live = options.offline ? ({ state: 'skipped', reason: '--offline' } as const) : await liveState(env, region, options);
    statuses.push({ env, region, release, lastChange, live });
  }
  return statuses;
}

async function liveState(env: AwsEnvironmentName, region: string, options: StatusOptions): Promise<LiveState> {
  const clients = (options.awsClients ?? ((r: string) => createAwsClients(r)))(region);
  try {
    const resources = await resolveEnvironmentResources(clients, env);
    return { state: 'ok', ...(await describeLiveStatus(clients, resources)) };
  } catch (err) {
    if (err instanceof AwsCallError) return { state: 'unavailable', kind: err.kind, reason: err.message };
    throw err;
  } finally {
    destroyAwsClients(clients);
  }
}

function defaultConfig(store: ReleaseStore): (env: AwsEnvironmentName) => EnvironmentConfig {
  const context = readCdkContext();
  return (env) => loadEnvironmentConfig(env, { source: contextSettingSource(context), releasesDir: store.dir });
}
