import type { FastifyReply } from 'fastify';
import type { CachedRead, ReadCache } from '../services/read-cache';

/**
 * Answers a GET with a cacheable read. The JSON is the cached bytes, or the route's response
 * schema serializer (fast-json-stringify) applied to a fresh read and encoded to UTF-8 once,
 * which is then cached: a hit and a miss send the same bytes, and a hit is neither parsed,
 * serialized nor encoded again.
 */
export async function sendRead<T>(reply: FastifyReply, cache: ReadCache, read: CachedRead<T>): Promise<FastifyReply> {
  const body = await cache.wrap(read, (value) => {
    const json = reply.serialize(value);
    return typeof json === 'string' ? Buffer.from(json, 'utf8') : Buffer.isBuffer(json) ? json : Buffer.from(json);
  });
  return reply.type('application/json; charset=utf-8').send(body);
}
