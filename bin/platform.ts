#!/usr/bin/env node
import { createPlatformApp } from '../lib/platform-app';

// `cdk synth -c env=dev` synthesizes one environment; without it every AWS environment is synthesized.
createPlatformApp();
