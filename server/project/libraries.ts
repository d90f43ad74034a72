import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { UserError } from '../util/errors.js';
import { scanIncludes } from './includeScanner.js';
import { listFiles, SOURCE_EXTENSIONS } from './sourceFilter.js';

export interface Library {
  name: string;
  root: string;
  /** The directory put on the include path. */
  includeDir: string;
  /** Absolute paths of the translation units. */
  sources: string[];
  /** Header paths relative to includeDir (`Wire.h`, `utility/twi.h`). */
  headers: string[];
  origin: 'project' | 'framework' | 'lib_deps';
}

const NOT_LIBRARY_CODE = /^(examples|extras|test|tests|docs?)\//;
const HEADER = /\.(h|hh|hpp)$/;

function isSource(f: string): boolean {
  return SOURCE_EXTENSIONS.some((e) => f.endsWith(e));
}

/**
 * A library directory as Arduino lays them out: with `src/` (1.5 format) everything under it; without,
 * the files at its root and under `utility/` (1.0 format).
 */
export function readLibrary(root: string, origin: Library['origin'], name = basename(root)): Library {
  const hasSrc = existsSync(join(root, 'src')) && statSync(join(root, 'src')).isDirectory();
  const includeDir = hasSrc ? join(root, 'src') : root;
  const files = listFiles(includeDir).filter((f) => !NOT_LIBRARY_CODE.test(f) && (hasSrc || !f.includes('/') || f.startsWith('utility/')));
  return {
    name,
    root,
    includeDir,
    sources: files.filter(isSource).map((f) => join(includeDir, f)),
    headers: files.filter((f) => HEADER.test(f)),
    origin,
  };
}

function librariesIn(dir: string, origin: Library['origin']): Library[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => readLibrary(join(dir, e.name), origin))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export interface LibraryResolution {
  libraries: Library[];
}

/**
 * Chooses the libraries a build needs, as PlatformIO's dependency finder does in its default
 * (chain) mode: start from the project's `#include`s, add the library that provides each header,
 * then follow that library's own includes. `lib_deps` adds libraries by name or by local path;
 * `lib_ignore` removes them. Project libraries (`lib/`) win over framework ones of the same header.
 */
export function resolveLibraries(opts: {
  projectDir: string;
  frameworkLibrariesDir: string;
  projectFiles: string[];
  libDeps: string[];
  libIgnore: string[];
}): LibraryResolution {
  const ignore = new Set(opts.libIgnore);
  const forced: Library[] = [];
  const named: string[] = [];
  for (const dep of opts.libDeps) {
    const spec = dep.replace(/^(file|symlink):\/\//, '');
    const looksLikePath = spec !== dep || spec.startsWith('.') || isAbsolute(spec) || spec.includes('/');
    if (looksLikePath) {
      const root = resolve(opts.projectDir, spec);
      if (!existsSync(root)) throw new UserError(`lib_deps: ${dep} does not exist; fix the path in platformio.ini`);
      forced.push(readLibrary(root, 'lib_deps'));
    } else named.push(spec.replace(/@.*$/, '').trim());
  }
  const available = [...librariesIn(join(opts.projectDir, 'lib'), 'project'), ...forced, ...librariesIn(opts.frameworkLibrariesDir, 'framework')].filter(
    (l) => !ignore.has(l.name),
  );
  const byHeader = new Map<string, Library>();
  for (const lib of available) for (const h of lib.headers) if (!byHeader.has(h)) byHeader.set(h, lib);

  const used = new Map<string, Library>();
  const queue: string[] = [...opts.projectFiles];
  const use = (lib: Library) => {
    if (used.has(lib.root)) return;
    used.set(lib.root, lib);
    queue.push(...lib.sources, ...lib.headers.map((h) => join(lib.includeDir, h)));
  };
  for (const lib of forced) use(lib);
  for (const name of named) {
    const lib = available.find((l) => l.name === name);
    if (!lib) {
      if (ignore.has(name)) continue;
      throw new UserError(
        `lib_deps: library '${name}' not found in lib/ or the Arduino framework; registry packages are not supported yet, so put it in lib/${name}`,
      );
    }
    use(lib);
  }
  const scanned = new Set<string>();
  while (queue.length) {
    const file = queue.shift()!;
    if (scanned.has(file)) continue;
    scanned.add(file);
    for (const inc of scanIncludes(file)) {
      const lib = byHeader.get(inc);
      if (lib) use(lib);
    }
  }
  return { libraries: [...used.values()] };
}
