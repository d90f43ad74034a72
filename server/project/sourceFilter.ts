import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { segmentRegExp } from './platformioIni.js';

export const SOURCE_EXTENSIONS = ['.c', '.cpp', '.cc', '.cxx', '.S'];
const SKIP_DIRS = new Set(['.git', '.svn', '.fbuild', '.pio']);
/** Deep enough for any real tree; stops a symlink loop. */
const MAX_DEPTH = 24;

/** Every file under `dir`, as `/`-separated paths relative to it, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      // A symlink is followed (PlatformIO walks with followlinks=True); a broken one is skipped.
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = statSync(join(d, e.name));
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue;
        }
      }
      if (isDir) {
        if (!SKIP_DIRS.has(e.name) && depth < MAX_DEPTH) walk(join(d, e.name), depth + 1);
      } else if (isFile) out.push(relative(dir, join(d, e.name)).split(sep).join('/'));
    }
  };
  walk(dir, 0);
  return out.sort();
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
