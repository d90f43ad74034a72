import { redisOptionsFor, RemoteConfigError, type RemoteCacheConfig } from '../../server/cache/remoteConfig.js';
import { UserError } from '../../server/util/errors.js';

/** The `--remote-cache` options, shared by `fbuild build` and `fbuild serve`. */
export const REMOTE_CACHE_OPTIONS = {
  'remote-cache': { type: 'string' },
  'remote-cache-mode': { type: 'string' },
} as const;

/**
 * The remote tier asked for by the flags or the environment (`FBUILD_REMOTE_CACHE`,
 * `FBUILD_REMOTE_CACHE_MODE`, `FBUILD_REMOTE_CACHE_NAMESPACE`, `FBUILD_REMOTE_CACHE_TIMEOUT_MS`),
 * checked now so that a bad URL is one line before anything runs; undefined when none is set.
 */
export function remoteCacheConfig(
  command: string,
  values: { 'remote-cache'?: string | undefined; 'remote-cache-mode'?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
): RemoteCacheConfig | undefined {
  const url = values['remote-cache'] ?? (env.FBUILD_REMOTE_CACHE || undefined);
  if (!url) return undefined;
  const mode = values['remote-cache-mode'] ?? (env.FBUILD_REMOTE_CACHE_MODE || 'read-write');
  if (mode !== 'read' && mode !== 'read-write')
    throw new UserError(`${command}: --remote-cache-mode is 'read' or 'read-write', not '${mode}'`);
  try {
    redisOptionsFor(url);
  } catch (e) {
    if (e instanceof RemoteConfigError) throw new UserError(`${command}: ${e.message}`);
    throw e;
  }
  const timeout = env.FBUILD_REMOTE_CACHE_TIMEOUT_MS;
  const timeoutMs = timeout === undefined || timeout === '' ? undefined : Number(timeout);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
    throw new UserError(`${command}: FBUILD_REMOTE_CACHE_TIMEOUT_MS takes a whole number of milliseconds, not '${timeout}'`);
  }
  const namespace = env.FBUILD_REMOTE_CACHE_NAMESPACE || undefined;
  return { url, mode, ...(namespace ? { namespace } : {}), ...(timeoutMs ? { timeoutMs } : {}) };
}
