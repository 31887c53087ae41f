import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import S3rver from 's3rver';

/**
 * A real S3-compatible server (s3rver) on a free local port, backed by a temporary folder, so
 * the S3 storage is tested through the actual AWS SDK and HTTP rather than a mock. `stop()`
 * and `start()` simulate an outage and the recovery on the same port.
 */
export class S3TestServer {
  readonly bucket = 'datasets-test';
  readonly directory = fs.mkdtempSync(path.join(os.tmpdir(), 's3rver-'));
  private server: S3rver | undefined;
  private boundPort = 0;

  get endpoint(): string {
    return `http://127.0.0.1:${this.boundPort}`;
  }

  async start(): Promise<void> {
    const server = new S3rver({
      address: '127.0.0.1',
      port: this.boundPort,
      silent: true,
      directory: this.directory,
      configureBuckets: [{ name: this.bucket }],
    });
    const { port } = await server.run();
    this.boundPort = port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server === undefined) return;
    // The SDK keeps connections alive; close them so the port is really gone.
    server.httpServer?.closeAllConnections();
    await server.close();
  }

  /** Every key in the bucket, staged objects included, read from the server's own folder. */
  allKeys(): string[] {
    const root = path.join(this.directory, this.bucket);
    if (!fs.existsSync(root)) return [];
    const keys: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('._S3rver_object')) keys.push(path.relative(root, full).replace(/\._S3rver_object$/, ''));
      }
    };
    walk(root);
    return keys.sort();
  }

  async dispose(): Promise<void> {
    await this.stop();
    fs.rmSync(this.directory, { recursive: true, force: true });
  }
}
