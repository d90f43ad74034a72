import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { UserError } from '../util/errors.js';
import { readLibraryManifest } from './libraryManifest.js';
import { readProjectConfig, segmentRegExp } from './platformioIni.js';

/** One example of a library: an Arduino IDE sketch folder or a PlatformIO-style project. */
export interface ExampleSketch {
  /** The sketch's name: its folder's. */
  name: string;
  /** Its folder, `/`-separated and relative to the library (`examples/Basics/Blink`): how reports name it. */
  path: string;
  kind: 'arduino' | 'platformio';
  /** Absolute: the folder whose sources are compiled (the sketch folder, or the project's `src_dir`). */
  srcDir: string;
  /** A PlatformIO-style project's own `include_dir` and `lib_dir`, when they exist. */
  includeDir?: string;
  libDir?: string;
}

/** Where the Arduino IDE and PlatformIO look for a library's examples. */
const EXAMPLE_ROOTS = ['examples', 'example'];
const SKIP = new Set(['.git', '.svn', '.pio', '.fbuild', 'node_modules']);
const MAX_DEPTH = 12;

const isDir = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** `/`-separated path of `p` relative to `root`. */
const rel = (root: string, p: string) => relative(root, p).split(sep).join('/');

/**
 * A folder is an Arduino sketch when it holds `<folder name>.ino` (or `.pde`), as the Arduino IDE and
 * arduino-cli decide; a PlatformIO-style example when it holds `platformio.ini`. Neither is searched
 * deeper: a sketch's own `src/` and a project's `lib/` belong to it.
 */
function exampleAt(libraryDir: string, dir: string): ExampleSketch | undefined {
  const name = basename(dir);
  if (existsSync(join(dir, `${name}.ino`)) || existsSync(join(dir, `${name}.pde`))) {
    return { name, path: rel(libraryDir, dir), kind: 'arduino', srcDir: dir };
  }
  if (existsSync(join(dir, 'platformio.ini'))) {
    let dirs;
    try {
      dirs = readProjectConfig(dir, {}).dirs;
    } catch (e) {
      throw new UserError(`example ${rel(libraryDir, dir)}: ${(e as Error).message}`);
    }
    return {
      name,
      path: rel(libraryDir, dir),
      kind: 'platformio',
      srcDir: dirs.src,
      ...(isDir(dirs.include) ? { includeDir: dirs.include } : {}),
      ...(isDir(dirs.lib) ? { libDir: dirs.lib } : {}),
    };
  }
  return undefined;
}

/** Every example under the library's `examples/` (and `example/`), sorted by path. */
export function findExampleSketches(libraryDir: string): ExampleSketch[] {
  const found: ExampleSketch[] = [];
  const walk = (dir: string, depth: number) => {
    const here = depth > 0 ? exampleAt(libraryDir, dir) : undefined;
    if (here) {
      found.push(here);
      return;
    }
    if (depth >= MAX_DEPTH) return;
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const n of names) if (!SKIP.has(n) && isDir(join(dir, n))) walk(join(dir, n), depth + 1);
  };
  for (const root of EXAMPLE_ROOTS) if (isDir(join(libraryDir, root))) walk(join(libraryDir, root), 0);
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A glob as the shell reads it on a `/`-separated path: `*` `?` `[…]` within a segment, `**` across. */
export function globMatcher(pattern: string): (path: string) => boolean {
  const segments = pattern.replace(/^\.\//, '').replace(/\/+$/, '').split('/');
  const re = segments
    .map((seg, i) => {
      const last = i === segments.length - 1;
      if (seg === '**') return last ? '.*' : '(?:[^/]+/)*';
      return segmentRegExp(seg).source.slice(1, -1) + (last ? '' : '/');
    })
    .join('');
  const whole = new RegExp(`^${re}$`);
  return (path) => whole.test(path);
}

/**
 * The examples chosen by `--examples` and `--exclude`: a pattern matches an example's path in the
 * library (`examples/Basics/*`) or its name (`Blink*`). No include pattern: every example.
 */
export function selectExamples(all: ExampleSketch[], include: string[], exclude: string[]): ExampleSketch[] {
  const matches = (patterns: string[]) => {
    const ms = patterns.map(globMatcher);
    return (e: ExampleSketch) => ms.some((m) => m(e.path) || m(e.name));
  };
  const included = include.length ? matches(include) : () => true;
  const excluded = matches(exclude);
  return all.filter((e) => included(e) && !excluded(e));
}

/**
 * The library's own dependencies as lib_deps specs, as the Arduino IDE and compile-sketches install
 * them: library.properties `depends` (`Name (>=1.0)`) and library.json `dependencies`.
 */
export function libraryDependencySpecs(libraryDir: string): string[] {
  return readLibraryManifest(libraryDir).dependencies.map((d) => {
    const name = d.owner ? `${d.owner}/${d.name}` : d.name;
    // Arduino's `=1.2.3` is an exact version; PlatformIO writes it `==1.2.3`.
    const version = d.version?.replace(/^=(?!=)/, '==');
    return version && version !== '*' ? `${name}@${version}` : name;
  });
}

/** The library's name: its manifest's, else its folder's. */
export function libraryName(libraryDir: string): string {
  return readLibraryManifest(libraryDir).name ?? basename(libraryDir);
}
