import { readRelease } from '../../lib/config';
import { ReleaseStore } from '../../lib/promotion/release-store';

/** Who and when of the sample history, as the Deployment page shows them. */
export const SAMPLE_HISTORY = {
  stagingPromotion: { at: '2026-05-04T09:12:00.000Z', by: 'ops-alice@example.com' },
  prodPromotion: { at: '2026-05-06T07:30:00.000Z', by: 'ops-bob@example.com', snapshotId: 'datavis-prod-before-promotion-20260506' },
  prodRollback: { at: '2026-05-06T08:05:00.000Z', by: 'ops-bob@example.com', snapshotId: 'datavis-prod-before-rollback-20260506' },
} as const;

/**
 * Writes a history into a copy of the release files with the same ReleaseStore the CLI uses:
 * staging promoted from dev (from what prod runs), then prod promoted from staging and rolled
 * back. The release files end as they were: staging keeps its release, prod its own.
 */
export function recordSampleHistory(dir: string): void {
  const store = new ReleaseStore(dir);
  const staging = readRelease('staging', dir);
  const prod = readRelease('prod', dir);
  store.record({
    action: 'promote',
    env: 'staging',
    ...SAMPLE_HISTORY.stagingPromotion,
    sourceEnv: 'dev',
    from: prod.platformVersion,
    to: staging.platformVersion,
    snapshotId: null,
    previousRelease: prod,
    release: staging,
  });
  store.record({
    action: 'promote',
    env: 'prod',
    ...SAMPLE_HISTORY.prodPromotion,
    sourceEnv: 'staging',
    from: prod.platformVersion,
    to: staging.platformVersion,
    previousRelease: prod,
    release: staging,
  });
  store.record({
    action: 'rollback',
    env: 'prod',
    ...SAMPLE_HISTORY.prodRollback,
    sourceEnv: null,
    from: staging.platformVersion,
    to: prod.platformVersion,
    previousRelease: staging,
    release: prod,
  });
}
