import { readFileSync } from 'node:fs';

/**
 * The server's token for a client: FBUILD_CACHE_TOKEN, or the contents of the file
 * FBUILD_CACHE_TOKEN_FILE names. The server hands the wrapped compiles a file, not the token:
 * a compiler (and anything it runs) inherits the environment, and the token must not be in it.
 * An unreadable file gives no token, which the server answers by saying how to set one.
 */
export function tokenFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FBUILD_CACHE_TOKEN) return env.FBUILD_CACHE_TOKEN;
  if (!env.FBUILD_CACHE_TOKEN_FILE) return '';
  try {
    return readFileSync(env.FBUILD_CACHE_TOKEN_FILE, 'utf8').trim();
  } catch {
    return '';
  }
}
