import type { EventEmitter } from 'node:events';
import type { JsonValue } from '../../../charts/notebooks/notebook-parameters';
import type { RunRow } from '../../../schema/runs.table';
import type { TaskRow } from '../../../schema/tasks.table';
import type { RunBackend } from '../../../schema/vocabulary';
import type { RunSource } from '../services/notebook-source';
import type { RunUpdate } from './run-backend';
import type { SparkSizing } from './spark-sizing';

/** Everything a backend needs to start one run, checked by the runs manager. */
export interface PreparedRun {
  readonly run: RunRow;
  readonly task: TaskRow;
  readonly kind: 'notebook' | 'spark';
  /** The notebook (kind notebook) or PySpark file (kind spark). */
  readonly source: RunSource;
  /** Checked against the notebook; `output_path` is added by the backend. */
  readonly parameters: { readonly [name: string]: JsonValue };
  readonly arguments: readonly string[];
  readonly sizing: SparkSizing;
  /** The name the result file gets under the run's output_path folder, e.g. `result.csv`. */
  readonly resultFileName: string;
}

/** A file a run produced: on this machine, or in the object storage. */
export type ProducedFile = { readonly localPath: string } | { readonly storageKey: string };

export interface RunOutputs {
  /** The executed notebook. */
  readonly notebook?: ProducedFile;
  /** What the run wrote to its output_path. */
  readonly result?: ProducedFile;
}

/**
 * What the runs manager asks of a backend (local processes or Kubernetes objects). Status
 * changes arrive as `update` events; `synced` (Kubernetes) says the backend knows which runs
 * still have objects, so the others can be failed.
 */
export interface RunAdapter extends EventEmitter<{ update: [RunUpdate]; synced: []; error: [Error] }> {
  readonly backend: RunBackend;
  /**
   * The external_id a run gets when this process takes it at creation (the local backend: runs
   * execute where they were created); undefined when runs are claimed when submitted.
   */
  readonly owner: string | undefined;
  start(prepared: PreparedRun): Promise<{ readonly externalId?: string }>;
  /** Stops a queued or running run here; false when this backend does not have it. */
  cancel(run: RunRow, kind: 'notebook' | 'spark', reason: string): Promise<boolean>;
  /** The last `tail` lines of the run's log; undefined when there is none here. */
  logs(run: RunRow, kind: 'notebook' | 'spark', tail: number): Promise<string | undefined>;
  /** The manager has saved the run's final state (the local backend frees its slot only then). */
  settled(runId: number): void;
  /** Where a finished run's executed notebook and result are. */
  outputs(run: RunRow): Promise<RunOutputs>;
  /** Whether this replica schedules (every local server; the Lease holder on Kubernetes). */
  schedules(): boolean;
  /** Runs waiting for a slot here. */
  queueDepth(): number;
  /** Run ids with objects in the cluster (Kubernetes, once synced); undefined for the local backend. */
  observedRunIds(): number[] | undefined;
  /** Begins work (the Kubernetes backend joins the leader election). */
  activate(): void;
  stop(): Promise<void>;
}
