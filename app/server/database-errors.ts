/** What a driver error means for the API, independent of MySQL or SQLite. */
export type DatabaseErrorKind = 'unique_violation' | 'foreign_key_violation' | 'unavailable' | 'other';

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_LOCK_DEADLOCK',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
  'SQLITE_FULL',
]);

export function classifyDatabaseError(error: unknown): DatabaseErrorKind {
  if (typeof error !== 'object' || error === null) return 'other';
  const { code, fatal, message } = error as { code?: unknown; fatal?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      return 'unique_violation';
    }
    if (code.startsWith('ER_NO_REFERENCED_ROW') || code.startsWith('ER_ROW_IS_REFERENCED') || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
      return 'foreign_key_violation';
    }
    if (UNAVAILABLE_CODES.has(code) || code.startsWith('SQLITE_IOERR')) return 'unavailable';
  }
  if (fatal === true) return 'unavailable';
  if (typeof message === 'string' && /Queue limit reached|Pool is closed|connect ETIMEDOUT|Connection lost/i.test(message)) {
    return 'unavailable';
  }
  return 'other';
}
