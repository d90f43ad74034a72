import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isExamplesReport } from '../../../server/engine/examplesReport.js';
import { EXAMPLES_WORK_DIR, type ExamplesReport } from '../../../server/engine/examplesSession.js';
import { restoreEntry, saveEntry, type ArchiveSpec } from '../cacheTransfer.js';
import type { RunnerContext } from '../runnerContext.js';

/**
 * Each run's examples report (a few KB) is its own cache entry, keyed by the matrix leg, the branch
 * and the commit: `fbuild-examples-report-v1-<leg>-<branch>-<sha>-<run id>-<attempt>`. A pull request
 * restores the newest entry of its base branch (`…-<leg>-<base branch>-` as the prefix; a PR may read
 * its base's caches) to compare sizes with. The leg is a hash of the boards, the example globs and
 * the library's folder, so each leg of a matrix compares with its own base.
 */
export interface ReportEntry {
  key: string;
  /** The base branch's prefix, on a pull request. */
  basePrefix?: string;
  baseBranch?: string;
  /** The report's file, and the archive holding it (named, not placed: the same on every runner). */
  file: string;
  archive: ArchiveSpec;
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9._/-]+/g, '_');

export function reportEntry(
  ctx: RunnerContext,
  env: NodeJS.ProcessEnv,
  leg: { boards: string[]; examples: string[]; libraryDir: string },
): ReportEntry {
  const legId = createHash('sha256')
    .update([[...leg.boards].sort().join(','), leg.examples.join('\n'), relative(ctx.workspace, leg.libraryDir) || '.'].join('\0'))
    .digest('hex')
    .slice(0, 12);
  const branch = safe(env.GITHUB_HEAD_REF || ctx.ref.replace(/^refs\/(heads|tags)\//, '') || 'unknown');
  const prefix = `fbuild-examples-report-v1-${legId}-`;
  // Archived under a fixed name (transferDir.ts): the entry's version hashes the path text, which is
  // then the same in every job, wherever the workspace is.
  const dir = join(leg.libraryDir, ...EXAMPLES_WORK_DIR.split('/'), 'report-entry');
  const baseBranch = env.GITHUB_BASE_REF ? safe(env.GITHUB_BASE_REF) : undefined;
  return {
    key: `${prefix}${branch}-${ctx.sha.slice(0, 12) || 'nosha'}-${ctx.runId}-${ctx.runAttempt}`,
    ...(baseBranch ? { basePrefix: `${prefix}${baseBranch}-`, baseBranch } : {}),
    file: join(dir, 'report.json'),
    archive: { root: dir, name: 'fbuild-examples-report', paths: ['report.json'] },
  };
}

/** The base branch's latest report, or undefined (not a PR, none saved yet, unreadable): never throws. */
export async function restoreBaseReport(entry: ReportEntry, log: (m: string) => void): Promise<ExamplesReport | undefined> {
  if (!entry.basePrefix) return undefined;
  rmSync(entry.file, { force: true });
  const r = await restoreEntry('examples report', entry.archive, `${entry.basePrefix}latest`, [entry.basePrefix]);
  if (r.warning) log(r.warning);
  if (!r.matchedKey || !existsSync(entry.file)) return undefined;
  try {
    const parsed: unknown = JSON.parse(readFileSync(entry.file, 'utf8'));
    return isExamplesReport(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Saves this run's report as its own entry; a failure is one warning line, never the job's. */
export async function saveReport(entry: ReportEntry, report: ExamplesReport, log: (m: string) => void): Promise<boolean> {
  mkdirSync(join(entry.file, '..'), { recursive: true });
  writeFileSync(entry.file, JSON.stringify(report));
  const r = await saveEntry('examples report', entry.archive, entry.key);
  if (r.warning) log(r.warning);
  return r.saved;
}
