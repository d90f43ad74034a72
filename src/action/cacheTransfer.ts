/**
 * Restore and save through @actions/cache, with what it leaves out: a deadline (a stalled service
 * must not hold the job for the client's 5 × 3 min of retries), and every failure turned into one
 * warning. Caching never fails the job: these functions do not throw.
 */

import { timedTransfer } from './stepTimes.js';
import { inTransferDir, type ArchiveSpec } from './transferDir.js';

export type { ArchiveSpec } from './transferDir.js';

export interface RestoreOutcome {
  matchedKey?: string;
  ms: number;
  warning?: string;
  /** Given up at the deadline: the extraction may still be writing. */
  timedOut?: true;
}

export interface SaveOutcome {
  saved: boolean;
  ms: number;
  warning?: string;
}

/** `FBUILD_CACHE_TIMEOUT` (seconds) bounds each restore and save; default 10 minutes. */
function deadlineMs(env: NodeJS.ProcessEnv = process.env): number {
  const s = Number(env.FBUILD_CACHE_TIMEOUT);
  return Number.isFinite(s) && s > 0 ? s * 1000 : 600_000;
}

const TIMED_OUT = Symbol('timed out');

async function withDeadline<T>(p: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((r) => (timer = setTimeout(() => r(TIMED_OUT), ms)));
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * @actions/cache logs its own failures (warnings, or errors for a 5xx) and returns undefined or -1;
 * a failed reservation is only an info line. Those lines are collected here and printed as plain log
 * lines, so that the job gets one warning (ours, naming the cause) and no error annotation: a cache
 * problem is not a job failure.
 */
async function capturingProblems<T>(fn: () => Promise<T>, ms: number): Promise<{ value: T | typeof TIMED_OUT; problems: string[] }> {
  const problems: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    let text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    const found = [...text.matchAll(/^::(?:warning|error)[^:]*::(.*)$|^(Failed to save: .*)$/gm)].map((m) => firstLine(m[1] ?? m[2]!));
    for (const p of found) if (!problems.includes(p)) problems.push(p);
    text = text.replace(/^::(?:warning|error)[^:]*::(.*)$/gm, (_, m: string) => unescapeCommand(m));
    return (write as (...a: unknown[]) => boolean)(text, ...rest);
  }) as typeof process.stdout.write;
  try {
    // On a timeout the call is abandoned (the step's process exits when its phase is done).
    return { value: await withDeadline(fn(), ms), problems };
  } finally {
    process.stdout.write = write;
  }
}

/** Workflow command data is escaped (%25, %0D, %0A); our warning quotes it as text. */
function unescapeCommand(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

const firstLine = (s: string) => unescapeCommand(s).split('\n')[0]!;

// @actions/cache (with the Azure SDK, most of the bundle) is loaded only for a transfer: a warm job
// whose store gained nothing never loads it in its save step.
const loadCache = () => import('@actions/cache');

export async function cacheServiceAvailable(): Promise<boolean> {
  return (await loadCache()).isFeatureAvailable();
}

export async function restoreEntry(what: string, archive: ArchiveSpec, primaryKey: string, restoreKeys: string[]): Promise<RestoreOutcome> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const cache = await loadCache();
    const r = await inTransferDir(archive, (paths) =>
      timedTransfer(() => capturingProblems(() => cache.restoreCache(paths, primaryKey, restoreKeys), deadlineMs())),
    );
    if (r.value === TIMED_OUT)
      return {
        ms: ms(),
        timedOut: true,
        warning: `${what}: the cache service did not answer within ${deadlineMs() / 1000} s; going on without it`,
      };
    if (r.value) return { matchedKey: r.value, ms: ms() };
    return { ms: ms(), ...(r.problems.length ? { warning: `${what}: not restored: ${r.problems.join('; ')}` } : {}) };
  } catch (e) {
    return { ms: ms(), warning: `${what}: not restored: ${(e as Error).message}` };
  }
}

/**
 * GNU tar exits 1 when a file or directory changed while it read it: another job writing the same
 * cache dir (a self-hosted runner) as this one archives it. The archive is made before the entry is
 * reserved, so trying again a moment later (when the other job's writes are done) is safe.
 */
const TAR_RACE = /tar\W+failed with (error: )?.*exit code 1\b/;
const TAR_RETRIES = 3;

export async function saveEntry(what: string, archive: ArchiveSpec, key: string): Promise<SaveOutcome> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const cache = await loadCache();
    const save = () =>
      inTransferDir(archive, (paths) => timedTransfer(() => capturingProblems(() => cache.saveCache(paths, key), deadlineMs())));
    let r = await save();
    for (
      let attempt = 1;
      attempt < TAR_RETRIES && r.value !== TIMED_OUT && r.value <= 0 && r.problems.some((p) => TAR_RACE.test(p));
      attempt++
    ) {
      await new Promise((wait) => setTimeout(wait, 1000 * attempt));
      r = await save();
    }
    if (r.value === TIMED_OUT)
      return { saved: false, ms: ms(), warning: `${what}: the cache service did not answer within ${deadlineMs() / 1000} s; not saved` };
    if (r.value > 0) return { saved: true, ms: ms() };
    const cause = r.problems.length ? r.problems.join('; ') : 'the cache service refused it (read-only cache or saving turned off)';
    return { saved: false, ms: ms(), warning: `${what}: not saved (key ${key}): ${cause}` };
  } catch (e) {
    return { saved: false, ms: ms(), warning: `${what}: not saved (key ${key}): ${(e as Error).message}` };
  }
}
