/**
 * Each step's own time: its wall time minus the time spent inside @actions/cache's restore and save
 * calls (the transfers, which the action cannot make cheaper). The job summary shows the sum over the
 * steps as "cache overhead", with the builds themselves left out as well: what fbuild's machinery
 * costs a job beyond moving the archives and compiling.
 *
 * One process may run one step (the sub-actions) or all three (the composite action's job step): a
 * step starts at the process's start (`performance.now()` counts from it) or where the previous
 * step of the same process ended.
 */

export type StepName = 'setup' | 'build' | 'save';

export interface StepTime {
  step: StepName;
  /** Wall time of the step, ms: from its process's start (or the previous step's end) to its end. */
  ms: number;
  /** Of it, inside @actions/cache restore/save calls (at once counted once). */
  transferMs: number;
}

// Transfers may run at once (the setup step restores the store, the toolchains and the libraries
// together): the clock runs while one or more is in flight, so they count once.
let inFlight = 0;
let since = 0;
let transferTotal = 0;

/** Wraps one @actions/cache call. */
export async function timedTransfer<T>(call: () => Promise<T>): Promise<T> {
  if (inFlight++ === 0) since = performance.now();
  try {
    return await call();
  } finally {
    if (--inFlight === 0) transferTotal += performance.now() - since;
  }
}

/** Transfer time of this process so far, ms. */
export function transferMsSoFar(): number {
  return transferTotal + (inFlight > 0 ? performance.now() - since : 0);
}

let current: { step: StepName; startedAt: number; transferAtStart: number; takenAt?: { ms: number; transferMs: number } } | undefined;

/**
 * Marks a step's start: the first step of a process starts at the process's start, a later one where
 * the previous step's time was taken (so that no time of the process falls between two steps).
 */
export function beginStep(step: StepName): void {
  if (!current) current = { step, startedAt: 0, transferAtStart: 0 };
  else {
    const end = current.takenAt ?? { ms: performance.now(), transferMs: transferMsSoFar() };
    current = { step, startedAt: end.ms, transferAtStart: end.transferMs };
  }
}

/** The running step's time so far (undefined when no step was begun in this process). */
export function stepTimeSoFar(): StepTime | undefined {
  if (!current) return undefined;
  current.takenAt = { ms: performance.now(), transferMs: transferMsSoFar() };
  return {
    step: current.step,
    ms: Math.round(current.takenAt.ms - current.startedAt),
    transferMs: Math.round(current.takenAt.transferMs - current.transferAtStart),
  };
}

/**
 * The summary's "cache overhead": every step's time minus the transfers, and minus the builds
 * themselves (the compiles and links the server ran, taken from the build step's own time).
 */
export function cacheOverhead(
  steps: readonly StepTime[],
  buildsMs: number,
): { ms: number; transferMs: number; buildsMs: number; ownMs: Partial<Record<StepName, number>> } {
  const ownMs: Partial<Record<StepName, number>> = {};
  let transferMs = 0;
  for (const s of steps) {
    ownMs[s.step] = Math.max(0, s.ms - s.transferMs - (s.step === 'build' ? buildsMs : 0));
    transferMs += s.transferMs;
  }
  const ms = Object.values(ownMs).reduce((a, b) => a + b, 0);
  return { ms, transferMs, buildsMs, ownMs };
}

/** A step's record replaced (a step run again, e.g. the save after a job step that died, counts once). */
export function withStepTime(steps: readonly StepTime[] | undefined, t: StepTime): StepTime[] {
  return [...(steps ?? []).filter((s) => s.step !== t.step), t];
}
