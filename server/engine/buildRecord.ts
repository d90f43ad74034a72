import { readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { writeFileAtomic } from '../util/atomicWrite.js';

/**
 * What a build dir stands for without holding it (Bazel's "build without the bytes"): a warm build
 * whose compiles and link hit writes the firmware and not the objects, depfiles and archives; those
 * stay in the store. The record lists them, so that nobody takes a file of an older build left at
 * one of those paths for this build's (none is left: a deferred path's old file is deleted), and so
 * that `--keep-objects` / `fbuild materialize` know there is something to write.
 *
 * A build never reads an object from the build dir without having compiled (or hit) it first in the
 * same build, so the record is not what keeps a build correct; it is what says what is on disk.
 */
export interface BuildRecord {
  v: 1;
  /** Project-relative paths of the build's objects, depfiles and archives that are not on disk. */
  deferred: string[];
}

const NAME = 'build-record.json';

export function buildRecordPath(projectDir: string, buildDir: string): string {
  return join(projectDir, buildDir, NAME);
}

/** The record of the last build in this dir; an unreadable or missing one is an empty record. */
export function readBuildRecord(path: string): BuildRecord {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<BuildRecord>;
    if (parsed.v === 1 && Array.isArray(parsed.deferred) && parsed.deferred.every((p) => typeof p === 'string')) {
      return { v: 1, deferred: parsed.deferred };
    }
  } catch {
    // none yet, or not ours: nothing is known to be deferred
  }
  return { v: 1, deferred: [] };
}

/**
 * Records what this build deferred, after deleting whatever an older build left at those paths
 * (the paths the previous record already listed are known to be empty).
 */
export function writeBuildRecord(path: string, projectDir: string, previous: BuildRecord, deferred: Iterable<string>): void {
  const known = new Set(previous.deferred);
  const now = [...new Set(deferred)].sort();
  // One listing per directory rather than one unlink per path: in a fresh build dir (another
  // checkout, a CI job) nothing is there, and hundreds of unlinks would each fail.
  const byDir = new Map<string, string[]>();
  for (const p of now) {
    if (known.has(p)) continue;
    const abs = join(projectDir, p);
    const dir = dirname(abs);
    let names = byDir.get(dir);
    if (!names) byDir.set(dir, (names = []));
    names.push(basename(abs));
  }
  const listings = new Listings(projectDir);
  for (const [dir, names] of byDir) {
    const present = listings.of(dir);
    for (const name of names) if (present.has(name)) removeFile(join(dir, name));
  }
  writeFileAtomic(path, JSON.stringify({ v: 1, deferred: now } satisfies BuildRecord));
}

/**
 * The names in directories under the project, each directory listed once, and a directory whose
 * parent does not hold it is not listed at all: in a fresh build dir, one listing answers for the
 * whole tree below it (a failed readdir throws, which costs more than the listing).
 */
class Listings {
  private readonly known = new Map<string, Set<string>>();
  constructor(private readonly root: string) {}

  of(dir: string): Set<string> {
    let names = this.known.get(dir);
    if (names) return names;
    const parent = dirname(dir);
    const reachable = dir === this.root || !dir.startsWith(this.root + sep) || this.of(parent).has(basename(dir));
    names = reachable ? listing(dir) : new Set<string>();
    this.known.set(dir, names);
    return names;
  }
}

/** The names in a directory; none when it is not there. */
function listing(dir: string): Set<string> {
  try {
    return new Set(readdirSync(dir));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return new Set();
    throw e;
  }
}

/** Deletes a file left by an older build; none there is the usual case (a fresh build dir), and cheap. */
function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}
