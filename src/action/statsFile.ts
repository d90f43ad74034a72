import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CacheStats, JsonBuildResult } from '../../server/protocol/wire.js';
import type { StatsFile as ReportStatsFile } from './prComment/statsFile.js';
import type { EnvRecord } from './reportRows.js';
import type { StepTime } from './stepTimes.js';

/**
 * The `stats-file` output: every env's whole result (with the baseline it is compared with), the
 * server's cache stats, and the transfers. It is a superset of what the fork PR recipe reads back
 * from the legs' artifacts (`prComment/statsFile.ts`), which the type below keeps true.
 */
export interface StatsFile extends Partial<Pick<ReportStatsFile, 'sha' | 'ref'>> {
  environments: Record<string, EnvRecord & { baseline?: JsonBuildResult }>;
  cache?: CacheStats;
  store?: { restoredKey?: string; savedKey?: string; saveSkipped?: string; restoreMs: number; saveMs?: number };
  /** Where the job's time went, in ms (the benchmark reads these). */
  timings?: {
    restoreMs: number;
    serverStartMs: number;
    stopMs: number;
    pruneMs: number;
    saveMs: number;
    reportMs: number;
    /** Each step's wall time and, of it, the transfers (the save's up to its summary). */
    steps?: StepTime[];
    /** The job summary's "cache overhead": the steps' time minus the transfers and the builds themselves. */
    cacheOverheadMs?: number;
  };
}

export const statsFilePath = (jobDir: string) => join(jobDir, 'stats.json');

export function readStatsFile(path: string): StatsFile {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as StatsFile;
  } catch {
    return { environments: {} };
  }
}

export function writeStatsFile(path: string, stats: StatsFile): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(stats, null, 2));
}
