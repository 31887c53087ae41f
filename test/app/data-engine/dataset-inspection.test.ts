import { InvalidDatasetError } from '../../../app/server/data-engine/data-errors';
import { inspectDataset, previewDataset } from '../../../app/server/data-engine/dataset-inspector';
import { csvLines, DataWorkspace } from './support/data-fixtures';

describe('dataset inspection: CSV', () => {
  const ws = new DataWorkspace();
  afterAll(() => ws.dispose());

  it('types every column, counts rows and previews JSON-safe values in column order', async () => {
    const file = ws.file(
      'orders.csv',
      [
        'id,customer,amount,paid,ordered_on,shipped_at,big',
        '1,"Smith, J",12.50,true,2024-01-31,2024-02-01 10:11:12,9007199254740993',
        '2,"said ""hi""",7,false,2024-02-29,2024-03-01 00:00:00.5,5',
        '3,,,true,,,',
      ].join('\n') + '\n',
    );
    const inspection = await inspectDataset(ws.pool, file, 'csv');
    expect(inspection.rowCount).toBe(3);
    expect(inspection.columns).toEqual([
      { name: 'id', type: 'integer' },
      { name: 'customer', type: 'string' },
      { name: 'amount', type: 'double' },
      { name: 'paid', type: 'boolean' },
      { name: 'ordered_on', type: 'date' },
      { name: 'shipped_at', type: 'timestamp' },
      { name: 'big', type: 'integer' },
    ]);
    const preview = await previewDataset(ws.pool, { path: file, readSpec: inspection.readSpec }, 10);
    expect(preview.columns).toEqual(inspection.columns);
    expect(preview.rows).toEqual([
      [1, 'Smith, J', 12.5, true, '2024-01-31', '2024-02-01T10:11:12', '9007199254740993'],
      [2, 'said "hi"', 7, false, '2024-02-29', '2024-03-01T00:00:00.5', 5],
      [3, null, null, true, null, null, null],
    ]);
    expect(JSON.parse(JSON.stringify(preview.rows))).toEqual(preview.rows);
  });

  it.each([
    ['CRLF (Windows, Python csv.writer)', '\r\n'],
    ['CR (classic Mac)', '\r'],
    ['LF', '\n'],
  ])('reads every row of a file whose lines end in %s, quoted line breaks kept inside their field', async (_name, eol) => {
    const file = ws.file(
      `eol-${eol.length}-${eol.charCodeAt(0)}.csv`,
      ['id,note', '1,plain', `2,"two${eol}lines"`, '3,last'].join(eol) + eol,
    );
    const inspection = await inspectDataset(ws.pool, file, 'csv');
    expect(inspection.rowCount).toBe(3);
    const preview = await previewDataset(ws.pool, { path: file, readSpec: inspection.readSpec }, 10);
    expect(preview.rows).toEqual([
      [1, 'plain'],
      [2, `two${eol}lines`],
      [3, 'last'],
    ]);
  });

  it('detects the delimiter, and keeps a column that turns non-numeric far below the sniffer sample as a string', async () => {
    const semicolons = await inspectDataset(ws.pool, ws.file('semi.csv', 'a;b\n1;x\n2;y\n'), 'csv');
    expect(semicolons.columns).toEqual([
      { name: 'a', type: 'integer' },
      { name: 'b', type: 'string' },
    ]);
    const late = ws.file('late.csv', csvLines('zip,n', 30_000, (i) => `${i},${i}`) + 'A123,5\n');
    const inspection = await inspectDataset(ws.pool, late, 'csv');
    expect(inspection.columns).toEqual([
      { name: 'zip', type: 'string' },
      { name: 'n', type: 'integer' },
    ]);
    expect(inspection.rowCount).toBe(30_001);
  });

  it.each([
    ['a row with an extra field near the top', 'a,b\n1,2\n3,4,5\n6,7\n', 3, /Expected Number of Columns: 2 Found: 3/],
    ['a row with a missing field near the top', 'a,b,c\n1,2,3\n4,5\n6,7,8\n', 3, /Expected Number of Columns: 3 Found: 2/],
    ['a ragged row right after the header', 'a,b\n1,2,3\n4,5\n', 2, /Expected Number of Columns: 2 Found: 3/],
    // The sniffer took a ragged last line for the header and answered zero rows of its columns.
    ['a ragged only data row', 'a,b\n1,2,3\n', 2, /Expected Number of Columns: 2 Found: 3/],
    ['a ragged last row', 'a,b\n1,2\n3,4\n5,6,7\n', 4, /Expected Number of Columns: 2 Found: 3/],
    [
      'a ragged row past the sniffer sample',
      csvLines('a,b', 30_000, (i) => `${i},${i}`) + '5,6,7\n',
      30_002,
      /Expected Number of Columns: 2 Found: 3/,
    ],
    ['bytes that are not UTF-8', Buffer.from('a,b\n1,x\n2,\xff\xfe\n3,z\n', 'latin1'), 3, /not utf-8 encoded/],
  ])('refuses %s, naming the line', async (_name, content, line, reason) => {
    const file = ws.file(`bad-${line}-${Math.random()}.csv`, content);
    const error = await inspectDataset(ws.pool, file, 'csv').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidDatasetError);
    expect((error as InvalidDatasetError).line).toBe(line);
    expect((error as Error).message).toMatch(new RegExp(`^CSV error on line ${line}: `));
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).not.toContain(ws.dir); // no server path in what the user sees
  });

  it('refuses an empty file and accepts a header-only file as zero rows', async () => {
    await expect(inspectDataset(ws.pool, ws.file('empty.csv', ''), 'csv')).rejects.toThrow(new InvalidDatasetError('the file is empty'));
    const headerOnly = await inspectDataset(ws.pool, ws.file('header.csv', 'a,b\n'), 'csv');
    expect(headerOnly.rowCount).toBe(0);
    expect(headerOnly.columns.map((column) => column.name)).toEqual(['a', 'b']);
  });

  it('leaves no DuckDB spill directory behind, after success and after failure', async () => {
    await inspectDataset(ws.pool, ws.file('ok.csv', 'a\n1\n'), 'csv');
    await inspectDataset(ws.pool, ws.file('ragged.csv', 'a,b\n1,2,3\n'), 'csv').catch(() => undefined);
    expect(ws.leftoverTempDirs()).toEqual([]);
  });
});

