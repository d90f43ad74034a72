import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { excerpt } from '../util/errors.js';
import { ProjectConfigError, type Entry, type ParsedIni, type Section } from './iniFiles.js';
import { splitList } from './iniValues.js';
import { castEnvOptionValue, envOptionDefault } from './projectOptions.js';

/**
 * Resolving values as PlatformIO's ProjectConfigBase does (platformio/project/config.py): the
 * lookup chain (`[env:X]`, its `extends`, `[env]`), `${section.option}` / `${sysenv.X}` /
 * `${this.*}` interpolation, and the `PLATFORMIO_*` variables that set or extend options.
 */

/**
 * The longest value interpolation may build. References may double a value at every level, so a
 * short file could ask for gigabytes (30 levels: 2^30 characters); real values are a few KiB.
 */
const MAX_VALUE_CHARS = 1 << 20;

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

export class ResolvedIni {
  readonly fileName: string;
  readonly sections: Map<string, Section>;
  readonly projectDir: string;
  private readonly chains = new Map<string, string[]>();
  private readonly values = new Map<string, string | undefined>();

  constructor(
    parsed: ParsedIni,
    path: string,
    readonly sysenv: NodeJS.ProcessEnv,
  ) {
    this.fileName = parsed.fileName;
    this.sections = parsed.sections;
    this.projectDir = dirname(path);
  }

  fail(line: number, msg: string): never {
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
        // An [env] or [env:NAME] section nobody wrote still answers its options' defaults (config.py
        // walks no section, finds nothing and falls back to the option's default).
        const envScope = section === 'env' || section.startsWith('env:');
        if (!this.sections.has(section) && !(envScope && envOptionDefault(key) !== undefined)) {
          this.fail(origin.line, `unknown section '${section}' in ${whole}; define [${section}] or fix the reference`);
        }
        root = section;
        if (section.startsWith('env:')) nextCtx = section.slice(4);
      }
      const isEnv = root === 'env' || root.startsWith('env:');
      const set = this.valueOf(nextCtx, root, key, stack);
      // An env option no section sets expands to its default, as PlatformIO's config does
      // (`lib_deps = ${env.lib_deps}` with no lib_deps in [env]: nothing).
      const value = isEnv ? (set !== undefined ? castEnvOptionValue(key, set) : envOptionDefault(key)) : set;
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
      // options.py: the project's name is its folder's; the others have no default (`None`).
      case 'name':
        return basename(this.projectDir);
      case 'description':
      case 'build_cache_dir':
        return 'None';
      case 'default_envs':
      case 'extra_configs':
        return '';
      default:
        return undefined;
    }
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
export const ENV_OPTION_VARIABLES: Record<string, AppendedVariable> = {
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
