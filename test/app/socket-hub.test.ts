import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import { SocketHub } from '../../app/server/realtime/socket-hub';

class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  sent: string[] = [];
  terminated = false;
  send(data: string) {
    this.sent.push(data);
  }
  terminate() {
    this.terminated = true;
    this.readyState = 3;
  }
  close() {
    this.readyState = 3;
  }
  ping() {}
}

const silentLog = { warn: () => undefined } as unknown as FastifyBaseLogger;
const event = (projectId: number) => ({
  kind: 'event' as const,
  event: { type: 'project.updated' as const, projectId, data: {} },
  audience: [1, 2],
});

describe('SocketHub', () => {
  it('drops and closes a client whose send buffer is full, without holding back the others', () => {
    const hub = new SocketHub({ maxBufferedBytes: 1000, log: silentLog });
    const slow = new FakeSocket();
    const fast = new FakeSocket();
    hub.add(slow as unknown as WebSocket, 1, 'analyst');
    hub.add(fast as unknown as WebSocket, 2, 'analyst');
    slow.bufferedAmount = 5000;
    hub.handle(event(7));
    hub.handle(event(8));
    expect(slow.terminated).toBe(true);
    expect(slow.sent).toEqual([]);
    expect(fast.sent.map((s) => JSON.parse(s).projectId)).toEqual([7, 8]);
    expect(hub.size).toBe(1);
    hub.closeAll();
  });

  it('sends to the audience and to admins only', () => {
    const hub = new SocketHub({ maxBufferedBytes: 1000, log: silentLog });
    const member = new FakeSocket();
    const admin = new FakeSocket();
    const other = new FakeSocket();
    hub.add(member as unknown as WebSocket, 2, 'viewer');
    hub.add(admin as unknown as WebSocket, 9, 'admin');
    hub.add(other as unknown as WebSocket, 3, 'analyst');
    hub.handle(event(1));
    expect([member.sent.length, admin.sent.length, other.sent.length]).toEqual([1, 1, 0]);
    hub.closeAll();
  });
});
