import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { childEnv } from '../util/childEnv.js';
import { excerpt } from '../util/errors.js';
import { ProjectConfigError } from './iniFiles.js';
import { filterTokens, shellWords, splitList } from './iniValues.js';
import type { ProjectDirs } from './platformioIni.js';
import type { EnvConfig } from './projectEnv.js';

/**
 * What PlatformIO's builder does to some options when it builds, after the config has read them:
 * - an item of `build_flags` / `build_src_flags` that starts with `!` is a shell command whose
 *   output is the flags (SCons' Environment.ParseFlags runs it through `backtick`, with a shell, in
 *   the project dir, from PlatformIO's piobuild.py ParseFlagsExtended);
 * - `$NAME` / `${NAME}` construction variables (main.py sets PROJECT_*_DIR, BUILD_DIR, PIOENV...)
 *   are expanded by SCons' subst in flags, in `build_src_filter` (piobuild.py MatchSourceFiles) and
 *   in `lib_extra_dirs` (piolib.py GetLibSourceDirs). `$$` is a literal `$`.
 * SCons expands a variable it does not know to nothing; fbuild stops with one line instead, so that
 * no `${...}` reaches a compiler as written and no flag silently loses a path.
 */

export interface BuildTimeContext {
  projectDir: string;
  dirs: ProjectDirs;
  /** The env's build dir, absolute (`${BUILD_DIR}`). */
  buildDir: string;
  /** The environment the build runs in: `!` commands get it without the server's secrets. */
  processEnv: NodeJS.ProcessEnv;
}

/** The construction variables main.py sets that a project's options use, by name. */
export function buildVariables(env: EnvConfig, ctx: BuildTimeContext): Map<string, string> {
  const { projectDir, dirs, buildDir } = ctx;
  const vars: [string, string | undefined][] = [
    ['PROJECT_DIR', projectDir],
    ['PROJECT_SRC_DIR', dirs.src],
    ['PROJECTSRC_DIR', dirs.src],
    ['PROJECT_INCLUDE_DIR', dirs.include],
    // Not set by PlatformIO 6.1.18's main.py (SCons would expand it to nothing); projects that use
    // it mean the lib dir, so fbuild gives them that.
    ['PROJECT_LIB_DIR', dirs.lib],
    ['PROJECT_LIBDEPS_DIR', dirs.libdeps],
    ['PROJECT_BUILD_DIR', dirs.build],
    ['PROJECT_TEST_DIR', dirs.test],
    ['PROJECT_DATA_DIR', dirs.data],
    ['PROJECTDATA_DIR', dirs.data],
    ['PIOENV', env.name],
    ['BUILD_DIR', buildDir],
    ['BUILD_SRC_DIR', join(buildDir, 'src')],
    ['PROGNAME', 'firmware'],
    ['PIOPLATFORM', env.platform],
    ['PIOFRAMEWORK', env.framework],
    ['BOARD', env.board],
    // config.py's BUILTIN_VARS (it expands them when it reads the option; the same values here).
    ['PROJECT_HASH', `${basename(projectDir)}-${createHash('sha1').update(projectDir).digest('hex').slice(0, 10)}`],
    ['UNIX_TIME', String(Math.floor(Date.now() / 1000))],
  ];
  return new Map(vars.filter((v): v is [string, string] => v[1] !== undefined));
}

const VARIABLE = /\$(?:\$|\{([^}]*)\}|([A-Za-z_]\w*))/g;

/** `text` with `$NAME`, `${NAME}` and `$$` expanded as SCons' subst does; an unknown name is one line naming it. */
export function expandBuildVariables(text: string, vars: Map<string, string>, option: string): string {
  if (!text.includes('$')) return text;
  return text.replace(VARIABLE, (whole: string, braced: string | undefined, bare: string | undefined) => {
    if (whole === '$$') return '$';
    const value = vars.get((braced ?? bare)!);
    if (value === undefined) {
      throw new ProjectConfigError(
        `${option}: unknown build variable ${whole} in '${excerpt(text)}'; fbuild expands ${[...vars.keys()].join(', ')}; fix the name, or write $$ for a literal $`,
      );
    }
    return value;
  });
}

