import { PlatformRelease } from '../config';

/** One field that differs between two releases, by its dotted path in the release file. */
export interface ReleaseFieldChange {
  readonly field: string;
  readonly from: string | undefined;
  readonly to: string | undefined;
}

/** Field-by-field differences from `from` to `to`, in release file order. */
export function diffReleases(from: PlatformRelease, to: PlatformRelease): ReleaseFieldChange[] {
  const before = flatten(from);
  const after = flatten(to);
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.filter((field) => before[field] !== after[field]).map((field) => ({ field, from: before[field], to: after[field] }));
}

/** Lines such as `  images.webApp: 1.0.0 -> 1.1.0` for people to read. */
export function formatDiff(changes: readonly ReleaseFieldChange[], indent = '  '): string[] {
  if (changes.length === 0) return [`${indent}(no differences)`];
  const width = Math.max(...changes.map((c) => c.field.length));
  return changes.map((c) => `${indent}${c.field.padEnd(width)}  ${c.from ?? '(absent)'} -> ${c.to ?? '(absent)'}`);
}

function flatten(value: object, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, child] of Object.entries(value)) {
    const field = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof child === 'object' && child !== null) {
      Object.assign(out, flatten(child as object, field));
    } else {
      out[field] = String(child);
    }
  }
  return out;
}
