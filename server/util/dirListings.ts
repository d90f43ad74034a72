import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';

/** Where names are compared as open() compares them (Linux's usual file systems), a listing can say a file is not there. */
const LISTINGS_ANSWER = process.platform === 'linux';

/**
 * Whether files exist, from one listing per directory: the include search and the library finder
 * ask about thousands of places that hold nothing (every include dir of every library), which one
 * readdir per directory answers instead of one failing stat or access() each. A name that is listed
 * is still checked, since a dangling link is not a file the compiler would read. Listings are kept
 * for the object's life: make one per build.
 */
export class DirListings {
  private readonly names = new Map<string, Set<string> | null>();

  exists(path: string): boolean {
    if (!LISTINGS_ANSWER) return existsSync(path);
    const dir = dirname(path);
    let names = this.names.get(dir);
    if (names === undefined) {
      try {
        names = new Set(readdirSync(dir));
      } catch {
        names = null;
      }
      this.names.set(dir, names);
    }
    return names !== null && names.has(basename(path)) && existsSync(path);
  }
}
