import type { V1Pod } from '@kubernetes/client-node';
import { KubeApis, SPARK_APPLICATIONS, apiErrorText, statusCode } from './kube-api';
import { RUN_ID_LABEL, runObjectName } from './run-objects';

export type RunKind = 'notebook' | 'spark';

export interface ClusterRunObjectsOptions {
  readonly apis: KubeApis;
  readonly notebookNamespace: string;
  readonly sparkNamespace: string;
  /** Keeps a finished run's log (the next phase: the storage interface). @default logs are not kept */
  readonly persistLogs?: (runId: string, text: string) => Promise<void>;
}

/**
 * The pods, logs and deletion of one run's objects. A notebook run's pod has a generated name
 * and is found by the run-id label; a Spark run's log is its driver's, whose pod the operator
 * names `<application>-driver`.
 */
export class ClusterRunObjects {
  public constructor(private readonly options: ClusterRunObjectsOptions) {}

  public async notebookPods(runId: string): Promise<V1Pod[]> {
    const list = await this.options.apis.core.listNamespacedPod({
      namespace: this.options.notebookNamespace,
      labelSelector: `${RUN_ID_LABEL}=${runId}`,
    });
    // Newest first: with backoffLimit 0 there is one, but a pod may be replaced after eviction.
    return [...list.items].sort(
      (a, b) => new Date(b.metadata?.creationTimestamp ?? 0).getTime() - new Date(a.metadata?.creationTimestamp ?? 0).getTime(),
    );
  }

  /**
   * The run's log as its pod has it now (the last `tail` lines): '' while its container has not
   * started, undefined when there is no pod (not created yet, or already gone).
   */
  public async readLog(runId: string, kind: RunKind, tail?: number): Promise<string | undefined> {
    let pod: { name: string; namespace: string } | undefined;
    if (kind === 'notebook') {
      const name = (await this.notebookPods(runId))[0]?.metadata?.name;
      pod = name === undefined ? undefined : { name, namespace: this.options.notebookNamespace };
    } else {
      pod = { name: `${runObjectName(runId)}-driver`, namespace: this.options.sparkNamespace };
    }
    if (pod === undefined) return undefined;
    try {
      return await this.options.apis.core.readNamespacedPodLog({ ...pod, ...(tail !== undefined ? { tailLines: tail } : {}) });
    } catch (error) {
      if (statusCode(error) === 404) return undefined;
      if (statusCode(error) === 400) return ''; // the container is still waiting to start
      throw error;
    }
  }

  /**
   * Saves a log through persistLogs: true, or a sentence saying why nothing was saved. A run
   * whose pod is gone keeps whatever was saved before (by the replica that cancelled it).
   */
  public async saveLog(runId: string, text: string | undefined): Promise<true | string> {
    if (this.options.persistLogs === undefined) return true;
    if (text === undefined) return 'no log was kept: its pod was already gone';
    try {
      await this.options.persistLogs(runId, text);
      return true;
    } catch (error) {
      return `its log could not be saved (${apiErrorText(error)})`;
    }
  }

  /** Reads the whole log and saves it (see saveLog). */
  public async keepLog(runId: string, kind: RunKind): Promise<true | string> {
    let text: string | undefined;
    try {
      text = await this.readLog(runId, kind);
    } catch (error) {
      return `its log could not be read (${apiErrorText(error)})`;
    }
    return this.saveLog(runId, text);
  }

  /**
   * Deletes the run's Job or SparkApplication. Jobs default to orphaning their pods, so the
   * deletion is Background: the garbage collector removes the pods. SparkApplications are
   * deleted in the Foreground: the object goes only once its driver and executors are gone.
   * Returns false when there was nothing to delete.
   */
  public async delete(runId: string, kind: RunKind): Promise<boolean> {
    const name = runObjectName(runId);
    try {
      if (kind === 'notebook') {
        await this.options.apis.batch.deleteNamespacedJob({
          name,
          namespace: this.options.notebookNamespace,
          propagationPolicy: 'Background',
        });
      } else {
        await this.options.apis.custom.deleteNamespacedCustomObject({
          ...SPARK_APPLICATIONS,
          name,
          namespace: this.options.sparkNamespace,
          propagationPolicy: 'Foreground',
        });
      }
      return true;
    } catch (error) {
      if (statusCode(error) === 404) return false;
      throw error;
    }
  }
}
