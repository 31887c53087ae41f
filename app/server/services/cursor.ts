import { MAX_ID } from '../schemas/common.schema';
import { badRequest } from '../errors';

/** Opaque keyset cursor: the id of the last item of the previous page. */
export function encodeCursor(lastId: number): string {
  return Buffer.from(`id:${lastId}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const match = /^id:(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const id = match ? Number(match[1]) : NaN;
  if (!Number.isInteger(id) || id < 1 || id > MAX_ID) {
    throw badRequest('invalid_cursor', 'cursor is not one this API returned; pass nextCursor from the previous page');
  }
  return id;
}

export interface PageResult<T> {
  items: T[];
  nextCursor: string | null;
}

/** Rows were fetched with limit + 1: the extra row only says that another page exists. */
export function toPage<R extends { id: number }, T>(rows: R[], limit: number, present: (row: R) => T): PageResult<T> {
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  return { items: pageRows.map(present), nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}
