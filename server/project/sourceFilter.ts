import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const SOURCE_EXTENSIONS = ['.c', '.cpp', '.cc', '.cxx', '.S'];
const SKIP_DIRS = new Set(['.git', '.svn', '.fbuild', '.pio']);

/** Every file under `dir`, as `/`-separated paths relative to it, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(join(d, e.name));
      } else if (e.isFile()) out.push(relative(dir, join(d, e.name)).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') {
      // `**` and `*` both cross directories: PlatformIO's `+<*>` means everything below.
      while (pattern[i + 1] === '*') i++;
      re += '.*';
    } else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * Applies a PlatformIO `build_src_filter` (`+<pattern>` includes, `-<pattern>` excludes, in order,
 * the last match winning) to paths relative to the source directory. A pattern ending in `/` names a
 * directory and everything in it. The default is `+<*>`.
 */
export function applySrcFilter(files: readonly string[], filter: readonly string[]): string[] {
  const rules = (filter.length ? filter : ['+<*>']).map((tok) => {
    const m = /^([+-])<(.*)>$/.exec(tok.trim());
    if (!m) return undefined;
    const pat = m[2]!.replace(/^\.\//, '');
    const re = pat.endsWith('/') ? globToRegExp(`${pat}*`) : globToRegExp(pat);
    const dirRe = pat.endsWith('/') ? undefined : globToRegExp(`${pat}/*`);
    return { include: m[1] === '+', test: (f: string) => re.test(f) || (dirRe?.test(f) ?? false) };
  });
  return files.filter((f) => {
    let included = false;
    for (const r of rules) if (r && r.test(f)) included = r.include;
    return included;
  });
}
