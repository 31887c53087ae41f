import { AwsEnvironmentName, EnvironmentConfig, EnvironmentName, PlatformRelease, loadEnvironmentConfig } from '../config';
import { AwsClients, createAwsClients, destroyAwsClients } from './aws-clients';
import { describeLiveStatus, liveSourceGate, resolveEnvironmentResources } from './aws-checks';
import { contextSettingSource, readCdkContext } from './cdk-context';
import { EXIT_CODES } from './errors';
import { GateResult, checkProdFloor, checkStageOrder, checkVersionOrder, isRefused, passed, refused, skipped } from './gates';
import { HistoryEntry, currentUser, rollbackTarget } from './history';
import { ReleaseFieldChange, diffReleases } from './release-diff';
import { ReleaseStore } from './release-store';
import { SnapshotOptions, createPreChangeSnapshot, snapshotIdentifier } from './snapshot';
import { SynthesisResult, synthesisGate, synthesizeEnvironment } from './synthesis-gate';

/** What a promotion or rollback reads, calls and writes; every part can be replaced in tests. */
export interface PromotionDeps {
  readonly store: ReleaseStore;
  /** Synthesizes the target with a candidate release. @default synthesizeEnvironment with cdk.json context */
  readonly synthesize?: (env: AwsEnvironmentName, release: PlatformRelease) => SynthesisResult;
  /** Clients for an environment's region. @default createAwsClients */
  readonly awsClients?: (region: string) => AwsClients;
  /** The environment's config (for its region). @default loadEnvironmentConfig with cdk.json context */
  readonly config?: (env: AwsEnvironmentName) => EnvironmentConfig;
  readonly now?: () => Date;
  readonly user?: () => string;
  /** Told about each long step as it starts and ends. */
  readonly progress?: (message: string) => void;
  readonly snapshot?: Omit<SnapshotOptions, 'onProgress'>;
}

export interface PromotionOptions {
  /** Skip the live AWS checks (and refuse writes that need AWS: the prod snapshot). */
  readonly offline?: boolean;
  /** Run the gates and report; write nothing, call nothing that changes AWS. */
  readonly dryRun?: boolean;
}

/** Everything decided before anything is written. */
export interface PromotionPlan {
  readonly action: 'promote' | 'rollback';
  readonly env: EnvironmentName;
  readonly sourceEnv: EnvironmentName | null;
  readonly current: PlatformRelease;
  readonly candidate: PlatformRelease;
  readonly changes: ReleaseFieldChange[];
  readonly gates: GateResult[];
  readonly allowed: boolean;
  /** A manual RDS snapshot is taken before writing (prod). */
  readonly snapshotRequired: boolean;
  readonly files: string[];
}

export interface PromotionOutcome {
  readonly plan: PromotionPlan;
  readonly written: boolean;
  readonly entry?: HistoryEntry;
}

/** A gate refused; nothing was written. */
export class RefusedError extends Error {
  readonly exitCode = EXIT_CODES.refused;
  constructor(readonly plan: PromotionPlan) {
    const reasons = plan.gates.filter((g) => g.status === 'refused').map((g) => `${g.gate}: ${g.message}`);
    super(
      `${plan.action === 'promote' ? `Promotion ${plan.sourceEnv} -> ${plan.env}` : `Rollback of ${plan.env}`} refused: ${reasons.join('; ')}`,
    );
    this.name = 'RefusedError';
  }
}

const EARLIER_REFUSAL = 'not run: an earlier gate refused';

/** Runs every gate for promoting `from`'s release into `to`; reads and writes no AWS resource except describing the source. */
export async function planPromotion(
  from: EnvironmentName,
  to: EnvironmentName,
  options: PromotionOptions,
  deps: PromotionDeps,
): Promise<PromotionPlan> {
  const { store } = deps;
  const progress = deps.progress ?? (() => undefined);
  const candidate = store.read(from);
  const current = store.read(to);
  const gates: GateResult[] = [checkStageOrder(from, to)];
  const base = {
    action: 'promote' as const,
    env: to,
    sourceEnv: from,
    current,
    candidate,
    changes: diffReleases(current, candidate),
    files: [] as string[],
  };
  if (isRefused(gates)) {
    gates.push(
      skipped('version-order', EARLIER_REFUSAL),
      skipped('prod-floor', EARLIER_REFUSAL),
      skipped('synthesis', EARLIER_REFUSAL),
      skipped('live-source', EARLIER_REFUSAL),
    );
    return { ...base, gates, allowed: false, snapshotRequired: false };
  }
  const source = from as AwsEnvironmentName;
  const target = to as AwsEnvironmentName;
  gates.push(checkVersionOrder(target, current, candidate), checkProdFloor(target, candidate));
  if (isRefused(gates)) {
    gates.push(skipped('live-source', EARLIER_REFUSAL), skipped('synthesis', EARLIER_REFUSAL));
  } else {
    gates.push(await liveGate(source, candidate, options, deps, progress));
    gates.push(runSynthesis(target, candidate, deps, progress));
  }
  return finishPlan({ ...base, gates }, target, options, store);
}

