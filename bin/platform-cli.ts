#!/usr/bin/env node
// `npm run platform -- <command>`: release status, diffs, promotion and rollback.
// The logic lives in lib/promotion; this file parses arguments, prints and sets the exit code.
import * as path from 'path';
import * as readline from 'readline';
import { Command, CommanderError, Option } from 'commander';
import { AWS_ENVIRONMENT_NAMES, ConfigError, ENVIRONMENT_NAMES, EnvironmentName } from '../lib/config';
import {
  AwsCallError,
  EXIT_CODES,
  EnvironmentStatus,
  GateResult,
  HistoryError,
  PromotionOutcome,
  PromotionPlan,
  RefusedError,
  ReleaseStore,
  UsageError,
  diffReleases,
  environmentStatuses,
  executePlan,
  formatDiff,
  parseCliEnvironment,
  planPromotion,
  planRollback,
  requireAwsEnvironment,
} from '../lib/promotion';

interface CommonOptions {
  json?: boolean;
  releasesDir?: string;
}

const program = new Command('platform')
  .description('Pinned releases per environment: status, diff, promotion dev -> staging -> prod, rollback and history.')
  .addHelpText(
    'after',
    `
Exit codes: ${EXIT_CODES.ok} ok, ${EXIT_CODES.internal} unexpected failure, ${EXIT_CODES.usage} usage error, ${EXIT_CODES.refused} refused by a gate, ${EXIT_CODES.aws} AWS error (credentials, region, denied, throttled), ${EXIT_CODES.config} invalid release or history file.`,
  )
  .exitOverride()
  .showHelpAfterError();

function common(command: Command): Command {
  return command
    .option('--json', 'print one JSON document on stdout (progress still goes to stderr)')
    .addOption(new Option('--releases-dir <dir>', 'folder of the release files').default(path.join('lib', 'config', 'releases')));
}

common(program.command('status'))
  .description('Pinned release of each environment and, with AWS credentials, what runs there')
  .option('--env <env>', `one environment (${ENVIRONMENT_NAMES.join(', ')})`)
  .option('--offline', 'do not call AWS')
  .action(async (opts: CommonOptions & { env?: string; offline?: boolean }) => {
    const envs: EnvironmentName[] = opts.env === undefined ? [...ENVIRONMENT_NAMES] : [parseCliEnvironment('--env', opts.env)];
    if (!opts.offline) progress(opts, `Reading live status from AWS for ${envs.filter((e) => e !== 'local').join(', ')}...`);
    const statuses = await environmentStatuses(envs, { store: store(opts), offline: opts.offline });
    print(opts, { command: 'status', environments: statuses }, () => statuses.flatMap(formatStatus));
  });

common(program.command('diff'))
  .description("Field-by-field differences between two environments' releases")
  .requiredOption('--from <env>', 'environment whose release is compared')
  .requiredOption('--to <env>', 'environment it is compared with')
  .action((opts: CommonOptions & { from: string; to: string }) => {
    const from = parseCliEnvironment('--from', opts.from);
    const to = parseCliEnvironment('--to', opts.to);
    const releases = store(opts);
    const changes = diffReleases(releases.read(to), releases.read(from));
    print(opts, { command: 'diff', from, to, changes }, () => [
      `Promoting ${from} into ${to} changes (${to} value -> ${from} value):`,
      ...formatDiff(changes),
    ]);
  });

common(program.command('promote'))
  .description("Copy one environment's release into the next stage after the gates pass")
  .requiredOption('--from <env>', `source environment (${AWS_ENVIRONMENT_NAMES.join(' -> ')})`)
  .requiredOption('--to <env>', 'target environment: the stage after --from')
  .option('--dry-run', 'run the gates and show what would change; write nothing')
  .option('--yes', 'do not ask for confirmation before writing')
  .option('--offline', 'skip the live AWS checks (a prod promotion still needs AWS for its snapshot unless --dry-run)')
  .action(async (opts: WriteOptions & { from: string; to: string }) => {
    const from = parseCliEnvironment('--from', opts.from);
    const to = parseCliEnvironment('--to', opts.to);
    requireConfirmationChannel(opts);
    const deps = { store: store(opts), progress: (m: string) => progress(opts, m) };
    const plan = await planPromotion(from, to, opts, deps);
    await apply(plan, opts, deps);
  });

