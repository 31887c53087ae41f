import { EventEmitter } from 'node:events';
import { KubeConfig } from '@kubernetes/client-node';
import type { JsonValue } from '../../../../charts/notebooks/notebook-parameters';
import type { RunUpdate } from '../run-backend';
import type { RunObservation } from '../run-state';
import { DEFAULT_SPARK_LIMITS, SparkLimits, SparkSizing } from '../spark-sizing';
import { ClusterRunObjects, RunKind } from './cluster-run-objects';
import { KubeApis, SPARK_APPLICATIONS, kubeApis, statusCode } from './kube-api';
import { LeaseElector } from './lease-elector';
import { NotebookJobResources, notebookJob } from './notebook-job';
import { NamespacePermissions, runBackendPermissions } from './permissions';
import { runObjectName } from './run-objects';
import { RunReconciler } from './run-reconciler';
import { sparkRunApplication } from './spark-application';

export interface KubernetesBackendOptions {
  /** In the cluster: `kc.loadFromCluster()` (the web app's service account token). */
  readonly kubeConfig: KubeConfig;
  /** This replica's name in the Lease (pod name plus a random suffix). */
  readonly identity: string;
  /** @default 'notebooks' (the NotebooksChart's namespace) */
  readonly notebookNamespace?: string;
  /** @default 'spark-jobs' (the SparkChart's namespace) */
  readonly sparkNamespace?: string;
  /** The web app's namespace, where the Lease lives. @default 'datavis' */
  readonly leaseNamespace?: string;
  /** @default 'web-app-runs' */
  readonly leaseName?: string;
  /** Papermill runner image (pinned). */
  readonly runnerImage: string;
  /** @default 'papermill-runner' (the NotebooksChart's service account, which has the S3 access) */
  readonly notebookServiceAccount?: string;
  /** The platform's Spark image (pinned) and its Spark version. */
  readonly sparkImage: string;
  readonly sparkVersion: string;
  /** @default 'spark-driver' */
  readonly driverServiceAccount?: string;
  /** @default 'spark-executor' */
  readonly executorServiceAccount?: string;
  /** s3a:// directory of the Spark event logs (the History Server's). */
  readonly eventLogDir: string;
  /** @default DEFAULT_SPARK_LIMITS */
  readonly sparkLimits?: SparkLimits;
  /** How long finished Jobs stay (ttlSecondsAfterFinished). @default 86400 */
  readonly jobTtlSeconds?: number;
  /** How long finished SparkApplications stay (timeToLiveSeconds). @default 86400 */
  readonly sparkTimeToLiveSeconds?: number;
  /** @default 300000 (5 minutes) */
  readonly resyncIntervalMs?: number;
  /** @default 2000 */
  readonly watchRetryMs?: number;
  /** @default 5000 */
  readonly deadlineCheckMs?: number;
  /** Lease timings. @default 15 s lease, 10 s renew deadline, 2 s retry period */
  readonly election?: { readonly leaseDurationSeconds: number; readonly renewDeadlineMs: number; readonly retryPeriodMs: number };
  /** Keeps a finished run's log. @default logs are not kept */
  readonly persistLogs?: (runId: string, text: string) => Promise<void>;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

export interface KubernetesNotebookRun {
  readonly runId: string;
  /** s3:// URIs of the notebook and of where its executed copy goes. */
  readonly inputUri: string;
  readonly outputNotebookUri: string;
  /** s3:// URI injected as the `output_path` parameter. */
  readonly outputPath: string;
  readonly parameters: { readonly [name: string]: JsonValue };
  readonly timeoutSeconds: number;
  /** @default the NotebooksChart's CronJob resources */
  readonly resources?: NotebookJobResources;
}

export interface KubernetesSparkRun {
  readonly runId: string;
  /** s3a:// (a project's .py) or local:/// (a platform job in the Spark image). */
  readonly mainApplicationFile: string;
  readonly arguments: readonly string[];
  readonly sizing: SparkSizing;
  readonly timeoutSeconds: number;
  /** s3a:// URI given to the driver as OUTPUT_PATH. @default none */
  readonly outputPath?: string;
}

/**
 * Runs notebooks as batch/v1 Jobs and PySpark files as SparkApplications. Any replica submits,
 * cancels and reads logs; only the one holding the Lease watches the objects and reports what
 * happens to them, as `update` events (RunUpdate). `leading` says when this replica starts or
 * stops being that one; `synced` follows each (re)start of the watches, once every run object
 * in the cluster has been seen (observedRunIds() then lists the runs that still have objects).
 */
export class KubernetesRunBackend extends EventEmitter<{ update: [RunUpdate]; leading: [boolean]; synced: []; error: [Error] }> {
  public readonly notebookNamespace: string;
  public readonly sparkNamespace: string;
  public readonly leaseNamespace: string;
  private readonly apis: KubeApis;
  private readonly objects: ClusterRunObjects;
  private readonly elector: LeaseElector;
  private reconciler: RunReconciler | undefined;
  private stopping: Promise<void> = Promise.resolve();
  private readonly now: () => Date;

