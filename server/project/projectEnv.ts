import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { excerpt } from '../util/errors.js';
import { ENV_OPTION_VARIABLES, type ResolvedIni } from './iniInterpolation.js';
import { KNOWN_ENV_KEYS } from './projectOptions.js';
import { filterTokens, shellWords, splitLibDeps, splitList, toItems } from './iniValues.js';
import { parsePlatformSpec } from './platformSpec.js';

/**
 * What the builder makes of an environment's options (PlatformIO's builder reads them through
 * `env.GetProjectOption` in platformio/builder/tools/*.py): flags split into words, filters into
 * tokens, dependency lists, the library finder's modes.
 */

export interface EnvConfig {
  name: string;
  /** The platform's name (`atmelavr`), also when `platform` gives a version or a URL. */
  platform?: string;
  /** `platform` as written, when it is more than the name (`platformio/atmelavr@^5.0.0`, a URL). */
  platformSpec?: string;
  board?: string;
  framework?: string;
  /** `build_flags`, every item split into words the way a POSIX shell would. */
  buildFlags: string[];
  /** `build_src_filter` (or the older `src_filter`), as individual `+<...>` / `-<...>` tokens. */
  buildSrcFilter: string[];
  /** `lib_deps`, one entry per line or comma-separated. */
  libDeps: string[];
  /** `lib_ignore`, one entry per line or comma-separated. */
  libIgnore: string[];
  /** Every resolved key of the env (after extends and interpolation), as items (non-empty lines). */
  raw: Record<string, string[]>;
  /** Keys of `raw` PlatformIO does not know (not in KNOWN_ENV_KEYS, no `custom_`/`board_` prefix), in the order of `raw`. */
  unknownKeys: string[];
  /** `build_src_flags` (or the older `src_build_flags`): flags for the project's own sources only. */
  buildSrcFlags: string[];
  /** `lib_extra_dirs`, absolute (relative ones are relative to the project). */
  libExtraDirs: string[];
  /** `lib_ldf_mode`: how the dependency finder follows includes (default `chain`). */
  libLdfMode: LdfMode;
  /** `lib_compat_mode` (default `soft`: libraries whose frameworks or architectures exclude ours are skipped). */
  libCompatMode: CompatMode;
  /** `lib_archive` (default true): each library is linked from its own archive. */
  libArchive: boolean;
  /** Whether `lib_archive` is set in the env (a library's own `libArchive` yields to it). */
  libArchiveSet: boolean;
  /** Whether `lib_ldf_mode` is set in the env (an Arduino library with `depends` then keeps it). */
  libLdfModeSet: boolean;
  /** `extra_scripts` (SCons scripts, which fbuild cannot run): the paths as written, without `pre:`/`post:`. */
  extraScripts: string[];
  /** Warnings PlatformIO would print for this env's configuration (unknown options). */
  warnings: string[];
}

export type LdfMode = 'off' | 'chain' | 'deep' | 'chain+' | 'deep+';
export type CompatMode = 'off' | 'soft' | 'strict';
const LDF_MODES: readonly LdfMode[] = ['off', 'chain', 'deep', 'chain+', 'deep+'];
const COMPAT_MODES: readonly CompatMode[] = ['off', 'soft', 'strict'];

/** Env options with these prefixes are the user's own (PlatformIO's CUSTOM_OPTION_PREFIXES). */
const CUSTOM_PREFIXES = ['custom_', 'board_'];

