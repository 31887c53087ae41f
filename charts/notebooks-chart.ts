import * as fs from 'fs';
import * as path from 'path';
import { Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-34';
import { Construct } from 'constructs';
import { componentLabels } from './lib/labels';
import { allowDnsEgress, allowPodIdentityEgress, allowTcpEgress, defaultDeny } from './lib/network-policies';
import { restrictedContainerSecurity, restrictedPodSecurity } from './lib/security';
import { assertDnsLabel, assertPinnedImage, assertS3BucketName, assertS3Prefix } from './lib/validation';
import { InvalidCronError, toValidCron } from './notebooks/cron';
import { declaredParameters } from './notebooks/notebook-parameters';
import { papermillCommand } from './notebooks/papermill-command';
import { NotebookSchedule } from './notebooks/schedule';

/** Where notebooks/runner/Dockerfile copies the notebooks, and the runner's user. */
export const RUNNER_NOTEBOOKS_DIR = '/opt/notebooks';
export const RUNNER_UID = 10001;
/** The repository's notebooks folder. */
export const DEFAULT_NOTEBOOKS_DIR = path.resolve(__dirname, '..', 'notebooks');

export interface NotebooksChartProps {
  /** Papermill runner image built from notebooks/runner/Dockerfile (build context notebooks/). */
  readonly runnerImage: string;
  /** Bucket the executed notebooks are written to. */
  readonly outputsBucket: string;
  /** The scheduled runs, usually `platformSchedules(...)` from notebooks/schedules.ts. */
  readonly schedules: readonly NotebookSchedule[];
  /** @default 'notebooks' */
  readonly namespace?: string;
  /** @default 'papermill-runner' */
  readonly serviceAccountName?: string;
  /**
   * Annotations on the runner's service account (IRSA `eks.amazonaws.com/role-arn`); with EKS
   * Pod Identity leave empty and associate `namespace` + `serviceAccountName` on the AWS side.
   * @default none
   */
  readonly serviceAccountAnnotations?: { readonly [key: string]: string };
  /** Folder holding the notebooks the schedules name. @default the repository's notebooks/ */
  readonly notebooksDir?: string;
  /** Suspend every CronJob (the local environment runs them by hand). @default false */
  readonly suspendAll?: boolean;
}

/** Thrown at synthesis when a schedule is wrong; the message names the schedule and the rule. */
export class NotebookScheduleError extends Error {}

/** Papermill CronJobs built from the typed schedule list (PlatformNamespacesChart creates their namespace). */
export class NotebooksChart extends Chart {
  public readonly namespaceName: string;
  public readonly serviceAccountName: string;

  public constructor(scope: Construct, id: string, props: NotebooksChartProps) {
    super(scope, id);
    assertPinnedImage('runnerImage', props.runnerImage);
    assertS3BucketName('outputsBucket', props.outputsBucket);
    const ns = props.namespace ?? 'notebooks';
    assertDnsLabel('namespace', ns);
    this.namespaceName = ns;
    this.serviceAccountName = props.serviceAccountName ?? 'papermill-runner';
    assertDnsLabel('serviceAccountName', this.serviceAccountName);
    const notebooksDir = props.notebooksDir ?? DEFAULT_NOTEBOOKS_DIR;

    const sa = new kplus.ServiceAccount(this, 'runner-sa', {
      metadata: {
        name: this.serviceAccountName,
        namespace: ns,
        annotations: { ...props.serviceAccountAnnotations },
        labels: componentLabels(this.serviceAccountName, 'notebooks'),
      },
      automountToken: false,
    });

    const names = new Set<string>();
    for (const schedule of props.schedules) {
      validateSchedule(schedule, notebooksDir);
      if (names.has(schedule.name)) {
        throw new NotebookScheduleError(`schedule '${schedule.name}': the name is used twice; schedule names must be unique`);
      }
      names.add(schedule.name);
      this.cronJob(ns, sa, schedule, props);
    }

    defaultDeny(this, ns);
    allowDnsEgress(this, ns);
    // S3 and STS answer on 443; the notebooks reach nothing else.
    allowTcpEgress(this, ns, { name: 'allow-https-egress', ports: [443] });
    // The runs' S3 credentials come from the Pod Identity agent.
    allowPodIdentityEgress(this, ns);
  }

  private cronJob(ns: string, sa: kplus.IServiceAccount, schedule: NotebookSchedule, props: NotebooksChartProps): void {
    const labels = componentLabels(schedule.name, 'notebooks');
    const timeout = schedule.timeout ?? Duration.hours(1);
    const cpu = schedule.cpuMillis ?? { request: 500, limit: 2000 };
    const memory = schedule.memory ?? { request: Size.gibibytes(1), limit: Size.gibibytes(4) };
    const scratch = kplus.Volume.fromEmptyDir(this, `${schedule.name}-scratch`, 'scratch', { sizeLimit: Size.gibibytes(2) });
    const { command, args } = papermillCommand({
      inputPath: `${RUNNER_NOTEBOOKS_DIR}/${schedule.notebook}`,
      outputFolderUri: `s3://${props.outputsBucket}/${schedule.outputPrefix}`,
      parameters: schedule.parameters ?? {},
      cellTimeout: timeout,
      cwd: '/tmp',
    });
    new kplus.CronJob(this, schedule.name, {
      metadata: { name: schedule.name, namespace: ns, labels },
      podMetadata: { labels },
      schedule: toValidCron(schedule.cron),
      timeZone: schedule.timeZone,
      concurrencyPolicy: kplus.ConcurrencyPolicy.FORBID,
      startingDeadline: Duration.minutes(5),
      suspend: props.suspendAll === true || schedule.suspend === true,
      successfulJobsRetained: 3,
      failedJobsRetained: 3,
      backoffLimit: 1,
      activeDeadline: timeout,
      serviceAccount: sa,
      automountServiceAccountToken: false,
      restartPolicy: kplus.RestartPolicy.NEVER,
      securityContext: restrictedPodSecurity({ user: RUNNER_UID, group: RUNNER_UID }),
      containers: [
        {
          name: 'papermill',
          image: props.runnerImage,
          imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
          command,
          args,
          // The kernel, matplotlib and Jupyter write their runtime files under $HOME.
          envVariables: {
            HOME: kplus.EnvValue.fromValue('/tmp'),
            MPLBACKEND: kplus.EnvValue.fromValue('Agg'),
          },
          securityContext: restrictedContainerSecurity({ user: RUNNER_UID, group: RUNNER_UID }),
          resources: {
            cpu: { request: kplus.Cpu.millis(cpu.request), limit: kplus.Cpu.millis(cpu.limit) },
            memory: { request: memory.request, limit: memory.limit },
          },
          volumeMounts: [{ path: '/tmp', volume: scratch }],
        },
      ],
    });
  }
}

function validateSchedule(schedule: NotebookSchedule, notebooksDir: string): void {
  const where = `schedule '${schedule.name}'`;
  try {
    assertDnsLabel('name', schedule.name);
  } catch (error) {
    throw new NotebookScheduleError(`${where}: ${(error as Error).message}`);
  }
  if (schedule.name.length > 52) {
    throw new NotebookScheduleError(`${where}: CronJob names are limited to 52 characters, got ${schedule.name.length}`);
  }
  if (!/^[A-Za-z0-9_-]+\.ipynb$/.test(schedule.notebook)) {
    throw new NotebookScheduleError(`${where}: notebook must be a file name in notebooks/ ending in .ipynb, got '${schedule.notebook}'`);
  }
  const notebookPath = path.join(notebooksDir, schedule.notebook);
  if (!fs.existsSync(notebookPath)) {
    const available = fs
      .readdirSync(notebooksDir)
      .filter((f) => f.endsWith('.ipynb'))
      .sort();
    throw new NotebookScheduleError(
      `${where}: notebook '${schedule.notebook}' does not exist; available notebooks: ${available.join(', ')}`,
    );
  }
  const declared = declaredParameters(notebookPath);
  for (const name of Object.keys(schedule.parameters ?? {})) {
    if (!declared.includes(name)) {
      throw new NotebookScheduleError(
        `${where}: parameter '${name}' is not declared in the parameters cell of ${schedule.notebook}; declared: ${declared.join(', ')}`,
      );
    }
  }
  try {
    toValidCron(schedule.cron);
  } catch (error) {
    if (error instanceof InvalidCronError) throw new NotebookScheduleError(`${where}: ${error.message}`);
    throw error;
  }
  if (!isTimeZone(schedule.timeZone)) {
    throw new NotebookScheduleError(
      `${where}: timeZone '${schedule.timeZone}' is not an IANA time zone name such as 'Europe/Paris' or 'Etc/UTC'`,
    );
  }
  try {
    assertS3Prefix('outputPrefix', schedule.outputPrefix);
  } catch (error) {
    throw new NotebookScheduleError(`${where}: ${(error as Error).message}`);
  }
}

function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
