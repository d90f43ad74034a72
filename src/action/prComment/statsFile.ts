import type { CacheStats, FailedBuildResult, JsonBuildResult } from '../../../server/protocol/wire.js';
import { reportRowFromBuild, type EnvReportRow } from './reportRow.js';

/**
 * The action's `stats-file` output: one JSON file per job with every environment it built. The fork
 * PR recipe (report/action.yml) reads these back from the legs' artifacts, so this is the one place
 * the shape is written down.
 */
export interface StatsFile {
  environments: Record<
    string,
    {
      result: JsonBuildResult | FailedBuildResult;
      /** The last build of this environment saved with the restored store (`<cacheDir>/reports/<env>.json`). */
      baseline?: JsonBuildResult;
      cache?: CacheStats;
    }
  >;
  /** The commit built (on pull_request events, the PR's head). */
  sha: string;
  ref: string;
}

/**
 * The report rows of one stats file. It may come from a fork's artifact: anything that is not a
 * build result is skipped and named in `skipped`, never trusted (the rows are sanitized later too).
 */
export function rowsFromStatsFile(parsed: unknown): { rows: EnvReportRow[]; skipped: string[] } {
  const rows: EnvReportRow[] = [];
  const skipped: string[] = [];
  const environments = (parsed as Partial<StatsFile> | null)?.environments;
  if (!environments || typeof environments !== 'object') return { rows, skipped: ['(no "environments")'] };
  for (const [name, entry] of Object.entries(environments)) {
    try {
      const result = entry.result;
      const named = result.environment ? result : { ...result, environment: name };
      rows.push(reportRowFromBuild(named as JsonBuildResult | FailedBuildResult, entry.baseline?.size ? entry.baseline : undefined));
    } catch {
      skipped.push(name);
    }
  }
  return { rows, skipped };
}

export function isStatsFile(parsed: unknown): boolean {
  const environments = (parsed as Partial<StatsFile> | null)?.environments;
  return !!environments && typeof environments === 'object' && !Array.isArray(environments);
}
