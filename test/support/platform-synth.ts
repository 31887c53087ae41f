import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { AwsEnvironmentName } from '../../lib/config';
import { PlatformStacks } from '../../lib/platform';
import { PlatformAppOptions, createPlatformApp } from '../../lib/platform-app';

export interface SynthesizedPlatform {
  readonly app: App;
  readonly platforms: Map<AwsEnvironmentName, PlatformStacks>;
  readonly outdir: string;
  /** Every plugin report of the validation run (cdk-nag AwsSolutions and CloudFormation Validate). */
  readonly validation: ValidationReport;
}

export interface ValidationReport {
  readonly pluginReports: {
    readonly pluginName: string;
    readonly conclusion: string;
    readonly violations: { ruleName: string; description: string; violatingConstructs: { constructPath: string }[] }[];
    readonly suppressedViolations?: { ruleName: string; reason?: string; acknowledgedId: string }[];
  }[];
}

/** Synthesizes the platform app like `cdk synth` does, into a temporary cloud assembly. */
export function synthesizePlatform(options: PlatformAppOptions = {}): SynthesizedPlatform {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'datavis-cdk-'));
  const { app, platforms } = createPlatformApp({ ...options, appProps: { ...options.appProps, outdir } });
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    app.synth();
  } finally {
    quiet.mockRestore();
  }
  const reportFile = path.join(outdir, 'validation-report.json');
  const validation = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as ValidationReport;
  return { app, platforms, outdir, validation };
}

export function removeAssembly(synthesized: SynthesizedPlatform | undefined): void {
  if (synthesized !== undefined) fs.rmSync(synthesized.outdir, { recursive: true, force: true });
}
