import { execFileSync } from 'child_process';
import { App, Chart, Duration, Size } from 'cdk8s';
import { papermillCommand } from '../../../charts/notebooks/papermill-command';
import { RUNNER_UID as CHART_RUNNER_UID } from '../../../charts/notebooks-chart';
import { PySparkApplication } from '../../../charts/spark/pyspark-application';
import { readRelease, sparkVersionOf } from '../../../lib/config/release';
import { NODE_ROLE_LABEL as CLUSTER_NODE_ROLE_LABEL } from '../../../lib/constructs/platform-cluster';
import { RUNNER_UID, notebookJob, papermillRunArgs, papermillRunParameterArgs } from '../../../app/server/runs/kubernetes/notebook-job';
import { NODE_ROLE_LABEL, RUN_ID_LABEL } from '../../../app/server/runs/kubernetes/run-objects';
import { sparkRunApplication } from '../../../app/server/runs/kubernetes/spark-application';
import { checkSparkSizing, DEFAULT_SPARK_SIZING } from '../../../app/server/runs/spark-sizing';
import { podTemplates } from '../../charts/support/platform';
import { restrictedViolations } from '../../charts/support/restricted';
import { validateKubernetesObjects, validateSparkApplication } from '../../charts/support/validators';
import { TEST_PYTHON } from './support/notebooks';

const jobProps = {
  runId: '42',
  namespace: 'notebooks',
  image: 'datavis/notebook-runner:0.1.0',
  serviceAccountName: 'papermill-runner',
  inputUri: 's3://datavis-dev-datasets/projects/1/files/report.ipynb',
  outputNotebookUri: 's3://datavis-dev-outputs/runs/42/output.ipynb',
  parameters: {
    region: 'EU',
    days: 7,
    ratio: 0.5,
    dry_run: true,
    columns: ['a', 'b'],
    big: 1e21,
    tiny: 5e-7,
    none: null,
    output_path: 's3://datavis-dev-outputs/runs/42/result.csv',
  },
  timeoutSeconds: 900,
  ttlSecondsAfterFinished: 3600,
};

/** The Spark version the dev release pins (its apache/spark image tag). */
const SPARK_VERSION = sparkVersionOf(readRelease('dev').images.spark);

const sparkProps = {
  runId: '43',
  namespace: 'spark-jobs',
  image: 'datavis/spark:4.0.4-1',
  sparkVersion: SPARK_VERSION,
  mainApplicationFile: 's3a://datavis-dev-datasets/projects/1/files/job.py',
  arguments: ['--input', 's3a://datavis-dev-datasets/raw/sales.csv'],
  driverServiceAccountName: 'spark-driver',
  executorServiceAccountName: 'spark-executor',
  eventLogDir: 's3a://datavis-dev-spark-events/spark-events/',
  sizing: { driver: { cores: 1, memoryMiB: 2048 }, executor: { cores: 2, memoryMiB: 4096 }, minExecutors: 1, maxExecutors: 6 },
  timeoutSeconds: 1800,
  timeToLiveSeconds: 86400,
  outputPath: 's3a://datavis-dev-outputs/runs/43/result',
};

describe('the Job of a notebook run', () => {
  const job = notebookJob(jobProps) as any;

  test('validates against the Kubernetes 1.36 schema and its pod meets Pod Security restricted', () => {
    expect(validateKubernetesObjects([job])).toEqual([null]);
    expect(restrictedViolations(job.spec.template.spec)).toEqual([]);
  });

  test('runs once within the timeout, is cleaned up after a while, as the runner service account with no API token', () => {
    expect(job.spec).toMatchObject({ backoffLimit: 0, activeDeadlineSeconds: 900, ttlSecondsAfterFinished: 3600 });
    expect(job.spec.template.spec).toMatchObject({
      restartPolicy: 'Never',
      serviceAccountName: 'papermill-runner',
      automountServiceAccountToken: false,
    });
    expect(job.spec.template.spec.securityContext).toMatchObject({ runAsUser: CHART_RUNNER_UID, runAsNonRoot: true });
    expect(RUNNER_UID).toBe(CHART_RUNNER_UID);
  });

  test('the Job and its pod carry the run id label', () => {
    expect(job.metadata.labels[RUN_ID_LABEL]).toBe('42');
    expect(job.spec.template.metadata.labels[RUN_ID_LABEL]).toBe('42');
    expect(job.metadata.name).toBe('run-42');
  });

  test('papermill reads and writes s3:// with the same flags as the NotebooksChart CronJobs', () => {
    const container = job.spec.template.spec.containers[0];
    expect(container.command).toEqual(['papermill']);
    expect(container.args.slice(0, 2)).toEqual([jobProps.inputUri, jobProps.outputNotebookUri]);
    const simple = { region: 'EU', days: 7 };
    const chart = papermillCommand({
      inputPath: 'x',
      outputFolderUri: 's3://b/p',
      parameters: simple,
      cellTimeout: Duration.seconds(900),
      cwd: '/tmp',
    });
    expect(papermillRunArgs({ ...jobProps, parameters: simple }).slice(2)).toEqual(chart.args.slice(1));
  });

  test('structured values go in one -y document that PyYAML reads back with their JSON types', () => {
    const args = papermillRunParameterArgs(jobProps.parameters);
    expect(args).toEqual([
      '-r',
      'region',
      'EU',
      '-p',
      'days',
      '7',
      '-p',
      'ratio',
      '0.5',
      '-p',
      'dry_run',
      'True',
      '-p',
      'big',
      '1e+21',
      '-p',
      'tiny',
      '5e-7',
      '-r',
      'output_path',
      jobProps.parameters.output_path,
      '-y',
      '{"columns": ["a", "b"], "none": null}',
    ]);
    const structured = { floats: [1e21, 5e-7, -2.5, 1.5e300], n: { k: 9007199254740991, s: 'x: "y"' }, empty: [] };
    const [flag, document] = papermillRunParameterArgs(structured);
    expect(flag).toBe('-y');
    // PyYAML (papermill's loader is a SafeLoader) reads exactly the JSON values back; plain JSON text would turn 1e+21 into a string.
    const script = 'import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))';
    const read = JSON.parse(execFileSync(TEST_PYTHON, ['-c', script], { input: document, encoding: 'utf8' }));
    expect(read).toEqual(structured);
    expect(JSON.parse(execFileSync(TEST_PYTHON, ['-c', script], { input: JSON.stringify({ big: 1e21 }), encoding: 'utf8' }))).toEqual({
      big: '1e+21',
    });
  });
});

