/**
 * A Spark task's sizing (the `spark` JSON of a task) and the platform's bounds on it. Executors
 * scale with dynamic allocation between minExecutors and maxExecutors.
 */
export interface SparkPodSizing {
  readonly cores: number;
  /** JVM heap in MiB; Spark adds its memory overhead on top for the pod. */
  readonly memoryMiB: number;
}

export interface SparkSizing {
  readonly driver: SparkPodSizing;
  readonly executor: SparkPodSizing;
  readonly minExecutors: number;
  readonly maxExecutors: number;
}

export interface SparkLimits {
  readonly maxDriverCores: number;
  readonly maxDriverMemoryMiB: number;
  readonly maxExecutorCores: number;
  readonly maxExecutorMemoryMiB: number;
  readonly maxExecutors: number;
}

/** @default bounds: what one node of the Spark node groups' default instance types holds. */
export const DEFAULT_SPARK_LIMITS: SparkLimits = {
  maxDriverCores: 4,
  maxDriverMemoryMiB: 8192,
  maxExecutorCores: 4,
  maxExecutorMemoryMiB: 16384,
  maxExecutors: 20,
};

/** The PySparkApplication construct's defaults, as a task sizing. */
export const DEFAULT_SPARK_SIZING: SparkSizing = {
  driver: { cores: 1, memoryMiB: 1024 },
  executor: { cores: 2, memoryMiB: 2048 },
  minExecutors: 1,
  maxExecutors: 4,
};

export interface SparkSizingProblem {
  /** Path of the field in the task's `spark` object, e.g. `spark.executor.memoryMiB`. */
  readonly field: string;
  readonly message: string;
}

/** Every way a sizing breaks the limits; empty when it fits. */
export function checkSparkSizing(sizing: SparkSizing, limits: SparkLimits = DEFAULT_SPARK_LIMITS): SparkSizingProblem[] {
  const problems: SparkSizingProblem[] = [];
  const check = (field: string, value: number, min: number, max: number) => {
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push({ field: `spark.${field}`, message: `spark.${field} must be an integer from ${min} to ${max}, got ${value}` });
    }
  };
  check('driver.cores', sizing.driver.cores, 1, limits.maxDriverCores);
  check('driver.memoryMiB', sizing.driver.memoryMiB, 512, limits.maxDriverMemoryMiB);
  check('executor.cores', sizing.executor.cores, 1, limits.maxExecutorCores);
  check('executor.memoryMiB', sizing.executor.memoryMiB, 512, limits.maxExecutorMemoryMiB);
  check('minExecutors', sizing.minExecutors, 0, limits.maxExecutors);
  check('maxExecutors', sizing.maxExecutors, 1, limits.maxExecutors);
  if (problems.length === 0 && sizing.minExecutors > sizing.maxExecutors) {
    problems.push({
      field: 'spark.minExecutors',
      message: `spark.minExecutors (${sizing.minExecutors}) must not exceed spark.maxExecutors (${sizing.maxExecutors})`,
    });
  }
  return problems;
}
