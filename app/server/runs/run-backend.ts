import type { RunBackend } from '../../../schema/vocabulary';
import type { RunObservation } from './run-state';

/**
 * What a run backend reports: run `runId` was observed in a new state. The runs service applies
 * it with `transition()` (run-state.ts), which ignores a repeated observation, and publishes
 * run.updated after the commit.
 */
export interface RunUpdate {
  readonly runId: string;
  readonly observation: RunObservation;
}

/** Where a backend runs things: the `backend` column of a run. */
export type RunBackendKind = RunBackend;
