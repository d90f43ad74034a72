import { request } from 'node:http';
import type { CompileAnswer, CompileBody } from '../../server/protocol/wire.js';
import { decodeMsgpack, encodeMsgpack } from './msgpackLite.js';
import { ServerError, ServerTimeoutError, ServerUnreachableError, serverErrorMessage } from './errors.js';
import { clientTimeouts, timeoutMessage, type ClientTimeouts } from './timeouts.js';

/**
 * One POST /v1/compile with Node's own http client. `fbuild cc` is a process per compile: it makes
 * exactly one request, so keep-alive buys nothing, and undici's first request compiles its WASM
 * HTTP parser (about 100 ms here), which would be most of a wrapped hit. Long-lived clients
 * (the CLI's build, the action) use CacheClient over undici. A connect and an idle timeout bound it.
 * It imports nothing but node:http and small modules of its own: it is most of dist/cc.cjs.
 */
export function compileOnce(
  url: string,
  token: string,
  body: CompileBody,
  timeouts: ClientTimeouts = clientTimeouts(),
): Promise<CompileAnswer> {
  const payload = encodeMsgpack(body);
  const target = url.startsWith('unix:')
    ? { socketPath: url.replace(/^unix:(\/\/)?/, '') }
    : (() => {
        const u = new URL(url);
        return { host: u.hostname, port: Number(u.port) };
      })();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        ...target,
        method: 'POST',
        path: '/v1/compile',
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          'content-type': 'application/msgpack',
          'content-length': payload.length,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const data = Buffer.concat(chunks);
          if ((res.statusCode ?? 500) >= 400) {
            const message = serverErrorMessage(data.toString());
            reject(new ServerError(res.statusCode ?? 500, `fbuild server: ${message} (HTTP ${res.statusCode})`));
            return;
          }
          try {
            resolve(decodeMsgpack(data) as CompileAnswer);
          } catch (e) {
            reject(new ServerError(502, `fbuild server: unreadable answer (${(e as Error).message})`));
          }
        });
        res.on('error', (e) =>
          reject(e instanceof ServerUnreachableError ? e : new ServerUnreachableError(`lost the fbuild server at ${url}: ${e.message}`)),
        );
      },
    );
    let connectTimer: NodeJS.Timeout | undefined;
    req.on('socket', (socket) => {
      if (!socket.connecting) return;
      connectTimer = setTimeout(
        () => req.destroy(new ServerTimeoutError(timeoutMessage(url, 'connect', timeouts.connectMs))),
        timeouts.connectMs,
      );
      socket.once('connect', () => clearTimeout(connectTimer));
    });
    // Socket inactivity: nothing sent or received for this long.
    req.setTimeout(timeouts.idleMs, () => req.destroy(new ServerTimeoutError(timeoutMessage(url, 'idle', timeouts.idleMs))));
    req.on('error', (e) => {
      clearTimeout(connectTimer);
      reject(
        e instanceof ServerUnreachableError ? e : new ServerUnreachableError(`cannot reach the fbuild server at ${url}: ${e.message}`),
      );
    });
    req.on('close', () => clearTimeout(connectTimer));
    req.end(payload);
  });
}
