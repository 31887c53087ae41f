import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { UserRole } from '../../../schema/users.table';
import type { BusMessage } from './project-event';

interface Client {
  readonly socket: WebSocket;
  readonly userId: number;
  readonly role: UserRole;
  alive: boolean;
}

export interface SocketHubProps {
  /** A socket whose unsent data exceeds this is dropped, so it cannot hold others back. */
  readonly maxBufferedBytes: number;
  /** @default 30000 */
  readonly heartbeatMs?: number;
  readonly log: FastifyBaseLogger;
}

/** Close codes the hub uses. */
export const CLOSE_CODES = { goingAway: 1001, policy: 1008, tooSlow: 1013 } as const;

/**
 * The sockets connected to this replica, indexed by user. Delivers each project event only
 * to the project's audience and to admins; serializes and encodes once per event.
 */
export class SocketHub {
  private readonly byUser = new Map<number, Set<Client>>();
  private readonly admins = new Set<Client>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly props: SocketHubProps) {
    this.heartbeat = setInterval(() => this.checkAlive(), props.heartbeatMs ?? 30_000);
    this.heartbeat.unref();
  }

  get size(): number {
    let count = 0;
    for (const clients of this.byUser.values()) count += clients.size;
    return count;
  }

  add(socket: WebSocket, userId: number, role: UserRole): void {
    const client: Client = { socket, userId, role, alive: true };
    let clients = this.byUser.get(userId);
    if (!clients) this.byUser.set(userId, (clients = new Set()));
    clients.add(client);
    if (role === 'admin') this.admins.add(client);
    socket.on('pong', () => {
      client.alive = true;
    });
    socket.on('close', () => this.remove(client));
    socket.on('error', () => this.remove(client));
  }

  handle(message: BusMessage): void {
    if (message.kind === 'user-access-changed') {
      for (const client of this.byUser.get(message.userId) ?? []) {
        client.socket.close(CLOSE_CODES.policy, 'access changed; reconnect with a new token');
        this.remove(client);
      }
      return;
    }
    if (message.kind !== 'event') return;
    // Encoded once: sent as a text frame, a Buffer is written as it is to every socket, where
    // a string would be UTF-8 encoded again for each of them.
    const payload = Buffer.from(JSON.stringify(message.event), 'utf8');
    const targets = new Set<Client>(this.admins);
    for (const userId of message.audience) for (const client of this.byUser.get(userId) ?? []) targets.add(client);
    for (const client of targets) this.send(client, payload);
  }

  /** Closes every socket (graceful shutdown). */
  closeAll(): void {
    clearInterval(this.heartbeat);
    for (const clients of this.byUser.values()) {
      for (const client of clients) client.socket.close(CLOSE_CODES.goingAway, 'server shutting down');
    }
    this.byUser.clear();
    this.admins.clear();
  }

  private send(client: Client, payload: Buffer): void {
    const { socket } = client;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > this.props.maxBufferedBytes) {
      this.props.log.warn({ userId: client.userId, bufferedAmount: socket.bufferedAmount }, 'dropping a slow WebSocket client');
      this.remove(client);
      socket.terminate();
      return;
    }
    socket.send(payload, { binary: false });
  }

  private remove(client: Client): void {
    const clients = this.byUser.get(client.userId);
    clients?.delete(client);
    if (clients && clients.size === 0) this.byUser.delete(client.userId);
    this.admins.delete(client);
  }

  private checkAlive(): void {
    for (const clients of this.byUser.values()) {
      for (const client of clients) {
        if (!client.alive) {
          this.remove(client);
          client.socket.terminate();
          continue;
        }
        client.alive = false;
        client.socket.ping();
      }
    }
  }
}
