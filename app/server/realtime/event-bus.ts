import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import type { BusMessage } from './project-event';

export type BusListener = (message: BusMessage) => void;

/** Carries messages to every replica's socket hub: in-process, or through Redis pub/sub. */
export interface EventBus {
  publish(messages: readonly BusMessage[]): Promise<void>;
  subscribe(listener: BusListener): void;
  /**
   * Called when messages may have been missed (the subscription was lost) and delivery has
   * resumed: whoever keeps state that messages keep fresh should drop it.
   */
  onResync(listener: () => void): void;
  close(): Promise<void>;
}

export function localEventBus(): EventBus {
  const listeners: BusListener[] = [];
  return {
    async publish(messages) {
      for (const message of messages) for (const listener of listeners) listener(message);
    },
    subscribe(listener) {
      listeners.push(listener);
    },
    onResync() {
      // In-process delivery never misses a message.
    },
    async close() {
      listeners.length = 0;
    },
  };
}

/**
 * Redis pub/sub fan-out: a replica publishes and every replica (itself included) delivers
 * to its own sockets when the message comes back, so all replicas behave the same.
 */
export async function redisEventBus(publisher: Redis, subscriber: Redis, prefix: string, log: FastifyBaseLogger): Promise<EventBus> {
  const CHANNEL = `${prefix}events`;
  const listeners: BusListener[] = [];
  subscriber.on('message', (channel: string, raw: string) => {
    if (channel !== CHANNEL) return;
    let message: BusMessage;
    try {
      message = JSON.parse(raw) as BusMessage;
    } catch (error) {
      log.warn({ err: error }, 'ignoring a malformed event bus message');
      return;
    }
    for (const listener of listeners) listener(message);
  });
  await subscriber.subscribe(CHANNEL);
  // After a reconnection ioredis subscribes again by itself; subscribing here too gives a reply
  // to wait for, after which no message is missed any more: then the resync listeners run.
  const resyncListeners: Array<() => void> = [];
  subscriber.on('ready', () => {
    subscriber.subscribe(CHANNEL).then(
      () => {
        for (const listener of resyncListeners) listener();
      },
      (error: unknown) => log.warn({ err: error }, 'event bus could not subscribe again after reconnecting'),
    );
  });
  return {
    async publish(messages) {
      if (messages.length === 0) return;
      // One round trip for all of them, delivered in this order.
      const pipeline = publisher.pipeline();
      for (const message of messages) pipeline.publish(CHANNEL, JSON.stringify(message));
      const results = await pipeline.exec().catch((error: Error) => [[error, null] as [Error, null]]);
      const failed = results?.find(([error]) => error)?.[0];
      if (failed) log.error({ err: failed }, 'event bus publish failed; clients will catch up on their next read');
    },
    subscribe(listener) {
      listeners.push(listener);
    },
    onResync(listener) {
      resyncListeners.push(listener);
    },
    async close() {
      listeners.length = 0;
      resyncListeners.length = 0;
      await subscriber.unsubscribe(CHANNEL).catch(() => undefined);
    },
  };
}
