// npm run bench:data
// 1. a deterministic 1,000,000-row sales CSV, inspected as an upload would be;
// 2. a group-by aggregate through the locked-down query engine, side by side with pandas
//    (Debian's python3-pandas: read_csv + groupby, /usr/bin/python3 or BENCH_PYTHON);
// 3. a preview of 100 rows;
// 4. a 200 MB streaming write to file: storage: MB/s and this process's peak RSS growth;
// 5. the same end to end through HTTP against the server as its own process
//    (bench-data/http.ts): a ~200 MB upload, the group-by through POST /query, the preview,
//    and chart data over the 1M-row dataset, first computation and cached (bench-data/charts.ts).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { execFileSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { inspectDataset, previewDataset } from '../app/server/data-engine/dataset-inspector';
import { QueryEngine } from '../app/server/data-engine/query-engine';
import { SandboxPool } from '../app/server/data-engine/sandbox-pool';
import { FileObjectStorage } from '../app/server/storage/file-object-storage';
import { runHttpBench } from './bench-data/http';
import { GROUP_BY_SQL, writeSalesCsv } from './bench-data/sales-csv';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WRITE_MB = Number(process.env.BENCH_WRITE_MB ?? 200);
const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number) => `${n.toFixed(0)} ms`;

const PANDAS = `
import sys, time
t0 = time.perf_counter()
import pandas as pd
t1 = time.perf_counter()
df = pd.read_csv(sys.argv[1])
df['revenue'] = df['quantity'] * df['unit_price']
out = df.groupby(['region', 'product']).agg(orders=('order_id', 'count'), revenue=('revenue', 'sum'), avg_discount=('discount', 'mean')).reset_index()
t2 = time.perf_counter()
print(f"{(t2 - t1) * 1000:.1f} {len(out)} {pd.__version__}")
`;

