/**
 * One Redis connection as the writer and the relay use it (ioredis): it reconnects by itself
 * (0.1 s doubling to 2 s between tries), and while it is down every command fails at once instead
 * of waiting in a queue, and a command in flight when the link drops fails instead of being sent
 * again: the writer keeps its own backlog and knows what reached Redis, the relay reloads what it
 * cannot be sure of. A dead link (no answer, no reset) is noticed by the command timeout.
 */
import { Redis } from 'ioredis';

export interface RedisLink {
  redis: Redis;
  /** True between 'ready' and the next close. */
  ready(): boolean;
}

export function openRedis(url: string, name: string, opts: { blocking?: boolean } = {}): RedisLink {
  let ready = false;
  const redis = new Redis(url, {
    connectionName: name,
    protocol: 2,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times - 1, 5), 2000),
    connectTimeout: 2000,
    keepAlive: 5000,
    // A blocking read returns within its own BLOCK time; give it slack before calling the link dead.
    ...(opts.blocking ? { blockingTimeout: 5000 } : { commandTimeout: 10_000 }),
  });
  redis.on('ready', () => (ready = true));
  redis.on('close', () => (ready = false));
  return { redis, ready: () => ready && redis.status === 'ready' };
}

/** What a Redis error says, in one short line (ECONNREFUSED, a timeout, …). */
export function redisProblem(err: unknown): string {
  const e = err as NodeJS.ErrnoException & { errors?: Error[] };
  if (e?.code) return e.code;
  if (Array.isArray(e?.errors) && e.errors.length) return redisProblem(e.errors[0]);
  return String(e?.message ?? err).slice(0, 200);
}
