import * as net from 'node:net';
import type { TestDatabase } from './test-databases';

/**
 * A TCP proxy between the app and MariaDB that can cut every connection and refuse new ones:
 * at once (`cutAll`), or the moment the app sends a query whose text matches a pattern
 * (`cutOnQuery`), which fails one request between two of its queries.
 */
export class CuttableProxy {
  private readonly sockets = new Set<net.Socket>();
  private cut = false;
  private trigger: RegExp | undefined;
  private readonly server: net.Server;

  constructor(private readonly target: { host: string; port: number }) {
    this.server = net.createServer((client) => {
      if (this.cut) {
        client.destroy();
        return;
      }
      const upstream = net.connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.on('data', (chunk: Buffer) => {
        // COM_QUERY packets carry the SQL as text: latin1 keeps every byte for the match.
        if (this.trigger?.test(chunk.toString('latin1'))) {
          this.trigger = undefined;
          this.cutAll();
          return;
        }
        if (!upstream.write(chunk)) client.pause();
      });
      upstream.on('drain', () => client.resume());
      upstream.pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  }

  listen(): Promise<number> {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', () => resolve((this.server.address() as net.AddressInfo).port)));
  }

  /** The database URL that goes through this proxy. */
  async urlFor(database: TestDatabase): Promise<string> {
    const port = await this.listen();
    const url = new URL(database.url);
    url.hostname = '127.0.0.1';
    url.port = String(port);
    return url.toString();
  }

  cutAll(): void {
    this.cut = true;
    for (const socket of this.sockets) socket.destroy();
  }

  /** Cuts everything when the next query matching `pattern` is sent (it never reaches the database). */
  cutOnQuery(pattern: RegExp): void {
    this.trigger = pattern;
  }

  restore(): void {
    this.cut = false;
    this.trigger = undefined;
  }

  close(): Promise<void> {
    this.cutAll();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
