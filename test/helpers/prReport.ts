import type { JsonBuildResult } from '../../server/protocol/wire.ts';
import type { PrContext, ReportLog } from '../../src/action/prComment/index.ts';

/** A build result as the engine reports it, with the numbers a test cares about overridden. */
export function buildResult(
  environment: string,
  over: { flash?: number; ram?: number; hits?: number; misses?: number; ok?: boolean } = {},
): JsonBuildResult {
  const hits = over.hits ?? 20;
  const misses = over.misses ?? 3;
  return {
    environment,
    ok: over.ok ?? true,
    upToDate: false,
    artifacts: { elf: `/w/.pio/build/${environment}/firmware.elf`, hex: `/w/.pio/build/${environment}/firmware.hex` },
    size: { flash: over.flash ?? 3254, ram: over.ram ?? 210, flashMax: 32256, ramMax: 2048 },
    stats: {
      compiles: hits + misses + 1,
      hits,
      misses,
      uncacheable: 1,
      errors: 0,
      hitRate: hits / (hits + misses + 1),
      timeSavedMs: 8400,
      missReasons: misses ? { 'source changed': misses - 1, new: 1 } : {},
      uncacheableUnits: [{ source: 'src/version.cpp', reason: '__DATE__ or __TIME__' }],
    },
    durationMs: 2150,
  };
}

export const HEAD_1 = '1111111111111111111111111111111111111111';
export const HEAD_2 = '2222222222222222222222222222222222222222';

/** The context of a pull_request run of octo/firmware#7 against the emulator. */
export function prContext(apiUrl: string, over: Partial<PrContext> = {}): PrContext {
  const runId = over.runId ?? 100;
  return {
    apiUrl,
    serverUrl: 'https://github.com',
    owner: 'octo',
    repo: 'firmware',
    number: 7,
    headSha: HEAD_1,
    runId,
    runAttempt: 1,
    runUrl: `https://github.com/octo/firmware/actions/runs/${runId}`,
    fork: false,
    eventName: 'pull_request',
    ...over,
  };
}

/** A log that keeps what it was told, by level. */
export function recordingLog(): ReportLog & { infos: string[]; notices: string[]; warnings: string[]; all(): string } {
  const infos: string[] = [];
  const notices: string[] = [];
  const warnings: string[] = [];
  return {
    infos,
    notices,
    warnings,
    info: (m) => void infos.push(m),
    notice: (m) => void notices.push(m),
    warning: (m) => void warnings.push(m),
    all: () => [...infos, ...notices, ...warnings].join('\n'),
  };
}

/** Waits short enough for a test and still long enough for concurrent writers to race. */
export const FAST = { timing: { minSettleMs: 40, jitterMs: 60, attempts: 12 }, retry: { baseDelayMs: 20 } };
