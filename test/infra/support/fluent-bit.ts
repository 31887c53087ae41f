import { readSpecYaml } from '../../support/specs';

/** One [INPUT], [FILTER] or [OUTPUT] section of a Fluent Bit configuration file: its keys, each with its values in order. */
export interface FluentBitSection {
  readonly type: string;
  readonly entries: Record<string, string[]>;
}

/**
 * The sections of one of the add-on's Fluent Bit files (containerLogs.fluentBit.config.extraFiles
 * in specs/cloudwatch-observability/values.yaml). Template lines ({{ ... }}) are skipped.
 */
export function fluentBitSections(file: string): FluentBitSection[] {
  const values = readSpecYaml<any>('cloudwatch-observability', 'values.yaml');
  const text: string | undefined = values.containerLogs.fluentBit.config.extraFiles[file];
  if (text === undefined) throw new Error(`no Fluent Bit file ${file} in the add-on's values.yaml`);
  const sections: { type: string; entries: Record<string, string[]> }[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('{{')) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) {
      sections.push({ type: header[1], entries: {} });
      continue;
    }
    const [key, ...rest] = line.split(/\s+/);
    const current = sections[sections.length - 1];
    (current.entries[key] ??= []).push(rest.join(' '));
  }
  return sections;
}

/** Whether a path matches a Fluent Bit path pattern (fnmatch without FNM_PATHNAME: `*` also matches "/"). */
export function matchesPathPattern(pattern: string, path: string): boolean {
  const regex = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${regex}$`).test(path);
}

/** The file the kubelet links a container's log to: /var/log/containers/<pod>_<namespace>_<container>-<id>.log. */
export function containerLogFile(pod: string, namespace: string, container: string): string {
  return `/var/log/containers/${pod}_${namespace}_${container}-${'0123456789abcdef'.repeat(4)}.log`;
}
