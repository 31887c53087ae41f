import * as fs from 'fs';
import { JsonValue, NotALiteral, logicalLines, parsePythonLiteral, splitComment } from './python-literal';

export type { JsonValue } from './python-literal';

interface NotebookCell {
  readonly cell_type: string;
  readonly metadata?: { readonly tags?: readonly string[] };
  readonly source: string | readonly string[];
}

interface NotebookDocument {
  readonly nbformat: number;
  readonly cells: readonly NotebookCell[];
}

export class NotebookParametersError extends Error {}

/**
 * The JSON type a parameter takes. `integer` and `number` follow JSON Schema: a parameter whose
 * default is an int takes integers only, one whose default is a float takes any number. `any`
 * is a parameter whose default is an expression rather than a literal (`datetime.now()`): the
 * platform cannot know its type and accepts every JSON value.
 */
export type ParameterType = 'string' | 'integer' | 'number' | 'boolean' | 'null' | 'array' | 'object' | 'any';

/** One parameter a notebook's `parameters` cell declares. */
export interface NotebookParameter {
  readonly name: string;
  readonly type: ParameterType;
  /** The default as JSON; null when the default is not a literal (type `any`). */
  readonly default: JsonValue;
  /**
   * Whether null is accepted besides `type`: a default of None with a type annotation
   * (`report_date: str = None`, `Optional[int]`, `int | None`) declares an optional value.
   */
  readonly nullable: boolean;
  /** The comment after the assignment (papermill shows it as the parameter's help). */
  readonly help: string | null;
}

/** The first code cell tagged `parameters` (papermill's rule), or undefined. */
export function parametersCell(notebook: { readonly cells: readonly NotebookCell[] }): NotebookCell | undefined {
  return notebook.cells.find((c) => c.cell_type === 'code' && (c.metadata?.tags ?? []).includes('parameters'));
}

const ANNOTATION_TYPES: { readonly [annotation: string]: ParameterType } = {
  str: 'string',
  int: 'integer',
  float: 'number',
  bool: 'boolean',
  list: 'array',
  tuple: 'array',
  dict: 'object',
};

