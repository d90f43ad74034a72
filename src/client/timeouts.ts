import { UserError } from '../../server/util/errors.js';

/**
 * How long a client waits for the server: to connect, and with nothing arriving (idle). Every call
 * has both, so a server that accepts and never answers cannot hang a build or a `make` run.
 * /v1/build sends a heartbeat line every few seconds, so its idle timeout may be set short; the
 * default is long because a compile through /v1/compile says nothing until it is done.
 */
export interface ClientTimeouts {
  connectMs: number;
  idleMs: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 600_000;

export function clientTimeouts(env: NodeJS.ProcessEnv = process.env): ClientTimeouts {
  return {
    connectMs: milliseconds(env, 'FBUILD_CONNECT_TIMEOUT_MS', DEFAULT_CONNECT_TIMEOUT_MS),
    idleMs: milliseconds(env, 'FBUILD_IDLE_TIMEOUT_MS', DEFAULT_IDLE_TIMEOUT_MS),
  };
}

function milliseconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const ms = Number(text);
  if (!Number.isSafeInteger(ms) || ms < 1)
    throw new UserError(`${name} is a whole number of milliseconds (1 or more), not '${text}'; fix or unset it`);
  return ms;
}

/** The one line for a timeout: which server, which wait, and the variable that sets it. */
export function timeoutMessage(url: string, what: 'connect' | 'idle', ms: number): string {
  return what === 'connect'
    ? `could not connect to the fbuild server at ${url} within ${ms} ms (FBUILD_CONNECT_TIMEOUT_MS)`
    : `the fbuild server at ${url} sent nothing for ${ms} ms (FBUILD_IDLE_TIMEOUT_MS)`;
}
