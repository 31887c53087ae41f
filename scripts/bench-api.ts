/**
 * `npm run bench:api`: the API benchmarks.
 * - default: the scenario suite (scripts/bench-api/suite.ts): reads, the summary, writes and
 *   WebSocket fan-out on 10,000 projects, the server compiled as the image runs it;
 * - `npm run bench:api -- --vs-flask` (or BENCH_MODE=vs-flask): this server side by side with
 *   the platform's original Flask API (bench/flask-baseline) on the same MariaDB and wrk load,
 *   printing the ratios (scripts/bench-api/flask-comparison.ts).
 * Figures and how they were taken: docs/benchmarks.md.
 */
import { runFlaskComparison } from './bench-api/flask-comparison';
import { runScenarioSuite } from './bench-api/suite';

const vsFlask = process.argv.includes('--vs-flask') || process.env.BENCH_MODE === 'vs-flask';

(vsFlask ? runFlaskComparison() : runScenarioSuite()).catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
