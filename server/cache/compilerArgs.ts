import { readFileSync } from 'node:fs';
import { basename, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * Parses one GCC-style compiler command line and decides whether its result can be cached.
 * This module is the one place that knows GCC's option syntax; it does no I/O except reading
 * `@response` files.
 */

export type DepMode = 'none' | 'MD' | 'MMD';

export interface DepTarget {
  value: string;
  /** `-MQ` targets are make-quoted by the compiler; `-MT` targets are written verbatim. */
  quoted: boolean;
}

export interface CacheableCompile {
  kind: 'cacheable';
  /** The command line after `@file` expansion. */
  args: string[];
  source: string;
  output: string;
  language: string;
  depMode: DepMode;
  /** Where the user asked for the depfile (explicit `-MF` or the driver's default); undefined if none. */
  depFile: string | undefined;
  depTargets: DepTarget[];
  phonyTargets: boolean;
  /** Debug info embeds absolute paths, so such compiles are keyed on the absolute working directory. */
  debugInfo: boolean;
  /** The OLD parts of `-fdebug-prefix-map=OLD=NEW` / `-ffile-prefix-map=OLD=NEW`: paths debug info does not embed (`-fmacro-prefix-map` is keyed the same way, but is not one of them). */
  debugPrefixMaps: string[];
  /** The context key's arguments, gathered in the same walk: verbatim words and paths still to normalize. */
  keyParts: KeyPart[];
  /** The include directories in the order GCC searches them: `-iquote`, `-I`, `-isystem`, `-idirafter`. */
  searchDirs: string[];
  /** Headers may come from system directories the command line adds (`-isystem`, `-idirafter`, a sysroot): `-MMD` leaves those out. */
  addsSystemDirs: boolean;
}

/** One word of the key arguments: verbatim, or `prefix + normalized path + suffix`. */
export type KeyPart = string | { prefix: string; path: string; suffix: string };

export interface UncacheableCompile {
  kind: 'uncacheable';
  reason: string;
}

export type ParsedCompile = CacheableCompile | UncacheableCompile;

/** Options that take a path, in the separate (`-I dir`) or joined (`-Idir`) form. Longest first. */
const PATH_OPTIONS = [
  '-iwithprefixbefore',
  '-iwithprefix',
  '-idirafter',
  '-isysroot',
  '-isystem',
  '-imacros',
  '-include',
  '-iprefix',
  '-iquote',
  '--sysroot',
  '-I',
  '-B',
];

/** Options whose argument is a separate word and is not a path. */
const SEPARATE_VALUE_OPTIONS = new Set([
  '-x',
  '-D',
  '-U',
  '-A',
  '-L',
  '-l',
  '-u',
  '-T',
  '-z',
  '-Xlinker',
  '-Xassembler',
  '-Xpreprocessor',
  '-aux-info',
  '--param',
  '-e',
  '-wrapper',
  '-dumpbase',
  '-dumpdir',
  '-MF',
  '-MT',
  '-MQ',
  '-o',
]);

const LANGUAGE_BY_EXTENSION: Record<string, string> = {
  '.c': 'c',
  '.cc': 'c++',
  '.cp': 'c++',
  '.cpp': 'c++',
  '.cxx': 'c++',
  '.c++': 'c++',
  '.CPP': 'c++',
  '.C': 'c++',
  '.S': 'assembler-with-cpp',
  '.sx': 'assembler-with-cpp',
  '.s': 'assembler',
};

/** Expands `@file` arguments the way GCC's libiberty does (whitespace-separated, quotes and backslashes). */
export function expandResponseFiles(args: readonly string[], cwd: string, depth = 0): string[] | { error: string } {
  const out: string[] = [];
  for (const arg of args) {
    if (!arg.startsWith('@') || arg.length === 1) {
      out.push(arg);
      continue;
    }
    if (depth > 8) return { error: 'response files nested too deeply' };
    let text: string;
    try {
      text = readFileSync(resolve(cwd, arg.slice(1)), 'utf8');
    } catch {
      return { error: 'unreadable response file' };
    }
    const nested = expandResponseFiles(splitResponseFile(text), cwd, depth + 1);
    if (!Array.isArray(nested)) return nested;
    out.push(...nested);
  }
  return out;
}

function splitResponseFile(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && i + 1 < text.length) word += text[++i];
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** Options whose next word is a file the compiler writes. */
const OUTPUT_OPTIONS = new Set(['-o', '-MF', '-aux-info', '--output']);

/**
 * Every file a GCC-style command line names as an output (after `@file` expansion): `-o`, `-MF`,
 * `--output`, `-aux-info`, assembler listings (`-Wa,-adhln=FILE`) and dependency files passed to the
 * preprocessor (`-Wp,-MD,FILE`, `-Wp,-MMD,FILE`, `-Wp,-MF,FILE`). The server's path guard uses it.
 */
export function outputPaths(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (OUTPUT_OPTIONS.has(a)) out.push(args[i + 1] ?? '');
    else if (a.startsWith('--output=')) out.push(a.slice('--output='.length));
    else if (/^-(o|MF)./.test(a)) out.push(a.slice(a.startsWith('-o') ? 2 : 3));
    else if (/^-Wa,.*-a[a-z]*=/.test(a)) out.push(a.replace(/^.*-a[a-z]*=/, '').split(',')[0]!);
    else if (a.startsWith('-Wp,')) {
      const parts = a.slice(4).split(',');
      parts.forEach((p, j) => {
        if ((p === '-MD' || p === '-MMD' || p === '-MF') && parts[j + 1] !== undefined) out.push(parts[j + 1]!);
        else if (/^-MF./.test(p)) out.push(p.slice(3));
      });
    }
  }
  return out;
}

