import { EXIT_CODES } from './errors';

export type AwsErrorKind = 'credentials' | 'region' | 'denied' | 'throttled' | 'not-found' | 'failed';

/** Which AWS call failed, to name the missing permission and where it was tried. */
export interface AwsCallContext {
  /** IAM action, e.g. "eks:DescribeCluster". */
  readonly action: string;
  readonly region: string;
  /** The resource the call was about, e.g. the cluster name. */
  readonly resource?: string;
}

/** An AWS call failed; the message says what to do about it. */
export class AwsCallError extends Error {
  readonly exitCode = EXIT_CODES.aws;
  constructor(
    readonly kind: AwsErrorKind,
    readonly action: string,
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'AwsCallError';
  }
}

const CREDENTIAL_ERRORS = new Set(['CredentialsProviderError', 'ProviderError', 'TokenProviderError']);
const INVALID_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidAccessKeyId',
  'AuthFailure',
]);
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedException']);
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ThrottledException',
  'SlowDown',
]);
const NOT_FOUND = new Set([
  'ResourceNotFoundException',
  'DBInstanceNotFound',
  'DBInstanceNotFoundFault',
  'DBSnapshotNotFound',
  'DBSnapshotNotFoundFault',
  'PipelineNotFoundException',
  'PipelineExecutionNotFoundException',
]);
const REGION_ERRORS = new Set(['ENOTFOUND', 'EAI_AGAIN']);

/** Turns an SDK error into an AwsCallError whose message names the action, the cause and the fix. */
export function toAwsCallError(err: unknown, call: AwsCallContext): AwsCallError {
  if (err instanceof AwsCallError) return err;
  const e = err as { name?: string; code?: string; message?: string; $metadata?: { attempts?: number; httpStatusCode?: number } };
  const name = e.name ?? e.code ?? 'Error';
  const detail = e.message ?? String(err);
  const on = call.resource === undefined ? '' : ` on ${call.resource}`;
  if (CREDENTIAL_ERRORS.has(name) || /Could not load credentials|Unable to locate credentials|credential/i.test(name)) {
    return new AwsCallError(
      'credentials',
      call.action,
      `No AWS credentials for ${call.action}: set AWS_PROFILE (then \`aws sso login\` if it is an SSO profile) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or pass --offline to skip the live checks. (${detail})`,
      err,
    );
  }
  if (INVALID_CREDENTIALS.has(name)) {
    return new AwsCallError(
      'credentials',
      call.action,
      `The AWS credentials were rejected for ${call.action} (${name}: ${detail}); refresh them (\`aws sso login\`) or pass --offline.`,
      err,
    );
  }
  if (DENIED.has(name) || e.$metadata?.httpStatusCode === 403) {
    return new AwsCallError(
      'denied',
      call.action,
      `${call.action} denied${on} in ${call.region}: grant ${call.action} to the identity running this command (its IAM role or permission set). AWS said: ${detail}`,
      err,
    );
  }
  if (THROTTLED.has(name)) {
    const attempts = e.$metadata?.attempts;
    return new AwsCallError(
      'throttled',
      call.action,
      `${call.action} was throttled by AWS${attempts === undefined ? '' : ` after ${attempts} attempt(s) with exponential backoff`}; try again in a minute or raise AWS_MAX_ATTEMPTS. (${detail})`,
      err,
    );
  }
  if (NOT_FOUND.has(name)) {
    return new AwsCallError(
      'not-found',
      call.action,
      `${call.action}: ${call.resource ?? 'the resource'} was not found in ${call.region}; is the region right and is the environment deployed? (${detail})`,
      err,
    );
  }
  if (REGION_ERRORS.has(e.code ?? '') || /Invalid region|Region is missing|getaddrinfo/i.test(detail)) {
    return new AwsCallError(
      'region',
      call.action,
      `${call.action} could not reach AWS in region "${call.region}": check the environment's region (context datavis:<env>:region or DATAVIS_<ENV>_REGION). (${detail})`,
      err,
    );
  }
  return new AwsCallError('failed', call.action, `${call.action}${on} failed in ${call.region}: ${name}: ${detail}`, err);
}

/** Runs one SDK call and translates its failure. */
export async function awsCall<T>(call: AwsCallContext, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw toAwsCallError(err, call);
  }
}
