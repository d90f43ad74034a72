import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { parseCompile } from './compilerArgs.js';
import { parseDepfile } from './depfile.js';
import { sourceMarkers } from './sourceMarkers.js';

/**
 * The inputs a stored result records beyond the source and the headers of the user's depfile, as
 * entries of its `files` list (`[path, hash]`), told apart by the path's first character so that the
 * hit path needs no other field and older readers never mistake them for files:
 * - `!path`: a header `-MMD` left out (a system header outside the toolchain); its content hash;
 * - `&path`: a file an `.incbin` directive embeds; its content hash;
 * - `?path`: a negative lookup: a place of the include search that held no such header; it must
 *   still hold none, or the header found would be another (shadowing);
 * - `#checkout`: the absolute checkout the object names (`__FILE__` through an absolute path); the
 *   hash field holds that path, so only a build in the same place can use the result.
 * Plain entries (`$WS/…` or absolute) are the source and the depfile's headers.
 */
export const SYSTEM_HEADER = '!';
export const EMBEDDED = '&';
export const ABSENT = '?';
export const CHECKOUT = '#checkout';

/** Whether `path` is inside one of `dirs` (resolved absolute directories). */
export function insideAny(path: string, dirs: readonly string[]): boolean {
  for (const d of dirs) if (path.startsWith(d.endsWith(sep) ? d : d + sep)) return true;
  return false;
}

/** Files that mark an installed package's root: fbuild's installer, PlatformIO's packages. */
const PACKAGE_MARKERS = ['.fbuild-package.json', 'package.json', '.piopm'];

const packageDirsMemo = new Map<string, string[]>();

/**
 * The directories a compiler's identity and its packages vouch for, where no header appears between
 * two builds unless the packages change (and then the compiler, the framework or the fingerprint
 * does): the compiler's installation prefix (the directory above its `bin/`: `/usr` for Debian's
 * avr-gcc, with its Arduino core under `/usr/share`), and when that prefix is an installed package
 * (it has a package marker), the directory of packages it sits in (fbuild's toolchains dir,
 * PlatformIO's packages dir), which holds the framework beside the toolchain. Every other
 * directory outside the workspace (a sibling `../shared`, a global library folder) is the user's.
 */
export function packageDirs(compiler: string): string[] {
  let dirs = packageDirsMemo.get(compiler);
  if (dirs) return dirs;
  dirs = [];
  let real: string;
  try {
    real = realpathSync(compiler);
  } catch {
    real = compiler;
  }
  const home = homedir();
  for (const path of new Set([compiler, real])) {
    if (basename(dirname(path)) !== 'bin') continue;
    const prefix = dirname(dirname(path));
    // Not `/`, nor the home dir (`~/bin/gcc`) or a folder holding it: that is the user's own.
    if (dirname(prefix) === prefix || home === prefix || insideAny(home, [prefix])) continue;
    dirs.push(prefix);
    const parent = dirname(prefix);
    const holdsHome = home === parent || insideAny(home, [parent]);
    if (dirname(parent) !== parent && !holdsHome && PACKAGE_MARKERS.some((m) => existsSync(join(prefix, m)))) dirs.push(parent);
  }
  dirs = [...new Set(dirs)];
  if (packageDirsMemo.size > 1000) packageDirsMemo.clear();
  packageDirsMemo.set(compiler, dirs);
  return dirs;
}

/**
 * Whether the include dir `dir` is one whose negative lookups a result records: inside the
 * workspace, or outside it but not inside the toolchain's or the packages' directories (`vouched`).
 */
export function userIncludeDir(dir: string, root: string, vouched: readonly string[]): boolean {
  if (dir === root || insideAny(dir, [root])) return true;
  // A prefix that holds the workspace (a compiler in ~/bin, a checkout under /usr/src) vouches for nothing.
  return !vouched.some((v) => !(root === v || insideAny(root, [v])) && (dir === v || insideAny(dir, [v])));
}

/**
 * The negative lookups behind each header found: for every directory of the search `chain` (in
 * GCC's order, the includer's own directory first) that holds the header at `rel`, each earlier
 * directory the user owns (`owned`: see userIncludeDir; inside the workspace or not) must not hold
 * `rel`, or the compiler would have read that file instead. Places that hold a file today are left
 * out: they were not what decided the lookup. Toolchain and framework directories are left out
 * too: their content is pinned by the compiler's identity and by the headers' own hashes, and a
 * package does not grow headers between builds.
 */
export function negativeLookups(
  headers: readonly string[],
  chain: readonly string[],
  owned: (dir: string) => boolean,
  exists: (path: string) => boolean,
): string[] {
  const absent = new Set<string>();
  const dirs = [...new Set(chain)];
  const ownedAt = dirs.map(owned);
  for (const header of headers) {
    for (let k = 0; k < dirs.length; k++) {
      const dir = dirs[k]!;
      const prefix = dir.endsWith(sep) ? dir : dir + sep;
      if (!header.startsWith(prefix)) continue;
      const rel = header.slice(prefix.length);
      for (let j = 0; j < k; j++) {
        if (!ownedAt[j]) continue;
        const candidate = join(dirs[j]!, rel);
        if (!exists(candidate)) absent.add(candidate);
      }
    }
  }
  return [...absent];
}

/**
 * The files the units' `.incbin` directives embed (read from the sources and headers their depfiles
 * name; paths relative to `cwd`, as the assembler resolves them), for the steps after the compiles:
 * with LTO an inline `.incbin` is only assembled by the link, and the whole-build fingerprint must
 * see the file change. Files named by a directive the text cannot resolve are left out: the compile
 * cache refuses those units, and the link of such a build is keyed on the objects only.
 */
export function embeddedFiles(cwd: string, depfiles: readonly string[]): string[] {
  const read = new Set<string>();
  const found = new Set<string>();
  for (const d of depfiles) {
    let text: string;
    try {
      text = readFileSync(resolve(cwd, d), 'utf8');
    } catch {
      continue;
    }
    for (const dep of parseDepfile(text)?.deps ?? []) {
      const abs = resolve(cwd, dep);
      if (read.has(abs)) continue;
      read.add(abs);
      let data: Buffer;
      try {
        data = readFileSync(abs);
      } catch {
        continue;
      }
      for (const path of sourceMarkers(data).incbin ?? []) {
        if (path !== null && existsSync(resolve(cwd, path))) found.add(resolve(cwd, path));
      }
    }
  }
  return [...found];
}

/** The include directories of a compile command, absolute, in GCC's search order. */
export function searchDirsOf(args: readonly string[], cwd: string): string[] {
  const parsed = parseCompile(args, cwd);
  return parsed.kind === 'cacheable' ? parsed.searchDirs.map((d) => resolve(cwd, d)) : [];
}