common(program.command('rollback'))
  .description('Restore the release an environment ran before its last promotion, from its history')
  .requiredOption('--env <env>', `environment to roll back (${AWS_ENVIRONMENT_NAMES.join(', ')})`)
  .option('--dry-run', 'run the gates and show what would change; write nothing')
  .option('--yes', 'do not ask for confirmation before writing')
  .option('--offline', 'do not call AWS (refused for prod unless --dry-run: prod takes a snapshot first)')
  .action(async (opts: WriteOptions & { env: string }) => {
    const env = requireAwsEnvironment('--env', opts.env);
    requireConfirmationChannel(opts);
    const deps = { store: store(opts), progress: (m: string) => progress(opts, m) };
    const plan = await planRollback(env, opts, deps);
    await apply(plan, opts, deps);
  });

common(program.command('history'))
  .description('Promotions and rollbacks recorded for an environment, oldest first')
  .requiredOption('--env <env>', `environment (${AWS_ENVIRONMENT_NAMES.join(', ')})`)
  .action((opts: CommonOptions & { env: string }) => {
    const env = requireAwsEnvironment('--env', opts.env);
    const entries = store(opts).history(env);
    print(opts, { command: 'history', env, entries }, () =>
      entries.length === 0
        ? [`No promotion or rollback of ${env} is recorded.`]
        : entries.map(
            (e) =>
              `${e.at}  ${e.action.padEnd(8)} ${e.from} -> ${e.to}${e.sourceEnv ? ` from ${e.sourceEnv}` : ''}  by ${e.by}${e.snapshotId ? `  snapshot ${e.snapshotId}` : ''}`,
          ),
    );
  });

interface WriteOptions extends CommonOptions {
  dryRun?: boolean;
  yes?: boolean;
  offline?: boolean;
}

async function apply(plan: PromotionPlan, opts: WriteOptions, deps: Parameters<typeof executePlan>[2]): Promise<void> {
  if (!plan.allowed) {
    print(opts, planJson(plan, opts, undefined), () => formatPlan(plan, opts));
    process.exitCode = EXIT_CODES.refused;
    return;
  }
  if (!opts.dryRun && !opts.yes) {
    if (!opts.json) for (const line of formatPlan(plan, opts)) process.stderr.write(line + '\n');
    await confirm(
      `Write ${plan.files.map(relative).join(' and ')}${plan.snapshotRequired ? ' after snapshotting the prod database' : ''}?`,
    );
  }
  const outcome = await executePlan(plan, opts, deps);
  print(opts, planJson(plan, opts, outcome), () => [...formatPlan(plan, opts), ...formatOutcome(outcome)]);
}

function planJson(plan: PromotionPlan, opts: WriteOptions, outcome: PromotionOutcome | undefined): object {
  return {
    command: plan.action,
    dryRun: opts.dryRun === true,
    offline: opts.offline === true,
    ...plan,
    files: plan.files.map(relative),
    written: outcome?.written ?? false,
    entry: outcome?.entry ?? null,
  };
}

function formatPlan(plan: PromotionPlan, opts: WriteOptions): string[] {
  const title =
    plan.action === 'promote'
      ? `Promote ${plan.sourceEnv} -> ${plan.env}: ${plan.current.platformVersion} -> ${plan.candidate.platformVersion}`
      : plan.changes.length === 0
        ? `Roll back ${plan.env} (runs ${plan.current.platformVersion})`
        : `Roll back ${plan.env}: ${plan.current.platformVersion} -> ${plan.candidate.platformVersion}`;
  const lines = [
    `${title}${opts.dryRun ? ' (dry run)' : ''}`,
    '',
    `Changes to releases/${plan.env}.json:`,
    ...formatDiff(plan.changes),
    '',
    'Gates:',
  ];
  for (const gate of plan.gates) lines.push(...formatGate(gate));
  lines.push('');
  if (plan.allowed) {
    if (plan.snapshotRequired) {
      lines.push(
        opts.dryRun
          ? 'Before writing, a manual RDS snapshot of the prod database would be created and waited for.'
          : 'A manual RDS snapshot of the prod database is taken before writing.',
      );
    }
    lines.push(`${opts.dryRun ? 'Would write' : 'Writes'}: ${plan.files.map(relative).join(', ')}`);
    if (opts.dryRun) lines.push(`Result: allowed; dry run, nothing written.`);
  } else {
    lines.push(`Result: REFUSED; nothing written (exit code ${EXIT_CODES.refused}).`);
  }
  return lines;
}

function formatGate(gate: GateResult): string[] {
  const mark = { passed: 'PASS   ', refused: 'REFUSED', skipped: 'SKIP   ' }[gate.status];
  return [
    `  ${mark} ${gate.gate.padEnd(13)} ${gate.message}`,
    ...(gate.details ?? []).filter(() => gate.status === 'refused').map((d) => `            - ${d}`),
  ];
}

