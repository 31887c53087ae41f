import { Duration } from 'cdk8s';
import { NotebookParameterValue } from './schedule';

export interface PapermillCommandOptions {
  /** Path of the input notebook inside the runner image. */
  readonly inputPath: string;
  /** s3:// URI of the output folder; the run's UTC timestamp names the file. */
  readonly outputFolderUri: string;
  readonly parameters: { readonly [name: string]: NotebookParameterValue };
  /** Time limit for each cell (papermill --execution-timeout). */
  readonly cellTimeout: Duration;
  /** Kernel working directory. */
  readonly cwd: string;
}

/**
 * papermill's parameter flags for typed values: strings go through `-r` (kept as strings,
 * so '2024' or 'True' are not converted), numbers and booleans through `-p` (papermill turns
 * '3' into 3 and 'True' into True).
 */
export function papermillParameterArgs(parameters: { readonly [name: string]: NotebookParameterValue }): string[] {
  const args: string[] = [];
  for (const [name, value] of Object.entries(parameters)) {
    if (typeof value === 'string') {
      args.push('-r', name, value);
    } else if (typeof value === 'boolean') {
      args.push('-p', name, value ? 'True' : 'False');
    } else {
      if (!Number.isFinite(value)) {
        throw new Error(`notebook parameter ${name} must be a finite number, got ${value}`);
      }
      args.push('-p', name, String(value));
    }
  }
  return args;
}

/**
 * Container command and args running papermill. A shell computes the run timestamp for the
 * output file name; the notebook path and papermill's flags are passed as positional
 * arguments ("$0" and "$@"), so no value is ever re-parsed by the shell. `$$` is how a
 * literal `$` is written in a Kubernetes command (it would otherwise read `$(...)` as a
 * reference to an environment variable).
 */
export function papermillCommand(options: PapermillCommandOptions): { command: string[]; args: string[] } {
  const folder = options.outputFolderUri.replace(/\/+$/, '');
  const script = `exec papermill "$$0" "${folder}/$$(date -u +%Y%m%dT%H%M%SZ).ipynb" "$$@"`;
  return {
    command: ['/bin/sh', '-c', script],
    args: [
      options.inputPath,
      '--kernel',
      'python3',
      '--cwd',
      options.cwd,
      '--log-output',
      '--no-progress-bar',
      '--execution-timeout',
      String(options.cellTimeout.toSeconds()),
      ...papermillParameterArgs(options.parameters),
    ],
  };
}
