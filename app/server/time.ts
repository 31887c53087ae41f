/**
 * Timestamps are stored as UTC text `YYYY-MM-DD HH:MM:SS.mmm` (DATETIME(3) on MySQL, TEXT on
 * SQLite) so both databases sort and compare them the same way; the API speaks ISO 8601.
 */
export function toDbTimestamp(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

export function nowDbTimestamp(): string {
  return toDbTimestamp(new Date());
}

export function toIsoTimestamp(value: string): string;
export function toIsoTimestamp(value: string | null): string | null;
export function toIsoTimestamp(value: string | null): string | null {
  if (value === null) return null;
  const normalized = value.length === 19 ? `${value}.000` : value;
  return `${normalized.replace(' ', 'T')}Z`;
}
