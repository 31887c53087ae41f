import * as fs from 'fs';
import * as path from 'path';

/** A file to replace as part of one all-or-nothing change. */
export interface FileWrite {
  readonly file: string;
  readonly content: string;
}

/** The file operations a change uses; replaceable so tests can make one fail half-way. */
export interface FileOps {
  writeFile(file: string, content: string): void;
  rename(from: string, to: string): void;
  readFile(file: string): string | undefined;
  unlink(file: string): void;
}

export const NODE_FILE_OPS: FileOps = {
  writeFile: (file, content) => fs.writeFileSync(file, content, { encoding: 'utf8', flag: 'wx' }),
  rename: (from, to) => fs.renameSync(from, to),
  readFile: (file) => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  },
  unlink: (file) => fs.rmSync(file, { force: true }),
};

/**
 * Replaces several files so that either all of them change or none does: every new content
 * is first written to a temporary file beside its target, then the temporaries are renamed
 * over the targets (an atomic step per file on POSIX). When any step fails, the files already
 * replaced get their previous content back, files that did not exist are removed again, and
 * the error is rethrown.
 */
export function writeFilesAtomically(writes: readonly FileWrite[], ops: FileOps = NODE_FILE_OPS): void {
  const suffix = `.${process.pid}.${Date.now().toString(36)}.tmp`;
  const originals = writes.map((w) => ({ file: w.file, content: ops.readFile(w.file) }));
  const temporaries: string[] = [];
  const replaced: number[] = [];
  try {
    for (const w of writes) {
      fs.mkdirSync(path.dirname(w.file), { recursive: true });
      const tmp = w.file + suffix;
      ops.writeFile(tmp, w.content);
      temporaries.push(tmp);
    }
    writes.forEach((w, i) => {
      ops.rename(temporaries[i], w.file);
      replaced.push(i);
    });
  } catch (err) {
    for (const i of replaced.reverse()) {
      const original = originals[i];
      if (original.content === undefined) {
        ops.unlink(original.file);
      } else {
        const restore = original.file + suffix + '.restore';
        fs.writeFileSync(restore, original.content, 'utf8');
        fs.renameSync(restore, original.file);
      }
    }
    for (const tmp of temporaries) fs.rmSync(tmp, { force: true });
    throw err;
  }
}
