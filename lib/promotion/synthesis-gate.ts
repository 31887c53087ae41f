import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { AwsEnvironmentName, LoadConfigOptions, PlatformRelease, loadEnvironmentConfig, validateRelease } from '../config';
import { createPlatform } from '../platform';
import { contextSettingSource, readCdkContext } from './cdk-context';
import { GateResult, passed, refused } from './gates';

/** One unacknowledged finding of a validation plugin. */
export interface ValidationFinding {
  readonly plugin: string;
  readonly rule: string;
  readonly severity: string;
  readonly constructPath: string;
  readonly description: string;
}

export interface SynthesisResult {
  readonly ok: boolean;
  /** Why synthesis could not even start or stopped, e.g. a ConfigError. */
  readonly error?: string;
  readonly findings: ValidationFinding[];
  /** The cloud assembly directory (kept only when `outdir` was given). */
  readonly outdir: string;
}

export interface SynthesizeOptions {
  /** CDK context; defaults to cdk.json + cdk.context.json. */
  readonly context?: Record<string, unknown>;
  /** Where to write the cloud assembly; a temporary folder removed afterwards by default. */
  readonly outdir?: string;
  /** Run cdk-nag AwsSolutions and the CloudFormation Validate engine. @default true */
  readonly validate?: boolean;
  /** Passed to loadEnvironmentConfig (environment variables, overrides). */
  readonly configOptions?: Omit<LoadConfigOptions, 'source'>;
}

/**
 * Synthesizes one environment in-process on a fresh App with `release` instead of its
 * checked-in file, the environment's own config, and the validations `cdk synth` runs:
 * cdk-nag AwsSolutions (as in bin/platform.ts) and the CloudFormation Validate engine
 * (the `@aws-cdk/core:validateAgainstDefaultRules` flag in cdk.json).
 */
export function synthesizeEnvironment(env: AwsEnvironmentName, release: PlatformRelease, options: SynthesizeOptions = {}): SynthesisResult {
  const context = options.context ?? readCdkContext();
  const validate = options.validate ?? true;
  const outdir = options.outdir ?? fs.mkdtempSync(path.join(os.tmpdir(), `datavis-synth-${env}-`));
  try {
    let app: App;
    try {
      const config = {
        ...loadEnvironmentConfig(env, { ...options.configOptions, source: contextSettingSource(context) }),
        release: validateRelease(env, release),
      };
      app = new App({ outdir, context: { ...context, '@aws-cdk/core:appMode': 'inmemory' }, builtinCloudFormationValidation: validate });
      createPlatform(app, config);
    } catch (err) {
      return { ok: false, error: (err as Error).message, findings: [], outdir };
    }
    return synthesizeWithValidation(app, { validate });
  } finally {
    if (options.outdir === undefined) fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Synthesizes `app` (registering cdk-nag AwsSolutions when `validate`), and returns the
 * unacknowledged findings from the validation report instead of throwing them.
 */
export function synthesizeWithValidation(app: App, options: { validate?: boolean } = {}): SynthesisResult {
  if (options.validate ?? true) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  }
  const outdir = app.outdir;
  try {
    app.synth();
  } catch (err) {
    const findings = readValidationReport(outdir);
    return { ok: false, error: findings.length > 0 ? undefined : (err as Error).message, findings, outdir };
  }
  const findings = readValidationReport(outdir);
  return { ok: findings.length === 0, findings, outdir };
}

interface ReportJson {
  pluginReports?: Array<{
    pluginName: string;
    conclusion: string;
    violations?: Array<{
      ruleName: string;
      description: string;
      severity?: string;
      violatingConstructs?: Array<{ constructPath: string }>;
    }>;
  }>;
}

/** The failing findings in <outdir>/validation-report.json (warnings are not findings). */
export function readValidationReport(outdir: string): ValidationFinding[] {
  const file = path.join(outdir, 'validation-report.json');
  if (!fs.existsSync(file)) return [];
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as ReportJson;
  const findings: ValidationFinding[] = [];
  for (const plugin of report.pluginReports ?? []) {
    if (plugin.conclusion !== 'failure') continue;
    for (const violation of plugin.violations ?? []) {
      const severity = violation.severity ?? 'error';
      if (severity === 'warning' || severity === 'info') continue;
      for (const construct of violation.violatingConstructs ?? [{ constructPath: '(unknown)' }]) {
        findings.push({
          plugin: plugin.pluginName,
          rule: violation.ruleName,
          severity,
          constructPath: construct.constructPath,
          description: violation.description,
        });
      }
    }
  }
  return findings;
}

export function formatFinding(f: ValidationFinding): string {
  return `[${f.plugin}] ${f.rule} at ${f.constructPath}: ${f.description}`;
}

/** The synthesis gate: the target environment must synthesize cleanly with the candidate release. */
export function synthesisGate(env: AwsEnvironmentName, result: SynthesisResult): GateResult {
  if (result.ok) {
    return passed(
      'synthesis',
      `${env} synthesizes with the candidate release; cdk-nag AwsSolutions and CloudFormation Validate report no unacknowledged findings`,
    );
  }
  if (result.findings.length === 0) {
    return refused('synthesis', `${env} does not synthesize with the candidate release: ${result.error ?? 'unknown error'}`);
  }
  return refused(
    'synthesis',
    `${env} does not pass validation with the candidate release: ${result.findings.length} unacknowledged finding(s)`,
    result.findings.map(formatFinding),
  );
}