export function buildEnv(ini: ResolvedIni, name: string): EnvConfig {
  const root = `env:${name}`;
  const keys: string[] = [];
  for (const section of ini.chainOf(root)) {
    for (const key of ini.sections.get(section)!.entries.keys()) {
      if (!keys.includes(key)) keys.push(key);
    }
  }
  // An option set only by its PLATFORMIO_* variable is an option of the env too.
  for (const [key, v] of Object.entries(ENV_OPTION_VARIABLES)) {
    if (!keys.includes(key) && (ini.sysenv[v.variable] || (v.oldVariable && ini.sysenv[v.oldVariable]))) keys.push(key);
  }
  const raw: Record<string, string[]> = Object.fromEntries(keys.map((key) => [key, toItems(ini.valueOf(name, root, key, []) ?? '')]));
  const lineOf = (key: string): number => ini.lookup(root, key)?.entry.line ?? 0;
  const scalar = (key: string): string | undefined => {
    const items = raw[key];
    return items && items.length > 0 ? items.join(', ') : undefined;
  };
  const list = (key: string): string[] => (raw[key] ?? []).flatMap(splitList);

  const flagsOf = (key: string): string[] => {
    const out: string[] = [];
    for (const item of raw[key] ?? []) {
      const words = shellWords(item);
      if (words === undefined) {
        ini.fail(lineOf(key), `unterminated quote in ${key} item '${excerpt(item)}'; close the quote or escape it with \\`);
      }
      out.push(...words);
    }
    return out;
  };
  const buildFlags = flagsOf('build_flags');
  const buildSrcFlags = flagsOf(raw.build_src_flags !== undefined ? 'build_src_flags' : 'src_build_flags');
  const choice = <T extends string>(key: string, choices: readonly T[], fallback: T): T => {
    const v = scalar(key)?.toLowerCase();
    if (v === undefined) return fallback;
    if ((choices as readonly string[]).includes(v)) return v as T;
    return ini.fail(lineOf(key), `${key} = ${v} is not one of ${choices.join(', ')}; choose one`);
  };
  const archive = scalar('lib_archive')?.toLowerCase();
  if (archive !== undefined && !['yes', 'no', 'true', 'false', '1', '0', 'on', 'off'].includes(archive)) {
    ini.fail(lineOf('lib_archive'), `lib_archive = ${archive} is not a yes/no value; write lib_archive = no or remove it`);
  }
  const scriptsKey = raw.extra_scripts !== undefined ? 'extra_scripts' : 'extra_script';
  const unknownKeys = keys.filter((k) => !KNOWN_ENV_KEYS.has(k) && !CUSTOM_PREFIXES.some((p) => k.startsWith(p)));

  const filterKey = raw.build_src_filter !== undefined ? 'build_src_filter' : 'src_filter';
  const buildSrcFilter: string[] = [];
  for (const item of raw[filterKey] ?? []) {
    const tokens = filterTokens(item);
    if (typeof tokens === 'string') {
      ini.fail(
        lineOf(filterKey),
        `${filterKey} item '${tokens}' is not a +<pattern> or -<pattern>; write it as +<${tokens}> or -<${tokens}>`,
      );
    }
    buildSrcFilter.push(...tokens);
  }

  const env: EnvConfig = {
    name,
    buildFlags,
    buildSrcFilter,
    libDeps: raw.lib_deps ? raw.lib_deps.flatMap(splitLibDeps) : [],
    libIgnore: list('lib_ignore'),
    raw,
    unknownKeys,
    buildSrcFlags,
    libExtraDirs: list('lib_extra_dirs').map((d) => resolve(ini.projectDir, d.startsWith('~') ? join(homedir(), d.slice(1)) : d)),
    libLdfMode: choice('lib_ldf_mode', LDF_MODES, 'chain'),
    libCompatMode: choice('lib_compat_mode', COMPAT_MODES, 'soft'),
    libArchive: archive === undefined || ['yes', 'true', '1', 'on'].includes(archive),
    libArchiveSet: archive !== undefined,
    libLdfModeSet: raw.lib_ldf_mode !== undefined,
    extraScripts: list(scriptsKey).map((s) => s.replace(/^(pre|post):/, '')),
    warnings: unknownKeys.map(
      (k) => `ignoring unknown option '${k}' in [env:${name}] (PlatformIO does not know it either); remove it or fix its name`,
    ),
  };
  const platform = scalar('platform');
  const board = scalar('board');
  const framework = scalar('framework');
  if (platform !== undefined) {
    env.platform = parsePlatformSpec(platform).name;
    if (env.platform !== platform) env.platformSpec = platform;
  }
  if (board !== undefined) env.board = board;
  if (framework !== undefined) env.framework = framework;
  return env;
}
