import { randomBytes } from 'node:crypto';
import { readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isProcessAlive } from './processAlive.js';

/**
 * Writes `data` to `path` whole: to `<path>.<pid>.<random>.tmp` first, then renamed into place. On any
 * failure (a full disk above all) the temporary file is removed before the error is rethrown: a
 * full disk must not fill up further with halves of files nobody will ever rename. `tmpDir` (on the
 * same filesystem) keeps the temporary file out of `path`'s directory: a reader walking that directory
 * (tar archiving the store while another process writes it) never meets a file that vanishes.
 * `mode`: the file's permissions, from its creation on (a private file is never readable by others).
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, opts: { tmpDir?: string; mode?: number } = {}): void {
  const { tmpDir, mode } = opts;
  const name = `${tmpDir ? basename(path) : path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const tmp = tmpDir ? join(tmpDir, name) : name;
  try {
    writeFileSync(tmp, data, mode === undefined ? {} : { mode });
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // never created, or gone
    }
    throw e;
  }
}

/** A temporary file of a writer that is gone (its pid is in the name) or has taken this long. */
const ABANDONED_AFTER_MS = 60 * 60_000;
const TMP_NAME = /\.(\d+)(?:\.[0-9a-f]+)?\.tmp$/;

/**
 * Removes the temporary files a crashed or killed writer left in `dir` (not recursive). Returns how
 * many were removed. A live writer's file is left alone unless it is an hour old.
 */
export function sweepAbandonedTemps(dir: string, now = Date.now()): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const m = TMP_NAME.exec(name);
    if (!m) continue;
    const p = join(dir, name);
    try {
      const pid = Number(m[1]);
      const abandoned = (pid !== process.pid && !isProcessAlive(pid)) || now - statSync(p).mtimeMs > ABANDONED_AFTER_MS;
      if (!abandoned) continue;
      unlinkSync(p);
      removed++;
    } catch {
      // removed by someone else
    }
  }
  return removed;
}
