import { closeSync, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { usesClockMacro } from './clockMacros.js';
import { sha256Hex } from './hash.js';
import { sourceMarkers, type SourceMarkers } from './sourceMarkers.js';

/** A file's content hash and markers, with the stat data it was hashed at (ctime: unlike mtime, utimes() cannot set it). */
export interface FileDigest extends SourceMarkers, StatStamp {
  hash: string;
  /** The file uses `__DATE__`, `__TIME__` or `__TIMESTAMP__` as a token (outside comments and literals). */
  usesClock: boolean;
}

type StatEntry = FileDigest;

/** What a stat says about a file: when none of it changed, neither did the content (unless racy). */
export interface StatStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export function stampOf(st: Stats): StatStamp {
  return { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino };
}

export function sameStamp(a: StatStamp, b: StatStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

/**
 * Racily clean, as git calls it: a file changed within the file clock's granularity of when it was
 * read could change again without its stat changing, so its stat cannot vouch for its content.
 */
export function isRacy(stamp: StatStamp, readAtMs: number): boolean {
  return readAtMs - Math.max(stamp.mtimeMs, stamp.ctimeMs) <= 2000;
}

const MAX_ENTRIES = 200_000;

/** Files up to this size are read into one buffer kept for the purpose (most sources and headers). */
const SHARED_READ_BYTES = 256 * 1024;
let sharedRead: Buffer | undefined;

/**
 * A file's bytes when its size is known from a stat just taken: open, one read, close (readFileSync
 * would stat it again), into a buffer that is reused, so a valid result only lives until the next
 * call. A file whose size is no longer the stat's (written meanwhile) is read whole the usual way.
 */
function readWhole(path: string, size: number): Buffer {
  if (size >= SHARED_READ_BYTES) return readFileSync(path);
  sharedRead ??= Buffer.allocUnsafe(SHARED_READ_BYTES);
  const fd = openSync(path, 'r');
  let n: number;
  try {
    // One byte more than expected: a file that grew since the stat is seen.
    n = readSync(fd, sharedRead, 0, size + 1, 0);
  } finally {
    closeSync(fd);
  }
  return n === size ? sharedRead.subarray(0, n) : readFileSync(path);
}

/**
 * Content hashes of source and header files, with a stat cache keyed by path: a file whose size,
 * mtime, ctime and inode are unchanged is not read again. A file modified within the clock's
 * granularity of when it was hashed ("racily clean", as git calls it) is not trusted from the cache.
 */
export class FileHasher {
  private readonly cache = new Map<string, StatEntry>();
  hashedFiles = 0;

  /** The digest of a file, or undefined if it cannot be read. */
  digest(path: string): FileDigest | undefined {
    let st: Stats | undefined;
    try {
      st = statSync(path, { throwIfNoEntry: false });
    } catch {
      return undefined;
    }
    if (!st || !st.isFile()) return undefined;
    const known = this.cache.get(path);
    if (known && sameStamp(known, st)) return known;
    let data: Buffer;
    try {
      data = readWhole(path, st.size);
    } catch {
      return undefined;
    }
    this.hashedFiles++;
    const entry: StatEntry = { hash: sha256Hex(data), usesClock: usesClockMacro(data), ...sourceMarkers(data), ...stampOf(st) };
    // Racily clean: a write in the same tick as this read would not change the stat data.
    if (!isRacy(entry, Date.now())) {
      // A long-lived server sees many files: start over rather than grow without bound.
      if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
      this.cache.set(path, entry);
    }
    return entry;
  }

  /** Forgets everything (used when the caller knows files changed behind the stat data's back). */
  clear(): void {
    this.cache.clear();
  }
}
