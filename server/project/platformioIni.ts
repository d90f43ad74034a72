import { split as shlexSplit } from 'shlex';
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../util/errors.js';

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
  platform?: string;
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
  /** Keys of `raw` not in KNOWN_ENV_KEYS, in the order of `raw`. */
  unknownKeys: string[];
}

export interface ProjectConfig {
  /** Absolute path of the ini file. */
  path: string;
  defaultEnvs: string[];
  /** Names of the `[env:NAME]` sections, in file order. */
  envNames: string[];
  /** Throws ProjectConfigError for an unknown env or a broken extends/interpolation in it. */
  env(name: string): EnvConfig;
}

export const KNOWN_ENV_KEYS: ReadonlySet<string> = new Set([
  'platform', 'board', 'framework', 'build_flags', 'build_unflags', 'build_src_filter', 'src_filter',
  'lib_deps', 'lib_ignore', 'lib_extra_dirs', 'lib_ldf_mode', 'extends', 'monitor_speed', 'upload_port',
  'upload_speed', 'upload_protocol', 'board_build.f_cpu', 'board_build.mcu', 'build_type', 'test_framework',
  'test_build_src', 'check_tool', 'platform_packages', 'monitor_filters', 'debug_tool',
]);

const INI_NAME = 'platformio.ini';

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
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
      throw new ProjectConfigError(
        `no ${INI_NAME} in ${given}; run fbuild in a PlatformIO project directory or pass its path`,
      );
    }
    throw new ProjectConfigError(`cannot read ${file}: ${(err as Error).message}; check its permissions`);
  }
  return parseProjectConfig(text, file, sysenv);
}

export function parseProjectConfig(text: string, path: string, sysenv: NodeJS.ProcessEnv = process.env): ProjectConfig {
  const absPath = resolve(path);
  const ini = new Ini(parseIni(text, basename(absPath)), absPath, sysenv);
  const envNames = [...ini.sections.keys()].filter((s) => s.startsWith('env:')).map((s) => s.slice(4));
  const defaultEnvs = splitList(ini.valueOf(undefined, 'platformio', 'default_envs', []) ?? '');
  const cache = new Map<string, EnvConfig>();
  return {
    path: absPath,
    defaultEnvs,
    envNames,
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
      if (!content.endsWith(']')) fail(lineNo, `malformed section header '${content}'; write it as [name]`);
      const name = content.slice(1, -1).trim();
      if (name === '' || name === 'env:') fail(lineNo, `empty section name in '${content}'; name the section`);
      const prev = sections.get(name);
      if (prev) fail(lineNo, `duplicate section [${name}] (first on line ${prev.line}); merge the two sections`);
      section = { name, line: lineNo, entries: new Map() };
      sections.set(name, section);
      entry = undefined;
      continue;
    }
    const eq = content.indexOf('=');
    const key = eq >= 0 ? content.slice(0, eq).trim() : '';
    if (key !== '' && (!indented || KEYISH.test(key))) {
      if (!section) return fail(lineNo, `key '${key}' outside any section; put it under a [section] header`);
      const prev = section.entries.get(key);
      if (prev) {
        fail(lineNo, `duplicate key '${key}' in [${section.name}] (first on line ${prev.line}); keep only one`);
      }
      const value = content.slice(eq + 1).trim();
      entry = { key, line: lineNo, lines: value === '' ? [] : [value] };
      section.entries.set(key, entry);
      continue;
    }
    if (indented) {
      fail(lineNo, `continuation line '${content}' before any key; put it under a 'key =' line or remove the indentation`);
    }
    fail(lineNo, `cannot parse '${content}'; expected [section], key = value, an indented continuation line or a ; comment`);
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

  constructor(parsed: ParsedIni, path: string, private readonly sysenv: NodeJS.ProcessEnv) {
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
    const found = this.lookup(root, key);
    let value: string | undefined;
    if (found) {
      const frames = [...stack, { id, label, line: found.entry.line }];
      value = this.interpolate(found.entry.lines.join('\n'), ctx, found.entry, frames);
    } else if (root === 'platformio') {
      value = this.platformioDefault(key, [...stack, { id, label, line: stack[stack.length - 1]?.line ?? 0 }]);
    }
    this.values.set(id, value);
    return value;
  }

  private interpolate(text: string, ctx: string | undefined, origin: Entry, stack: Frame[]): string {
    if (!text.includes('${')) return text;
    return text.replace(REFERENCE, (whole: string, inner: string) => {
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
      return value;
    });
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
    const raw: Record<string, string[]> = Object.fromEntries(
      keys.map((key) => [key, toItems(this.valueOf(name, root, key, []) ?? '')]),
    );
    const lineOf = (key: string): number => this.lookup(root, key)?.entry.line ?? 0;
    const scalar = (key: string): string | undefined => {
      const items = raw[key];
      return items && items.length > 0 ? items.join(', ') : undefined;
    };
    const list = (key: string): string[] => (raw[key] ?? []).flatMap(splitList);

    const buildFlags: string[] = [];
    for (const item of raw.build_flags ?? []) {
      const words = shellWords(item);
      if (words === undefined) {
        this.fail(lineOf('build_flags'), `unterminated quote in build_flags item '${item}'; close the quote or escape it with \\`);
      }
      buildFlags.push(...words);
    }

    const filterKey = raw.build_src_filter !== undefined ? 'build_src_filter' : 'src_filter';
    const buildSrcFilter: string[] = [];
    for (const item of raw[filterKey] ?? []) {
      const tokens = filterTokens(item);
      if (typeof tokens === 'string') {
        this.fail(lineOf(filterKey), `${filterKey} item '${tokens}' is not a +<pattern> or -<pattern>; write it as +<${tokens}> or -<${tokens}>`);
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
      unknownKeys: keys.filter((k) => !KNOWN_ENV_KEYS.has(k)),
    };
    const platform = scalar('platform');
    const board = scalar('board');
    const framework = scalar('framework');
    if (platform !== undefined) env.platform = platform;
    if (board !== undefined) env.board = board;
    if (framework !== undefined) env.framework = framework;
    return env;
  }
}

// ---------------------------------------------------------------------------------------------
// Value splitting

/** A value's items: its non-empty lines, trimmed. */
function toItems(value: string): string[] {
  return value.split('\n').map((s) => s.trim()).filter((s) => s !== '');
}

/** Names separated by commas and/or newlines. */
function splitList(value: string): string[] {
  return value.split(/[,\n]/).map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * lib_deps entries on one line are separated by commas, but a comma inside a version
 * requirement (`foo @ >=1.0,<2.0`, `bar @ ~5.6,!=5.4`) belongs to the entry: a comma followed by
 * a version operator or digit does not split.
 */
function splitLibDeps(item: string): string[] {
  return item.split(/,(?!\s*[<>=!~^*\d])/).map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * Splits one item into words as Python's shlex.split does (PlatformIO's SCons ParseFlags applies it
 * to build flags): the `shlex` package is a port of Python's lexer in POSIX mode, so `"x\\$y"` keeps
 * its backslash as Python's does, where a POSIX shell would drop it. Undefined when a quote is not closed.
 */
function shellWords(item: string): string[] | undefined {
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
