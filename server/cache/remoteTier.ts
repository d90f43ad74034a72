import { Redis, type RedisOptions } from 'ioredis';

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

/**
 * Redis through ioredis (a well-kept client with TLS, Unix sockets, ACL users and a per-command
 * timeout). Set up to fail fast rather than queue: no offline queue, one try per command, a
 * timeout on every call; ioredis reconnects in the background, so a Redis that comes back is used
 * again by the next build.
 */
export class RedisTier implements RemoteTier {
  readonly label: string;
  private readonly client: Redis;
  private readonly prefix: string;

  private constructor(client: Redis, label: string, namespace: string | undefined) {
    this.client = client;
    this.label = label;
    this.prefix = REMOTE_KEY_PREFIX + (namespace ? `${namespace}:` : '');
  }

  /** Connects, within the timeout; a Redis that cannot be reached is an error for the caller to report. */
  static async connect(config: RemoteCacheConfig): Promise<RedisTier> {
    const { options, label } = redisOptionsFor(config.url);
    const timeout = config.timeoutMs ?? 1000;
    const client = new Redis({
      ...options,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: timeout,
      commandTimeout: timeout,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    // Errors surface through the calls; without a listener ioredis would print each reconnect failure.
    // The last one is kept: a refused AUTH shows up here, and the connect itself only says "closed".
    let lastError: unknown;
    client.on('error', (e) => (lastError = e));
    try {
      await withTimeout(client.connect(), timeout, `no answer from ${label} within ${timeout} ms`);
    } catch (e) {
      client.disconnect();
      throw new Error(`${label}: ${describe(lastError ?? e)}`, { cause: e });
    }
    return new RedisTier(client, label, config.namespace);
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const v = await this.client.getBuffer(this.prefix + key);
    return v ?? undefined;
  }

  async put(key: string, value: Uint8Array): Promise<void> {
    await this.client.set(this.prefix + key, Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }

  async delete(key: string): Promise<void> {
    await this.client.del(this.prefix + key);
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

export function describe(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.split('\n')[0]!;
}
