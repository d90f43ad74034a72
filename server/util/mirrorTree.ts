import { copyFileSync, linkSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Deep enough for any real tree; stops a symlink loop. */
const MAX_DEPTH = 24;

/**
 * Makes `dest` a copy of the tree at `src` made of hard links (a copy where a link cannot be made,
 * e.g. across devices): the same bytes, inodes and mtimes, for the cost of a directory walk. What
 * was at `dest` is replaced. Names in `skip` are left out at the top level; symlinks are followed.
 */
export function mirrorTree(src: string, dest: string, skip: ReadonlySet<string> = new Set()): void {
  rmSync(dest, { recursive: true, force: true });
  const walk = (from: string, to: string, depth: number) => {
    mkdirSync(to, { recursive: true });
    for (const name of readdirSync(from)) {
      if (depth === 0 && skip.has(name)) continue;
      const a = join(from, name);
      let st;
      try {
        st = statSync(a);
      } catch {
        continue; // a broken symlink
      }
      const b = join(to, name);
      if (st.isDirectory()) {
        if (depth < MAX_DEPTH) walk(a, b, depth + 1);
      } else if (st.isFile()) {
        try {
          linkSync(a, b);
        } catch {
          copyFileSync(a, b);
        }
      }
    }
  };
  walk(src, dest, 0);
}
