#!/usr/bin/env node
import { createPlatformApp } from '../lib/platform-app';
import { createPipelineApp, pipelineRequested } from '../lib/promotion/pipeline-app';

// `cdk synth -c env=dev` synthesizes one environment; without it every AWS environment is synthesized.
// `cdk synth -c pipeline=true` synthesizes the CDK pipeline instead, whose stages hold the same environments.
if (pipelineRequested()) createPipelineApp();
else createPlatformApp();
