import * as fs from 'fs';
import { App, AppProps, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { AWS_ENVIRONMENT_NAMES, DEFAULT_REGION, LoadConfigOptions, PLACEHOLDER_ACCOUNT, loadEnvironmentConfig } from '../config';
import { validateAccount } from '../config/validators';
import { PipelineSourceConfig, PipelineStack } from '../stacks/pipeline-stack';
import { readCdkContext } from './cdk-context';
import { PIPELINE_STACK_NAME, PipelineSettingKey, pipelineRegion, pipelineSetting } from './pipeline-settings';

/** Context key that switches `cdk synth` from the environment stacks to the pipeline: `-c pipeline=true`. */
export const PIPELINE_CONTEXT_KEY = 'pipeline';

/**
 * The source used when no `datavis:pipeline:*` context is set, so the pipeline synthesizes
 * offline; deploying it needs the real connection ARN and repository.
 */
export const PLACEHOLDER_SOURCE: PipelineSourceConfig = {
  connectionArn: `arn:aws:codeconnections:${DEFAULT_REGION}:${PLACEHOLDER_ACCOUNT}:connection/00000000-0000-4000-8000-000000000000`,
  repository: 'datavis/datavis-platform',
  branch: 'main',
};

/**
 * Whether the CDK CLI asked for the pipeline (`cdk synth -c pipeline=true`). The CLI hands
 * context to the app in CDK_CONTEXT_JSON (or a file named by CONTEXT_OVERFLOW_LOCATION_ENV
 * when large); checked before any App exists, because an App synthesizes itself on exit.
 */
export function pipelineRequested(processEnv: NodeJS.ProcessEnv = process.env): boolean {
  let context: Record<string, unknown> = {};
  const overflow = processEnv.CONTEXT_OVERFLOW_LOCATION_ENV;
  if (overflow !== undefined && fs.existsSync(overflow)) {
    context = JSON.parse(fs.readFileSync(overflow, 'utf8'));
  } else if (processEnv.CDK_CONTEXT_JSON !== undefined) {
    context = JSON.parse(processEnv.CDK_CONTEXT_JSON);
  }
  const value = context[PIPELINE_CONTEXT_KEY];
  return value === true || value === 'true';
}

export interface PipelineAppOptions extends Omit<LoadConfigOptions, 'source'> {
  readonly appProps?: AppProps;
}

/**
 * The app `cdk synth -c pipeline=true` builds: one PipelineStack, Datavis-Pipeline, whose
 * stages hold every AWS environment with the same config `cdk deploy` uses, checked by the
 * same validations (cdk-nag AwsSolutions and CloudFormation Validate).
 *
 * Settings (context, or environment variables DATAVIS_PIPELINE_<KEY>):
 * datavis:pipeline:connectionArn, :repository, :branch, :account, :region.
 */
export function createPipelineApp(options: PipelineAppOptions = {}): { app: App; stack: PipelineStack } {
  const app = new App({ ...options.appProps, context: { ...readCdkContext(), ...options.appProps?.context } });
  const processEnv = options.processEnv ?? process.env;
  const context = (key: string): unknown => app.node.tryGetContext(key);
  const setting = (key: PipelineSettingKey) => pipelineSetting(key, context, processEnv);
  const environments = AWS_ENVIRONMENT_NAMES.map((name) =>
    loadEnvironmentConfig(name, { ...options, source: (env, key) => app.node.tryGetContext(`datavis:${env}:${key}`) }),
  );
  const stack = new PipelineStack(app, PIPELINE_STACK_NAME, {
    env: {
      account: validateAccount('pipeline.account', setting('account') ?? processEnv.CDK_DEFAULT_ACCOUNT ?? PLACEHOLDER_ACCOUNT),
      region: pipelineRegion(context, processEnv),
    },
    description: 'datavis-platform: CDK pipeline deploying the pinned releases dev -> staging -> prod',
    environments,
    source: {
      connectionArn: setting('connectionArn') ?? PLACEHOLDER_SOURCE.connectionArn,
      repository: setting('repository') ?? PLACEHOLDER_SOURCE.repository,
      branch: setting('branch') ?? PLACEHOLDER_SOURCE.branch,
    },
  });
  Tags.of(app).add('project', 'datavis-platform');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
}
