/**
 * A configuration value is invalid. The message names the field, the value and what is
 * allowed, so that `cdk synth` stops with something a person can act on.
 */
export class ConfigError extends Error {
  constructor(
    readonly field: string,
    value: unknown,
    allowed: string,
  ) {
    super(`Invalid platform configuration: ${field} is ${JSON.stringify(value)}; ${allowed}`);
    this.name = 'ConfigError';
  }
}
