import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';

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

const isInside = (dir: string, root: string) => dir === root || dir.startsWith(root.endsWith(sep) ? root : root + sep);

/** The deepest directory holding both `a` and `b`. */
function commonAncestor(a: string, b: string): string {
  let dir = a;
  while (!isInside(b, dir)) dir = dirname(dir);
  return dir;
}

/** The nearest ancestor of `dir` (itself included) with a `.git` (a folder, or a file in a worktree). */
export function repositoryRoot(dir: string): string | undefined {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

/**
 * The root a build's paths are keyed relative to: the project dir, widened to the deepest folder
 * that also holds every folder outside it that the project refers to (a `symlink://../shared`
 * library, `-I../shared/include`, a `lib_extra_dirs` beside it), so that labs sharing `../shared`
 * key `$WS/lab1/src/main.cpp` and `$WS/shared/...` the same in any checkout. A referred folder
 * widens the root only while that stays inside the repository (the nearest `.git` above the
 * project) or, with no `.git` (a tarball, a copied folder), below the home dir and `/`: a folder
 * beyond that is a place on this machine (a global library folder, `/opt/...`) and stays absolute
 * in the keys rather than making every path of the project depend on where the checkout is.
 */
export function buildWorkspaceRoot(projectDir: string, referred: readonly string[], home: string = homedir()): string {
  const project = resolve(projectDir);
  const repo = repositoryRoot(project);
  const allowed = (dir: string) => (repo ? isInside(dir, repo) : dirname(dir) !== dir && !isInside(home, dir));
  let root = project;
  for (const r of referred) {
    const wider = commonAncestor(root, resolve(r));
    if (wider !== root && allowed(wider)) root = wider;
  }
  return root;
}