describe('dataset inspection: JSON and Parquet', () => {
  const ws = new DataWorkspace();
  afterAll(() => ws.dispose());

  it('reads a JSON array of objects and newline-delimited objects, nested values as JSON', async () => {
    const array = ws.file('array.json', '[{"a":1,"b":"x","tags":["p","q"],"pos":{"x":1.5}},{"a":2,"b":"y","c":true}]');
    const inspection = await inspectDataset(ws.pool, array, 'json');
    expect(inspection.rowCount).toBe(2);
    expect(inspection.columns).toEqual([
      { name: 'a', type: 'integer' },
      { name: 'b', type: 'string' },
      { name: 'tags', type: 'list' },
      { name: 'pos', type: 'struct' },
      { name: 'c', type: 'boolean' },
    ]);
    const preview = await previewDataset(ws.pool, { path: array, readSpec: inspection.readSpec }, 5);
    expect(preview.rows).toEqual([
      [1, 'x', ['p', 'q'], { x: 1.5 }, null],
      [2, 'y', null, null, true],
    ]);
    const lines = await inspectDataset(ws.pool, ws.file('lines.json', '{"a":1}\n{"a":2}\n{"a":3}\n'), 'json');
    expect(lines.rowCount).toBe(3);
  });

  it.each([
    ['JSON that is not JSON', 'bad.json', '{"a":1,\n oops', 'json', /not a readable JSON file: Malformed JSON/],
    ['a JSON array of numbers', 'numbers.json', '[1,2,3]', 'json', /every row must be a JSON object/],
    ['CSV bytes declared JSON', 'csv.json', 'a,b\n1,2\n', 'json', /expected an array of objects or one object per line/],
    ['JSON declared CSV', 'json.csv', '[{"a":1}]', 'csv', /looks like JSON, not CSV/],
    ['CSV bytes declared Parquet', 'csv.parquet', 'a,b\n1,2\n', 'parquet', /not Parquet: it does not start with the PAR1 magic bytes/],
    ['binary bytes declared CSV', 'binary.csv', Buffer.from([0x61, 0x00, 0x62, 0x0a]), 'csv', /binary, not CSV/],
  ] as const)('refuses %s with a clear message', async (_name, fileName, content, format, message) => {
    const error = await inspectDataset(ws.pool, ws.file(fileName, content), format).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidDatasetError);
    expect((error as Error).message).toMatch(message);
  });

  it('refuses a Parquet file declared CSV', async () => {
    const file = await ws.parquet('real.parquet', 'SELECT 1 AS a');
    await expect(inspectDataset(ws.pool, file, 'csv')).rejects.toThrow('the file is Parquet, not CSV');
  });

  it('reads Parquet types, converting wide integers and decimals to strings and timestamps to ISO text', async () => {
    const file = await ws.parquet(
      'types.parquet',
      `SELECT * FROM (VALUES
        (1::TINYINT, 18446744073709551615::UBIGINT, 12.34::DECIMAL(10,2), 1234567890123456.78::DECIMAL(18,2),
         TIMESTAMPTZ '2024-05-06 07:08:09+02', DATE '2024-05-06', 'a'::BLOB, 2.5::FLOAT),
        (2, 5, NULL, NULL, NULL, NULL, NULL, 'NaN'::FLOAT)
      ) t(tiny, huge, money, wide, happened, day, raw, ratio)`,
    );
    const inspection = await inspectDataset(ws.pool, file, 'parquet');
    expect(inspection.columns.map((column) => column.type)).toEqual([
      'integer',
      'integer',
      'decimal',
      'decimal',
      'timestamp_tz',
      'date',
      'binary',
      'double',
    ]);
    const preview = await previewDataset(ws.pool, { path: file, readSpec: inspection.readSpec }, 5);
    expect(preview.rows).toEqual([
      [1, '18446744073709551615', 12.34, '1234567890123456.78', '2024-05-06T05:08:09Z', '2024-05-06', 'YQ==', 2.5],
      [2, 5, null, null, null, null, null, 'NaN'],
    ]);
  });
});
