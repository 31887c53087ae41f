import * as path from 'path';
import { NotebookSchedule } from '../charts/notebooks/schedule';

/**
 * The sample dataset every shipped schedule and the Spark profiling job read. The data stack
 * writes notebooks/samples/sales.csv to this key of the datasets bucket at deploy time, so the
 * first runs find it.
 */
export const SAMPLE_SALES_KEY = 'raw/sales/sales.csv';
export const SAMPLE_SALES_FILE = path.join(__dirname, 'samples', 'sales.csv');

/** Buckets the scheduled notebooks read from and write to (names, per environment). */
export interface ScheduleBuckets {
  /** Raw and curated datasets. */
  readonly datasetsBucket: string;
  /** Executed notebooks and report artifacts. */
  readonly outputsBucket: string;
}

/**
 * The platform's scheduled notebooks. The NotebooksChart turns each entry into a CronJob and
 * refuses to synthesize when a notebook is missing, a parameter is not declared in the
 * notebook's `parameters` cell, or a cron expression or time zone is invalid.
 */
export function platformSchedules(buckets: ScheduleBuckets): NotebookSchedule[] {
  const datasets = `s3://${buckets.datasetsBucket}`;
  const outputs = `s3://${buckets.outputsBucket}`;
  return [
    {
      name: 'sales-etl',
      notebook: 'etl_csv_to_parquet.ipynb',
      cron: '15 1 * * *',
      timeZone: 'Etc/UTC',
      parameters: {
        source_uri: `${datasets}/${SAMPLE_SALES_KEY}`,
        output_uri: `${datasets}/curated/sales`,
        partition_by: 'region',
        output_format: 'parquet',
      },
      outputPrefix: 'runs/sales-etl',
    },
    {
      name: 'sales-profile',
      notebook: 'dataset_profile.ipynb',
      cron: '45 1 * * *',
      timeZone: 'Etc/UTC',
      parameters: {
        dataset_uri: `${datasets}/${SAMPLE_SALES_KEY}`,
        output_uri: `${outputs}/profiles/sales/summary.json`,
        sample_rows: 0,
      },
      outputPrefix: 'runs/sales-profile',
    },
    {
      name: 'sales-daily-report',
      notebook: 'daily_report.ipynb',
      cron: '0 7 * * MON-FRI',
      timeZone: 'Europe/Paris',
      parameters: {
        dataset_uri: `${datasets}/${SAMPLE_SALES_KEY}`,
        lookback_days: 14,
        metric: 'revenue',
        chart_uri: `${outputs}/reports/sales/daily_revenue.png`,
      },
      outputPrefix: 'reports/sales-daily',
    },
  ];
}