/** The env with its build-time values: `!` commands run, build variables expanded. */
/**
 * Whether the env's options take something other than files and variables: a `!command` (its output
 * may change with nothing else changing) or the clock (`$UNIX_TIME`).
 */
export function usesBuildTimeInputs(env: EnvConfig): boolean {
  return Object.values(env.raw).some((items) => items.some((item) => item.trimStart().startsWith('!') || item.includes('UNIX_TIME')));
}

export function withBuildTimeValues(env: EnvConfig, ctx: BuildTimeContext): EnvConfig {
  const vars = buildVariables(env, ctx);
  const flags = (key: string): string[] =>
    (env.raw[key] ?? []).flatMap((item) => {
      const words = item.startsWith('!') ? commandFlags(item.slice(1), key, ctx) : (shellWords(item) ?? []);
      // An empty word (`-D ""`) would reach the compiler as an empty argument: dropped.
      return words.map((w) => expandBuildVariables(w, vars, key)).filter((w) => w !== '');
    });
  const flagsKey = (key: string, old: string) => (env.raw[key] !== undefined ? key : old);
  const filterKey = flagsKey('build_src_filter', 'src_filter');
  const srcFilter = (env.raw[filterKey] ?? []).flatMap((item) => {
    const tokens = filterTokens(expandBuildVariables(item, vars, filterKey));
    return typeof tokens === 'string' ? [] : tokens; // the config reported malformed items already
  });
  const extraDirs = (env.raw.lib_extra_dirs ?? []).flatMap(splitList).map((d) => {
    const dir = expandBuildVariables(d, vars, 'lib_extra_dirs');
    return resolve(ctx.projectDir, dir.startsWith('~') ? join(homedir(), dir.slice(1)) : dir);
  });
  return {
    ...env,
    buildFlags: env.raw.build_flags !== undefined ? flags('build_flags') : env.buildFlags,
    buildSrcFlags:
      env.raw[flagsKey('build_src_flags', 'src_build_flags')] !== undefined
        ? flags(flagsKey('build_src_flags', 'src_build_flags'))
        : env.buildSrcFlags,
    buildSrcFilter: env.raw[filterKey] !== undefined ? srcFilter : env.buildSrcFilter,
    libExtraDirs: env.raw.lib_extra_dirs !== undefined ? extraDirs : env.libExtraDirs,
  };
}

/** Longest a flags command may run; a build never waits forever on one. */
const COMMAND_TIMEOUT_MS = 120_000;

/**
 * Runs one `!command` of a flags option as SCons' backtick does: `sh -c`, in the project dir, stdin
 * closed; its stdout, split like any flags item, is the flags. fbuild gives it the build's
 * environment without the secrets of the server and of the CI job.
 */
function commandFlags(command: string, option: string, ctx: BuildTimeContext): string[] {
  const r = spawnSync('/bin/sh', ['-c', command], {
    cwd: ctx.projectDir,
    env: childEnv(ctx.processEnv),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: COMMAND_TIMEOUT_MS,
    maxBuffer: 1 << 20,
  });
  const named = `${option}: the command '!${excerpt(command)}'`;
  if (r.error) {
    const why = (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT' ? `ran over ${COMMAND_TIMEOUT_MS / 1000} s` : r.error.message;
    throw new ProjectConfigError(`${named} failed: ${why}; fix the command or remove it from ${option}`);
  }
  if (r.status !== 0) {
    const firstLine = r.stderr.split('\n').find((l) => l.trim() !== '');
    const how = r.status === null ? `was killed by ${r.signal}` : `exited ${r.status}`;
    throw new ProjectConfigError(
      `${named} ${how}${firstLine ? ` (${excerpt(firstLine.trim())})` : ''}; it runs in ${ctx.projectDir} as pio run runs it: fix it or remove it from ${option}`,
    );
  }
  const words = shellWords(r.stdout);
  if (words === undefined) throw new ProjectConfigError(`${named} printed an unterminated quote; fix what it prints`);
  return words;
}
