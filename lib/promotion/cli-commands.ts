import { AwsEnvironmentName } from '../config';

/**
 * The platform CLI commands a person runs to move a release (docs/promotion.md). Promotion
 * stays a reviewed change in git: the web app's Deployment page shows these, it never runs them.
 */
const CLI = 'npm run platform --';

/** Promotes `from`'s release into `to`, the next stage. */
export function promoteCommand(from: AwsEnvironmentName, to: AwsEnvironmentName): string {
  return `${CLI} promote --from ${from} --to ${to}`;
}

/** Restores the release `env` ran before its last promotion. */
export function rollbackCommand(env: AwsEnvironmentName): string {
  return `${CLI} rollback --env ${env}`;
}

/** The same command with --dry-run: runs the gates and shows the changes, writes nothing. */
export function dryRun(command: string): string {
  return `${command} --dry-run`;
}
