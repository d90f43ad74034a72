import { basename, dirname, join, resolve } from 'node:path';
import { mergeExtraConfigs, parseIni, ProjectConfigError, readExtraConfigs, readIniFile, type ExtraConfig } from './iniFiles.js';
import { ResolvedIni } from './iniInterpolation.js';
import { splitList } from './iniValues.js';
import { buildEnv, type EnvConfig } from './projectEnv.js';

/**
 * Reads a PlatformIO project configuration (`platformio.ini`) the way PlatformIO does, for the
 * subset fbuild needs. Three seams, as in PlatformIO's own project/config.py: iniFiles.ts reads the
 * files (and extra_configs), iniInterpolation.ts resolves values (inheritance, `extends`,
 * `${section.option}`, sysenv), projectEnv.ts makes the env model the builder uses. This module
 * puts them together and answers the `[platformio]` section.
 */

export { globFiles, ProjectConfigError, segmentRegExp, type ExtraConfig } from './iniFiles.js';
export { shellWords } from './iniValues.js';
export { type CompatMode, type EnvConfig, type LdfMode } from './projectEnv.js';
export { KNOWN_ENV_KEYS } from './projectOptions.js';

/** The project's directories (`[platformio]` options and their `PLATFORMIO_*_DIR` variables), absolute. */
export interface ProjectDirs {
  src: string;
  include: string;
  lib: string;
  /** `libdeps_dir`: `<it>/<env>` holds an env's installed lib_deps. */
  libdeps: string;
  /** Where builds go: `<it>/<env>`. fbuild's default is `.fbuild/build`, kept apart from `pio run`'s `.pio/build`. */
  build: string;
  test: string;
  data: string;
  /** `boards_dir` (default `boards`, `PLATFORMIO_BOARDS_DIR`): the project's own `<id>.json` board files. */
  boards: string;
}

export interface ProjectConfig {
  /** Absolute path of the ini file. */
  path: string;
  defaultEnvs: string[];
  /** Names of the `[env:NAME]` sections, in file order. */
  envNames: string[];
  dirs: ProjectDirs;
  /** The extra_configs files that were read, absolute, in order. */
  extraConfigs: string[];
  /** The extra_configs patterns as written (relative to the ini file's folder, `~` for home, globs). */
  extraConfigPatterns: string[];
  /** Warnings about the `[platformio]` section (unknown options), as PlatformIO prints them. */
  warnings: string[];
  /** Throws ProjectConfigError for an unknown env or a broken extends/interpolation in it. */
  env(name: string): EnvConfig;
}

/** The `[platformio]` options of PlatformIO Core 6.1.18. */
const KNOWN_PLATFORMIO_KEYS: ReadonlySet<string> = new Set([
  'name',
  'description',
  'default_envs',
  'env_default',
  'extra_configs',
  'core_dir',
  'globallib_dir',
  'platforms_dir',
  'packages_dir',
  'cache_dir',
  'build_cache_dir',
  'workspace_dir',
  'build_dir',
  'libdeps_dir',
  'include_dir',
  'src_dir',
  'lib_dir',
  'data_dir',
  'test_dir',
  'boards_dir',
  'monitor_dir',
  'shared_dir',
]);

export function readProjectConfig(projectDir: string, sysenv: NodeJS.ProcessEnv = process.env): ProjectConfig {
  const { file, text } = readIniFile(projectDir);
  return parseProjectConfig(text, file, sysenv, (pattern) => readExtraConfigs(dirname(file), pattern));
}

export function parseProjectConfig(
  text: string,
  path: string,
  sysenv: NodeJS.ProcessEnv = process.env,
  extraConfigs: (pattern: string) => ExtraConfig[] = () => [],
): ProjectConfig {
  const absPath = resolve(path);
  const parsed = parseIni(text, basename(absPath));
  // extra_configs as the main file writes them (PlatformIO reads them before anything is resolved).
  const extraPatterns: string[] = [];
  const extraPaths = mergeExtraConfigs(parsed, absPath, (pattern) => {
    extraPatterns.push(pattern);
    return extraConfigs(pattern);
  });
  const ini = new ResolvedIni(parsed, absPath, sysenv);
  const envNames = [...ini.sections.keys()].filter((s) => s.startsWith('env:')).map((s) => s.slice(4));
  const defaultEnvs = splitList(ini.valueOf(undefined, 'platformio', 'default_envs', []) ?? '');
  const dir = (key: string) => resolve(dirname(absPath), ini.valueOf(undefined, 'platformio', key, [])!);
  const buildDirSet = ini.lookup('platformio', 'build_dir') !== undefined || !!sysenv.PLATFORMIO_BUILD_DIR;
  const dirs: ProjectDirs = {
    src: dir('src_dir'),
    include: dir('include_dir'),
    lib: dir('lib_dir'),
    libdeps: dir('libdeps_dir'),
    build: buildDirSet ? dir('build_dir') : join(dirname(absPath), '.fbuild', 'build'),
    test: dir('test_dir'),
    data: dir('data_dir'),
    boards: dir('boards_dir'),
  };
  const platformioSection = ini.sections.get('platformio');
  const warnings = [...(platformioSection?.entries.keys() ?? [])]
    .filter((k) => !KNOWN_PLATFORMIO_KEYS.has(k))
    .map((k) => `ignoring unknown option '${k}' in [platformio] (PlatformIO does not know it either); remove it or fix its name`);
  const cache = new Map<string, EnvConfig>();
  return {
    path: absPath,
    defaultEnvs,
    envNames,
    dirs,
    extraConfigs: extraPaths,
    extraConfigPatterns: extraPatterns,
    warnings,
    env(name: string): EnvConfig {
      const cached = cache.get(name);
      if (cached) return cached;
      if (!envNames.includes(name)) {
        const known = envNames.length > 0 ? envNames.join(', ') : '(none)';
        throw new ProjectConfigError(`unknown environment '${name}' in ${ini.fileName}; known: ${known}`);
      }
      const env = buildEnv(ini, name);
      cache.set(name, env);
      return env;
    },
  };
}