async function streamingWrite(dir: string, megabytes: number): Promise<{ mbPerSecond: number; rssGrowthMb: number }> {
  const storage = new FileObjectStorage(path.join(dir, 'objects'));
  const chunk = Buffer.alloc(64 * 1024, 'a,b,c,1,2,3\n');
  const chunks = (megabytes * 1024 * 1024) / chunk.length;
  const source = Readable.from(
    (function* () {
      for (let i = 0; i < chunks; i += 1) yield Buffer.from(chunk); // a fresh buffer per chunk, as a socket gives
    })(),
  );
  global.gc?.();
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  const started = performance.now();
  const staged = await storage.stage(source, { maxBytes: megabytes * 1024 * 1024 });
  await staged.commit('bench/v1-upload.csv');
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { mbPerSecond: megabytes / seconds, rssGrowthMb: (peak - baseline) / 1024 / 1024 };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-data-'));
  try {
    const csv = path.join(dir, 'sales.csv');
    let t = performance.now();
    await writeSalesCsv(csv, ROWS);
    const sizeMb = fs.statSync(csv).size / 1024 / 1024;
    console.log(`generated ${ROWS.toLocaleString('en')} rows, ${sizeMb.toFixed(1)} MB in ${ms(performance.now() - t)}`);

    const pool = new SandboxPool({ memoryLimitBytes: 1024 ** 3, threads: 2, tempRoot: path.join(dir, 'tmp'), maxTempBytes: 4 * 1024 ** 3 });
    t = performance.now();
    const inspection = await inspectDataset(pool, csv, 'csv');
    const inspectMs = performance.now() - t;
    const engine = await QueryEngine.create({ pool, timeoutMs: 120_000 });
    const dataset = {
      name: 'sales',
      readSpec: inspection.readSpec,
      openFile: async () => ({ path: csv, sizeBytes: 0, release: () => undefined }),
    };

    const engineTimes: number[] = [];
    let groups = 0;
    for (let run = 0; run < RUNS; run += 1) {
      t = performance.now();
      const result = await engine.query({ sql: GROUP_BY_SQL, datasets: [dataset], limit: 1000 });
      engineTimes.push(performance.now() - t);
      groups = result.rowCount;
    }
    const previewTimes: number[] = [];
    for (let run = 0; run < RUNS * 4; run += 1) {
      t = performance.now();
      await previewDataset(pool, { path: csv, readSpec: inspection.readSpec }, 100);
      previewTimes.push(performance.now() - t);
    }
    await engine.close();

    const pandasTimes: number[] = [];
    const pandasWall: number[] = [];
    let pandasGroups = 0;
    let pandasVersion = '';
    for (let run = 0; run < RUNS; run += 1) {
      t = performance.now();
      const [inner, count, version] = execFileSync(PYTHON, ['-c', PANDAS, csv], { encoding: 'utf8' }).trim().split(' ');
      pandasWall.push(performance.now() - t);
      pandasTimes.push(Number(inner));
      pandasGroups = Number(count);
      pandasVersion = version ?? '';
    }

    const write = await streamingWrite(dir, WRITE_MB);
    const web = process.env.BENCH_HTTP === '0' ? undefined : await runHttpBench(dir, csv, RUNS);

    const p50Engine = median(engineTimes);
    const p50Pandas = median(pandasTimes);
    console.log(
      `\nmachine: ${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')} (shared; figures are noisy)`,
    );
    console.log(
      `upload inspection (sniff, whole-file types, strict read of every value): ${ms(inspectMs)}, ${inspection.rowCount.toLocaleString('en')} rows`,
    );
    console.log('\n| group-by over the 1M-row CSV | p50 | min | max | groups |');
    console.log('|---|---|---|---|---|');
    console.log(
      `| query engine (DuckDB, 2 threads, fresh locked-down instance per query) | ${ms(p50Engine)} | ${ms(Math.min(...engineTimes))} | ${ms(Math.max(...engineTimes))} | ${groups} |`,
    );
    console.log(
      `| pandas ${pandasVersion} read_csv + groupby (in-process time) | ${ms(p50Pandas)} | ${ms(Math.min(...pandasTimes))} | ${ms(Math.max(...pandasTimes))} | ${pandasGroups} |`,
    );
    console.log(
      `| pandas, whole process (python start and import included) | ${ms(median(pandasWall))} | ${ms(Math.min(...pandasWall))} | ${ms(Math.max(...pandasWall))} | |`,
    );
    console.log(
      `\nspeed-up, p50: ${(p50Pandas / p50Engine).toFixed(1)}x (in-process pandas), ${(median(pandasWall) / p50Engine).toFixed(1)}x (whole pandas process)`,
    );
    console.log(`preview of 100 rows: p50 ${ms(median(previewTimes))}, max ${ms(Math.max(...previewTimes))}`);
    console.log(
      `\n${WRITE_MB} MB streaming write to file: storage: ${write.mbPerSecond.toFixed(0)} MB/s, peak RSS growth ${write.rssGrowthMb.toFixed(1)} MB`,
    );
    if (web) {
      const p50Query = median(web.queryMs);
      console.log('\n| through HTTP (server process: ts-node, SQLite, file: storage) | figure | target |');
      console.log('|---|---|---|');
      console.log(
        `| POST /upload of a ${web.uploadMb.toFixed(0)} MB CSV (${web.uploadRowCount.toLocaleString('en')} rows; request to 201, inspection included) | ${(web.uploadMb / web.uploadSeconds).toFixed(0)} MB/s (${web.uploadSeconds.toFixed(1)} s) | >= 100 MB/s |`,
      );
      console.log(
        `| of which streaming the body to storage (to its last byte) | ${(web.uploadMb / web.streamSeconds).toFixed(0)} MB/s (${web.streamSeconds.toFixed(1)} s) | |`,
      );
      console.log(
        `| server peak RSS growth while the body streamed | ${web.streamPeakRssMb - web.baselineRssMb} MB (baseline ${web.baselineRssMb} MB) | < 64 MB |`,
      );
      console.log(
        `| server peak RSS growth over the whole upload (DuckDB reading the file to inspect it, bounded by QUERY_MEMORY_MB) | ${web.peakRssMb - web.baselineRssMb} MB (peak ${web.peakRssMb} MB) | |`,
      );
      console.log(
        `| group-by via POST /api/projects/:id/query, p50 (min-max) | ${ms(p50Query)} (${ms(Math.min(...web.queryMs))}-${ms(Math.max(...web.queryMs))}), ${web.groups} groups | < 300 ms |`,
      );
      console.log(
        `| speed-up over pandas, p50 | ${(p50Pandas / p50Query).toFixed(1)}x (in-process pandas), ${(median(pandasWall) / p50Query).toFixed(1)}x (whole pandas process) | >= 3x |`,
      );
      console.log(
        `| preview of 100 rows via GET /preview, p50 (max) | ${ms(median(web.previewMs))} (${ms(Math.max(...web.previewMs))}) | < 50 ms |`,
      );
      const { charts } = web;
      console.log(
        `| chart data via GET /api/charts/:id/data, first computation (group-by of 1M rows, ${charts.rows} rows out), p50 (min-max) | ${ms(median(charts.firstMs))} (${ms(Math.min(...charts.firstMs))}-${ms(Math.max(...charts.firstMs))}) | < 300 ms |`,
      );
      console.log(
        `| chart data via GET /api/charts/:id/data, cached, p50 (max) | ${ms(median(charts.cachedMs))} (${ms(Math.max(...charts.cachedMs))}) | < 20 ms |`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
