import { buildEventStream } from './buildEventStream.js';
import { Agent, request, type Dispatcher } from 'undici';
import { pack, unpack } from 'msgpackr';
import type { CacheStats } from '../../server/protocol/wire.js';
import type { BuildBody, CompileAnswer, CompileBody, BuildEvent } from '../../server/protocol/wire.js';

import { ServerError, ServerTimeoutError, ServerUnreachableError, serverErrorMessage } from './errors.js';
import { tokenFromEnv } from './token.js';
import { clientTimeouts, timeoutMessage, type ClientTimeouts } from './timeouts.js';

export { ServerError, ServerTimeoutError, ServerUnreachableError };

export interface ServerStats extends CacheStats {
  processes: { compilers: number; wrappers: number };
}

/**
 * A thin client of the cache server over undici, with keep-alive connections. `url` is
 * `http://127.0.0.1:PORT` or `unix:///path/to/socket`. Every call has a connect and an idle timeout.
 */
export class CacheClient {
  private readonly dispatcher: Agent;
  private readonly origin: string;

  constructor(
    readonly url: string,
    private readonly token: string,
    private readonly timeouts: ClientTimeouts = clientTimeouts(),
  ) {
    // The idle timeout: for the answer's headers, and between two chunks of its body.
    const limits = { keepAliveTimeout: 30_000, headersTimeout: timeouts.idleMs, bodyTimeout: timeouts.idleMs };
    if (url.startsWith('unix:')) {
      const socketPath = url.replace(/^unix:(\/\/)?/, '');
      this.dispatcher = new Agent({ connect: { socketPath, timeout: timeouts.connectMs }, ...limits });
      this.origin = 'http://localhost';
    } else {
      this.dispatcher = new Agent({ connect: { timeout: timeouts.connectMs }, ...limits });
      this.origin = url.replace(/\/$/, '');
    }
  }

  /** undici's error as ours: a timeout names the wait and its variable. */
  private failure(e: unknown, doing: string): ServerUnreachableError {
    const code = (e as { code?: string }).code;
    if (code === 'UND_ERR_CONNECT_TIMEOUT') return new ServerTimeoutError(timeoutMessage(this.url, 'connect', this.timeouts.connectMs));
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return new ServerTimeoutError(timeoutMessage(this.url, 'idle', this.timeouts.idleMs));
    }
    return new ServerUnreachableError(`${doing} the fbuild server at ${this.origin}: ${(e as Error).message}`);
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env): CacheClient | undefined {
    if (!env.FBUILD_CACHE_URL) return undefined;
    return new CacheClient(env.FBUILD_CACHE_URL, tokenFromEnv(env), clientTimeouts(env));
  }

  private async call(method: 'GET' | 'POST', path: string, body?: { json?: unknown; msgpack?: unknown }): Promise<Dispatcher.ResponseData> {
    // No token, no header: the server then says how to set one.
    const headers: Record<string, string> = this.token ? { authorization: `Bearer ${this.token}` } : {};
    let payload: string | Buffer | undefined;
    if (body?.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body?.msgpack !== undefined) {
      headers['content-type'] = 'application/msgpack';
      payload = pack(body.msgpack);
    }
    let res: Dispatcher.ResponseData;
    try {
      res = await request(`${this.origin}${path}`, { method, headers, body: payload, dispatcher: this.dispatcher });
    } catch (e) {
      throw this.failure(e, 'cannot reach');
    }
    if (res.statusCode >= 400) {
      const message = serverErrorMessage(await res.body.text());
      throw new ServerError(res.statusCode, `fbuild server: ${message} (HTTP ${res.statusCode})`);
    }
    return res;
  }

  async health(): Promise<boolean> {
    try {
      const res = await request(`${this.origin}/health`, { dispatcher: this.dispatcher });
      await res.body.dump();
      return res.statusCode === 200;
    } catch {
      return false;
    }
  }

  async compile(body: CompileBody): Promise<CompileAnswer> {
    const res = await this.call('POST', '/v1/compile', { msgpack: body });
    return unpack(Buffer.from(await res.body.arrayBuffer())) as CompileAnswer;
  }

  /** The build's events, without the server's heartbeats. Stopping the iteration cancels the build. */
  async *build(body: BuildBody): AsyncGenerator<BuildEvent> {
    const res = await this.call('POST', '/v1/build', { json: body });
    const chunks = res.body[Symbol.asyncIterator]();
    try {
      yield* buildEventStream(chunks, (e) => this.failure(e, 'lost'));
    } finally {
      // A caller that stops early closes the stream, and the server cancels the build.
      await chunks.return?.();
    }
  }

  async stats(): Promise<ServerStats> {
    const res = await this.call('GET', '/v1/stats');
    return (await res.body.json()) as ServerStats;
  }

  async flush(): Promise<void> {
    await (await this.call('POST', '/v1/flush')).body.dump();
  }

  async shutdown(mode: 'graceful' | 'force' = 'graceful'): Promise<void> {
    await (await this.call('POST', '/v1/shutdown', { json: { mode } })).body.dump();
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}
