import * as fs from 'fs';
import * as path from 'path';
import { SettingSource } from '../config';

/** The repository root: where cdk.json lives. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/**
 * The context `cdk synth` would give the app: cdk.json's "context" (feature flags and
 * datavis:<env>:<key> settings) overlaid with cdk.context.json, so an in-process synthesis
 * behaves like the CLI's.
 */
export function readCdkContext(root: string = PROJECT_ROOT): Record<string, unknown> {
  const read = (file: string): Record<string, unknown> => {
    const full = path.join(root, file);
    if (!fs.existsSync(full)) return {};
    const parsed = JSON.parse(fs.readFileSync(full, 'utf8')) as Record<string, unknown>;
    return file === 'cdk.json' ? ((parsed.context as Record<string, unknown>) ?? {}) : parsed;
  };
  return { ...read('cdk.json'), ...read('cdk.context.json') };
}

/** Reads `datavis:<env>:<key>` from a context object, as bin/platform.ts does from the app. */
export function contextSettingSource(context: Record<string, unknown>): SettingSource {
  return (env, key) => context[`datavis:${env}:${key}`];
}
