import { RUN_BACKENDS, isOneOf, type RunBackend } from '../../../schema/vocabulary';

/** Start-up settings of the runs (RUNS_* and the Kubernetes backend's). */
export interface RunsConfig {
  /** RUNS_BACKEND. @default 'local' */
  readonly backend: RunBackend;
  /** Runs executing at once on the local backend (RUNS_MAX_CONCURRENT). @default 2 */
  readonly maxConcurrent: number;
  /** Interpreter with nbclient (or papermill), ipykernel and nbconvert (RUNS_PYTHON). @default 'python3' */
  readonly python: string;
  /** A local Apache Spark's bin/spark-submit (SPARK_SUBMIT). @default none: local Spark runs fail saying so */
  readonly sparkSubmit: string | undefined;
  /** How often the scheduler looks at scheduled tasks and due retries. @default 15000 */
  readonly schedulerIntervalMs: number;
  /** Settings only the Kubernetes backend reads. */
  readonly kubernetes: KubernetesRunsConfig;
}

export interface KubernetesRunsConfig {
  /** This replica's name in the Lease (POD_NAME, the downward API). @default the host name */
  readonly podName: string | undefined;
  /** The web app's namespace, where the Lease lives (POD_NAMESPACE). @default 'datavis' */
  readonly leaseNamespace: string;
  /** Papermill runner image, pinned (RUNS_RUNNER_IMAGE). */
  readonly runnerImage: string | undefined;
  /** The platform's Spark image, pinned, and its Spark version (RUNS_SPARK_IMAGE, RUNS_SPARK_VERSION). */
  readonly sparkImage: string | undefined;
  readonly sparkVersion: string | undefined;
  /** s3a:// folder of the Spark event logs (RUNS_SPARK_EVENT_LOG_DIR). */
  readonly eventLogDir: string | undefined;
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name}="${raw}" is invalid: expected an integer from ${min} to ${max}`);
  }
  return value;
}

const set = (value: string | undefined): string | undefined => (value === undefined || value === '' ? undefined : value);

export function loadRunsConfig(env: NodeJS.ProcessEnv): RunsConfig {
  const backend = set(env.RUNS_BACKEND) ?? 'local';
  if (!isOneOf(RUN_BACKENDS, backend)) {
    throw new Error(`RUNS_BACKEND="${backend}" is invalid: expected one of ${RUN_BACKENDS.join(', ')}`);
  }
  return {
    backend,
    maxConcurrent: intFrom(env, 'RUNS_MAX_CONCURRENT', 2, 1, 64),
    python: set(env.RUNS_PYTHON) ?? 'python3',
    sparkSubmit: set(env.SPARK_SUBMIT),
    schedulerIntervalMs: intFrom(env, 'RUNS_SCHEDULER_INTERVAL_MS', 15000, 50, 600000),
    kubernetes: {
      podName: set(env.POD_NAME),
      leaseNamespace: set(env.POD_NAMESPACE) ?? 'datavis',
      runnerImage: set(env.RUNS_RUNNER_IMAGE),
      sparkImage: set(env.RUNS_SPARK_IMAGE),
      sparkVersion: set(env.RUNS_SPARK_VERSION),
      eventLogDir: set(env.RUNS_SPARK_EVENT_LOG_DIR),
    },
  };
}
