import { Cron, Testing } from 'cdk8s';
import { NotebooksChart, NotebooksChartProps } from '../../charts/notebooks-chart';
import { parseCron } from '../../charts/notebooks/cron';
import { declaredParameters } from '../../charts/notebooks/notebook-parameters';
import { NotebookSchedule } from '../../charts/notebooks/schedule';
import { papermillParameterArgs } from '../../charts/notebooks/papermill-command';
import { platformSchedules } from '../../notebooks/schedules';
import { cloudCharts, findObject, objectsOfKind } from './support/platform';
import * as path from 'path';

const NOTEBOOKS = path.resolve(__dirname, '../../notebooks');
const valid: NotebookSchedule = {
  name: 'report',
  notebook: 'daily_report.ipynb',
  cron: '0 7 * * MON-FRI',
  timeZone: 'Europe/Paris',
  parameters: { lookback_days: 7, metric: 'revenue' },
  outputPrefix: 'reports/daily',
};
const props = (schedules: NotebookSchedule[]): NotebooksChartProps => ({
  runnerImage: 'r/runner:0.1.0',
  outputsBucket: 'datavis-outputs',
  schedules,
});
const synth = (schedule: NotebookSchedule) => new NotebooksChart(Testing.app(), 'n', props([schedule]));

describe('NotebooksChart: a CronJob per schedule', () => {
  const objects = Testing.synth(cloudCharts().notebooks);
  const cronJobs = objectsOfKind(objects, 'CronJob');

  test('one CronJob per entry of the platform schedule list', () => {
    expect(cronJobs.map((c) => c.metadata.name).sort()).toEqual(
      platformSchedules({ datasetsBucket: 'a', outputsBucket: 'b' })
        .map((s) => s.name)
        .sort(),
    );
  });

  test('job settings: Forbid, starting deadline, backoff, active deadline, history limits, time zone', () => {
    const job = findObject(objects, 'CronJob', 'sales-daily-report');
    expect(job.spec).toMatchObject({
      schedule: '0 7 * * MON-FRI',
      timeZone: 'Europe/Paris',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 300,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      suspend: false,
    });
    expect(job.spec.jobTemplate.spec).toMatchObject({ backoffLimit: 1, activeDeadlineSeconds: 3600 });
    expect(job.spec.jobTemplate.spec.template.spec.restartPolicy).toBe('Never');
  });

  test('papermill runs the notebook from the image and writes s3://<outputs>/<prefix>/<UTC timestamp>.ipynb', () => {
    const c = findObject(objects, 'CronJob', 'sales-daily-report').spec.jobTemplate.spec.template.spec.containers[0];
    expect(c.command[0]).toBe('/bin/sh');
    expect(c.command[2]).toBe(
      'exec papermill "$$0" "s3://datavis-dev-outputs/reports/sales-daily/$$(date -u +%Y%m%dT%H%M%SZ).ipynb" "$$@"',
    );
    expect(c.args[0]).toBe('/opt/notebooks/daily_report.ipynb');
    const args: string[] = c.args;
    expect(args).toEqual(expect.arrayContaining(['--kernel', 'python3', '--log-output', '--execution-timeout', '3600']));
    const pairs = (flag: string) => args.flatMap((a, i) => (a === flag ? [[args[i + 1], args[i + 2]]] : []));
    expect(pairs('-p')).toEqual([['lookback_days', '14']]);
    expect(pairs('-r')).toEqual([
      ['dataset_uri', 's3://datavis-dev-datasets/raw/sales/sales.csv'],
      ['metric', 'revenue'],
      ['chart_uri', 's3://datavis-dev-outputs/reports/sales/daily_revenue.png'],
    ]);
  });

  test('papermill flags by type: -r keeps strings, -p converts numbers and True/False', () => {
    expect(papermillParameterArgs({ name: '2024', rows: 10, ratio: 0.5, full: true, dry: false })).toEqual([
      '-r',
      'name',
      '2024',
      '-p',
      'rows',
      '10',
      '-p',
      'ratio',
      '0.5',
      '-p',
      'full',
      'True',
      '-p',
      'dry',
      'False',
    ]);
    expect(() => papermillParameterArgs({ rows: Number.NaN })).toThrow(/must be a finite number/);
  });

  test('string parameters reach the CronJob through -r', () => {
    const schedule = { ...valid, notebook: 'etl_csv_to_parquet.ipynb', parameters: { output_format: 'csv', partition_by: 'region' } };
    const c = findObject(Testing.synth(synth(schedule)), 'CronJob', 'report').spec.jobTemplate.spec.template.spec.containers[0];
    expect(c.args.slice(-6)).toEqual(['-r', 'output_format', 'csv', '-r', 'partition_by', 'region']);
  });

  test('the platform schedules only use declared parameters of existing notebooks', () => {
    for (const s of platformSchedules({ datasetsBucket: 'a', outputsBucket: 'b' })) {
      expect(declaredParameters(path.join(NOTEBOOKS, s.notebook))).toEqual(expect.arrayContaining(Object.keys(s.parameters ?? {})));
    }
  });

  test('network policies deny by default and allow DNS, HTTPS and the Pod Identity agent only', () => {
    const policies = objectsOfKind(objects, 'NetworkPolicy');
    expect(policies.map((p) => p.metadata.name).sort()).toEqual([
      'allow-dns-egress',
      'allow-https-egress',
      'allow-pod-identity-agent',
      'default-deny',
    ]);
    expect(findObject(policies, 'NetworkPolicy', 'allow-pod-identity-agent').spec.egress).toEqual([
      { to: [{ ipBlock: { cidr: '169.254.170.23/32' } }], ports: [{ protocol: 'TCP', port: 80 }] },
    ]);
  });

  test('suspendAll suspends every CronJob (local clusters)', () => {
    const chart = new NotebooksChart(Testing.app(), 'n', { ...props([valid]), suspendAll: true });
    expect(findObject(Testing.synth(chart), 'CronJob', 'report').spec.suspend).toBe(true);
  });

  test('a cdk8s Cron is accepted and checked the same way', () => {
    expect(() => synth({ ...valid, cron: Cron.schedule({ minute: '30', hour: '2' }) })).not.toThrow();
    expect(() => synth({ ...valid, cron: Cron.schedule({ minute: '75' }) })).toThrow(/minute 75 is outside 0-59/);
  });
});

