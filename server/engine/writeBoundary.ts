import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { UserError } from '../util/errors.js';

/**
 * Where a server may write and delete: inside its allowed roots, after symlinks are resolved. This
 * module lists every place a build writes or deletes in, and checks paths against the roots; the
 * server's routes refuse a request (403) on what it finds, before anything is touched.
 */

/** A place a build writes or deletes in, and what it is (for the refusal's message). */
export interface WriteTarget {
  what: string;
  path: string;
}

/**
 * Every place a build of one env writes or deletes in. Everything the build makes goes under its
 * build dir: objects, archives, the `.ino` made C++, the link's staging dir, the firmware, the
 * fingerprint, the build dir's lock. The env's lib_deps dir is written when it has lib_deps to
 * install, and deleted in when it was installed before (its `integrity.dat` lists what was
 * installed: a spec gone from lib_deps is uninstalled, its folder deleted), even with no lib_deps left.
 * Temporary files (a compile's own depfile, the wrapped backend's outcome files) go to the OS's
 * temp dir, named by the server; the toolchains and the store are the server's own dirs.
 */
export function buildWriteTargets(p: {
  projectDir: string;
  buildDir: string;
  libDepsEnvDir: string;
  libDeps: readonly string[];
}): WriteTarget[] {
  const targets: WriteTarget[] = [{ what: 'build dir', path: resolve(p.projectDir, p.buildDir) }];
  if (p.libDeps.length > 0 || existsSync(join(p.libDepsEnvDir, 'integrity.dat'))) {
    targets.push({ what: 'lib_deps dir', path: resolve(p.projectDir, p.libDepsEnvDir) });
  }
  return targets;
}

/** The real location of a path, following symlinks in the part that exists. */
export function realLocation(p: string): string {
  let existing = p;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  // The native realpath is one system call; fs.realpathSync's own walk lstats every component.
  const real = realpathSync.native(existing);
  return real + p.slice(existing.length);
}

/** Whether `p`, with its symlinks resolved, is one of the roots or inside one (roots are real paths). */
export function isInsideRoots(p: string, roots: readonly string[]): boolean {
  const real = realLocation(resolve(p));
  return roots.some((root) => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep));
}

/** The first target outside the roots, with where it really leads; undefined when all are inside. */
export function firstOutsideRoots(targets: readonly WriteTarget[], roots: readonly string[]): (WriteTarget & { real: string }) | undefined {
  for (const t of targets) {
    const real = realLocation(resolve(t.path));
    if (!isInsideRoots(real, roots)) return { ...t, real };
  }
  return undefined;
}

/**
 * Inside the build dir, a build writes only where the build dir leads: a symlink in it (`src` ->
 * elsewhere, committed or left by a tool) would put objects wherever it points, beyond what the
 * check of the build dir itself saw. Checked once per build for every directory it makes objects in
 * (an object dir outside the build dir by its path, from a source above the project, is left alone).
 */
export function checkUnderBuildDir(buildDir: string, dirs: Iterable<string>): void {
  const lexical = resolve(buildDir);
  const real = realLocation(lexical);
  for (const dir of new Set(dirs)) {
    const abs = resolve(dir);
    if (!abs.startsWith(lexical + sep)) continue;
    const leadsTo = realLocation(abs);
    if (leadsTo !== real + abs.slice(lexical.length)) {
      throw new UserError(
        `the build would write in ${abs}, which leads to ${leadsTo} through a symlink in its build dir; remove that symlink`,
      );
    }
  }
}
