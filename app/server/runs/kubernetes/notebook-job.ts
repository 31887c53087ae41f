import type { V1Job } from '@kubernetes/client-node';
import type { JsonValue } from '../../../../charts/notebooks/notebook-parameters';
import { papermillParameterArgs } from '../../../../charts/notebooks/papermill-command';
import { plainRestrictedSecurity } from '../../../../charts/lib/security';
import { runLabels, runObjectName } from './run-objects';

/** UID and GID of the runner image's user (notebooks/runner/Dockerfile; RUNNER_UID of the NotebooksChart). */
export const RUNNER_UID = 10001;

export interface NotebookJobResources {
  readonly cpuRequestMillis: number;
  readonly cpuLimitMillis: number;
  readonly memoryRequestMiB: number;
  readonly memoryLimitMiB: number;
}

/** The NotebooksChart's CronJob defaults. */
export const DEFAULT_NOTEBOOK_RESOURCES: NotebookJobResources = {
  cpuRequestMillis: 500,
  cpuLimitMillis: 2000,
  memoryRequestMiB: 1024,
  memoryLimitMiB: 4096,
};

export interface NotebookJobProps {
  readonly runId: string;
  readonly namespace: string;
  /** The papermill runner image (pinned). */
  readonly image: string;
  /** Service account with the runner's S3 access (the NotebooksChart's, `papermill-runner`). */
  readonly serviceAccountName: string;
  /** s3:// URI of the notebook to run. */
  readonly inputUri: string;
  /** s3:// URI the executed notebook is written to (after each cell and at the end). */
  readonly outputNotebookUri: string;
  /** Validated parameter values, `output_path` (an s3:// URI) among them. */
  readonly parameters: { readonly [name: string]: JsonValue };
  /** activeDeadlineSeconds: the Job controller stops the pod past it. */
  readonly timeoutSeconds: number;
  /** How long the finished Job and its pod are kept (logs stay readable meanwhile). */
  readonly ttlSecondsAfterFinished: number;
  /** @default DEFAULT_NOTEBOOK_RESOURCES */
  readonly resources?: NotebookJobResources;
}

/**
 * A float JSON text that PyYAML (YAML 1.1, what papermill's -y uses) also reads as a float:
 * its float pattern needs a '.' and a signed exponent, so 1e+21 would be a string there.
 */
function yamlSafeJson(value: JsonValue): string {
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return BigInt(value).toString();
    const text = String(value);
    return /^-?\d+e/.test(text) ? text.replace('e', '.0e') : text;
  }
  if (Array.isArray(value)) return `[${value.map(yamlSafeJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${yamlSafeJson(v)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(value);
}

/**
 * papermill's parameter flags: strings, numbers and booleans through the NotebooksChart's
 * builder (-r keeps strings as strings, -p converts numbers and booleans); null, arrays and
 * objects as one -y document (YAML is a superset of this JSON, so their types survive).
 */
export function papermillRunParameterArgs(parameters: { readonly [name: string]: JsonValue }): string[] {
  const simple: { [name: string]: string | number | boolean } = {};
  const structured: { [name: string]: JsonValue } = {};
  for (const [name, value] of Object.entries(parameters)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') simple[name] = value;
    else structured[name] = value;
  }
  const args = papermillParameterArgs(simple);
  if (Object.keys(structured).length > 0) args.push('-y', yamlSafeJson(structured));
  return args;
}

/**
 * The papermill command of a run: the same flags as the NotebooksChart's CronJobs
 * (charts/notebooks/papermill-command.ts), with a fixed output URI instead of a timestamped one.
 */
export function papermillRunArgs(
  props: Pick<NotebookJobProps, 'inputUri' | 'outputNotebookUri' | 'parameters' | 'timeoutSeconds'>,
): string[] {
  return [
    props.inputUri,
    props.outputNotebookUri,
    '--kernel',
    'python3',
    '--cwd',
    '/tmp',
    '--log-output',
    '--no-progress-bar',
    '--execution-timeout',
    String(props.timeoutSeconds),
    ...papermillRunParameterArgs(props.parameters),
  ];
}

/** The batch/v1 Job of a notebook run. */
export function notebookJob(props: NotebookJobProps): V1Job {
  for (const [name, uri] of [
    ['inputUri', props.inputUri],
    ['outputNotebookUri', props.outputNotebookUri],
  ]) {
    if (!/^s3:\/\/[a-z0-9.-]{3,63}\/.+\.ipynb$/.test(uri)) throw new Error(`${name} must be an s3:// URI of a .ipynb object, got '${uri}'`);
  }
  const name = runObjectName(props.runId);
  const labels = runLabels(props.runId, 'notebook-run');
  const security = plainRestrictedSecurity({ user: RUNNER_UID, group: RUNNER_UID });
  const r = props.resources ?? DEFAULT_NOTEBOOK_RESOURCES;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: props.namespace, labels },
    spec: {
      backoffLimit: 0,
      activeDeadlineSeconds: props.timeoutSeconds,
      ttlSecondsAfterFinished: props.ttlSecondsAfterFinished,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          serviceAccountName: props.serviceAccountName,
          // The notebook talks to S3 through the pod's AWS identity, never to the Kubernetes API.
          automountServiceAccountToken: false,
          securityContext: { ...security.pod, fsGroupChangePolicy: 'OnRootMismatch' },
          containers: [
            {
              name: 'papermill',
              image: props.image,
              imagePullPolicy: 'IfNotPresent',
              command: ['papermill'],
              args: papermillRunArgs(props),
              // The kernel, matplotlib and Jupyter write their runtime files under $HOME.
              env: [
                { name: 'HOME', value: '/tmp' },
                { name: 'MPLBACKEND', value: 'Agg' },
              ],
              securityContext: { ...security.container },
              resources: {
                requests: { cpu: `${r.cpuRequestMillis}m`, memory: `${r.memoryRequestMiB}Mi` },
                limits: { cpu: `${r.cpuLimitMillis}m`, memory: `${r.memoryLimitMiB}Mi` },
              },
              // A failed run's last log lines (papermill prints the cell's exception) become the
              // container's termination message, which says why without reading the whole log.
              terminationMessagePolicy: 'FallbackToLogsOnError',
              volumeMounts: [{ name: 'scratch', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'scratch', emptyDir: { sizeLimit: '2Gi' } }],
        },
      },
    },
  };
}
