import * as fs from 'fs';
import * as path from 'path';
import { App, AppProps, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { AWS_ENVIRONMENT_NAMES, AwsEnvironmentName, LoadConfigOptions, loadEnvironmentConfig, parseEnvironmentName } from './config';
import { PlatformStacks, createPlatform } from './platform';

export interface PlatformAppOptions extends Omit<LoadConfigOptions, 'source'> {
  /** Extra App options; the cdk.json context is always applied first. */
  readonly appProps?: AppProps;
}

/** The repository's cdk.json context: feature flags (including CloudFormation Validate) and settings. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

/**
 * The one CDK app: every AWS environment, or only the one named by context `env`, checked
 * by cdk-nag AwsSolutions (and, through the cdk.json feature flag, CloudFormation Validate).
 */
export function createPlatformApp(options: PlatformAppOptions = {}): { app: App; platforms: Map<AwsEnvironmentName, PlatformStacks> } {
  const app = new App({ ...options.appProps, context: { ...cdkJsonContext(), ...options.appProps?.context } });
  const only = app.node.tryGetContext('env');
  const envNames = only === undefined ? AWS_ENVIRONMENT_NAMES : [parseEnvironmentName(only)];
  const platforms = new Map<AwsEnvironmentName, PlatformStacks>();
  for (const envName of envNames) {
    const config = loadEnvironmentConfig(envName, { ...options, source: (env, key) => app.node.tryGetContext(`datavis:${env}:${key}`) });
    platforms.set(envName, createPlatform(app, config));
  }
  Tags.of(app).add('project', 'datavis-platform');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, platforms };
}
