import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);

// server/util/workspaceRoot.ts
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve, sep } from "node:path";
function findWorkspaceRoot(cwd, env = process.env) {
  if (env.FBUILD_WORKSPACE) return resolve(env.FBUILD_WORKSPACE);
  const gh = env.GITHUB_WORKSPACE ? resolve(env.GITHUB_WORKSPACE) : void 0;
  if (gh && (cwd === gh || cwd.startsWith(gh + "/"))) return gh;
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".git")) || existsSync(join(dir, "platformio.ini"))) return dir;
    if (dirname(dir) === dir) return resolve(cwd);
  }
}
var isInside = (dir, root) => dir === root || dir.startsWith(root.endsWith(sep) ? root : root + sep);
function commonAncestor(a, b) {
  let dir = a;
  while (!isInside(b, dir)) dir = dirname(dir);
  return dir;
}
function repositoryRoot(dir) {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, ".git"))) return d;
    if (dirname(d) === d) return void 0;
  }
}
function buildWorkspaceRoot(projectDir, referred, home = homedir()) {
  const project = resolve(projectDir);
  const repo = repositoryRoot(project);
  const allowed = (dir) => repo ? isInside(dir, repo) : dirname(dir) !== dir && !isInside(home, dir);
  let root = project;
  for (const r of referred) {
    const wider = commonAncestor(root, resolve(r));
    if (wider !== root && allowed(wider)) root = wider;
  }
  return root;
}

export {
  findWorkspaceRoot,
  buildWorkspaceRoot
};
