import { isAbsolute, join, resolve } from 'node:path';
import { libDepKind, localPath, parseLibDep } from '../project/libDepsSpec.js';
import type { EnvConfig, ProjectDirs } from '../project/platformioIni.js';
import { buildWorkspaceRoot } from '../util/workspaceRoot.js';

/** Options that take a directory (or a file, for -include), joined (`-Idir`) or separate (`-I dir`). */
const PATH_OPTIONS = ['-isystem', '-iquote', '-idirafter', '-include', '-imacros', '-I', '-L'];

/** The folders the project's own options name, absolute: include and library dirs in flags, lib_extra_dirs, linked lib_deps, the project dirs. */
export function referredFolders(projectDir: string, dirs: ProjectDirs, env: EnvConfig): string[] {
  const out: string[] = [dirs.src, dirs.include, dirs.lib, dirs.libdeps, ...env.libExtraDirs];
  const flags = [...env.buildFlags, ...env.buildSrcFlags];
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i]!;
    const option = PATH_OPTIONS.find((o) => f.startsWith(o));
    if (!option) continue;
    const value = f.length > option.length ? f.slice(option.length) : flags[++i];
    if (value)
      out.push(option === '-include' || option === '-imacros' ? join(resolve(projectDir, value), '..') : resolve(projectDir, value));
  }
  for (const raw of env.libDeps) {
    const spec = parseLibDep(raw, projectDir);
    if (libDepKind(spec) === 'local' && spec.uri!.startsWith('symlink://')) out.push(localPath(spec, projectDir));
  }
  return out.filter((d) => isAbsolute(d));
}

/** Where this build's paths are keyed from (see buildWorkspaceRoot). */
export const projectWorkspaceRoot = (projectDir: string, dirs: ProjectDirs, env: EnvConfig): string =>
  buildWorkspaceRoot(projectDir, referredFolders(projectDir, dirs, env));
