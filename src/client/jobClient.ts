import { buildEventStream } from './buildEventStream.js';
import { Agent, request, type IncomingMessage } from 'node:http';
import type { BuildBody, BuildEvent, CacheStats } from '../../server/protocol/wire.js';
import { ServerError, ServerTimeoutError, ServerUnreachableError, serverErrorMessage } from './errors.js';
import { clientTimeouts, timeoutMessage, type ClientTimeouts } from './timeouts.js';

export { ServerError, ServerTimeoutError, ServerUnreachableError };

export interface JobServerStats extends CacheStats {
  processes: { compilers: number; wrappers: number };
}

/**
 * The action's client of its job's server: the build (a stream of events), flush, stats and
 * shutdown, over Node's own http with keep-alive. It answers as CacheClient does (the same errors,
 * the same connect and idle timeouts), but loads nothing: CacheClient's undici is a megabyte of
 * bundle to load and a WASM parser to compile at its first request (together about a tenth of a
 * second of a warm job here), for the four requests a job makes.
 */
export class JobClient {
  private readonly agent = new Agent({ keepAlive: true });
  private readonly target: { socketPath: string } | { host: string; port: number };

  constructor(
    readonly url: string,
    private readonly token: string,
    private readonly timeouts: ClientTimeouts = clientTimeouts(),
  ) {
    if (url.startsWith('unix:')) this.target = { socketPath: url.replace(/^unix:(\/\/)?/, '') };
    else {
      const u = new URL(url);
      this.target = { host: u.hostname, port: Number(u.port) };
    }
  }

  /** The answer's headers, with its body still to read; an error status is thrown with the server's message. */
  private call(method: 'GET' | 'POST', path: string, json?: unknown): Promise<IncomingMessage> {
    const payload = json === undefined ? undefined : Buffer.from(JSON.stringify(json));
    const headers: Record<string, string | number> = this.token ? { authorization: `Bearer ${this.token}` } : {};
    if (payload) Object.assign(headers, { 'content-type': 'application/json', 'content-length': payload.length });
    return new Promise((resolve, reject) => {
      let response: IncomingMessage | undefined;
      const req = request({ ...this.target, agent: this.agent, method, path, headers }, (res) => {
        response = res;
        if ((res.statusCode ?? 500) < 400) {
          resolve(res);
          return;
        }
        readBody(res).then(
          (body) => {
            const message = serverErrorMessage(body.toString());
            reject(new ServerError(res.statusCode ?? 500, `fbuild server: ${message} (HTTP ${res.statusCode})`));
          },
          (e: unknown) => reject(this.unreachable(e, 'lost')),
        );
      });
      let connectTimer: NodeJS.Timeout | undefined;
      req.on('socket', (socket) => {
        if (!socket.connecting) return; // a kept-alive connection
        connectTimer = setTimeout(
          () => req.destroy(new ServerTimeoutError(timeoutMessage(this.url, 'connect', this.timeouts.connectMs))),
          this.timeouts.connectMs,
        );
        socket.once('connect', () => clearTimeout(connectTimer));
      });
      // Nothing sent or received for this long, for the headers and between two chunks of the body
      // (the error then ends the body's reading: the build's stream names the timeout).
      req.setTimeout(this.timeouts.idleMs, () => {
        const idle = new ServerTimeoutError(timeoutMessage(this.url, 'idle', this.timeouts.idleMs));
        if (response) response.destroy(idle);
        else req.destroy(idle);
      });
      req.on('error', (e) => {
        clearTimeout(connectTimer);
        reject(this.unreachable(e, 'cannot reach'));
      });
      req.on('close', () => clearTimeout(connectTimer));
      req.end(payload);
    });
  }

  private unreachable(e: unknown, doing: string): ServerUnreachableError {
    if (e instanceof ServerUnreachableError) return e;
    return new ServerUnreachableError(`${doing} the fbuild server at ${this.url}: ${(e as Error).message}`);
  }

  /** The build's events, without the server's heartbeats. Stopping the iteration cancels the build. */
  async *build(body: BuildBody): AsyncGenerator<BuildEvent> {
    const res = await this.call('POST', '/v1/build', body);
    let done = false;
    try {
      yield* buildEventStream(res[Symbol.asyncIterator](), (e) => this.unreachable(e, 'lost'));
      done = true;
    } finally {
      // A caller that stops early closes the connection, and the server cancels the build.
      if (!done) res.destroy();
    }
  }

  async stats(): Promise<JobServerStats> {
    return JSON.parse((await this.body(await this.call('GET', '/v1/stats'))).toString()) as JobServerStats;
  }

  async flush(): Promise<void> {
    await this.body(await this.call('POST', '/v1/flush'));
  }

  async shutdown(mode: 'graceful' | 'force' = 'graceful'): Promise<void> {
    await this.body(await this.call('POST', '/v1/shutdown', { mode }));
  }

  private async body(res: IncomingMessage): Promise<Buffer> {
    try {
      return await readBody(res);
    } catch (e) {
      throw this.unreachable(e, 'lost');
    }
  }

  /** Closes the kept-alive connections (the process may then end at once). */
  async close(): Promise<void> {
    this.agent.destroy();
  }
}

function readBody(res: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks)));
    // A connection that closes before the answer's end is an error ('aborted') too.
    res.on('error', reject);
  });
}
