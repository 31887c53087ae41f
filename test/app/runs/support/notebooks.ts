import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Python used to run real notebooks in tests: Debian's, which has nbclient, nbconvert and ipykernel. */
export const TEST_PYTHON = process.env.TEST_PYTHON ?? '/usr/bin/python3';

/** An nbformat 4.4 notebook from cell sources; a source starting with '#parameters' gets the tag. */
export function notebookJson(...sources: string[]): object {
  return {
    nbformat: 4,
    nbformat_minor: 4,
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
    cells: sources.map((source) => ({
      cell_type: 'code',
      metadata: source.startsWith('#parameters') ? { tags: ['parameters'] } : {},
      source,
      outputs: [],
      execution_count: null,
    })),
  };
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `datavis-${prefix}-`));
}

export function writeNotebook(dir: string, name: string, ...sources: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(notebookJson(...sources)));
  return file;
}

/** Pids of live (not zombie) processes, read from /proc. */
export function livePids(): Set<number> {
  const pids = new Set<number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2)[0];
      if (state !== 'Z' && state !== 'X') pids.add(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 60000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