describe('the SparkApplication of a Spark run', () => {
  const app = sparkRunApplication(sparkProps) as any;

  test('validates against the operator v2.5.2 CRD, and its driver and executor pods meet Pod Security restricted', () => {
    expect(validateSparkApplication(app)).toEqual([]);
    for (const template of podTemplates(app))
      expect({ id: template.id, violations: restrictedViolations(template.spec) }).toEqual({ id: template.id, violations: [] });
  });

  test('is the SparkChart construct output plus only what a run adds', () => {
    const chart = new Chart(new App(), 'c');
    new PySparkApplication(chart, 'a', {
      ...sparkProps,
      name: 'run-43',
      arguments: [...sparkProps.arguments],
      driver: { cores: 1, coreRequestMillis: 500, memory: Size.mebibytes(2048) },
      executor: { cores: 2, coreRequestMillis: 1000, memory: Size.mebibytes(4096) },
      dynamicAllocation: { initialExecutors: 1, minExecutors: 1, maxExecutors: 6 },
      timeToLive: Duration.seconds(86400),
    });
    const [construct] = chart.toJson() as any[];
    const strip = (o: any) => {
      const c = JSON.parse(JSON.stringify(o));
      delete c.metadata.labels;
      delete c.metadata.annotations;
      delete c.spec.restartPolicy;
      for (const role of ['driver', 'executor']) for (const k of ['labels', 'tolerations', 'nodeSelector', 'env']) delete c.spec[role][k];
      return c;
    };
    expect(strip(app)).toEqual(strip(construct));
    expect(construct.spec.sparkConf['spark.eventLog.dir']).toBe(sparkProps.eventLogDir);
    expect(app.spec.sparkConf['spark.eventLog.enabled']).toBe('true');
  });

  test('the operator never retries (the task retry policy does), and dynamic allocation stays within the task bounds', () => {
    expect(app.spec.restartPolicy).toEqual({ type: 'Never' });
    expect(app.spec.dynamicAllocation).toMatchObject({ enabled: true, minExecutors: 1, initialExecutors: 1, maxExecutors: 6 });
  });

  test('driver and executors tolerate and select their own Spark node group, and carry the run id', () => {
    expect(NODE_ROLE_LABEL).toBe(CLUSTER_NODE_ROLE_LABEL);
    for (const role of ['driver', 'executor']) {
      const group = `spark-${role}`;
      expect(app.spec[role].tolerations).toEqual([{ key: CLUSTER_NODE_ROLE_LABEL, operator: 'Equal', value: group, effect: 'NoSchedule' }]);
      expect(app.spec[role].nodeSelector).toEqual({ [CLUSTER_NODE_ROLE_LABEL]: group });
      expect(app.spec[role].labels[RUN_ID_LABEL]).toBe('43');
    }
    expect(app.metadata.labels[RUN_ID_LABEL]).toBe('43');
    expect(app.spec.driver.env).toEqual([{ name: 'OUTPUT_PATH', value: sparkProps.outputPath }]);
  });

  test('a sizing beyond the platform limits is refused naming the field', () => {
    expect(checkSparkSizing(DEFAULT_SPARK_SIZING)).toEqual([]);
    expect(checkSparkSizing({ ...DEFAULT_SPARK_SIZING, maxExecutors: 50 })).toEqual([
      { field: 'spark.maxExecutors', message: 'spark.maxExecutors must be an integer from 1 to 20, got 50' },
    ]);
    expect(checkSparkSizing({ ...DEFAULT_SPARK_SIZING, minExecutors: 5, maxExecutors: 2 })[0].field).toBe('spark.minExecutors');
    expect(() =>
      sparkRunApplication({ ...sparkProps, sizing: { ...sparkProps.sizing, executor: { cores: 64, memoryMiB: 4096 } } }),
    ).toThrow('spark.executor.cores must be an integer from 1 to 4, got 64');
  });
});
