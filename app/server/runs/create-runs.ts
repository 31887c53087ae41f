import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { KubeConfig } from '@kubernetes/client-node';
import type { AppConfig } from '../config';
import type { AppContext } from '../context';
import type { ObjectStorage } from '../storage/object-storage';
import { runLogKey } from '../storage/run-keys';
import { KubernetesRunAdapter } from './kubernetes/kubernetes-adapter';
import { KubernetesRunBackend } from './kubernetes/kubernetes-backend';
import { LocalRunAdapter } from './local/local-adapter';
import type { RunAdapter } from './run-adapter';
import { RunScheduler } from './run-scheduler';
import { RunsManager } from './runs-manager';

export interface Runs {
  readonly manager: RunsManager;
  readonly scheduler: RunScheduler;
}

function missing(name: string): never {
  throw new Error(`RUNS_BACKEND=kubernetes needs ${name}; the WebAppChart sets it`);
}

/** The Kubernetes backend with the settings the WebAppChart passes (RUNS_*, POD_NAME, POD_NAMESPACE). */
function kubernetesAdapter(config: AppConfig, storage: ObjectStorage, ctx: () => AppContext, kubeConfig?: KubeConfig): RunAdapter {
  const k = config.runs.kubernetes;
  let kc = kubeConfig;
  if (kc === undefined) {
    kc = new KubeConfig();
    kc.loadFromCluster();
  }
  const backend = new KubernetesRunBackend({
    kubeConfig: kc,
    identity: `${k.podName ?? hostname()}-${randomBytes(3).toString('hex')}`,
    notebookNamespace: config.platform.cluster.notebookNamespace,
    sparkNamespace: config.platform.cluster.sparkNamespace,
    leaseNamespace: k.leaseNamespace,
    runnerImage: k.runnerImage ?? missing('RUNS_RUNNER_IMAGE'),
    sparkImage: k.sparkImage ?? missing('RUNS_SPARK_IMAGE'),
    sparkVersion: k.sparkVersion ?? missing('RUNS_SPARK_VERSION'),
    eventLogDir: k.eventLogDir ?? missing('RUNS_SPARK_EVENT_LOG_DIR'),
    // A finished run's log outlives its pod in the run's folder.
    persistLogs: async (runId, text) => {
      const run = await ctx().db.selectFrom('runs').select('project_id').where('id', '=', Number(runId)).executeTakeFirst();
      if (!run) return;
      const staged = await storage.stage(Readable.from([Buffer.from(text, 'utf8')]), { maxBytes: 64 * 1024 * 1024 });
      const key = runLogKey(run.project_id, Number(runId));
      await storage.delete(key);
      await staged.commit(key).catch(async (error: unknown) => {
        await staged.discard();
        throw error;
      });
    },
  });
  return new KubernetesRunAdapter({ backend, storage });
}

/** The runs manager and scheduler on the backend RUNS_BACKEND names; not started. */
export function createRuns(config: AppConfig, storage: ObjectStorage, ctx: () => AppContext, kubeConfig?: KubeConfig): Runs {
  const adapter: RunAdapter =
    config.runs.backend === 'kubernetes'
      ? kubernetesAdapter(config, storage, ctx, kubeConfig)
      : new LocalRunAdapter({
          dataDir: config.dataDir,
          storage,
          python: config.runs.python,
          sparkSubmit: config.runs.sparkSubmit,
          maxConcurrent: config.runs.maxConcurrent,
        });
  const manager = new RunsManager(ctx, adapter);
  const scheduler = new RunScheduler(ctx, manager, config.runs.schedulerIntervalMs);
  manager.scheduler = scheduler;
  return { manager, scheduler };
}
