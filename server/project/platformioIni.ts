import { parsePlatformSpec } from './platformSpec.js';
import { split as shlexSplit } from 'shlex';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { excerpt, UserError } from '../util/errors.js';

/**
 * Reads a PlatformIO project configuration (`platformio.ini`) the way PlatformIO does, for the
 * subset fbuild needs: sections, multi-line values, comments, `[env]` inheritance, `extends`,
 * and `${section.key}` interpolation. Pure parsing: the only I/O is reading the file in
 * readProjectConfig.
 */

/** A mistake in platformio.ini: a user error (exit code 2), printed as one line. */
export class ProjectConfigError extends UserError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'ProjectConfigError';
  }
}

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
  /** `boards_dir` (default `<project>/boards`): the project's own `<board>.json` files, read before the platform's. */
  boardsDir?: string;
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
  /** Warnings about the `[platformio]` section (unknown options), as PlatformIO prints them. */
  warnings: string[];
  /** Throws ProjectConfigError for an unknown env or a broken extends/interpolation in it. */
  env(name: string): EnvConfig;
}

/** Every env option of PlatformIO Core 6.1.18 (project/options.py), with the old names it still reads. */
export const KNOWN_ENV_KEYS: ReadonlySet<string> = new Set([
  'platform',
  'platform_packages',
  'board',
  'framework',
  'board_build.mcu',
  'board_build.f_cpu',
  'board_build.f_flash',
  'board_build.flash_mode',
  'build_type',
  'build_flags',
  'build_src_flags',
  'build_unflags',
  'build_src_filter',
  'targets',
  'upload_port',
  'upload_protocol',
  'upload_speed',
  'upload_flags',
  'upload_resetmethod',
  'upload_command',
  'monitor_port',
  'monitor_speed',
  'monitor_parity',
  'monitor_filters',
  'monitor_rts',
  'monitor_dtr',
  'monitor_eol',
  'monitor_raw',
  'monitor_echo',
  'monitor_encoding',
  'lib_deps',
  'lib_ignore',
  'lib_extra_dirs',
  'lib_ldf_mode',
  'lib_compat_mode',
  'lib_archive',
  'check_tool',
  'check_src_filters',
  'check_flags',
  'check_severity',
  'check_skip_packages',
  'test_framework',
  'test_filter',
  'test_ignore',
  'test_port',
  'test_speed',
  'test_build_src',
  'test_testing_command',
  'debug_tool',
  'debug_build_flags',
  'debug_init_break',
  'debug_init_cmds',
  'debug_extra_cmds',
  'debug_load_cmds',
  'debug_load_mode',
  'debug_server',
  'debug_port',
  'debug_speed',
  'debug_svd_path',
  'debug_server_ready_pattern',
  'debug_test',
  'extends',
  'extra_scripts',
  // old names
  'board_mcu',
  'board_f_cpu',
  'board_f_flash',
  'board_flash_mode',
  'src_build_flags',
  'src_filter',
  'monitor_baud',
  'check_patterns',
  'test_build_project_src',
  'extra_script',
]);

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

/** Env options with these prefixes are the user's own (PlatformIO's CUSTOM_OPTION_PREFIXES). */
const CUSTOM_PREFIXES = ['custom_', 'board_'];

const INI_NAME = 'platformio.ini';
const MAX_INI_BYTES = 16 << 20;
/**
 * The longest value interpolation may build. References may double a value at every level, so a
 * short file could ask for gigabytes (30 levels: 2^30 characters); real values are a few KiB.
 */
const MAX_VALUE_CHARS = 1 << 20;

export function readProjectConfig(projectDir: string, sysenv: NodeJS.ProcessEnv = process.env): ProjectConfig {
  const given = resolve(projectDir);
  // A path to the ini file itself is accepted too.
  let isFile = false;
  try {
    isFile = statSync(given).isFile();
  } catch {
    // Missing or unreadable: reported below when the ini file cannot be read.
  }
  const file = isFile ? given : join(given, INI_NAME);
  let text: string;
  try {
    // A FIFO or a device would block the read forever (or never end): only a regular file is read.
    const st = statSync(file);
    if (!st.isFile()) throw new ProjectConfigError(`${file} is not a regular file; make ${INI_NAME} a plain text file`);
    if (st.size > MAX_INI_BYTES) throw new ProjectConfigError(`${file} is ${st.size} bytes; a ${INI_NAME} over 16 MiB is not read`);
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof ProjectConfigError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
      throw new ProjectConfigError(`no ${INI_NAME} in ${given}; run fbuild in a PlatformIO project directory or pass its path`);
    }
    throw new ProjectConfigError(`cannot read ${file}: ${(err as Error).message}; check its permissions`);
  }
  return parseProjectConfig(text, file, sysenv, (pattern) => readExtraConfigs(dirname(file), pattern));
}

