import type { Kysely } from 'kysely';
import type { Database } from '../../../schema/database';

/** The database or an open transaction: every repository function takes one of these first. */
export type Executor = Kysely<Database>;

/** Keyset paging input: rows with an id below `beforeId` (newest first), at most `limit`. */
export interface PageRequest {
  readonly beforeId: number | undefined;
  readonly limit: number;
}
