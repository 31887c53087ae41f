import { open } from 'node:fs/promises';

/** Lines returned by default and at most by `tailLines`. */
export const DEFAULT_TAIL_LINES = 200;
export const MAX_TAIL_LINES = 10000;

/**
 * The last `lines` lines of a log file that may still be growing (the run's processes append
 * to it), read backwards from the end in chunks so a large log costs only what is returned.
 * A missing file is an empty log: the run has not written anything yet.
 */
export async function tailLines(path: string, lines = DEFAULT_TAIL_LINES, chunkBytes = 64 * 1024): Promise<string> {
  if (!Number.isInteger(lines) || lines < 1 || lines > MAX_TAIL_LINES) {
    throw new RangeError(`tail must be an integer from 1 to ${MAX_TAIL_LINES}, got ${lines}`);
  }
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const chunks: Buffer[] = [];
    let position = size;
    let newlines = 0;
    // One more newline than lines wanted: the text after it is exactly the last `lines` lines.
    while (position > 0 && newlines <= lines) {
      const length = Math.min(chunkBytes, position);
      position -= length;
      const chunk = Buffer.alloc(length);
      await handle.read(chunk, 0, length, position);
      chunks.unshift(chunk);
      for (const byte of chunk) if (byte === 0x0a) newlines++;
    }
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text.endsWith('\n') ? text.slice(0, -1) : text;
    const all = body.split('\n');
    return all.slice(Math.max(0, all.length - lines)).join('\n') + (text.endsWith('\n') ? '\n' : '');
  } finally {
    await handle.close();
  }
}
