import { closeSync, fstatSync, ftruncateSync, openSync, writeSync } from 'node:fs';

/**
 * Writes `data` as the whole content of `path`, over the file's own blocks when it exists (open
 * without O_TRUNC, write, cut what is left past the end) instead of truncating it first, as
 * writeFileSync does. Freeing a file's blocks is the costly part of rewriting an output on a
 * filesystem mounted with `discard` (this machine's ext4): 0.27 ms against 0.04 ms per 6 KB object,
 * measured; a cache hit over an existing output does exactly this. The result is the same file,
 * mtime updated; what a failed write leaves is as undefined as with O_TRUNC (a compiler's own output
 * has the same guarantee).
 */
export function writeOver(path: string, data: Uint8Array | string): void {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  let fd: number;
  try {
    fd = openSync(path, 'r+');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    fd = openSync(path, 'w');
  }
  try {
    for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at, at);
    if (fstatSync(fd).size > bytes.length) ftruncateSync(fd, bytes.length);
  } finally {
    closeSync(fd);
  }
}
