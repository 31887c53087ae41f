import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * The notebooks run for real: Debian's python3 with nbclient executes each one on the sample
 * data, with parameters injected the way papermill does (run_notebook.py).
 */
const PYTHON = '/usr/bin/python3';
const NOTEBOOKS = path.resolve(__dirname, '../../notebooks');
const SAMPLE = path.join(NOTEBOOKS, 'samples', 'sales.csv');
const RUNNER = path.join(__dirname, 'run_notebook.py');
const notebookFiles = fs
  .readdirSync(NOTEBOOKS)
  .filter((f) => f.endsWith('.ipynb'))
  .sort();

interface Cell {
  cell_type: string;
  metadata: { tags?: string[] };
  source: string | string[];
  outputs?: { output_type: string; data?: Record<string, unknown>; text?: string | string[] }[];
}
interface Notebook {
  nbformat: number;
  metadata: { kernelspec?: { name: string } };
  cells: Cell[];
}

const read = (file: string): Notebook => JSON.parse(fs.readFileSync(file, 'utf8'));
const text = (s: string | string[] | undefined) => (Array.isArray(s) ? s.join('') : (s ?? ''));

function run(notebook: string, parameters: Record<string, unknown>, workDir: string): { status: number; stderr: string; output: Notebook } {
  const out = path.join(workDir, `executed-${notebook}`);
  const result = spawnSync(
    PYTHON,
    ['-Xfrozen_modules=off', RUNNER, path.join(NOTEBOOKS, notebook), out, workDir, JSON.stringify(parameters)],
    {
      encoding: 'utf8',
      env: { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: '1', MPLBACKEND: 'Agg' },
      timeout: 90_000,
    },
  );
  return {
    status: result.status ?? -1,
    stderr: result.stderr,
    output: fs.existsSync(out) ? read(out) : { nbformat: 0, metadata: {}, cells: [] },
  };
}

function stdoutOf(nb: Notebook): string {
  return nb.cells
    .flatMap((c) => c.outputs ?? [])
    .map((o) => text(o.text))
    .join('');
}

let work: string;
beforeAll(() => {
  execFileSync(PYTHON, ['-c', 'import nbclient, nbformat, ipykernel, pandas, matplotlib']);
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'notebooks-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('notebook files', () => {
  test('there are the three platform notebooks and their sample data', () => {
    expect(notebookFiles).toEqual(['daily_report.ipynb', 'dataset_profile.ipynb', 'etl_csv_to_parquet.ipynb']);
    expect(fs.readFileSync(SAMPLE, 'utf8').split('\n')[0]).toBe('order_id,order_date,region,product,quantity,unit_price,revenue');
  });

  test.each(notebookFiles)('%s is valid nbformat 4 with exactly one parameters cell', (file) => {
    execFileSync(PYTHON, [
      '-c',
      'import nbformat,sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))',
      path.join(NOTEBOOKS, file),
    ]);
    const nb = read(path.join(NOTEBOOKS, file));
    expect(nb.nbformat).toBe(4);
    expect(nb.metadata.kernelspec?.name).toBe('python3');
    const tagged = nb.cells.filter((c) => (c.metadata.tags ?? []).includes('parameters'));
    expect(tagged).toHaveLength(1);
    expect(tagged[0].cell_type).toBe('code');
    expect(nb.cells.every((c) => !(c.outputs ?? []).length)).toBe(true);
  });
});

describe('notebooks executed on the sample data', () => {
  test('dataset_profile writes one summary row per column', () => {
    const output = path.join(work, 'profile', 'summary.json');
    const { status, stderr, output: nb } = run('dataset_profile.ipynb', { dataset_uri: SAMPLE, output_uri: output }, work);
    expect(stderr).not.toMatch(/Error/);
    expect(status).toBe(0);
    const params = nb.cells.findIndex((c) => (c.metadata.tags ?? []).includes('parameters'));
    expect(nb.cells[params + 1].metadata.tags).toEqual(['injected-parameters']);
    const summary: { column: string; nulls: number; non_null: number; mean: number | null }[] = JSON.parse(fs.readFileSync(output, 'utf8'));
    expect(summary.map((r) => r.column)).toEqual(['order_id', 'order_date', 'region', 'product', 'quantity', 'unit_price', 'revenue']);
    const byName = Object.fromEntries(summary.map((r) => [r.column, r]));
    expect(byName.order_id.non_null).toBe(183);
    expect(byName.quantity.nulls).toBe(1);
    expect(byName.region.nulls).toBe(1);
    expect(byName.region.mean).toBeNull();
  });

  test('etl_csv_to_parquet writes Hive-style partitions (csv format here) and drops bad rows', () => {
    const output = path.join(work, 'curated');
    const { status, stderr } = run(
      'etl_csv_to_parquet.ipynb',
      { source_uri: SAMPLE, output_uri: output, partition_by: 'region', output_format: 'csv' },
      work,
    );
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const partitions = fs
      .readdirSync(output)
      .filter((d) => d.startsWith('region='))
      .sort();
    expect(partitions).toEqual(['region=east', 'region=north', 'region=south', 'region=west']);
    const manifest = JSON.parse(fs.readFileSync(path.join(output, '_manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'csv', partition_by: 'region', rows: 181 });
    const rows = partitions.map(
      (p) =>
        fs
          .readFileSync(path.join(output, p, 'part-00000.csv'), 'utf8')
          .trim()
          .split('\n').length - 1,
    );
    expect(rows.reduce((a, b) => a + b, 0)).toBe(181);
    expect(fs.readFileSync(path.join(output, 'region=east', 'part-00000.csv'), 'utf8').split('\n')[0]).not.toContain('region');
  });

  test('etl_csv_to_parquet in parquet format writes Parquet where pyarrow exists and fails loudly where it does not', () => {
    const hasPyarrow = spawnSync(PYTHON, ['-c', 'import pyarrow']).status === 0;
    const output = path.join(work, 'curated-parquet');
    const { status, stderr } = run('etl_csv_to_parquet.ipynb', { source_uri: SAMPLE, output_uri: output, output_format: 'parquet' }, work);
    if (hasPyarrow) {
      expect(status).toBe(0);
      expect(fs.readdirSync(output).filter((d) => d.startsWith('region=')).length).toBe(4);
    } else {
      expect(status).toBe(1);
      expect(stderr).toContain("output_format='parquet' needs pyarrow");
      expect(fs.existsSync(output)).toBe(false);
    }
  });

  test('etl_csv_to_parquet rejects an unknown output format', () => {
    const { status, stderr } = run('etl_csv_to_parquet.ipynb', { source_uri: SAMPLE, output_format: 'xlsx' }, work);
    expect(status).toBe(1);
    expect(stderr).toContain("output_format must be one of ('parquet', 'csv')");
  });

  test('daily_report renders the chart as PNG for the report date', () => {
    const chart = path.join(work, 'report', 'daily.png');
    const {
      status,
      stderr,
      output: nb,
    } = run('daily_report.ipynb', { dataset_uri: SAMPLE, report_date: '2024-06-30', lookback_days: 7, chart_uri: chart }, work);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const png = fs.readFileSync(chart);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.length).toBeGreaterThan(10_000);
    expect(nb.cells.some((c) => (c.outputs ?? []).some((o) => o.data?.['image/png']))).toBe(true);
    expect(stdoutOf(nb)).toMatch(/revenue over 7 days: \d+\.\d\d/);
    expect(stdoutOf(nb)).toContain('2024-06-30:');
  });
});
