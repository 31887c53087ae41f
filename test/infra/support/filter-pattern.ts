/**
 * Evaluates the CloudWatch Logs JSON filter patterns the platform writes (conjunctions of
 * comparisons, https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html)
 * against a log event. Anything else throws rather than guessing.
 */
export function matchesFilterPattern(pattern: string, event: unknown): boolean {
  const body = /^\{\s*(.*?)\s*\}$/.exec(pattern.trim())?.[1];
  if (body === undefined) throw new Error(`not a JSON filter pattern: ${pattern}`);
  return body.split('&&').every((raw) => {
    const term = /^\(?\s*\$\.([\w.[\]]+)\s*(=|!=|>=|<=|>|<)\s*(".*"|-?\d+(?:\.\d+)?)\s*\)?$/.exec(raw.trim());
    if (term === null) throw new Error(`unsupported term in filter pattern: ${raw}`);
    const [, path, op, literal] = term;
    const value = resolve(event, path);
    if (literal.startsWith('"')) {
      const expected = JSON.parse(literal) as string;
      if (op === '=') return value === expected;
      if (op === '!=') return value !== expected;
      throw new Error(`operator ${op} on a string in ${raw}`);
    }
    if (typeof value !== 'number') return false;
    const n = Number(literal);
    return { '=': value === n, '!=': value !== n, '>': value > n, '<': value < n, '>=': value >= n, '<=': value <= n }[op]!;
  });
}

function resolve(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split('.')) {
    const [, key, index] = /^([\w]+)(?:\[(\d+)\])?$/.exec(part) ?? [];
    if (key === undefined) throw new Error(`unsupported selector part ${part}`);
    current = (current as Record<string, unknown> | undefined)?.[key];
    if (index !== undefined) current = (current as unknown[] | undefined)?.[Number(index)];
  }
  return current;
}
