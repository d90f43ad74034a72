import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CacheStats } from '../../server/protocol/wire.js';
import type { EnvRecord } from './report.js';

/** The `stats-file` output: every env's whole result, the server's cache stats, and the transfers. */
export interface StatsFile {
  environments: Record<string, EnvRecord>;
  cache?: CacheStats;
  store?: { restoredKey?: string; savedKey?: string; saveSkipped?: string; restoreMs: number; saveMs?: number };
  /** Where the job's time went, in ms (the benchmark reads these). */
  timings?: { restoreMs: number; serverStartMs: number; stopMs: number; pruneMs: number; saveMs: number; reportMs: number };
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