function formatOutcome(outcome: PromotionOutcome): string[] {
  if (!outcome.written || outcome.entry === undefined) return [];
  const e = outcome.entry;
  return [
    `Written: ${e.env} now pins ${e.to} (was ${e.from})${e.snapshotId ? `; snapshot ${e.snapshotId}` : ''}. Commit the release and history files; the pipeline deploys them.`,
  ];
}

function formatStatus(s: EnvironmentStatus): string[] {
  const r = s.release;
  const lines = [
    `${s.env}${s.region ? ` (${s.region})` : ''}: ${r.platformVersion} from ${r.gitCommit.slice(0, 12)}`,
    // Every pin the release file holds, so the listing stays in step with it.
    `  images: ${Object.entries(r.images)
      .map(([name, pin]) => `${name} ${pin}`)
      .join(', ')}`,
    `  charts: ${Object.entries(r.charts)
      .map(([name, pin]) => `${name} ${pin}`)
      .join(', ')}`,
    `  EKS ${r.kubernetesVersion}, RDS MySQL ${r.rdsEngineVersion}`,
  ];
  if (s.lastChange)
    lines.push(
      `  last change: ${s.lastChange.action} ${s.lastChange.from} -> ${s.lastChange.to} at ${s.lastChange.at} by ${s.lastChange.by}`,
    );
  const live = s.live;
  if (live.state === 'ok') {
    const groups = live.cluster.nodegroups.map((n) => `${n.name} ${n.status}${n.healthy ? '' : ' (unhealthy)'}`).join(', ');
    lines.push(`  live: cluster ${live.cluster.name} ${live.cluster.status} on ${live.cluster.version}; node groups: ${groups || 'none'}`);
    lines.push(`        database ${live.database.id} ${live.database.status} (MySQL ${live.database.engineVersion})`);
  } else {
    lines.push(`  live: ${live.state}: ${live.reason}`);
  }
  return lines;
}

function store(opts: CommonOptions): ReleaseStore {
  return new ReleaseStore(path.resolve(opts.releasesDir ?? path.join('lib', 'config', 'releases')));
}

function relative(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

function print(opts: CommonOptions, json: object, text: () => string[]): void {
  process.stdout.write(opts.json ? JSON.stringify(json, undefined, 2) + '\n' : text().join('\n') + '\n');
}

function progress(_opts: CommonOptions, message: string): void {
  process.stderr.write(`… ${message}\n`);
}

/** Fails before the (slow) gates run when a write could not be confirmed anyway. */
function requireConfirmationChannel(opts: WriteOptions): void {
  if (!opts.dryRun && !opts.yes && !process.stdin.isTTY) {
    throw new UsageError(
      'Refusing to write without confirmation in a non-interactive shell: pass --yes to write, or --dry-run to preview.',
    );
  }
}

async function confirm(question: string): Promise<void> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  const answer = await new Promise<string>((resolve) => rl.question(`${question} [y/N] `, resolve));
  rl.close();
  if (!/^y(es)?$/i.test(answer.trim())) {
    throw new UsageError('Not confirmed; nothing written.');
  }
}

function exitCodeOf(err: unknown): number {
  if (err instanceof CommanderError) {
    return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help'
      ? EXIT_CODES.ok
      : EXIT_CODES.usage;
  }
  if (err instanceof UsageError || err instanceof RefusedError || err instanceof AwsCallError || err instanceof HistoryError)
    return err.exitCode;
  if (err instanceof ConfigError) return EXIT_CODES.config;
  return EXIT_CODES.internal;
}

function errorKind(err: unknown): string {
  if (err instanceof AwsCallError) return `aws-${err.kind}`;
  if (err instanceof UsageError || err instanceof CommanderError) return 'usage';
  if (err instanceof RefusedError) return 'refused';
  if (err instanceof ConfigError || err instanceof HistoryError) return 'config';
  return 'internal';
}

async function main(argv: string[]): Promise<void> {
  const wantsJson = argv.includes('--json');
  try {
    await program.parseAsync(argv);
  } catch (err) {
    const code = exitCodeOf(err);
    process.exitCode = code;
    if (err instanceof CommanderError) {
      // commander has already printed its message and the help.
      if (wantsJson && code !== EXIT_CODES.ok)
        process.stdout.write(JSON.stringify({ error: { kind: 'usage', message: err.message }, exitCode: code }, undefined, 2) + '\n');
      return;
    }
    const message = (err as Error).message ?? String(err);
    if (wantsJson) {
      process.stdout.write(JSON.stringify({ error: { kind: errorKind(err), message }, exitCode: code }, undefined, 2) + '\n');
    } else {
      process.stderr.write(`error: ${message}\n`);
    }
    if (code === EXIT_CODES.internal && process.env.DATAVIS_DEBUG) process.stderr.write(`${(err as Error).stack ?? ''}\n`);
  }
}

void main(process.argv);
