import { DirListings } from '../util/dirListings.js';
import type { FileDigest } from './fileHasher.js';

/**
 * What one build session has already looked at: within a build no source, header or compiler
 * changes between its units, so each file is stat'ed (and, if new, hashed) once per session rather
 * than once per unit that includes it, and each compiler is identified once. A build makes a new
 * session, so a header edited between two builds of one server is seen by the second; across
 * sessions the FileHasher's stat cache (with its racy-mtime guard) still decides what to re-hash.
 */
export class CompileSession {
  /** Digest by absolute path. An unreadable file is not remembered: it is asked about again. */
  private readonly digests = new Map<string, FileDigest>();
  /** Files looked at (stat'ed, or hashed if new) in this session. */
  checkedFiles = 0;
  /** Compiler identity by resolved compiler path. */
  private readonly compilers = new Map<string, string>();

  digest(path: string, compute: (path: string) => FileDigest | undefined): FileDigest | undefined {
    let d = this.digests.get(path);
    if (d === undefined) {
      d = compute(path);
      this.checkedFiles++;
      if (d) this.digests.set(path, d);
    }
    return d;
  }

  /**
   * Whether a file exists, checked once per session: the negative lookups of the include search.
   * Remembered by `name` (a stored entry's own spelling, which a build's one workspace makes
   * unambiguous), so a hit does not have to make the absolute path of each.
   */
  private readonly existing = new Map<string, boolean>();

  exists(name: string, abs: (name: string) => string): boolean {
    let e = this.existing.get(name);
    if (e === undefined) {
      e = this.fileExists(abs(name));
      this.checkedFiles++;
      this.existing.set(name, e);
    }
    return e;
  }

  /** Each directory's names, read once per session (the include search's negative lookups). */
  private readonly listings = new DirListings();

  private fileExists(path: string): boolean {
    return this.listings.exists(path);
  }

  compilerIdentity(path: string, compute: (path: string) => string): string {
    let id = this.compilers.get(path);
    if (id === undefined) {
      id = compute(path);
      this.compilers.set(path, id);
    }
    return id;
  }
}