  public constructor(private readonly options: KubernetesBackendOptions) {
    super();
    this.notebookNamespace = options.notebookNamespace ?? 'notebooks';
    this.sparkNamespace = options.sparkNamespace ?? 'spark-jobs';
    this.leaseNamespace = options.leaseNamespace ?? 'datavis';
    this.now = options.now ?? (() => new Date());
    this.apis = kubeApis(options.kubeConfig);
    this.objects = new ClusterRunObjects({
      apis: this.apis,
      notebookNamespace: this.notebookNamespace,
      sparkNamespace: this.sparkNamespace,
      persistLogs: options.persistLogs,
    });
    this.elector = new LeaseElector({
      api: this.apis.coordination,
      namespace: this.leaseNamespace,
      name: options.leaseName ?? 'web-app-runs',
      identity: options.identity,
      ...options.election,
    });
    this.elector.on('started', () => void this.lead());
    this.elector.on('stopped', () => void this.follow());
    this.elector.on('error', (error) => this.emit('error', error));
  }

  /** The Kubernetes permissions this backend needs, per namespace (for the WebAppChart's Roles). */
  public permissions(): NamespacePermissions[] {
    return runBackendPermissions(this);
  }

  /** Joins the leader election; the leader watches the run objects. */
  public start(): void {
    this.elector.start();
  }

  public async stop(): Promise<void> {
    await this.elector.stop();
    await this.follow();
  }

  public isLeader(): boolean {
    return this.elector.isLeader();
  }

  /** Run ids that have objects in the cluster, as the leader last saw them (empty elsewhere). */
  public observedRunIds(): string[] {
    return this.reconciler?.observedRunIds() ?? [];
  }

  /** Creates the run's Job; creating it again (a retried submit) is not an error. Returns namespace/name. */
  public async submitNotebook(run: KubernetesNotebookRun): Promise<{ externalId: string }> {
    const job = notebookJob({
      runId: run.runId,
      namespace: this.notebookNamespace,
      image: this.options.runnerImage,
      serviceAccountName: this.options.notebookServiceAccount ?? 'papermill-runner',
      inputUri: run.inputUri,
      outputNotebookUri: run.outputNotebookUri,
      parameters: { ...run.parameters, output_path: run.outputPath },
      timeoutSeconds: run.timeoutSeconds,
      ttlSecondsAfterFinished: this.options.jobTtlSeconds ?? 86400,
      resources: run.resources,
    });
    await this.createIgnoringExisting(() => this.apis.batch.createNamespacedJob({ namespace: this.notebookNamespace, body: job }));
    return { externalId: `${this.notebookNamespace}/${runObjectName(run.runId)}` };
  }