function uncacheable(reason: string): UncacheableCompile {
  return { kind: 'uncacheable', reason };
}

/** The default depfile of `-MD`/`-MMD`: the `-o` path with its suffix replaced by `.d`. */
function defaultDepFile(output: string): string {
  const base = basename(output);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? output.slice(0, output.length - (base.length - dot)) + '.d' : output + '.d';
}

export function parseCompile(rawArgs: readonly string[], cwd: string): ParsedCompile {
  const expanded = expandResponseFiles(rawArgs, cwd);
  if (!Array.isArray(expanded)) return uncacheable(expanded.error);
  const args = expanded;

  let compileOnly = false;
  let output: string | undefined;
  let depMode: DepMode = 'none';
  let depFile: string | undefined;
  const depTargets: DepTarget[] = [];
  let phonyTargets = false;
  let debugInfo = false;
  const debugPrefixMaps: string[] = [];
  let language: string | undefined; // from -x, applies to inputs after it
  const sources: { path: string; language: string }[] = [];
  let otherInput: string | undefined; // an object or library: fine for a link, not for a compile

  // The key arguments (see keyArguments): -o, the source and dependency-file options left out.
  const keyParts: KeyPart[] = [];
  const dirs: Record<string, string[]> = { '-iquote': [], '-I': [], '-isystem': [], '-idirafter': [] };
  let addsSystemDirs = false;
  const pathOption = (option: string, path: string): void => {
    dirs[option]?.push(path);
    if (option !== '-I' && option !== '-iquote' && option !== '-include' && option !== '-imacros' && option !== '-B') addsSystemDirs = true;
  };
  let i = 0;
  // Defined once, not per argument: this runs on every compile, hits included.
  const next = (): string | undefined => args[++i];
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-c') {
      compileOnly = true;
      keyParts.push(a);
    } else if (a === '-E') return uncacheable('preprocess only (-E)');
    else if (a === '-S') return uncacheable('assembly output (-S)');
    else if (a === '-M' || a === '-MM') return uncacheable('dependency output only (-M)');
    else if (a === '-MG') return uncacheable('missing headers as dependencies (-MG)');
    else if (a === '-save-temps' || a.startsWith('-save-temps=')) return uncacheable('-save-temps');
    else if (a.startsWith('-Wp,')) return uncacheable('preprocessor options through -Wp,');
    else if (a === '-MD') depMode = 'MD';
    else if (a === '-MMD') depMode = depMode === 'MD' ? 'MD' : 'MMD';
    else if (a === '-MP') phonyTargets = true;
    else if (a === '-MF' || a === '-MT' || a === '-MQ' || a === '-o' || a === '-x') {
      const v = next();
      if (v === undefined) return uncacheable(`missing argument to ${a}`);
      if (a === '-MF') depFile = v;
      else if (a === '-MT') depTargets.push({ value: v, quoted: false });
      else if (a === '-MQ') depTargets.push({ value: v, quoted: true });
      else if (a === '-o') {
        if (output !== undefined) return uncacheable('several -o options');
        output = v;
      } else {
        language = v === 'none' ? undefined : v;
        keyParts.push(a, v);
      }
    } else if (a.startsWith('-MF')) depFile = a.slice(3);
    else if (a.startsWith('-MT')) depTargets.push({ value: a.slice(3), quoted: false });
    else if (a.startsWith('-MQ')) depTargets.push({ value: a.slice(3), quoted: true });
    else if (a.startsWith('-o')) {
      if (output !== undefined) return uncacheable('several -o options');
      output = a.slice(2);
    } else if (a.startsWith('-x')) {
      language = a.slice(2) === 'none' ? undefined : a.slice(2);
      keyParts.push(a);
    } else if (a.startsWith('-g')) {
      debugInfo = a !== '-g0';
      keyParts.push(a);
    } else if (a.startsWith('-fdebug-prefix-map=') || a.startsWith('-ffile-prefix-map=') || a.startsWith('-fmacro-prefix-map=')) {
      // The OLD path is keyed like any other path (workspace-relative), so the map does not make
      // every checkout's key differ; a macro map does not take the path out of debug info.
      const eq = a.indexOf('=') + 1;
      const map = a.slice(eq);
      const old = map.slice(0, map.includes('=') ? map.indexOf('=') : undefined);
      if (!a.startsWith('-fmacro-')) debugPrefixMaps.push(old);
      keyParts.push({ prefix: a.slice(0, eq), path: old, suffix: map.slice(old.length) });
    } else if (a === '-') return uncacheable('source from standard input');
    else if (a.startsWith('-')) {
      const pathOpt = PATH_OPTIONS.includes(a);
      if (pathOpt || SEPARATE_VALUE_OPTIONS.has(a)) {
        const v = next();
        if (v === undefined) return uncacheable(`missing argument to ${a}`);
        keyParts.push(a, pathOpt ? { prefix: '', path: v, suffix: '' } : v);
        if (pathOpt) pathOption(a, v);
      } else {
        const joined = PATH_OPTIONS.find((o) => a.startsWith(o) && a.length > o.length);
        if (joined) {
          let v = a.slice(joined.length);
          const eq = joined === '--sysroot' && v.startsWith('=');
          if (eq) v = v.slice(1);
          keyParts.push(joined + (eq ? '=' : ''), { prefix: '', path: v, suffix: '' });
          pathOption(joined, v);
        } else keyParts.push(a);
      }
    } else {
      const lang = language ?? LANGUAGE_BY_EXTENSION[extname(a)];
      if (lang) sources.push({ path: a, language: lang });
      else otherInput ??= a;
    }
  }

  if (!compileOnly) return uncacheable('no -c (link or preprocess)');
  if (otherInput !== undefined) return uncacheable(`input is not a source file (${basename(otherInput)})`);
  if (sources.length === 0) return uncacheable('no source file');
  if (sources.length > 1) return uncacheable('several source files');
  if (output === undefined) return uncacheable('no -o output');
  const source = sources[0]!;
  if (depMode !== 'none' && depFile === undefined) depFile = defaultDepFile(output);
  // The driver passes `-MQ <output>` when no target was named.
  if (depMode !== 'none' && depTargets.length === 0) depTargets.push({ value: output, quoted: true });

  return {
    kind: 'cacheable',
    args,
    source: source.path,
    output,
    language: source.language,
    depMode,
    depFile,
    depTargets,
    phonyTargets,
    debugInfo,
    debugPrefixMaps,
    keyParts,
    searchDirs: [...dirs['-iquote']!, ...dirs['-I']!, ...dirs['-isystem']!, ...dirs['-idirafter']!],
    addsSystemDirs,
  };
}

