import { readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { segmentRegExp } from './iniFiles.js';

export const SOURCE_EXTENSIONS = ['.c', '.cpp', '.cc', '.cxx', '.S'];
const SKIP_DIRS = new Set(['.git', '.svn', '.fbuild', '.pio']);
/** Deep enough for any real tree (loops are stopped by the walk's visited set). */
const MAX_DEPTH = 24;

/**
 * Every file under `dir`, as `/`-separated paths relative to it, sorted. Symlinks are followed
 * (PlatformIO walks with followlinks=True), but each real directory is walked once: a link back to
 * a directory being walked (two links to `.` would make 2^depth paths) or to one walked already is
 * skipped, and `onSkip` told which link and where it points.
 */
export function listFiles(dir: string, onSkip?: (message: string) => void): string[] {
  const out: string[] = [];
  const visited = new Set<string>();
  let root: string;
  try {
    root = realpathSync(dir);
  } catch {
    return out;
  }
  visited.add(root);
  // `real`: where `d` really is. A folder that is no link is where its parent really is, plus its
  // name: only links are resolved (realpathSync checks every component of the path, each time).
  const walk = (d: string, real: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = join(d, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      const link = e.isSymbolicLink();
      if (link) {
        try {
          const st = statSync(path);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // a broken link
        }
      }
      if (isDir) {
        if (SKIP_DIRS.has(e.name) || depth >= MAX_DEPTH) continue;
        let target: string;
        try {
          target = link ? realpathSync(path) : join(real, e.name);
        } catch {
          continue;
        }
        if (visited.has(target)) {
          onSkip?.(
            `skipping ${relative(dir, path).split(sep).join('/')}: a link to ${target}, which is walked already (a symlink loop, or the same folder twice)`,
          );
          continue;
        }
        visited.add(target);
        walk(path, target, depth + 1);
      } else if (isFile) out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir, root, 0);
  return out.sort();
}

/**
 * Whether a file at `path` (absolute) would be in listFiles(dir): under `dir`, through no skipped
 * directory, and not too deep. Then a file appearing there changes the dir's listing.
 */
export function listedUnder(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return false;
  const parts = rel.split(sep);
  return parts.length - 1 < MAX_DEPTH && !parts.slice(0, -1).some((p) => SKIP_DIRS.has(p));
}

/**
 * One `+<pattern>` as Python's glob reads it, relative to the source dir: `*` and `?` stay within a
 * path segment (and do not match a leading dot), `**` crosses segments. A pattern that names a
 * directory takes everything below it, as PlatformIO's match_src_files walks a matched directory.
 */
function patternMatcher(pattern: string): (file: string) => boolean {
  const pat = pattern.replace(/^\.\//, '').replace(/\/+$/, '');
  if (pat === '' || pat === '.') return () => true;
  const segments = pat.split('/');
  let re = '';
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1;
    if (seg === '**') re += last ? '.*' : '(?:[^/]+/)*';
    else re += segmentRegExp(seg).source.slice(1, -1) + (last ? '' : '/');
  });
  // The pattern itself, or a directory it names (then every file below).
  const exact = new RegExp(`^${re}(?:/.*)?$`);
  return (file) => exact.test(file);
}

/**
 * Applies a PlatformIO source filter (`+<pattern>` adds, `-<pattern>` removes, in order) to paths
 * relative to the source directory. The default is `+<*>`.
 */
export function applySrcFilter(files: readonly string[], filter: readonly string[]): string[] {
  const rules = (filter.length ? filter : ['+<*>'])
    .flatMap((tok) => [...tok.matchAll(/([+-])<([^>]*)>/g)])
    .map((m) => ({ include: m[1] === '+', test: patternMatcher(m[2]!) }));
  return files.filter((f) => {
    let included = false;
    for (const r of rules) if (r.test(f)) included = r.include;
    return included;
  });
}

/** PlatformIO's default `build_src_filter` (options.py, and piobuild.py's SRC_FILTER_DEFAULT). */
const DEFAULT_SRC_FILTER = ['+<*>', '-<.git/>', '-<.svn/>'];

/**
 * The files of a project's `build_src_filter`, as PlatformIO's fs.match_src_files finds them: each
 * `+<pattern>` adds and each `-<pattern>` removes, in order, what the glob `<src_dir>/<pattern>`
 * matches (a matched directory brings every file below it). Patterns are relative to `srcDir` and
 * may climb out of it (`+<../extra/>`): those files come back as `../extra/x.cpp`. Files below an
 * `exclude` dir (fbuild's build dir, when `src_dir = .` holds it) are never sources.
 */
export function matchSrcFiles(
  srcDir: string,
  filter: readonly string[],
  opts: { exclude?: string[]; onSkip?: (message: string) => void } = {},
): string[] {
  const walked = new Map<string, string[]>();
  const filesUnder = (base: string): string[] => {
    let files = walked.get(base);
    if (!files) walked.set(base, (files = listFiles(base, opts.onSkip)));
    return files;
  };
  const candidates = (pattern: string): string[] => {
    const segments = pattern.replace(/\/+$/, '').split('/');
    // The literal head of the pattern (`..`, `../extra`, `sub`) names where to look; the rest is matched there.
    const head: string[] = [];
    while (segments.length > 0 && !/[*?[]/.test(segments[0]!)) head.push(segments.shift()!);
    const base = resolve(srcDir, ...head);
    const rest = segments.join('/');
    // A folder no walk enters (`-<.git/>`) has no candidates: not walked for nothing.
    if (head.some((h) => SKIP_DIRS.has(h))) return [];
    let isFile: boolean;
    try {
      isFile = statSync(base).isFile();
    } catch {
      return []; // nothing there: the pattern matches nothing, as a glob would
    }
    const found = isFile ? (rest === '' ? [''] : []) : filesUnder(base).filter(patternMatcher(rest));
    return found.map((f) => relative(srcDir, join(base, f)).split(sep).join('/'));
  };
  const result = new Set<string>();
  const tokens = (filter.length ? filter : DEFAULT_SRC_FILTER).flatMap((tok) => [...tok.matchAll(/([+-])<([^>]*)>/g)]);
  for (const m of tokens) {
    const pattern = m[2]!.replace(/^(\.\/)+/, '');
    for (const f of candidates(pattern === '.' ? '' : pattern)) {
      if (m[1] === '+') result.add(f);
      else result.delete(f);
    }
  }
  const excluded = (opts.exclude ?? []).map((d) => relative(srcDir, d).split(sep).join('/'));
  return [...result].filter((f) => !excluded.some((d) => d !== '' && (f === d || f.startsWith(`${d}/`)))).sort();
}