/** An extra config file's text, read by readProjectConfig (tests pass their own). */
export interface ExtraConfig {
  path: string;
  text: string;
}

/**
 * `[platformio] extra_configs`: each pattern (a glob, relative to the project, `~` for home) names
 * files read after the main one, in order. As Python's configparser reads several files: a section
 * seen again gets the new file's options, replacing those of the same name.
 */
function readExtraConfigs(projectDir: string, pattern: string): ExtraConfig[] {
  const expanded = pattern.startsWith('~') ? join(homedir(), pattern.slice(1)) : pattern;
  return globFiles(projectDir, expanded).map((path) => {
    try {
      return { path, text: readFileSync(path, 'utf8') };
    } catch (err) {
      throw new ProjectConfigError(`cannot read extra config ${path}: ${(err as Error).message}; fix extra_configs in [platformio]`);
    }
  });
}

/** Files matching a glob (`*`, `?`, `**` for any depth), sorted; a pattern without wildcards names one file. */
export function globFiles(baseDir: string, pattern: string): string[] {
  const abs = isAbsolute(pattern) ? pattern : join(baseDir, pattern);
  if (!/[*?[]/.test(abs)) {
    try {
      return statSync(abs).isFile() ? [abs] : [];
    } catch {
      return [];
    }
  }
  const parts = abs.split('/').filter((p) => p !== '');
  const out: string[] = [];
  const walk = (dir: string, i: number): void => {
    if (i === parts.length) {
      try {
        if (statSync(dir).isFile()) out.push(dir);
      } catch {
        // gone
      }
      return;
    }
    const part = parts[i]!;
    if (!/[*?[]/.test(part)) return walk(join(dir, part), i + 1);
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    if (part === '**') {
      walk(dir, i + 1);
      for (const n of names) if (!n.startsWith('.') && isDir(join(dir, n))) walk(join(dir, n), i);
      return;
    }
    const re = segmentRegExp(part);
    for (const n of names) if (re.test(n)) walk(join(dir, n), i + 1);
  };
  walk('/', 0);
  return [...new Set(out)];
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** One path segment of a glob as a regular expression (`*` and `?` do not match a leading dot, as in Python's glob). */
export function segmentRegExp(part: string): RegExp {
  let re = part.startsWith('.') ? '' : '(?!\\.)';
  for (let i = 0; i < part.length; i++) {
    const c = part[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = part.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        const body = part.slice(i + 1, end);
        re += `[${body.startsWith('!') ? '^' + body.slice(1) : body}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
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
  const patterns = parsed.sections.get('platformio')?.entries.get('extra_configs');
  const extraPaths: string[] = [];
  for (const pattern of patterns ? toItems(patterns.lines.join('\n')).flatMap(splitList) : []) {
    for (const extra of extraConfigs(pattern)) {
      if (extra.path === absPath || extraPaths.includes(extra.path)) continue;
      extraPaths.push(extra.path);
      mergeIni(parsed, parseIni(extra.text, relative(dirname(absPath), extra.path) || basename(extra.path)));
    }
  }
  const ini = new Ini(parsed, absPath, sysenv);
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
    boardsDir: dir('boards_dir'),
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
    warnings,
    env(name: string): EnvConfig {
      const cached = cache.get(name);
      if (cached) return cached;
      if (!envNames.includes(name)) {
        const known = envNames.length > 0 ? envNames.join(', ') : '(none)';
        throw new ProjectConfigError(`unknown environment '${name}' in ${ini.fileName}; known: ${known}`);
      }
      const env = ini.buildEnv(name);
      cache.set(name, env);
      return env;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// INI syntax

interface Entry {
  key: string;
  /** 1-based line of `key = ...`. */
  line: number;
  /** The value on the key's line (omitted when empty) and each continuation line, trimmed. */
  lines: string[];
}

interface Section {
  name: string;
  line: number;
  entries: Map<string, Entry>;
}

interface ParsedIni {
  fileName: string;
  sections: Map<string, Section>;
}

/** What an indented line must look like to be read as a key when no key is open. */
const KEYISH = /^[A-Za-z_][\w.-]*$/;

/** Adds a later file's sections to `into`: new sections are appended, options of known ones replaced. */
function mergeIni(into: ParsedIni, extra: ParsedIni): void {
  for (const [name, section] of extra.sections) {
    const known = into.sections.get(name);
    if (!known) into.sections.set(name, section);
    else for (const [key, entry] of section.entries) known.entries.set(key, entry);
  }
}

function parseIni(text: string, fileName: string): ParsedIni {
  const sections = new Map<string, Section>();
  const fail = (line: number, msg: string): never => {
    throw new ProjectConfigError(`${fileName}:${line}: ${msg}`);
  };
  let section: Section | undefined;
  let entry: Entry | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i]!;
    const trimmed = raw.trim();
    // Blank and full-line comment lines are skipped; they do not end a multi-line value.
    if (trimmed === '' || trimmed.startsWith(';') || trimmed.startsWith('#')) continue;
    const content = stripInlineComment(raw).trim();
    const indented = /^[ \t]/.test(raw);
    if (indented && entry) {
      if (content !== '') entry.lines.push(content);
      continue;
    }
    if (content.startsWith('[')) {
      if (!content.endsWith(']')) fail(lineNo, `malformed section header '${excerpt(content)}'; write it as [name]`);
      const name = content.slice(1, -1).trim();
      if (name === '' || name === 'env:') fail(lineNo, `empty section name in '${excerpt(content)}'; name the section`);
      const prev = sections.get(name);
      if (prev) fail(lineNo, `duplicate section [${excerpt(name)}] (first on line ${prev.line}); merge the two sections`);
      section = { name, line: lineNo, entries: new Map() };
      sections.set(name, section);
      entry = undefined;
      continue;
    }
    const eq = content.indexOf('=');
    const key = eq >= 0 ? content.slice(0, eq).trim() : '';
    if (key !== '' && (!indented || KEYISH.test(key))) {
      if (!section) return fail(lineNo, `key '${excerpt(key)}' outside any section; put it under a [section] header`);
      const prev = section.entries.get(key);
      if (prev) {
        fail(lineNo, `duplicate key '${excerpt(key)}' in [${section.name}] (first on line ${prev.line}); keep only one`);
      }
      const value = content.slice(eq + 1).trim();
      entry = { key, line: lineNo, lines: value === '' ? [] : [value] };
      section.entries.set(key, entry);
      continue;
    }
    if (indented) {
      fail(lineNo, `continuation line '${excerpt(content)}' before any key; put it under a 'key =' line or remove the indentation`);
    }
    fail(lineNo, `cannot parse '${excerpt(content)}'; expected [section], key = value, an indented continuation line or a ; comment`);
  }
  return { fileName, sections };
}

/** Drops an inline comment: a `;` preceded by whitespace, and everything after it. */
function stripInlineComment(line: string): string {
  const m = /\s;/.exec(line);
  return m ? line.slice(0, m.index) : line;
}

// ---------------------------------------------------------------------------------------------
// Resolution: [env] inheritance, extends, interpolation

interface Found {
  section: string;
  entry: Entry;
}

interface Frame {
  id: string;
  label: string;
  /** The line of the value being interpolated (for errors). */
  line: number;
}

const REFERENCE = /\$\{([^}]*)\}/g;

class Ini {
  readonly fileName: string;
  readonly sections: Map<string, Section>;
  private readonly projectDir: string;
  private readonly chains = new Map<string, string[]>();
  private readonly values = new Map<string, string | undefined>();

  constructor(
    parsed: ParsedIni,
    path: string,
    private readonly sysenv: NodeJS.ProcessEnv,
  ) {
    this.fileName = parsed.fileName;
    this.sections = parsed.sections;
    this.projectDir = dirname(path);
  }

  private fail(line: number, msg: string): never {
    throw new ProjectConfigError(`${this.fileName}:${line}: ${msg}`);
  }

  /**
   * The sections a key is looked up in, in order: the section itself, then what it extends
   * (depth first, in the order written), then, for `[env:NAME]`, the `[env]` base and what it extends.
   */
  chainOf(root: string): string[] {
    const cached = this.chains.get(root);
    if (cached) return cached;
    const order: string[] = [];
    const visit = (name: string, path: string[]): void => {
      if (path.includes(name)) {
        const from = path[path.length - 1]!;
        const line = this.sections.get(from)!.entries.get('extends')!.line;
        const loop = [...path.slice(path.indexOf(name)), name].join(' -> ');
        this.fail(line, `extends cycle ${loop}; remove one of these extends`);
      }
      if (order.includes(name)) return;
      const section = this.sections.get(name);
      if (!section) return;
      order.push(name);
      const ext = section.entries.get('extends');
      if (!ext) return;
      for (const target of splitList(ext.lines.join('\n'))) {
        if (!this.sections.has(target)) {
          const hint = this.sections.has(`env:${target}`) ? `did you mean 'env:${target}'?` : `define [${target}] or fix extends`;
          this.fail(ext.line, `[${name}] extends unknown section '${target}'; ${hint}`);
        }
        visit(target, [...path, name]);
      }
    };
    visit(root, []);
    if (root.startsWith('env:')) visit('env', []);
    this.chains.set(root, order);
    return order;
  }

  lookup(root: string, key: string): Found | undefined {
    for (const section of this.chainOf(root)) {
      const entry = this.sections.get(section)!.entries.get(key);
      if (entry) return { section, entry };
    }
    return undefined;
  }

  /**
   * The interpolated value of `key` looked up from `root`, lines joined by '\n'; undefined when
   * no section of the chain has it. `ctx` is the environment `${this.*}` refers to.
   */
  valueOf(ctx: string | undefined, root: string, key: string, stack: Frame[]): string | undefined {
    const id = `${ctx ?? ''}\0${root}\0${key}`;
    if (this.values.has(id)) return this.values.get(id);
    const label = `\${${root}.${key}}`;
    const at = stack.findIndex((f) => f.id === id);
    if (at >= 0) {
      const loop = [...stack.slice(at).map((f) => f.label), label].join(' -> ');
      this.fail(stack[stack.length - 1]!.line, `interpolation cycle ${loop}; remove one of these references`);
    }
    const appended = appendedVariable(root, key);
    const found = this.lookup(root, key) ?? (appended?.oldKey !== undefined ? this.lookup(root, appended.oldKey) : undefined);
    let value: string | undefined;
    // PLATFORMIO_SRC_DIR and the like win over the file, as in PlatformIO.
    const fromSysenv = root === 'platformio' && key.endsWith('_dir') ? this.sysenv[`PLATFORMIO_${key.toUpperCase()}`] : undefined;
    if (fromSysenv) value = fromSysenv;
    else if (found) {
      const frames = [...stack, { id, label, line: found.entry.line }];
      value = this.interpolate(found.entry.lines.join('\n'), ctx, found.entry, frames);
    } else if (root === 'platformio' && !appended) {
      value = this.platformioDefault(key, [...stack, { id, label, line: stack[stack.length - 1]?.line ?? 0 }]);
    }
    // PLATFORMIO_BUILD_FLAGS and the other variables of list options add a line to the file's value
    // (PlatformIO's ProjectConfig.getraw), interpolated like the rest of it.
    const extra = appended ? this.sysenv[appended.variable] || (appended.oldVariable ? this.sysenv[appended.oldVariable] : '') : '';
    if (extra) {
      const origin: Entry = found?.entry ?? { key, lines: [extra], line: stack[stack.length - 1]?.line ?? 0 };
      const more = this.interpolate(extra, ctx, origin, [...stack, { id, label, line: origin.line }]);
      value = value ? `${value}\n${more}` : more;
    }
    this.values.set(id, value);
    return value;
  }

  private interpolate(text: string, ctx: string | undefined, origin: Entry, stack: Frame[]): string {
    if (!text.includes('${')) return text;
    // A `${` never closed would reach the compiler as a file name (a wall of errors); PlatformIO
    // passes it on too. One line here instead.
    const unclosed = /\$\{[^}]*$/.exec(text);
    if (unclosed) this.fail(origin.line, `unclosed reference '${excerpt(unclosed[0])}' in '${origin.key}'; end it with '}'`);
    let total = text.length;
    const tooLong = (): never =>
      this.fail(origin.line, `the value of '${origin.key}' expands to over ${MAX_VALUE_CHARS} characters; reference fewer values in it`);
    const expanded = text.replace(REFERENCE, (whole: string, inner: string) => {
      const dot = inner.indexOf('.');
      if (dot < 0) {
        // `${NAME}`: a PlatformIO built-in variable or a build-time (SCons) variable, not a reference.
        return inner === 'PROJECT_DIR' ? this.projectDir : whole;
      }
      const section = inner.slice(0, dot);
      const key = inner.slice(dot + 1);
      if (section === '' || key === '') {
        this.fail(origin.line, `malformed reference ${whole}; write it as \${section.key}`);
      }
      if (section === 'sysenv') return this.sysenv[key] ?? '';
      let root: string;
      let nextCtx = ctx;
      if (section === 'this') {
        if (ctx === undefined) {
          this.fail(origin.line, `${whole} used outside an environment; \${this.*} only works in values an [env:NAME] uses`);
        }
        if (key === '__env__') return ctx;
        root = `env:${ctx}`;
      } else if (section === 'platformio') {
        root = 'platformio';
        nextCtx = undefined;
      } else {
        if (!this.sections.has(section)) {
          this.fail(origin.line, `unknown section '${section}' in ${whole}; define [${section}] or fix the reference`);
        }
        root = section;
        if (section.startsWith('env:')) nextCtx = section.slice(4);
      }
      const value = this.valueOf(nextCtx, root, key, stack);
      if (value === undefined) {
        const where = section === 'this' ? `environment '${ctx}'` : `[${section}]`;
        const fix = section === 'this' ? `set ${key} for that environment` : `define ${key} in [${section}]`;
        this.fail(origin.line, `unknown option '${key}' of ${where} in ${whole}; ${fix} or fix the reference`);
      }
      // Counted as it grows: the check after the replace would come after the memory is spent.
      if ((total += value.length) > MAX_VALUE_CHARS) tooLong();
      return value;
    });
    return expanded;
  }

  /** PlatformIO's defaults for the `[platformio]` directory options, for `${platformio.*_dir}`. */
  private platformioDefault(key: string, stack: Frame[]): string | undefined {
    const dir = (name: string): string => this.valueOf(undefined, 'platformio', name, stack)!;
    switch (key) {
      case 'core_dir':
        return this.sysenv.PLATFORMIO_CORE_DIR || join(this.sysenv.HOME || this.sysenv.USERPROFILE || homedir(), '.platformio');
      case 'packages_dir':
        return join(dir('core_dir'), 'packages');
      case 'platforms_dir':
        return join(dir('core_dir'), 'platforms');
      case 'globallib_dir':
        return join(dir('core_dir'), 'lib');
      case 'cache_dir':
        return join(dir('core_dir'), '.cache');
      case 'workspace_dir':
        return join(this.projectDir, '.pio');
      case 'build_dir':
        return join(dir('workspace_dir'), 'build');
      case 'libdeps_dir':
        return join(dir('workspace_dir'), 'libdeps');
      case 'include_dir':
      case 'src_dir':
      case 'lib_dir':
      case 'data_dir':
      case 'test_dir':
      case 'boards_dir':
      case 'monitor_dir':
      case 'shared_dir':
        return join(this.projectDir, key.slice(0, -'_dir'.length));
      default:
        return undefined;
    }
  }

  buildEnv(name: string): EnvConfig {
    const root = `env:${name}`;
    const keys: string[] = [];
    for (const section of this.chainOf(root)) {
      for (const key of this.sections.get(section)!.entries.keys()) {
        if (!keys.includes(key)) keys.push(key);
      }
    }
    // An option set only by its PLATFORMIO_* variable is an option of the env too.
    for (const [key, v] of Object.entries(ENV_OPTION_VARIABLES)) {
      if (!keys.includes(key) && (this.sysenv[v.variable] || (v.oldVariable && this.sysenv[v.oldVariable]))) keys.push(key);
    }
    const raw: Record<string, string[]> = Object.fromEntries(keys.map((key) => [key, toItems(this.valueOf(name, root, key, []) ?? '')]));
    const lineOf = (key: string): number => this.lookup(root, key)?.entry.line ?? 0;
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
          this.fail(lineOf(key), `unterminated quote in ${key} item '${excerpt(item)}'; close the quote or escape it with \\`);
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
      return this.fail(lineOf(key), `${key} = ${v} is not one of ${choices.join(', ')}; choose one`);
    };
    const archive = scalar('lib_archive')?.toLowerCase();
    if (archive !== undefined && !['yes', 'no', 'true', 'false', '1', '0', 'on', 'off'].includes(archive)) {
      this.fail(lineOf('lib_archive'), `lib_archive = ${archive} is not a yes/no value; write lib_archive = no or remove it`);
    }
    const scriptsKey = raw.extra_scripts !== undefined ? 'extra_scripts' : 'extra_script';
    const unknownKeys = keys.filter((k) => !KNOWN_ENV_KEYS.has(k) && !CUSTOM_PREFIXES.some((p) => k.startsWith(p)));

    const filterKey = raw.build_src_filter !== undefined ? 'build_src_filter' : 'src_filter';
    const buildSrcFilter: string[] = [];
    for (const item of raw[filterKey] ?? []) {
      const tokens = filterTokens(item);
      if (typeof tokens === 'string') {
        this.fail(
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
      libExtraDirs: list('lib_extra_dirs').map((d) => resolve(this.projectDir, d.startsWith('~') ? join(homedir(), d.slice(1)) : d)),
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
}

// ---------------------------------------------------------------------------------------------
// Environment variables of list options

interface AppendedVariable {
  variable: string;
  /** The option's older name, read when the new one is not in the file, and that name's variable. */
  oldKey?: string;
  oldVariable?: string;
}

/**
 * The env options PlatformIO lets a `PLATFORMIO_*` variable extend (options.py's `sysenvvar` on a
 * `multiple` option): the variable's value is appended to the file's as one more line.
 */
const ENV_OPTION_VARIABLES: Record<string, AppendedVariable> = {
  build_flags: { variable: 'PLATFORMIO_BUILD_FLAGS' },
  build_src_flags: { variable: 'PLATFORMIO_BUILD_SRC_FLAGS', oldKey: 'src_build_flags', oldVariable: 'PLATFORMIO_SRC_BUILD_FLAGS' },
  build_unflags: { variable: 'PLATFORMIO_BUILD_UNFLAGS' },
  build_src_filter: { variable: 'PLATFORMIO_BUILD_SRC_FILTER', oldKey: 'src_filter', oldVariable: 'PLATFORMIO_SRC_FILTER' },
  lib_extra_dirs: { variable: 'PLATFORMIO_LIB_EXTRA_DIRS' },
  extra_scripts: { variable: 'PLATFORMIO_EXTRA_SCRIPTS', oldKey: 'extra_script', oldVariable: 'PLATFORMIO_EXTRA_SCRIPT' },
};
const DEFAULT_ENVS_VARIABLE: AppendedVariable = { variable: 'PLATFORMIO_DEFAULT_ENVS', oldKey: 'env_default' };

function appendedVariable(root: string, key: string): AppendedVariable | undefined {
  if (root === 'platformio') return key === 'default_envs' ? DEFAULT_ENVS_VARIABLE : undefined;
  return root === 'env' || root.startsWith('env:') ? ENV_OPTION_VARIABLES[key] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Value splitting

/** A value's items: its non-empty lines, trimmed. */
function toItems(value: string): string[] {
  return value
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Names separated by commas and/or newlines. */
function splitList(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * lib_deps entries on one line are separated by commas, but a comma inside a version
 * requirement (`foo @ >=1.0,<2.0`, `bar @ ~5.6,!=5.4`) belongs to the entry: a comma followed by
 * a version operator or digit does not split.
 */
function splitLibDeps(item: string): string[] {
  return item
    .split(/,(?!\s*[<>=!~^*\d])/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Splits one item into words as Python's shlex.split does (PlatformIO's SCons ParseFlags applies it
 * to build flags): the `shlex` package is a port of Python's lexer in POSIX mode, so `"x\\$y"` keeps
 * its backslash as Python's does, where a POSIX shell would drop it. Undefined when a quote is not closed.
 */
export function shellWords(item: string): string[] | undefined {
  try {
    return shlexSplit(item);
  } catch {
    return undefined;
  }
}

/** The `+<...>` / `-<...>` tokens of one build_src_filter item, or the first text that is not one. */
function filterTokens(item: string): string[] | string {
  const tokens: string[] = [];
  const re = /([+-])<([^>]*)>/g;
  let last = 0;
  for (let m = re.exec(item); m; m = re.exec(item)) {
    const between = item.slice(last, m.index).trim();
    if (between !== '') return between;
    tokens.push(m[0]);
    last = m.index + m[0].length;
  }
  const rest = item.slice(last).trim();
  return rest === '' ? tokens : rest;
}
