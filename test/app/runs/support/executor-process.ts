/**
 * A server stand-in for the parent-death test: runs one notebook with LocalRunExecutor and
 * prints "running <log path>" once it runs. The test then kills this process with SIGKILL.
 *
 *   node -r ts-node/register executor-process.ts <python> <dir> <notebook>
 */
import * as path from 'path';
import { LocalRunExecutor } from '../../../../app/server/runs/local/local-executor';

const [python, dir, notebook] = process.argv.slice(2);
const executor = new LocalRunExecutor({ python });
executor.on('update', (u) => {
  if (u.observation.status === 'running') process.stdout.write(`running ${path.join(dir, 'run.log')}\n`);
});
executor.submit({
  kind: 'notebook',
  runId: 'orphan',
  notebookPath: notebook,
  outputNotebookPath: path.join(dir, 'out.ipynb'),
  workDir: path.join(dir, 'work'),
  logPath: path.join(dir, 'run.log'),
  outputPath: path.join(dir, 'result.txt'),
  parameters: {},
  timeoutSeconds: 600,
});
