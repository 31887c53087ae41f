import WebSocket from 'ws';

export interface EventClient {
  readonly socket: WebSocket;
  readonly received: Array<Record<string, unknown>>;
  /** Resolves with the first message (already received or future) that matches. */
  waitFor(match: (message: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Opens /api/ws with the token as subprotocol (default), as query parameter, or without it. */
export function connectEvents(baseUrl: string, token: string, via: 'protocol' | 'query' | 'none' = 'protocol'): Promise<EventClient> {
  const url = `${baseUrl.replace(/^http/, 'ws')}/api/ws${via === 'query' ? `?token=${encodeURIComponent(token)}` : ''}`;
  const socket = via === 'protocol' ? new WebSocket(url, ['bearer', token]) : new WebSocket(url);
  const received: Array<Record<string, unknown>> = [];
  const waiters: Array<{ match: (m: Record<string, unknown>) => boolean; resolve: (m: Record<string, unknown>) => void }> = [];
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as Record<string, unknown>;
    received.push(message);
    for (const waiter of [...waiters]) {
      if (waiter.match(message)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  });
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_req, res) =>
      reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { statusCode: res.statusCode })),
    );
    socket.once('error', reject);
    socket.once('open', () =>
      resolve({
        socket,
        received,
        waitFor(match, timeoutMs = 5000) {
          const found = received.find(match);
          if (found) return Promise.resolve(found);
          return new Promise((res, rej) => {
            const timer = setTimeout(
              () => rej(new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(received)}`)),
              timeoutMs,
            );
            waiters.push({
              match,
              resolve: (m) => {
                clearTimeout(timer);
                res(m);
              },
            });
          });
        },
        close: () =>
          new Promise<void>((res) => {
            if (socket.readyState === WebSocket.CLOSED) return res();
            socket.once('close', () => res());
            socket.close();
          }),
      }),
    );
  });
}