  /** Creates the run's SparkApplication (idempotent like submitNotebook). */
  public async submitSpark(run: KubernetesSparkRun): Promise<{ externalId: string }> {
    const app = sparkRunApplication({
      runId: run.runId,
      namespace: this.sparkNamespace,
      image: this.options.sparkImage,
      sparkVersion: this.options.sparkVersion,
      mainApplicationFile: run.mainApplicationFile,
      arguments: run.arguments,
      driverServiceAccountName: this.options.driverServiceAccount ?? 'spark-driver',
      executorServiceAccountName: this.options.executorServiceAccount ?? 'spark-executor',
      eventLogDir: this.options.eventLogDir,
      sizing: run.sizing,
      limits: this.options.sparkLimits ?? DEFAULT_SPARK_LIMITS,
      timeoutSeconds: run.timeoutSeconds,
      timeToLiveSeconds: this.options.sparkTimeToLiveSeconds ?? 86400,
      outputPath: run.outputPath,
    });
    await this.createIgnoringExisting(() =>
      this.apis.custom.createNamespacedCustomObject({ ...SPARK_APPLICATIONS, namespace: this.sparkNamespace, body: app }),
    );
    return { externalId: `${this.sparkNamespace}/${runObjectName(run.runId)}` };
  }

  /**
   * Cancels a run: saves its log, deletes its Job (pods by the garbage collector) or its
   * SparkApplication (driver and executors first), then reports it cancelled (also as an
   * `update`). Returns undefined when the run has no object any more.
   */
  public async cancel(runId: string, kind: RunKind, reason = 'cancelled'): Promise<RunObservation | undefined> {
    const text = await this.objects.readLog(runId, kind).catch(() => undefined);
    this.reconciler?.markFinished(runId, 'cancelled');
    if (!(await this.objects.delete(runId, kind))) return undefined;
    const saved = await this.objects.saveLog(runId, text);
    const what = kind === 'notebook' ? 'its Job and its pod were deleted' : 'its SparkApplication, driver and executors were deleted';
    const observation: RunObservation = {
      status: 'cancelled',
      at: this.now(),
      message: [`${reason}; ${what}`, saved === true ? undefined : saved].filter(Boolean).join('; '),
    };
    this.emit('update', { runId, observation });
    return observation;
  }

  /**
   * The last `tail` lines of the run's log from its pod (the driver for Spark), while the pod
   * exists; undefined when there is none (not started yet, or gone: then serve the saved log).
   */
  public logs(runId: string, kind: RunKind, tail?: number): Promise<string | undefined> {
    return this.objects.readLog(runId, kind, tail);
  }

  private async createIgnoringExisting(create: () => Promise<unknown>): Promise<void> {
    try {
      await create();
    } catch (error) {
      if (statusCode(error) !== 409) throw error;
    }
  }

  private async lead(): Promise<void> {
    if (this.reconciler !== undefined) return;
    const reconciler = new RunReconciler({
      apis: this.apis,
      notebookNamespace: this.notebookNamespace,
      sparkNamespace: this.sparkNamespace,
      objects: this.objects,
      resyncIntervalMs: this.options.resyncIntervalMs ?? 300000,
      watchRetryMs: this.options.watchRetryMs ?? 2000,
      deadlineCheckMs: this.options.deadlineCheckMs ?? 5000,
      now: this.now,
    });
    this.reconciler = reconciler;
    reconciler.on('update', (u) => this.emit('update', u));
    reconciler.on('error', (e) => this.emit('error', e));
    reconciler.on('synced', () => this.emit('synced'));
    this.emit('leading', true);
    await reconciler.start();
  }

  private async follow(): Promise<void> {
    const reconciler = this.reconciler;
    if (reconciler !== undefined) {
      this.reconciler = undefined;
      this.emit('leading', false);
      this.stopping = reconciler.stop();
    }
    await this.stopping;
  }
}