/** The same compile as a preprocessor run to stdout: no `-c`, no `-o`, no depfile; `-E` instead. */
export function preprocessOnlyArgs(c: CacheableCompile): string[] {
  const out: string[] = [];
  for (let i = 0; i < c.args.length; i++) {
    const arg = c.args[i]!;
    if (arg === '-c' || arg === '-MD' || arg === '-MMD' || arg === '-MP') continue;
    if (arg === '-MF' || arg === '-MT' || arg === '-MQ' || arg === '-o') {
      i++;
      continue;
    }
    if (/^-(MF|MT|MQ|o)./.test(arg)) continue;
    out.push(arg);
  }
  return [...out, '-E'];
}

/** Normalized paths, remembered across compiles: the same -I flags come back on every call. */
const normalizedMemo = new Map<string, string>();

/** Maps paths to a checkout-independent form: inside the workspace → `$WS/rel`, else absolute. */
export class PathNormalizer {
  private readonly rootWithSep: string;
  private readonly memoPrefix: string;

  constructor(
    readonly workspaceRoot: string,
    readonly cwd: string,
  ) {
    this.rootWithSep = workspaceRoot.endsWith(sep) ? workspaceRoot : workspaceRoot + sep;
    this.memoPrefix = `${workspaceRoot}\0${cwd}\0`;
  }

  normalize(p: string): string {
    const memoKey = this.memoPrefix + p;
    let out = normalizedMemo.get(memoKey);
    if (out === undefined) {
      out = this.normalizeUncached(p);
      if (normalizedMemo.size >= 50_000) normalizedMemo.clear();
      normalizedMemo.set(memoKey, out);
    }
    return out;
  }

  private normalizeUncached(p: string): string {
    const abs = isAbsolute(p) ? p : resolve(this.cwd, p);
    if (abs === this.workspaceRoot) return '$WS';
    if (abs.startsWith(this.rootWithSep)) return '$WS/' + relative(this.workspaceRoot, abs).split(sep).join('/');
    return abs;
  }

  /** The inverse of normalize() for the current workspace. */
  resolve(normalized: string): string {
    if (normalized === '$WS') return this.workspaceRoot;
    if (normalized.startsWith('$WS/')) return join(this.workspaceRoot, normalized.slice(4));
    return normalized;
  }
}

/**
 * The arguments that go into the context key: `-o`, the source and dependency-file paths left out,
 * path options made workspace-relative, everything else verbatim and in order.
 */
export function keyArguments(c: CacheableCompile, paths: PathNormalizer): string[] {
  // The words were sorted out by parseCompile's walk; only the paths are left to normalize here.
  const out = c.keyParts.map((p) => (typeof p === 'string' ? p : p.prefix + paths.normalize(p.path) + p.suffix));
  // How dependencies are written changes the depfile we hand back, though not where.
  out.push(`#deps=${c.depMode}${c.phonyTargets ? '+MP' : ''}`);
  return out;
}