/** The JSON type a Python annotation names, and whether it allows None. */
function annotationType(annotation: string): { type: ParameterType; nullable: boolean } | undefined {
  let text = annotation.trim().replace(/^(['"])(.*)\1$/, '$2');
  let nullable = false;
  const optional = /^(?:typing\.)?Optional\[(.*)\]$/.exec(text);
  const union = /^(.*?)\s*\|\s*None$|^None\s*\|\s*(.*)$/.exec(text);
  if (optional) {
    text = optional[1];
    nullable = true;
  } else if (union) {
    text = union[1] ?? union[2];
    nullable = true;
  }
  const base = /^(?:typing\.)?([A-Za-z]+)/.exec(text.trim())?.[1];
  if (base === undefined) return undefined;
  const type = ANNOTATION_TYPES[base] ?? ANNOTATION_TYPES[base.toLowerCase()];
  return type === undefined ? undefined : { type, nullable };
}

/** The JSON type of a JSON value, with integers told apart from other numbers. */
export function jsonTypeOf(value: JsonValue): Exclude<ParameterType, 'any'> {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as 'string' | 'boolean' | 'object';
}

function declaration(name: string, annotation: string | undefined, valueSource: string, help: string | null): NotebookParameter {
  let value: JsonValue;
  try {
    value = parsePythonLiteral(valueSource);
  } catch (error) {
    if (!(error instanceof NotALiteral)) throw error;
    return { name, type: 'any', default: null, nullable: true, help };
  }
  const fromValue = jsonTypeOf(value);
  const annotated = annotation === undefined ? undefined : annotationType(annotation);
  if (annotated !== undefined) {
    const compatible = fromValue === annotated.type || (fromValue === 'integer' && annotated.type === 'number');
    if (fromValue === 'null') return { name, type: annotated.type, default: null, nullable: true, help };
    if (compatible) return { name, type: annotated.type, default: value, nullable: annotated.nullable, help };
  }
  return { name, type: fromValue, default: value, nullable: false, help };
}

/**
 * The parameters a `parameters` cell's source declares: every top-level assignment, optionally
 * annotated (`name = value` or `name: type = value`), first declaration of a name wins. Values
 * may span lines (brackets, triple-quoted strings).
 */
export function parseParametersSource(source: string): NotebookParameter[] {
  const parameters: NotebookParameter[] = [];
  for (const line of logicalLines(source)) {
    if (!line.topLevel) continue;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)\s*(?::([^=]+))?=(?!=)([\s\S]*)$/.exec(line.text);
    if (!match || parameters.some((p) => p.name === match[1])) continue;
    const singleLine = !line.text.includes('\n');
    const { code, comment } = singleLine ? splitComment(match[3]) : { code: match[3], comment: null };
    parameters.push(declaration(match[1], match[2], code, comment === '' ? null : comment));
  }
  return parameters;
}

function cellSource(cell: NotebookCell): string {
  return typeof cell.source === 'string' ? cell.source : cell.source.join('');
}

/**
 * The declared parameters of a parsed notebook (nbformat 4 JSON); an empty list when it has no
 * cell tagged `parameters`.
 */
export function notebookParameters(notebook: { readonly cells: readonly NotebookCell[] }): NotebookParameter[] {
  const cell = parametersCell(notebook);
  return cell === undefined ? [] : parseParametersSource(cellSource(cell));
}

/**
 * Names the notebook's `parameters` cell declares (papermill's convention: the first cell
 * tagged `parameters`). A declaration is a top-level assignment, optionally annotated:
 * `name = value` or `name: type = value`.
 */
export function declaredParameters(notebookPath: string): string[] {
  let notebook: NotebookDocument;
  try {
    notebook = JSON.parse(fs.readFileSync(notebookPath, 'utf8')) as NotebookDocument;
  } catch (error) {
    throw new NotebookParametersError(`cannot read notebook ${notebookPath}: ${(error as Error).message}`);
  }
  const cell = parametersCell(notebook);
  if (!cell) {
    throw new NotebookParametersError(`notebook ${notebookPath} has no code cell tagged 'parameters'`);
  }
  return parseParametersSource(cellSource(cell)).map((p) => p.name);
}

/** Why a supplied parameter was refused; `code` is the API error code. */
export interface ParameterProblem {
  readonly code: 'unknown_parameter' | 'invalid_parameter';
  readonly parameter: string;
  readonly message: string;
}

const TYPE_NAMES: { readonly [type in ParameterType]: string } = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
  null: 'null',
  array: 'an array',
  object: 'an object',
  any: 'any JSON value',
};

/** Whether a JSON value fits a declared parameter. */
export function acceptsValue(parameter: NotebookParameter, value: JsonValue): boolean {
  if (parameter.type === 'any') return true;
  if (value === null && parameter.nullable) return true;
  const actual = jsonTypeOf(value);
  return actual === parameter.type || (actual === 'integer' && parameter.type === 'number');
}

/**
 * Checks supplied values against the declared parameters: a name the cell does not declare
 * is `unknown_parameter`, a value whose JSON type differs from the declared one is
 * `invalid_parameter`. Every problem is returned, in the order the values were given.
 */
export function checkParameters(
  declared: readonly NotebookParameter[],
  supplied: { readonly [name: string]: JsonValue },
): ParameterProblem[] {
  const problems: ParameterProblem[] = [];
  for (const [name, value] of Object.entries(supplied)) {
    const parameter = declared.find((p) => p.name === name);
    if (parameter === undefined) {
      const names = declared.map((p) => p.name);
      problems.push({
        code: 'unknown_parameter',
        parameter: name,
        message: `parameter '${name}' is not declared in the notebook's parameters cell; declared: ${names.length > 0 ? names.join(', ') : 'none'}`,
      });
    } else if (!acceptsValue(parameter, value)) {
      const expected = TYPE_NAMES[parameter.type] + (parameter.nullable ? ' or null' : '');
      problems.push({
        code: 'invalid_parameter',
        parameter: name,
        message: `parameter '${name}' must be ${expected} (its default is ${JSON.stringify(parameter.default)}), got ${TYPE_NAMES[jsonTypeOf(value)]}`,
      });
    }
  }
  return problems;
}
