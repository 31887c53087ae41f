import { Cron, Duration, Size } from 'cdk8s';

/** A value papermill passes to a notebook parameter. */
export type NotebookParameterValue = string | number | boolean;

/** One scheduled notebook run: the NotebooksChart makes a CronJob from it. */
export interface NotebookSchedule {
  /** Name of the CronJob (DNS-1123 label, at most 52 characters). */
  readonly name: string;
  /** Notebook file name in notebooks/, for example 'daily_report.ipynb'. */
  readonly notebook: string;
  /** Five-field cron expression ('0 6 * * 1-5') or a cdk8s Cron. */
  readonly cron: string | Cron;
  /** IANA time zone the cron expression is read in, for example 'Europe/Paris' or 'Etc/UTC'. */
  readonly timeZone: string;
  /** Values injected into the notebook; every name must be declared in its `parameters` cell. */
  readonly parameters?: { readonly [name: string]: NotebookParameterValue };
  /** Key prefix in the outputs bucket; each run writes <prefix>/<UTC timestamp>.ipynb. */
  readonly outputPrefix: string;
  /** Wall-clock limit of one run (Job activeDeadlineSeconds). @default 1 hour */
  readonly timeout?: Duration;
  /** @default 500 millicores requested, 2000 limit */
  readonly cpuMillis?: { readonly request: number; readonly limit: number };
  /** @default 1 GiB requested, 4 GiB limit */
  readonly memory?: { readonly request: Size; readonly limit: Size };
  /** @default false */
  readonly suspend?: boolean;
}
