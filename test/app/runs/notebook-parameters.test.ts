import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import {
  JsonValue,
  checkParameters,
  declaredParameters,
  notebookParameters,
  parseParametersSource,
} from '../../../charts/notebooks/notebook-parameters';
import { parsePythonLiteral } from '../../../charts/notebooks/python-literal';

const PYTHON = process.env.TEST_PYTHON ?? '/usr/bin/python3';
const NOTEBOOKS = path.resolve(__dirname, '../../../notebooks');

/** Python's own reading of each source: ast.literal_eval, as JSON, or null when it refuses. */
function pythonLiteralEval(sources: string[]): (JsonValue | undefined)[] {
  const script = [
    'import ast, json, sys',
    'out = []',
    'for s in json.load(sys.stdin):',
    '    try:',
    '        v = ast.literal_eval(s.strip())',
    '        out.append({"value": json.loads(json.dumps(v))})',
    '    except Exception as e:',
    '        out.append({"error": type(e).__name__})',
    'print(json.dumps(out))',
  ].join('\n');
  const output = execFileSync(PYTHON, ['-c', script], { input: JSON.stringify(sources), encoding: 'utf8' });
  return (JSON.parse(output) as { value?: JsonValue }[]).map((r) => ('value' in r ? r.value : undefined));
}

/** Python source for a JSON value, in one of the spellings a notebook author might use. */
function pythonSource(value: JsonValue, style: number): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') {
    if (Number.isInteger(value) && style % 3 === 1 && Math.abs(value) >= 1000) {
      return (value < 0 ? '-' : '') + Math.abs(value).toLocaleString('en-US').replace(/,/g, '_');
    }
    return String(value);
  }
  if (typeof value === 'string') {
    if (style % 4 === 0) return JSON.stringify(value);
    if (style % 4 === 1) return `'${[...value].map((c) => (c === "'" ? "\\'" : c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c)).join('')}'`;
    if (style % 4 === 2 && !/["\\]/.test(value) && !value.endsWith('"')) return `"""${value}"""`;
    return `${JSON.stringify(value.slice(0, value.length >> 1))} ${JSON.stringify(value.slice(value.length >> 1))}`;
  }
  if (Array.isArray(value)) {
    const items = value.map((v, i) => pythonSource(v, style + i));
    if (style % 2 === 0 && items.length > 0) return `(${items.join(', ')},)`;
    if (items.length === 0) return '[]';
    return `[\n  ${items.join(',\n  ')}${style % 3 === 0 ? ',' : ''}\n]`;
  }
  const entries = Object.entries(value).map(([k, v], i) => `${JSON.stringify(k)}: ${pythonSource(v, style + i)}`);
  return `{${entries.join(', ')}}`;
}

describe('Python literals in a parameters cell', () => {
  test('every JSON value written as Python source reads back as what ast.literal_eval gives', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.boolean(),
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
        fc.string({ unit: 'grapheme', maxLength: 12 }),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 4 }),
      ),
    })).value as fc.Arbitrary<JsonValue>;
    const samples = fc.sample(fc.tuple(json, fc.nat(1000)), { numRuns: 400, seed: 12 });
    const sources = samples.map(([value, style]) => pythonSource(value, style));
    const expected = pythonLiteralEval(sources);
    sources.forEach((source, i) => {
      expect(expected[i]).not.toBeUndefined();
      expect({ source, value: parsePythonLiteral(source) }).toEqual({ source, value: expected[i] });
    });
  });

  test.each([
    ['0x1F', 31],
    ['0o17', 15],
    ['0b101', 5],
    ['1_000_000', 1000000],
    ['-2.5e-3', -0.0025],
    ['.5', 0.5],
    ['5.', 5],
    ["r'C:\\temp\\new'", 'C:\\temp\\new'],
    ["u'caf\\xe9'", 'café'],
    ["'\\u00e9\\U0001F600\\101\\n'", 'é😀A\n'],
    ['("a" "b"\n "c")', 'abc'],
    ['{"k": [1, (2, 3), {"n": None}]}', { k: [1, [2, 3], { n: null }] }],
    ['{"__proto__": 1}', JSON.parse('{"__proto__": 1}')],
  ])('%s reads as Python reads it', (source, value) => {
    expect(parsePythonLiteral(source)).toEqual(value);
    expect(pythonLiteralEval([source])[0]).toEqual(value);
  });

  test.each([
    'datetime.now()',
    'os.environ["X"]',
    "b'bytes'",
    "f'{x}'",
    '{1, 2}',
    '{1: "int key"}',
    '1e400',
    '2**53',
    '9007199254740993',
    '3j',
    'float("nan")',
    '"unterminated',
  ])('%s is not a JSON literal', (source) => {
    expect(() => parsePythonLiteral(source)).toThrow();
  });
});

