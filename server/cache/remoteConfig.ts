import type { RedisOptions } from 'ioredis';
import { errorMessage } from '../util/errors.js';

/**
 * The remote tier's interface and configuration, without its client: parsing a URL (the CLI, the
 * action's inputs) does not load ioredis, which only RedisTier needs (loaded when a tier is used).
 */

/**
 * A shared second tier behind the local store, on an existing engine. Today Redis; an
 * S3-compatible or HTTP tier would be another implementation of this interface. Nothing it
 * returns is trusted (the caller verifies every value) and its failures never fail a build.
 */
export interface RemoteTier {
  /** A short description for messages, never with a password in it. */
  readonly label: string;
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, value: Uint8Array): Promise<void>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}

export type RemoteMode = 'read' | 'read-write';

export interface RemoteCacheConfig {
  /** `redis://[user:password@]host:port/db`, `rediss://…` (TLS), `unix:///path/to/socket[?db=N&password=…]`. */
  url: string;
  mode: RemoteMode;
  /** Keeps several projects or teams apart on one server. */
  namespace?: string;
  /** Each call's limit, and the connect limit. */
  timeoutMs?: number;
}

/** The key prefix: the product and the store format, so a format change never reads old values. */
export const REMOTE_KEY_PREFIX = 'fbuild:v1:';

/** `redis://` / `rediss://` / `unix://` into ioredis options; a one-line error for anything else. */
export function redisOptionsFor(url: string): { options: RedisOptions; label: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new RemoteConfigError(`the remote cache URL is not a URL; use redis://host:6379/0, rediss://… or unix:///path/to/redis.sock`);
  }
  const password = u.password ? decodeURIComponent(u.password) : (u.searchParams.get('password') ?? undefined);
  const username = u.username ? decodeURIComponent(u.username) : undefined;
  const auth = { ...(password ? { password } : {}), ...(username ? { username } : {}) };
  if (u.protocol === 'unix:') {
    if (!u.pathname) throw new RemoteConfigError('a unix:// remote cache URL needs the socket path, e.g. unix:///run/redis/redis.sock');
    const db = Number(u.searchParams.get('db') ?? 0);
    return { options: { path: decodeURIComponent(u.pathname), db, ...auth }, label: `redis at ${decodeURIComponent(u.pathname)}` };
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') {
    throw new RemoteConfigError(`the remote cache URL scheme ${u.protocol}// is not supported; use redis://, rediss:// or unix://`);
  }
  const db = u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0)
    throw new RemoteConfigError(`the remote cache URL's database '${u.pathname.slice(1)}' is not a number; use redis://host:6379/0`);
  return {
    options: {
      host: u.hostname || '127.0.0.1',
      port: Number(u.port || 6379),
      db,
      ...auth,
      ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    },
    label: `redis at ${u.hostname || '127.0.0.1'}:${u.port || 6379}`,
  };
}

export class RemoteConfigError extends Error {}

/** The first line of an error's message: what a one-line warning about the tier quotes. */
export function describe(e: unknown): string {
  return errorMessage(e).split('\n')[0]!;
}
