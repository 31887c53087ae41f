import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { SparkChart } from '../../charts/spark-chart';
import { AWS_ENVIRONMENT_NAMES, readRelease, sparkVersionOf } from '../../lib/config';
import { readSpecYaml } from '../support/specs';
import { cloudCharts, findObject, objectsOfKind } from './support/platform';

const REPO = path.resolve(__dirname, '../..');
const spark = Testing.synth(cloudCharts().spark);

describe('SparkChart', () => {
  test("every release pins the operator chart's Spark (its controller is built FROM apache/spark:4.0.4), which the image's default base matches", () => {
    expect(readSpecYaml<{ version: string }>('spark-operator', 'Chart.yaml').version).toBe('2.5.2');
    const dockerfile = fs.readFileSync(path.join(REPO, 'charts/spark/image/Dockerfile'), 'utf8');
    for (const env of AWS_ENVIRONMENT_NAMES) {
      const release = readRelease(env);
      expect({ env, chart: release.charts.sparkOperator, spark: sparkVersionOf(release.images.spark) }).toEqual({
        env,
        chart: '2.5.2',
        spark: '4.0.4',
      });
      expect(dockerfile).toContain(`ARG SPARK_IMAGE=${release.images.spark}\n`);
    }
    expect(dockerfile).toMatch(/^FROM \$\{SPARK_IMAGE\}$/m);
  });

  test('the profiling application: dynamic allocation, S3 event logs, sane resources, the job in the image', () => {
    const app = findObject(spark, 'SparkApplication', 'profile-dataset');
    expect(app.spec).toMatchObject({
      type: 'Python',
      sparkVersion: '4.0.4',
      mode: 'cluster',
      mainApplicationFile: 'local:///opt/spark/jobs/profile_dataset.py',
    });
    expect(app.spec.arguments).toEqual([
      '--input',
      's3a://datavis-dev-datasets/raw/sales/sales.csv',
      '--output',
      's3a://datavis-dev-outputs/profiles/sales/spark',
    ]);
    expect(app.spec.dynamicAllocation).toMatchObject({ enabled: true, shuffleTrackingEnabled: true, minExecutors: 1, maxExecutors: 4 });
    expect(app.spec.sparkConf['spark.eventLog.enabled']).toBe('true');
    expect(app.spec.sparkConf['spark.eventLog.dir']).toBe('s3a://datavis-dev-spark-events/spark-events/');
    expect(app.spec.driver).toMatchObject({ cores: 1, coreRequest: '500m', memory: '1024m', serviceAccount: 'spark-driver' });
    expect(app.spec.executor).toMatchObject({ cores: 2, coreRequest: '1000m', memory: '2048m', serviceAccount: 'spark-executor' });
    const dockerfile = fs.readFileSync(path.join(REPO, 'charts/spark/image/Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/COPY .*jobs\/ \/opt\/spark\/jobs\//);
    expect(fs.existsSync(path.join(REPO, 'charts/spark/jobs/profile_dataset.py'))).toBe(true);
  });

  test('the PySpark job compiles and documents its arguments', () => {
    const job = path.join(REPO, 'charts/spark/jobs/profile_dataset.py');
    const source = fs.readFileSync(job, 'utf8');
    execFileSync('/usr/bin/python3', ['-c', 'import ast,sys; ast.parse(open(sys.argv[1]).read())', job]);
    expect(source).toMatch(/add_argument\("--input"/);
    expect(source).toMatch(/add_argument\("--output"/);
  });

  test('the History Server reads the event log bucket with the pinned Spark image', () => {
    const deployment = findObject(spark, 'Deployment', 'spark-history-server');
    const c = deployment.spec.template.spec.containers[0];
    expect(c.command).toEqual(['/opt/spark/bin/spark-class', 'org.apache.spark.deploy.history.HistoryServer']);
    const opts = c.env.find((e: { name: string }) => e.name === 'SPARK_HISTORY_OPTS').value;
    expect(opts).toContain('-Dspark.history.fs.logDirectory=s3a://datavis-dev-spark-events/spark-events/');
    expect(deployment.spec.template.spec.serviceAccountName).toBe('spark-history-server');
    expect(findObject(spark, 'Service', 'spark-history-server').spec.ports[0].port).toBe(18080);
  });

  test('RBAC: drivers manage their executors; the web app gets nothing here but what its run backend declares', () => {
    const driver = findObject(spark, 'Role', 'spark-driver');
    const resources = driver.rules.flatMap((r: { resources: string[] }) => r.resources).sort();
    expect(resources).toEqual(['configmaps', 'persistentvolumeclaims', 'pods', 'services']);
    expect(driver.rules.every((r: { apiGroups: string[] }) => r.apiGroups.every((g) => g === ''))).toBe(true);
    // The web app's access to SparkApplications is the run backend's Role (WebAppChart.enableClusterRuns).
    const names = objectsOfKind(spark, 'Role').map((r: { metadata: { name: string } }) => r.metadata.name);
    expect(names).not.toContain('web-app-spark-submitter');
    expect(objectsOfKind(spark, 'ClusterRole')).toEqual([]);
    expect(objectsOfKind(spark, 'ClusterRoleBinding')).toEqual([]);
  });

  test('service account names are exposed for Pod Identity associations and take IRSA annotations', () => {
    const chart = new SparkChart(Testing.app(), 's', {
      sparkImage: 'r/spark:4.0.4-1',
      sparkVersion: '4.0.4',
      eventLogBucket: 'logs-bucket',
      namespace: 'analytics',
      serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/spark' },
    });
    expect([
      chart.namespaceName,
      chart.driverServiceAccountName,
      chart.executorServiceAccountName,
      chart.historyServerServiceAccountName,
    ]).toEqual(['analytics', 'spark-driver', 'spark-executor', 'spark-history-server']);
    const accounts = objectsOfKind(Testing.synth(chart), 'ServiceAccount');
    expect(accounts).toHaveLength(3);
    for (const a of accounts) expect(a.metadata.annotations?.['eks.amazonaws.com/role-arn']).toBe('arn:aws:iam::123456789012:role/spark');
  });

  test.each([
    ['an unpinned image', { sparkImage: 'apache/spark' }, /sparkImage must be pinned/],
    ['a bucket name with upper case', { eventLogBucket: 'Logs' }, /eventLogBucket must be an S3 bucket name/],
    ['a prefix with a trailing slash', { eventLogPrefix: 'events/' }, /eventLogPrefix must be an S3 key prefix/],
    ['a namespace that is not a DNS label', { namespace: 'Spark_Jobs' }, /namespace must be a DNS-1123 label/],
  ] as const)('refuses %s', (_name, override, message) => {
    expect(
      () =>
        new SparkChart(Testing.app(), 's', {
          sparkImage: 'r/spark:4.0.4-1',
          sparkVersion: '4.0.4',
          eventLogBucket: 'logs-bucket',
          ...override,
        }),
    ).toThrow(message);
  });
});
