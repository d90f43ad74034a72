import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** `$FBUILD_CACHE_DIR`, else `$XDG_CACHE_HOME/fbuild`, else `~/.cache/fbuild`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FBUILD_CACHE_DIR) return resolve(env.FBUILD_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return join(resolve(env.XDG_CACHE_HOME), 'fbuild');
  return join(homedir(), '.cache', 'fbuild');
}
