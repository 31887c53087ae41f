import { EventEmitter } from 'node:events';
import { Informer, KubernetesObject, V1Job, makeInformer } from '@kubernetes/client-node';
import type { RunUpdate } from '../run-backend';
import { RunObservation, RunStatus, isTerminal } from '../run-state';
import { KubeApis, SPARK_APPLICATIONS, apiErrorText, statusCode } from './kube-api';
import { ClusterRunObjects } from './cluster-run-objects';
import { RUN_ID_LABEL, RUN_SELECTOR, TIMEOUT_ANNOTATION } from './run-objects';
import { SparkApplicationObject, jobObservation, sparkApplicationObservation } from './run-status';

export interface ReconcilerOptions {
  readonly apis: KubeApis;
  readonly notebookNamespace: string;
  readonly sparkNamespace: string;
  readonly objects: ClusterRunObjects;
  /** Full list of both kinds, besides the watch. */
  readonly resyncIntervalMs: number;
  /** Wait before re-opening a watch that failed. */
  readonly watchRetryMs: number;
  /** How often SparkApplications are checked against their run's timeout. */
  readonly deadlineCheckMs: number;
  readonly now: () => Date;
}

type Kind = 'notebook' | 'spark';

interface Tracked {
  readonly kind: Kind;
  /** Last status reported; a run is reported finished once. */
  status: RunStatus;
}

/**
 * Turns what the Job controller and the Spark operator write into run updates. Runs only on
 * the replica holding the Lease. It lists and watches the run objects by the run-id label
 * (client-node's informer: list, then watch from the list's resourceVersion, resumed from the
 * last event's resourceVersion when the API server ends the watch, listed again after 410
 * Gone), re-opens a watch that failed, lists everything again every resyncIntervalMs, and on
 * start finds the objects of runs started before a restart. A finished run's logs are saved
 * before it is reported finished.
 */
export class RunReconciler extends EventEmitter<{ update: [RunUpdate]; synced: []; error: [Error] }> {
  private readonly tracked = new Map<string, Tracked>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly informers: { kind: Kind; informer: Informer<KubernetesObject> }[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly sparkApps = new Map<string, SparkApplicationObject>();
  private running = false;

  public constructor(private readonly options: ReconcilerOptions) {
    super();
  }

  /** Run ids with objects in the cluster, as of the last list or event. */
  public observedRunIds(): string[] {
    return [...this.tracked.keys()];
  }

  public async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const { apis, notebookNamespace: nb, sparkNamespace: sp } = this.options;
    const jobs = makeInformer<KubernetesObject>(
      apis.config,
      `/apis/batch/v1/namespaces/${nb}/jobs`,
      () => apis.batch.listNamespacedJob({ namespace: nb, labelSelector: RUN_SELECTOR }),
      RUN_SELECTOR,
    );
    const { group, version, plural } = SPARK_APPLICATIONS;
    const apps = makeInformer<KubernetesObject>(
      apis.config,
      `/apis/${group}/${version}/namespaces/${sp}/${plural}`,
      () => apis.custom.listNamespacedCustomObject({ group, version, namespace: sp, plural, labelSelector: RUN_SELECTOR }),
      RUN_SELECTOR,
    );
    this.informers.push({ kind: 'notebook', informer: jobs }, { kind: 'spark', informer: apps });
    for (const { kind, informer } of this.informers) {
      informer.on('add', (o) => this.observe(kind, o));
      informer.on('update', (o) => this.observe(kind, o));
      informer.on('delete', (o) => this.deleted(kind, o));
      informer.on('error', (error) => {
        if (!this.running) return; // stop() aborts the watches
        this.emit('error', new Error(`the ${kind === 'notebook' ? 'Job' : 'SparkApplication'} watch failed: ${apiErrorText(error)}`));
        // The informer stops on an error; open it again from its last resourceVersion.
        const retry = setTimeout(() => this.running && void informer.start(), this.options.watchRetryMs);
        this.timers.push(retry);
      });
    }
    await Promise.all(this.informers.map(({ informer }) => informer.start()));
    if (!this.running) return; // stopped while the first lists ran
    this.timers.push(setInterval(() => void this.resync(), this.options.resyncIntervalMs));
    this.timers.push(setInterval(() => this.checkDeadlines(), this.options.deadlineCheckMs));
    this.emit('synced');
  }

  public async stop(): Promise<void> {
    this.running = false;
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.length = 0;
    await Promise.all(this.informers.map(({ informer }) => informer.stop()));
    this.informers.length = 0;
    await Promise.all(this.chains.values());
  }

  /** Lists both kinds and reconciles every object; a run whose objects vanished unseen is reported. */
  public async resync(): Promise<void> {
    const { apis, notebookNamespace, sparkNamespace } = this.options;
    const { group, version, plural } = SPARK_APPLICATIONS;
    try {
      const [jobs, apps] = await Promise.all([
        apis.batch.listNamespacedJob({ namespace: notebookNamespace, labelSelector: RUN_SELECTOR }),
        apis.custom.listNamespacedCustomObject({ group, version, namespace: sparkNamespace, plural, labelSelector: RUN_SELECTOR }),
      ]);
      const seen = new Set<string>();
      for (const job of jobs.items) seen.add(this.observe('notebook', job) ?? '');
      for (const app of (apps as { items: KubernetesObject[] }).items) seen.add(this.observe('spark', app) ?? '');
      for (const [runId, t] of this.tracked)
        if (!seen.has(runId)) this.deleted(t.kind, { metadata: { labels: { [RUN_ID_LABEL]: runId } } });
    } catch (error) {
      this.emit('error', new Error(`resync failed: ${apiErrorText(error)}`));
    }
  }

