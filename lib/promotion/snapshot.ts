import { CreateDBSnapshotCommand, waitUntilDBSnapshotAvailable } from '@aws-sdk/client-rds';
import { AwsEnvironmentName } from '../config';
import { AwsClients } from './aws-clients';
import { AwsCallError, awsCall } from './aws-errors';

export interface SnapshotOptions {
  /** Seconds between status polls (the waiter backs off up to maxDelaySeconds). @default 15 */
  readonly minDelaySeconds?: number;
  /** @default 60 */
  readonly maxDelaySeconds?: number;
  /** Give up waiting after this many seconds. @default 3600 */
  readonly maxWaitSeconds?: number;
  /** Told each time the snapshot is polled. */
  readonly onProgress?: (message: string) => void;
}

/** An RDS snapshot identifier: letters, digits and single hyphens, starting with a letter. */
export function snapshotIdentifier(env: AwsEnvironmentName, version: string, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'z')
    .toLowerCase();
  const safeVersion = version.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return `datavis-${env}-pre-${safeVersion}-${stamp}`.replace(/-+/g, '-').replace(/-$/, '');
}

/**
 * Takes a manual snapshot of the environment's database before its release changes, and
 * waits until it is available. Returns the snapshot identifier.
 */
export async function createPreChangeSnapshot(
  clients: AwsClients,
  dbInstanceId: string,
  snapshotId: string,
  options: SnapshotOptions = {},
): Promise<string> {
  const region = clients.region;
  await awsCall({ action: 'rds:CreateDBSnapshot', region, resource: `DB instance ${dbInstanceId}` }, () =>
    clients.rds.send(
      new CreateDBSnapshotCommand({
        DBInstanceIdentifier: dbInstanceId,
        DBSnapshotIdentifier: snapshotId,
        Tags: [{ Key: 'created-by', Value: 'datavis-platform promotion' }],
      }),
    ),
  );
  options.onProgress?.(`snapshot ${snapshotId} requested; waiting until it is available`);
  const result = await awsCall({ action: 'rds:DescribeDBSnapshots', region, resource: `snapshot ${snapshotId}` }, () =>
    waitUntilDBSnapshotAvailable(
      {
        client: clients.rds,
        minDelay: options.minDelaySeconds ?? 15,
        maxDelay: options.maxDelaySeconds ?? 60,
        maxWaitTime: options.maxWaitSeconds ?? 3600,
      },
      { DBSnapshotIdentifier: snapshotId },
    ),
  );
  if (result.state !== 'SUCCESS') {
    throw new AwsCallError(
      'failed',
      'rds:DescribeDBSnapshots',
      `Snapshot ${snapshotId} of ${dbInstanceId} did not become available (${result.state}${result.reason ? `: ${JSON.stringify(result.reason)}` : ''}); nothing was written.`,
    );
  }
  return snapshotId;
}
