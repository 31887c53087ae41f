import * as semver from 'semver';
import { AWS_ENVIRONMENT_NAMES, AwsEnvironmentName, ENVIRONMENT_NAMES, PlatformRelease } from '../config';
import { UsageError } from './errors';

export type GateName = 'stage-order' | 'version-order' | 'prod-floor' | 'synthesis' | 'live-source' | 'history' | 'snapshot';
export type GateStatus = 'passed' | 'refused' | 'skipped';

/** The outcome of one gate; `details` lists findings such as cdk-nag violations. */
export interface GateResult {
  readonly gate: GateName;
  readonly status: GateStatus;
  readonly message: string;
  readonly details?: string[];
}

export const PROD_MINIMUM_VERSION = '1.0.0';

/** Parses an environment name given on the command line. `local` is accepted here and refused by the stage gate. */
export function parseCliEnvironment(option: string, value: string): AwsEnvironmentName | 'local' {
  if (!(ENVIRONMENT_NAMES as readonly string[]).includes(value)) {
    throw new UsageError(`${option} is "${value}"; allowed: ${ENVIRONMENT_NAMES.join(', ')}`);
  }
  return value as AwsEnvironmentName | 'local';
}

export function requireAwsEnvironment(option: string, value: string): AwsEnvironmentName {
  const env = parseCliEnvironment(option, value);
  if (env === 'local') {
    throw new UsageError(
      `${option} is "local"; local is not part of the AWS chain (${AWS_ENVIRONMENT_NAMES.join(' -> ')}): allowed: ${AWS_ENVIRONMENT_NAMES.join(', ')}`,
    );
  }
  return env;
}

/** A release moves one stage at a time: dev -> staging -> prod. */
export function checkStageOrder(from: string, to: string): GateResult {
  const chain = AWS_ENVIRONMENT_NAMES.join(' -> ');
  const fromIndex = (AWS_ENVIRONMENT_NAMES as readonly string[]).indexOf(from);
  const toIndex = (AWS_ENVIRONMENT_NAMES as readonly string[]).indexOf(to);
  if (fromIndex < 0 || toIndex < 0) {
    const which = fromIndex < 0 ? from : to;
    return refused('stage-order', `${which} is not part of the AWS promotion chain ${chain}`);
  }
  if (toIndex !== fromIndex + 1) {
    const expectedSource = toIndex > 0 ? AWS_ENVIRONMENT_NAMES[toIndex - 1] : undefined;
    const why =
      toIndex <= fromIndex
        ? `${to} comes before ${from} in ${chain}; promotion only moves forward (use rollback to go back)`
        : `promoting ${from} to ${to} skips ${AWS_ENVIRONMENT_NAMES.slice(fromIndex + 1, toIndex).join(', ')}`;
    return refused('stage-order', `${why}; ${to} takes releases from ${expectedSource ?? 'no environment (it is the first stage)'} only`);
  }
  return passed('stage-order', `${from} -> ${to} is the next stage of ${chain}`);
}

/** The candidate must be newer than what the target runs; going back is `rollback`'s job. */
export function checkVersionOrder(to: AwsEnvironmentName, current: PlatformRelease, candidate: PlatformRelease): GateResult {
  const have = current.platformVersion;
  const want = candidate.platformVersion;
  if (semver.eq(want, have)) {
    return refused('version-order', `${to} already runs ${have}; a promotion must raise the platform version`);
  }
  if (semver.lt(want, have)) {
    return refused('version-order', `${want} is older than ${have} that ${to} runs; downgrades go through \`rollback --env ${to}\``);
  }
  return passed('version-order', `${want} is newer than ${have}`);
}

/** prod runs 1.0.0 and up. */
export function checkProdFloor(to: AwsEnvironmentName, candidate: PlatformRelease): GateResult {
  if (to !== 'prod') return passed('prod-floor', `${to} takes any version`);
  if (semver.lt(candidate.platformVersion, PROD_MINIMUM_VERSION)) {
    return refused('prod-floor', `prod runs ${PROD_MINIMUM_VERSION} or later; ${candidate.platformVersion} is below it`);
  }
  return passed('prod-floor', `${candidate.platformVersion} >= ${PROD_MINIMUM_VERSION}`);
}

export function passed(gate: GateName, message: string, details?: string[]): GateResult {
  return { gate, status: 'passed', message, details };
}

export function refused(gate: GateName, message: string, details?: string[]): GateResult {
  return { gate, status: 'refused', message, details };
}

export function skipped(gate: GateName, message: string): GateResult {
  return { gate, status: 'skipped', message };
}

export function isRefused(results: readonly GateResult[]): boolean {
  return results.some((r) => r.status === 'refused');
}