  /** Serializes the work on one run: events of a run are handled in the order they came. */
  private enqueue(runId: string, work: () => Promise<void>): void {
    const next: Promise<void> = (this.chains.get(runId) ?? Promise.resolve()).then(work).catch((error: Error) => {
      this.emit('error', error);
    });
    this.chains.set(runId, next);
    void next.then(() => {
      if (this.chains.get(runId) === next) this.chains.delete(runId);
    });
  }

  private observe(kind: Kind, object: KubernetesObject): string | undefined {
    const runId = object.metadata?.labels?.[RUN_ID_LABEL];
    if (runId === undefined) return undefined;
    if (!this.tracked.has(runId)) this.tracked.set(runId, { kind, status: 'queued' });
    if (kind === 'spark') this.sparkApps.set(runId, object as SparkApplicationObject);
    this.enqueue(runId, () => this.reconcile(runId, kind, object));
    return runId;
  }

  private async reconcile(runId: string, kind: Kind, object: KubernetesObject): Promise<void> {
    const tracked = this.tracked.get(runId);
    if (tracked === undefined || isTerminal(tracked.status)) return;
    const now = this.options.now();
    let observation = kind === 'notebook' ? jobObservation(object as V1Job, now) : sparkApplicationObservation(object, now);
    if (observation === undefined || observation.status === tracked.status) return;
    if (observation.status === 'running') {
      tracked.status = 'running';
      this.emit('update', { runId, observation });
      return;
    }
    if (kind === 'notebook' && observation.status === 'failed') {
      // The pod says why (its exception), so it is read before the run is reported.
      const pods = await this.options.objects.notebookPods(runId).catch(() => []);
      observation = jobObservation(object as V1Job, now, pods) ?? observation;
    }
    await this.finish(runId, kind, observation);
    if (observation.status === 'timed_out' && kind === 'notebook') await this.deleteObjects(runId, kind);
  }

  /** Saves the logs, then reports the run finished. */
  private async finish(runId: string, kind: Kind, observation: RunObservation): Promise<void> {
    const tracked = this.tracked.get(runId);
    if (tracked === undefined || isTerminal(tracked.status)) return;
    tracked.status = observation.status;
    const saved = await this.options.objects.keepLog(runId, kind);
    const message = 'message' in observation ? observation.message : undefined;
    const final =
      saved === true ? observation : ({ ...observation, message: [message, saved].filter(Boolean).join('; ') } as RunObservation);
    this.emit('update', { runId, observation: final });
  }

  private deleted(kind: Kind, object: KubernetesObject): void {
    const runId = object.metadata?.labels?.[RUN_ID_LABEL];
    if (runId === undefined) return;
    this.sparkApps.delete(runId);
    const tracked = this.tracked.get(runId);
    if (tracked === undefined) return;
    if (isTerminal(tracked.status)) {
      this.tracked.delete(runId);
      return;
    }
    const what = kind === 'notebook' ? 'Job' : 'SparkApplication';
    const observation: RunObservation = {
      status: 'cancelled',
      at: this.options.now(),
      message: `its ${what} was deleted before the run finished`,
    };
    this.enqueue(runId, async () => {
      await this.finish(runId, kind, observation);
      this.tracked.delete(runId);
    });
  }

  /** Marks a run finished here (cancelled through this replica), so its deletion reports nothing more. */
  public markFinished(runId: string, status: RunStatus): void {
    const tracked = this.tracked.get(runId);
    if (tracked !== undefined) tracked.status = status;
  }

  /** Past its timeout a SparkApplication is deleted (driver and executors go with it). */
  private checkDeadlines(): void {
    const now = this.options.now();
    for (const [runId, app] of this.sparkApps) {
      const timeout = Number(app.metadata?.annotations?.[TIMEOUT_ANNOTATION]);
      const created = app.metadata?.creationTimestamp ? new Date(app.metadata.creationTimestamp).getTime() : NaN;
      const tracked = this.tracked.get(runId);
      if (!Number.isFinite(timeout) || !Number.isFinite(created) || tracked === undefined || isTerminal(tracked.status)) continue;
      if (now.getTime() < created + timeout * 1000) continue;
      this.sparkApps.delete(runId);
      this.enqueue(runId, async () => {
        await this.finish(runId, 'spark', {
          status: 'timed_out',
          at: now,
          message: `timed out after ${timeout} s (the task's timeoutSeconds); its SparkApplication, driver and executors were deleted`,
        });
        await this.deleteObjects(runId, 'spark');
      });
    }
  }

  private async deleteObjects(runId: string, kind: Kind): Promise<void> {
    try {
      await this.options.objects.delete(runId, kind);
    } catch (error) {
      if (statusCode(error) !== 404) this.emit('error', new Error(`could not delete the objects of run ${runId}: ${apiErrorText(error)}`));
    }
  }
}
