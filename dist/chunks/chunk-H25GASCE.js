import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);

// server/util/workspaceRoot.ts
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
function findWorkspaceRoot(cwd, env = process.env) {
  if (env.FBUILD_WORKSPACE) return resolve(env.FBUILD_WORKSPACE);
  const gh = env.GITHUB_WORKSPACE ? resolve(env.GITHUB_WORKSPACE) : void 0;
  if (gh && (cwd === gh || cwd.startsWith(gh + "/"))) return gh;
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".git")) || existsSync(join(dir, "platformio.ini"))) return dir;
    if (dirname(dir) === dir) return resolve(cwd);
  }
}

export {
  findWorkspaceRoot
};
