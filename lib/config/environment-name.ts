export const ENVIRONMENT_NAMES = ['local', 'dev', 'staging', 'prod'] as const;

/** Where a platform version runs: a laptop cluster, then the AWS stages in promotion order. */
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];

/** The AWS environments, in the order a release is promoted through them. */
export const AWS_ENVIRONMENT_NAMES = ['dev', 'staging', 'prod'] as const;
export type AwsEnvironmentName = (typeof AWS_ENVIRONMENT_NAMES)[number];

export function isEnvironmentName(value: string): value is EnvironmentName {
  return (ENVIRONMENT_NAMES as readonly string[]).includes(value);
}