describe('NotebooksChart refuses a wrong schedule at synthesis', () => {
  test('a notebook that does not exist', () => {
    expect(() => synth({ ...valid, notebook: 'missing_report.ipynb' })).toThrow(
      "schedule 'report': notebook 'missing_report.ipynb' does not exist; available notebooks: daily_report.ipynb, dataset_profile.ipynb, etl_csv_to_parquet.ipynb",
    );
  });

  test('a parameter the notebook does not declare', () => {
    expect(() => synth({ ...valid, parameters: { lookback_days: 7, colour: 'blue' } })).toThrow(
      /schedule 'report': parameter 'colour' is not declared in the parameters cell of daily_report.ipynb; declared: dataset_uri, report_date, lookback_days, metric, chart_uri/,
    );
  });

  test('an invalid cron expression', () => {
    expect(() => synth({ ...valid, cron: '0 25 * * *' })).toThrow(
      "schedule 'report': invalid cron expression '0 25 * * *': hour 25 is outside 0-23",
    );
  });

  test('an invalid time zone', () => {
    expect(() => synth({ ...valid, timeZone: 'Mars/Olympus' })).toThrow(/timeZone 'Mars\/Olympus' is not an IANA time zone/);
  });

  test('a schedule name that is not a DNS label', () => {
    expect(() => synth({ ...valid, name: 'Daily_Report' })).toThrow(/schedule 'Daily_Report': name must be a DNS-1123 label/);
  });

  test('two schedules with one name', () => {
    expect(() => new NotebooksChart(Testing.app(), 'n', props([valid, valid]))).toThrow(/the name is used twice/);
  });

  test('an output prefix with a leading slash', () => {
    expect(() => synth({ ...valid, outputPrefix: '/reports' })).toThrow(/outputPrefix must be an S3 key prefix/);
  });
});

describe('cron expressions', () => {
  test.each(['*/15 * * * *', '0 6 * * 1-5', '0 0 1,15 * ?', '30 2 * JAN-MAR SUN', '@daily', '0 12 * * 7'])('accepts %s', (expr) => {
    expect(() => parseCron(expr)).not.toThrow();
  });
  test.each([
    ['* * * *', /expected 5 fields/],
    ['60 * * * *', /minute 60 is outside 0-59/],
    ['0 0 0 * *', /day of month 0 is outside 1-31/],
    ['0 0 * 13 *', /month 13 is outside 1-12/],
    ['0 0 * * FUNDAY', /'FUNDAY' is not a valid day of week/],
    ['*/0 * * * *', /step '0' in the minute field must be a positive integer/],
    ['0 5-2 * * *', /hour range 5-2 ends before it starts/],
    ['@sometimes', /unknown macro/],
    ['TZ=UTC 0 0 * * *', /set the schedule's timeZone/],
    ['? 0 * * *', /'\?' is not a valid minute/],
  ])('rejects %s', (expr, message) => {
    expect(() => parseCron(expr)).toThrow(message);
  });
});
