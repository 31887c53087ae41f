#!/usr/bin/env node
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { AWS_ENVIRONMENT_NAMES, loadEnvironmentConfig, parseEnvironmentName } from '../lib/config';
import { createPlatform } from '../lib/platform';

const app = new App();
// `cdk synth -c env=dev` synthesizes one environment; without it every AWS environment is synthesized.
const only = app.node.tryGetContext('env');
const envNames = only === undefined ? AWS_ENVIRONMENT_NAMES : [parseEnvironmentName(only)];
for (const envName of envNames) {
  const config = loadEnvironmentConfig(envName, { source: (env, key) => app.node.tryGetContext(`datavis:${env}:${key}`) });
  createPlatform(app, config);
}
Tags.of(app).add('project', 'datavis-platform');
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
