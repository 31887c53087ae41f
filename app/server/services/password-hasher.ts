import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PasswordHashingConfig } from '../config';

/**
 * Password hashing with scrypt from node:crypto.
 *
 * Default parameters: N = 2^16 (cost), r = 8 (block size), p = 1, a 16-byte random salt per
 * password and a 32-byte derived key. That costs 64 MiB of memory (128 * N * r bytes) and
 * roughly 100-200 ms of one core per hash, which is what makes offline guessing expensive.
 * At most two hashes run at once, so a burst of logins cannot exhaust memory.
 *
 * Stored format: `scrypt$<N>$<r>$<p>$<salt base64>$<key base64>`, so the parameters can be
 * raised later and old hashes still verify.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
  /** Spends the same time as a real verification; used when the account does not exist. */
  verifyAgainstDummy(password: string): Promise<void>;
}

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
const MAX_CONCURRENT_HASHES = 2;

function derive(password: string, salt: Buffer, params: PasswordHashingConfig): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.cost,
    r: params.blockSize,
    p: params.parallelization,
    maxmem: 256 * params.cost * params.blockSize * params.parallelization + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** A tiny semaphore: runs at most `limit` tasks at a time, in arrival order. */
function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await task();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}

function parseStored(stored: string): { params: PasswordHashingConfig; salt: Buffer; key: Buffer } | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [cost, blockSize, parallelization] = parts.slice(1, 4).map(Number);
  if (![cost, blockSize, parallelization].every((n) => Number.isInteger(n) && n > 0)) return undefined;
  return {
    params: { cost, blockSize, parallelization },
    salt: Buffer.from(parts[4], 'base64'),
    key: Buffer.from(parts[5], 'base64'),
  };
}

export function createPasswordHasher(params: PasswordHashingConfig): PasswordHasher {
  const run = limiter(MAX_CONCURRENT_HASHES);
  let dummy: Promise<string> | undefined;

  const hash = async (password: string): Promise<string> => {
    const salt = randomBytes(SALT_LENGTH);
    const key = await run(() => derive(password, salt, params));
    return ['scrypt', params.cost, params.blockSize, params.parallelization, salt.toString('base64'), key.toString('base64')].join('$');
  };

  const verify = async (password: string, stored: string): Promise<boolean> => {
    const parsed = parseStored(stored);
    if (!parsed) return false;
    const key = await run(() => derive(password, parsed.salt, parsed.params));
    return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
  };

  return {
    hash,
    verify,
    async verifyAgainstDummy(password: string): Promise<void> {
      dummy ??= hash(randomBytes(16).toString('hex'));
      await verify(password, await dummy);
    },
  };
}
