import { rmSync } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { pause, throwIfCancelled } from './cancellation.js';

/**
 * One build of a project's env at a time, across processes and within the server: two builds writing
 * one build dir corrupt each other's objects (lto1 crashed on a half-written one), and a build that
 * checks "up to date" while an older one is still writing reports the wrong firmware.
 *
 * proper-lockfile (already used for the store's index): a lock directory whose mtime the holder
 * refreshes, so the lock of a killed process goes stale and is taken over after STALE_MS.
 */

const STALE_MS = 30_000;
export const BUILD_LOCK_NAME = 'build.lock';
const POLL_MS = 200;

export interface BuildDirLockOptions {
  environment: string;
  signal?: AbortSignal;
  /** Called once, when another build holds the lock and this one starts waiting. */
  onWait(): void;
}

/** Takes the build dir's lock, waiting for another build to finish; returns the release. */
export async function lockBuildDir(buildDir: string, opts: BuildDirLockOptions): Promise<() => Promise<void>> {
  let waiting = false;
  for (;;) {
    throwIfCancelled(opts.signal, opts.environment);
    try {
      const release = await lockfile.lock(buildDir, {
        lockfilePath: join(buildDir, BUILD_LOCK_NAME),
        realpath: false,
        stale: STALE_MS,
        // The default throws from a timer, which would take the whole server down. A lock lost this
        // way (this process stalled past STALE_MS) cannot be won back; the build carries on.
        onCompromised: () => undefined,
      });
      return () => release().catch(() => undefined);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
    }
    if (!waiting) {
      waiting = true;
      opts.onWait();
    }
    await pause(POLL_MS, opts.signal);
  }
}

/**
 * Removes the build dir's lock at once instead of waiting STALE_MS for it to go stale: only for a
 * holder known to be dead (the action's server, killed in the middle of a build).
 */
export function breakBuildDirLock(buildDir: string): void {
  rmSync(join(buildDir, BUILD_LOCK_NAME), { recursive: true, force: true });
}
