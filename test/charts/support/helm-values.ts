type Json = any;

/** Helm's merge of user values onto chart defaults: maps merge key by key, everything else replaces. */
export function helmMerge(base: Json, override: Json): Json {
  if (base && override && typeof base === 'object' && typeof override === 'object' && !Array.isArray(base) && !Array.isArray(override)) {
    const out: Json = { ...base };
    for (const [k, v] of Object.entries(override)) out[k] = k in base ? helmMerge(base[k], v) : v;
    return out;
  }
  return override;
}

/**
 * Key paths of a values object that the chart's values.yaml does not have; a key whose default
 * is an empty map ({}) accepts any sub-keys, and so do the `opaque` paths: values the chart
 * copies into a Kubernetes object as they are (a securityContext), checked as that object.
 */
export function unknownKeyPaths(values: Json, defaults: Json, prefix = '', opaque: readonly string[] = []): string[] {
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (opaque.includes(path)) continue;
    if (!defaults || typeof defaults !== 'object' || !(key in defaults)) {
      unknown.push(path);
      continue;
    }
    const def = defaults[key];
    const isMap = (x: Json) => x && typeof x === 'object' && !Array.isArray(x);
    if (isMap(value) && isMap(def) && Object.keys(def).length > 0) unknown.push(...unknownKeyPaths(value, def, path, opaque));
  }
  return unknown;
}
