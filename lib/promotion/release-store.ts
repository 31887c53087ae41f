import * as path from 'path';
import { AwsEnvironmentName, EnvironmentName, PlatformRelease, RELEASES_DIR, readRelease, releaseFile } from '../config';
import { FileOps, NODE_FILE_OPS, writeFilesAtomically } from './atomic-files';
import { HistoryEntry, parseHistory, serializeEntry } from './history';

/**
 * The checked-in release files (<dir>/<env>.json) and their histories
 * (<dir>/history/<env>.jsonl). Every change writes the release file and appends the history
 * entry together, or changes neither.
 */
export class ReleaseStore {
  constructor(
    readonly dir: string = RELEASES_DIR,
    private readonly ops: FileOps = NODE_FILE_OPS,
  ) {}

  releaseFile(env: EnvironmentName): string {
    return releaseFile(env, this.dir);
  }

  historyFile(env: AwsEnvironmentName): string {
    return path.join(this.dir, 'history', `${env}.jsonl`);
  }

  /** The pinned release, validated by the same rules synthesis uses. */
  read(env: EnvironmentName): PlatformRelease {
    return readRelease(env, this.dir);
  }

  history(env: AwsEnvironmentName): HistoryEntry[] {
    const file = this.historyFile(env);
    const text = this.ops.readFile(file);
    return text === undefined ? [] : parseHistory(env, text, path.relative(process.cwd(), file) || file);
  }

  /** Writes the environment's new release and appends `entry` to its history, atomically. */
  record(entry: HistoryEntry): void {
    const historyFile = this.historyFile(entry.env);
    const existing = this.ops.readFile(historyFile) ?? '';
    const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
    writeFilesAtomically(
      [
        { file: this.releaseFile(entry.env), content: JSON.stringify(entry.release, undefined, 2) + '\n' },
        { file: historyFile, content: existing + separator + serializeEntry(entry) },
      ],
      this.ops,
    );
  }
}
