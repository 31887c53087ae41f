import type { NotebookParameter } from '../api/runs';

/** The JSON type of a value, as the API names a parameter's type. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Form field name of a parameter: kept apart from the task's own fields. */
export const parameterField = (name: string): string => `parameters.${name}`;

/** How a parameter's value is edited: a checkbox, a number, a line of text, or JSON. */
export type ParameterInputKind = 'boolean' | 'number' | 'text' | 'json';

export function inputKindOf(type: string): ParameterInputKind {
  if (type === 'boolean') return 'boolean';
  if (type === 'integer' || type === 'number' || type === 'float' || type === 'int') return 'number';
  if (type === 'string' || type === 'str') return 'text';
  return 'json';
}

/** The value a field starts with: the task's own when it has one, else the notebook's default. */
export function initialValue(parameter: NotebookParameter, current: Record<string, unknown> | undefined): unknown {
  return current && Object.prototype.hasOwnProperty.call(current, parameter.name) ? current[parameter.name] : parameter.default;
}

/** The text a JSON field shows for a value. */
export const jsonText = (value: unknown): string => (value === undefined ? '' : JSON.stringify(value));

/**
 * Reads the parameter fields of a submitted form back into JSON values of each parameter's
 * type. Returns the values and, per field name, what was wrong with the ones that could not be read.
 */
export function readParameters(
  data: FormData,
  parameters: readonly NotebookParameter[],
): { values: Record<string, unknown>; errors: Record<string, string> } {
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const p of parameters) {
    const field = parameterField(p.name);
    const kind = inputKindOf(p.type);
    const raw = data.get(field);
    if (kind === 'boolean') {
      values[p.name] = raw !== null;
      continue;
    }
    const text = String(raw ?? '').trim();
    // An empty field of a parameter that accepts null is null.
    if (p.nullable && kind !== 'json' && text === '') {
      values[p.name] = null;
    } else if (kind === 'text') {
      values[p.name] = String(raw ?? '');
    } else if (kind === 'number') {
      // react-aria's NumberField submits the plain number, without grouping.
      const n = Number(text);
      if (!text || !Number.isFinite(n)) errors[field] = `${p.name} must be a number.`;
      else if (p.type === 'integer' && !Number.isInteger(n)) errors[field] = `${p.name} must be a whole number.`;
      else values[p.name] = n;
    } else {
      try {
        values[p.name] = JSON.parse(text);
      } catch {
        errors[field] = `${p.name} must be JSON, for example ${jsonText(p.default) || 'null'}.`;
      }
    }
  }
  return { values, errors };
}