describe('declared parameters', () => {
  test('names, defaults, JSON types and help come from the parameters cell, annotated or not', () => {
    const source = [
      '# Parameters',
      'dataset_uri = "samples/sales.csv"  # where the data is',
      'lookback_days = 14',
      'ratio: float = 1',
      'threshold = 0.25',
      'enabled = True',
      'report_date: str = None  # YYYY-MM-DD',
      'limit: Optional[int] = None',
      'nothing = None',
      'columns = [',
      '    "region",  # grouped by',
      '    "revenue",',
      ']',
      'options = {"sep": ",", "header": True}',
      'started = datetime.now()',
      'lookback_days = 99',
      'if True:',
      '    hidden = 1',
      'text = """a',
      'b = 2"""',
    ].join('\n');
    expect(parseParametersSource(source)).toEqual([
      { name: 'dataset_uri', type: 'string', default: 'samples/sales.csv', nullable: false, help: 'where the data is' },
      { name: 'lookback_days', type: 'integer', default: 14, nullable: false, help: null },
      { name: 'ratio', type: 'number', default: 1, nullable: false, help: null },
      { name: 'threshold', type: 'number', default: 0.25, nullable: false, help: null },
      { name: 'enabled', type: 'boolean', default: true, nullable: false, help: null },
      { name: 'report_date', type: 'string', default: null, nullable: true, help: 'YYYY-MM-DD' },
      { name: 'limit', type: 'integer', default: null, nullable: true, help: null },
      { name: 'nothing', type: 'null', default: null, nullable: false, help: null },
      { name: 'columns', type: 'array', default: ['region', 'revenue'], nullable: false, help: null },
      { name: 'options', type: 'object', default: { sep: ',', header: true }, nullable: false, help: null },
      { name: 'started', type: 'any', default: null, nullable: true, help: null },
      { name: 'text', type: 'string', default: 'a\nb = 2', nullable: false, help: null },
    ]);
  });

  test('the platform notebooks declare what their schedules pass, with their default types', () => {
    const notebook = JSON.parse(fs.readFileSync(path.join(NOTEBOOKS, 'daily_report.ipynb'), 'utf8'));
    expect(notebookParameters(notebook).map((p) => [p.name, p.type])).toEqual([
      ['dataset_uri', 'string'],
      ['report_date', 'string'],
      ['lookback_days', 'integer'],
      ['metric', 'string'],
      ['chart_uri', 'string'],
    ]);
    expect(declaredParameters(path.join(NOTEBOOKS, 'daily_report.ipynb'))).toEqual(notebookParameters(notebook).map((p) => p.name));
  });

  test('a notebook without a parameters cell declares nothing', () => {
    expect(notebookParameters({ cells: [{ cell_type: 'code', metadata: {}, source: 'x = 1' }] })).toEqual([]);
  });
});

describe('checking supplied parameters', () => {
  const declared = parseParametersSource(
    ['name = "x"', 'days = 14', 'ratio = 0.5', 'flag = False', 'when: str = None', 'cols = []', 'opts = {}', 'expr = f(1)'].join('\n'),
  );

  test('values of the declared JSON types pass, integers count as numbers, null passes where None was annotated', () => {
    expect(
      checkParameters(declared, { name: 'y', days: 3, ratio: 2, flag: true, when: null, cols: [1], opts: { a: 1 }, expr: [1, 'x'] }),
    ).toEqual([]);
    expect(checkParameters(declared, { when: '2026-01-01' })).toEqual([]);
  });

  test('a name the cell does not declare is unknown_parameter naming it and the declared ones', () => {
    expect(checkParameters(declared, { nmae: 'y' })).toEqual([
      {
        code: 'unknown_parameter',
        parameter: 'nmae',
        message:
          "parameter 'nmae' is not declared in the notebook's parameters cell; declared: name, days, ratio, flag, when, cols, opts, expr",
      },
    ]);
  });

  test.each([
    ['days', '14', "parameter 'days' must be an integer (its default is 14), got a string"],
    ['days', 1.5, "parameter 'days' must be an integer (its default is 14), got a number"],
    ['ratio', true, "parameter 'ratio' must be a number (its default is 0.5), got a boolean"],
    ['flag', 'true', "parameter 'flag' must be a boolean (its default is false), got a string"],
    ['name', null, `parameter 'name' must be a string (its default is "x"), got null`],
    ['when', 3, "parameter 'when' must be a string or null (its default is null), got an integer"],
    ['cols', {}, "parameter 'cols' must be an array (its default is []), got an object"],
    ['opts', [], "parameter 'opts' must be an object (its default is {}), got an array"],
  ])('%s = %j is invalid_parameter naming it', (name, value, message) => {
    expect(checkParameters(declared, { [name]: value as JsonValue })).toEqual([{ code: 'invalid_parameter', parameter: name, message }]);
  });
});