/** Runs the gates for restoring `env`'s previous release from its history. */
export async function planRollback(env: AwsEnvironmentName, options: PromotionOptions, deps: PromotionDeps): Promise<PromotionPlan> {
  const { store } = deps;
  const progress = deps.progress ?? (() => undefined);
  const current = store.read(env);
  const history = store.history(env);
  const target = rollbackTarget(history);
  const base = { action: 'rollback' as const, env, sourceEnv: null, current, files: [] as string[] };
  if (target === undefined) {
    const gates = [
      refused(
        'history',
        `no promotion of ${env} is left in ${relativeHistory(env)} to roll back; ${env} runs ${current.platformVersion} as first recorded`,
      ),
      skipped('prod-floor', EARLIER_REFUSAL),
      skipped('synthesis', EARLIER_REFUSAL),
    ];
    return { ...base, candidate: current, changes: [], gates, allowed: false, snapshotRequired: false };
  }
  const gates: GateResult[] = [];
  const last = history[history.length - 1];
  if (JSON.stringify(last.release) !== JSON.stringify(current)) {
    gates.push(
      refused(
        'history',
        `releases/${env}.json no longer matches the last release recorded in ${relativeHistory(env)} (${last.release.platformVersion}, ${last.at}); it was changed by hand: restore it or promote into ${env} normally`,
        diffReleases(last.release, current).map((c) => `${c.field}: recorded ${c.from}, file has ${c.to}`),
      ),
    );
  } else {
    gates.push(passed('history', `restores ${target.platformVersion}, the release ${env} ran before ${current.platformVersion}`));
  }
  gates.push(checkProdFloor(env, target));
  gates.push(isRefused(gates) ? skipped('synthesis', EARLIER_REFUSAL) : runSynthesis(env, target, deps, progress));
  return finishPlan({ ...base, candidate: target, changes: diffReleases(current, target), gates }, env, options, store);
}

/** Applies an allowed plan: the prod snapshot first, then the release file and its history line together. */
export async function executePlan(plan: PromotionPlan, options: PromotionOptions, deps: PromotionDeps): Promise<PromotionOutcome> {
  if (!plan.allowed) throw new RefusedError(plan);
  if (options.dryRun) return { plan, written: false };
  const env = plan.env as AwsEnvironmentName;
  const now = (deps.now ?? (() => new Date()))();
  let snapshotId: string | null = null;
  if (plan.snapshotRequired) {
    const progress = deps.progress ?? (() => undefined);
    const clients = clientsFor(env, deps);
    try {
      const { databaseInstanceId } = await resolveEnvironmentResources(clients, env);
      const id = snapshotIdentifier(env, plan.current.platformVersion, now);
      progress(`Creating RDS snapshot ${id} of ${databaseInstanceId} before changing ${env}...`);
      const started = Date.now();
      snapshotId = await createPreChangeSnapshot(clients, databaseInstanceId, id, { ...deps.snapshot, onProgress: progress });
      progress(`Snapshot ${snapshotId} is available (${seconds(started)}).`);
    } finally {
      destroyAwsClients(clients);
    }
  }
  const entry: HistoryEntry = {
    action: plan.action,
    env,
    at: now.toISOString(),
    by: (deps.user ?? currentUser)(),
    sourceEnv: plan.sourceEnv as AwsEnvironmentName | null,
    from: plan.current.platformVersion,
    to: plan.candidate.platformVersion,
    snapshotId,
    previousRelease: plan.current,
    release: plan.candidate,
  };
  deps.store.record(entry);
  return { plan, written: true, entry };
}

function finishPlan(
  plan: Omit<PromotionPlan, 'allowed' | 'snapshotRequired'>,
  env: AwsEnvironmentName,
  options: PromotionOptions,
  store: ReleaseStore,
): PromotionPlan {
  const gates = [...plan.gates];
  const snapshotRequired = env === 'prod';
  if (snapshotRequired && options.offline && !options.dryRun) {
    gates.push(
      refused(
        'snapshot',
        `changing prod takes a manual RDS snapshot first, which needs AWS: run without --offline (or preview with --dry-run)`,
      ),
    );
  }
  return {
    ...plan,
    gates,
    allowed: !isRefused(gates),
    snapshotRequired,
    files: [store.releaseFile(env), store.historyFile(env)],
  };
}

async function liveGate(
  source: AwsEnvironmentName,
  release: PlatformRelease,
  options: PromotionOptions,
  deps: PromotionDeps,
  progress: (m: string) => void,
): Promise<GateResult> {
  if (options.offline) return skipped('live-source', `--offline: ${source}'s cluster and database were not checked`);
  const clients = clientsFor(source, deps);
  try {
    progress(`Checking ${source} in ${clients.region}: EKS cluster, node groups, RDS instance...`);
    const resources = await resolveEnvironmentResources(clients, source);
    const live = await describeLiveStatus(clients, resources);
    return liveSourceGate(source, release, live);
  } finally {
    destroyAwsClients(clients);
  }
}

function runSynthesis(env: AwsEnvironmentName, release: PlatformRelease, deps: PromotionDeps, progress: (m: string) => void): GateResult {
  const synthesize = deps.synthesize ?? ((e, r) => synthesizeEnvironment(e, r));
  progress(`Synthesizing ${env} with ${release.platformVersion} (cdk-nag AwsSolutions + CloudFormation Validate)...`);
  const started = Date.now();
  const result = synthesisGate(env, synthesize(env, release));
  progress(`Synthesis of ${env} ${result.status} (${seconds(started)}).`);
  return result;
}

function clientsFor(env: AwsEnvironmentName, deps: PromotionDeps): AwsClients {
  const config = deps.config ?? defaultConfig(deps.store);
  const region = config(env).region;
  return (deps.awsClients ?? ((r: string) => createAwsClients(r)))(region);
}

function defaultConfig(store: ReleaseStore): (env: AwsEnvironmentName) => EnvironmentConfig {
  const context = readCdkContext();
  return (env) => loadEnvironmentConfig(env, { source: contextSettingSource(context), releasesDir: store.dir });
}

function relativeHistory(env: AwsEnvironmentName): string {
  return `releases/history/${env}.jsonl`;
}

function seconds(started: number): string {
  return `${((Date.now() - started) / 1000).toFixed(1)} s`;
}
