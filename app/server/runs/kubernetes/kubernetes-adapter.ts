import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import type { RunRow } from '../../../../schema/runs.table';
import type { ObjectStorage } from '../../storage/object-storage';
import { runInputKey, runOutputNotebookKey, runPrefix, runResultKey } from '../../storage/run-keys';
import type { RunUpdate } from '../run-backend';
import type { PreparedRun, RunAdapter, RunOutputs } from '../run-adapter';
import type { KubernetesRunBackend } from './kubernetes-backend';

export interface KubernetesAdapterOptions {
  readonly backend: KubernetesRunBackend;
  /** S3 storage (STORAGE_URL=s3://...): the cluster's pods read and write the run's files there. */
  readonly storage: ObjectStorage;
}

/** `s3://bucket/prefix` + key; Spark reads the same object as s3a://. */
function objectUri(storage: ObjectStorage, key: string, scheme: 's3' | 's3a' = 's3'): string {
  const uri = `${storage.location.replace(/\/+$/, '')}/${key}`;
  return scheme === 's3a' ? uri.replace(/^s3:\/\//, 's3a://') : uri;
}

/**
 * Runs as Kubernetes objects (KubernetesRunBackend): the notebook or PySpark file is copied to
 * the run's folder in S3 (the run reads it as it was when it started), the Job or
 * SparkApplication is created, and the executed notebook and result are read back from S3.
 * Only the Lease holder watches the objects and schedules.
 */
export class KubernetesRunAdapter extends EventEmitter<{ update: [RunUpdate]; synced: []; error: [Error] }> implements RunAdapter {
  public readonly backend = 'kubernetes' as const;
  public readonly owner = undefined;
  private readonly cluster: KubernetesRunBackend;
  private readonly storage: ObjectStorage;

  public constructor(options: KubernetesAdapterOptions) {
    super();
    if (!options.storage.location.startsWith('s3://')) {
      throw new Error(`RUNS_BACKEND=kubernetes needs the object storage in S3 (STORAGE_URL=s3://...); it is ${options.storage.location}`);
    }
    this.cluster = options.backend;
    this.storage = options.storage;
    this.cluster.on('update', (update) => this.emit('update', update));
    this.cluster.on('synced', () => this.emit('synced'));
    this.cluster.on('error', (error) => this.emit('error', error));
  }

  private async copyInput(prepared: PreparedRun, extension: 'ipynb' | 'py'): Promise<string> {
    const key = runInputKey(prepared.run.project_id, prepared.run.id, extension);
    const { source } = prepared;
    const body =
      source.origin === 'library' ? fs.createReadStream(source.localPath) : (await this.storage.get(source.file.storage_key)).body;
    const staged = await this.storage.stage(body, { maxBytes: 64 * 1024 * 1024 });
    try {
      await this.storage.delete(key);
      await staged.commit(key);
    } catch (error) {
      await staged.discard();
      throw error;
    }
    return key;
  }

  public async start(prepared: PreparedRun): Promise<{ externalId?: string }> {
    const { run, task } = prepared;
    const outputKey = runResultKey(run.project_id, run.id, prepared.resultFileName);
    if (prepared.kind === 'notebook') {
      const input = await this.copyInput(prepared, 'ipynb');
      return this.cluster.submitNotebook({
        runId: String(run.id),
        inputUri: objectUri(this.storage, input),
        outputNotebookUri: objectUri(this.storage, runOutputNotebookKey(run.project_id, run.id)),
        outputPath: objectUri(this.storage, outputKey),
        parameters: prepared.parameters,
        timeoutSeconds: task.timeout_seconds,
      });
    }
    const input = await this.copyInput(prepared, 'py');
    return this.cluster.submitSpark({
      runId: String(run.id),
      mainApplicationFile: objectUri(this.storage, input, 's3a'),
      arguments: prepared.arguments,
      sizing: prepared.sizing,
      timeoutSeconds: task.timeout_seconds,
      outputPath: objectUri(this.storage, outputKey, 's3a'),
    });
  }

  public async cancel(run: RunRow, kind: 'notebook' | 'spark', reason: string): Promise<boolean> {
    return (await this.cluster.cancel(String(run.id), kind, reason)) !== undefined;
  }

  public logs(run: RunRow, kind: 'notebook' | 'spark', tail: number): Promise<string | undefined> {
    return this.cluster.logs(String(run.id), kind, tail).catch(() => undefined);
  }

  public async outputs(run: RunRow): Promise<RunOutputs> {
    const notebook = runOutputNotebookKey(run.project_id, run.id);
    let result: string | undefined;
    for await (const object of this.storage.list(`${runPrefix(run.project_id, run.id)}result/`)) {
      if (result === undefined || object.key < result) result = object.key;
    }
    return {
      ...((await this.storage.head(notebook)) ? { notebook: { storageKey: notebook } } : {}),
      ...(result !== undefined ? { result: { storageKey: result } } : {}),
    };
  }

  public settled(): void {
    // The cluster's own scheduling decides when pods start.
  }

  public schedules(): boolean {
    return this.cluster.isLeader();
  }

  public queueDepth(): number {
    return 0;
  }

  public observedRunIds(): number[] {
    return this.cluster.observedRunIds().map(Number);
  }

  public activate(): void {
    this.cluster.start();
  }

  public stop(): Promise<void> {
    return this.cluster.stop();
  }
}
