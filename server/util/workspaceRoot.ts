import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The root that paths are keyed relative to: `$FBUILD_WORKSPACE`, else `$GITHUB_WORKSPACE` when the
 * directory is inside it, else the nearest ancestor with `.git` or `platformio.ini`, else the directory.
 */
export function findWorkspaceRoot(cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.FBUILD_WORKSPACE) return resolve(env.FBUILD_WORKSPACE);
  const gh = env.GITHUB_WORKSPACE ? resolve(env.GITHUB_WORKSPACE) : undefined;
  if (gh && (cwd === gh || cwd.startsWith(gh + '/'))) return gh;
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git')) || existsSync(join(dir, 'platformio.ini'))) return dir;
    if (dirname(dir) === dir) return resolve(cwd);
  }
}
