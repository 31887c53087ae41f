import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { InvalidNotebookError, declaredNotebookParameters, notebookError, parseNotebook } from '../../../app/server/runs/notebook-document';

const PYTHON = process.env.TEST_PYTHON ?? '/usr/bin/python3';
const NOTEBOOKS = path.resolve(__dirname, '../../../notebooks');

/** What the nbformat package itself says of each document: true when nbformat.validate accepts it. */
function nbformatAccepts(documents: unknown[]): boolean[] {
  const script = [
    'import json, sys, nbformat',
    'out = []',
    'for d in json.load(sys.stdin):',
    '    try:',
    '        nbformat.validate(d, version=4, version_minor=d.get("nbformat_minor"))',
    '        out.append(True)',
    '    except Exception:',
    '        out.append(False)',
    'print(json.dumps(out))',
  ].join('\n');
  return JSON.parse(execFileSync(PYTHON, ['-c', script], { input: JSON.stringify(documents), encoding: 'utf8' }));
}

const code = (source: string, extra: object = {}) => ({
  cell_type: 'code',
  metadata: {},
  source,
  outputs: [],
  execution_count: null,
  ...extra,
});
const notebook = (minor: number, cells: object[], extra: object = {}) => ({
  nbformat: 4,
  nbformat_minor: minor,
  metadata: {},
  cells,
  ...extra,
});

describe('nbformat 4 validation of uploaded notebooks', () => {
  test.each(fs.readdirSync(NOTEBOOKS).filter((f) => f.endsWith('.ipynb')))('the platform notebook %s is valid', (file) => {
    expect(() => parseNotebook(fs.readFileSync(path.join(NOTEBOOKS, file)))).not.toThrow();
  });

  const cases: [string, object, boolean][] = [
    ['a 4.4 notebook without cell ids', notebook(4, [code('x = 1')]), true],
    ['a 4.5 notebook with cell ids', notebook(5, [code('x = 1', { id: 'a1' })]), true],
    ['a 4.5 notebook whose cells have no id (nbformat repairs ids)', notebook(5, [code('x = 1')]), true],
    ['a 4.5 notebook whose cell id has a space', notebook(5, [code('x = 1', { id: 'a b' })]), false],
    ['a cell of an unknown type', notebook(4, [{ cell_type: 'widget', metadata: {}, source: '' }]), false],
    ['a notebook without cells', { nbformat: 4, nbformat_minor: 4, metadata: {} }, false],
    ['a code cell whose source is a number', notebook(4, [code('x', { source: 3 })]), false],
    [
      'a notebook from a future minor with extra keys and cell types',
      notebook(9, [{ cell_type: 'widget', metadata: {}, id: 'w' }], { extra: 1 }),
      true,
    ],
  ];
  test.each(cases)('%s: accepted exactly when nbformat accepts it', (_name, document, valid) => {
    expect(nbformatAccepts([document])).toEqual([valid]);
    if (valid) expect(() => parseNotebook(JSON.stringify(document))).not.toThrow();
    else expect(() => parseNotebook(JSON.stringify(document))).toThrow(InvalidNotebookError);
  });

  test('the message says where a notebook is invalid', () => {
    expect(() => parseNotebook(JSON.stringify(notebook(4, [code('x = 1', { source: 3 })])))).toThrow(
      /^not a valid nbformat 4\.4 notebook: \/cells\/0/,
    );
  });

  test.each([
    ['text that is not JSON', Buffer.from('print("hello")'), /^the notebook is not JSON: /],
    ['a JSON array', Buffer.from('[]'), /^the notebook must be a JSON object/],
    [
      'an nbformat 3 notebook',
      Buffer.from(JSON.stringify({ nbformat: 3, nbformat_minor: 0, worksheets: [] })),
      /nbformat 4 .* nbformat 3$/,
    ],
    ['a negative nbformat_minor', Buffer.from(JSON.stringify({ nbformat: 4, nbformat_minor: -1, cells: [] })), /nbformat_minor must be/],
    ['bytes that are not UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), /.+/],
  ])('%s is refused with invalid_notebook', (_name, bytes, message) => {
    let error: unknown;
    try {
      parseNotebook(bytes);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidNotebookError);
    expect((error as InvalidNotebookError).code).toBe('invalid_notebook');
    expect((error as Error).message).toMatch(message);
  });
});

describe('what a notebook declares and reports', () => {
  test('declared parameters come from the validated notebook', () => {
    const parsed = parseNotebook(fs.readFileSync(path.join(NOTEBOOKS, 'dataset_profile.ipynb')));
    expect(declaredNotebookParameters(parsed).map((p) => `${p.name}:${p.type}`)).toEqual([
      'dataset_uri:string',
      'output_uri:string',
      'sample_rows:integer',
    ]);
  });

  test('the error of an executed notebook is the first error output: exception name and message', () => {
    const executed = parseNotebook(
      JSON.stringify(
        notebook(4, [
          code('ok', { outputs: [{ output_type: 'stream', name: 'stdout', text: 'fine\n' }] }),
          code('boom', { outputs: [{ output_type: 'error', ename: 'ValueError', evalue: 'bad value', traceback: [] }] }),
        ]),
      ),
    );
    expect(notebookError(executed)).toEqual({ ename: 'ValueError', evalue: 'bad value' });
  });
});
