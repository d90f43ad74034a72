import { Redis } from 'ioredis';
import { describe, redisOptionsFor, REMOTE_KEY_PREFIX, type RemoteCacheConfig, type RemoteTier } from './remoteConfig.js';

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
