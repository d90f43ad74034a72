import { HIT_RATE_DEFINITION } from '../../../server/util/hitRate.js';
import { plural } from '../../../server/util/plural.js';
import { encodeData, MARKER, type CommentData, type ReportedRow } from './commentData.js';
import { thousands } from '../../../server/util/thousands.js';

/** GitHub refuses an issue comment over 65,536 characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;
// The budget keeps a margin under the limit: GitHub counts characters after its own normalisation
// (line endings), and JavaScript's length (UTF-16 units) is never below the count of characters.
const DEFAULT_BUDGET = GITHUB_COMMENT_LIMIT - 536;

export interface RenderOptions {
  serverUrl: string;
  owner: string;
  repo: string;
  /** The longest body to produce (tests lower it). */
  maxChars?: number;
}

/** The newest report (highest run, then attempt) decides the heading; rows of other commits are stale. */
export function headOf(rows: readonly ReportedRow[]): ReportedRow | undefined {
  let head: ReportedRow | undefined;
  for (const r of rows) if (!head || r.runId > head.runId || (r.runId === head.runId && r.runAttempt > head.runAttempt)) head = r;
  return head;
}

/**
 * The whole comment body: the marker, the table, the miss reasons, the stored data. When it would be
 * too long, rows are left out (stale ones first, then from the end) and a note says how many.
 */
export function renderComment(rows: readonly ReportedRow[], opts: RenderOptions): string {
  const budget = opts.maxChars ?? DEFAULT_BUDGET;
  const ordered = displayOrder(rows);
  const withKept = (k: number, names = true) => {
    const left = ordered.slice(k);
    return renderBody(ordered.slice(0, k), ordered, opts, {
      v: 1,
      rows: ordered.slice(0, k),
      trimmed: names ? left.map((r) => r.environment) : [],
      trimmedCount: left.length,
    });
  };
  const full = withKept(ordered.length);
  if (full.length <= budget) return full;
  // The length grows with every row kept, so search for the most rows that fit.
  let lo = 0;
  let hi = ordered.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (withKept(mid).length <= budget) lo = mid;
    else hi = mid - 1;
  }
  const body = withKept(lo);
  return body.length <= budget ? body : withKept(lo, false);
}

/** Rows of the head commit by environment, then the stale ones by environment. */
function displayOrder(rows: readonly ReportedRow[]): ReportedRow[] {
  const head = headOf(rows);
  const byName = (a: ReportedRow, b: ReportedRow) => (a.environment < b.environment ? -1 : a.environment > b.environment ? 1 : 0);
  const current = rows.filter((r) => r.sha === head?.sha).sort(byName);
  const stale = rows.filter((r) => r.sha !== head?.sha).sort(byName);
  return [...current, ...stale];
}

function renderBody(shown: ReportedRow[], all: ReportedRow[], opts: RenderOptions, data: CommentData): string {
  const head = headOf(all);
  const repoUrl = `${opts.serverUrl}/${opts.owner}/${opts.repo}`;
  const lines: string[] = [MARKER];
  const sha = head?.sha ? `\`${head.sha.slice(0, 7)}\`` : 'this pull request';
  const commit = head?.sha ? `[${sha}](${repoUrl}/commit/${head.sha})` : sha;
  lines.push(`### fbuild build report for ${commit}`, '');
  const run = head?.runUrl ? `[run ${head.runId}](${head.runUrl})` : `run ${head?.runId ?? '?'}`;
  lines.push(`${plural(all.length, 'environment')} · latest ${run}`, '');
  lines.push(
    '| Environment | Result | Units | Hit rate | Hits / misses / uncacheable | Time saved | Build time | Flash | RAM |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const r of shown) lines.push(tableRow(r, r.sha !== head?.sha));
  lines.push('');
  const stale = shown.filter((r) => r.sha !== head?.sha).length;
  if (stale) lines.push(`_Stale_ rows were built from an older commit; their job has not reported for ${sha} yet.`, '');
  if (data.trimmedCount) {
    lines.push(
      `> [!NOTE]\n> ${plural(data.trimmedCount, 'environment')} not shown: the comment would pass GitHub's ` +
        `${thousands(GITHUB_COMMENT_LIMIT)}-character limit.`,
      '',
    );
  }
  const reasons = shown.filter((r) => r.error || Object.keys(r.missReasons).length);
  if (reasons.length) {
    lines.push('<details><summary>Top miss reasons</summary>', '', '| Environment | Why it missed |', '| --- | --- |');
    for (const r of reasons) lines.push(`| ${cell(r.environment)} | ${whyMissed(r)} |`);
    lines.push('', '</details>', '');
  }
  lines.push(`<sub>${HIT_RATE_DEFINITION} Flash and RAM: bytes used, % of the board, change against the base branch.</sub>`);
  lines.push(encodeData(data));
  return lines.join('\n') + '\n';
}

function tableRow(r: ReportedRow, stale: boolean): string {
  const env = stale ? `${cell(r.environment)} _(stale: \`${r.sha.slice(0, 7) || '?'}\`)_` : cell(r.environment);
  const result = !r.ok ? '❌ failed' : r.upToDate ? '✅ up to date' : '✅ built';
  // A build that failed before it had a result has nothing to count (its error is with the miss reasons).
  if (r.error) return `| ${[env, result, ...Array(7).fill('–')].join(' | ')} |`;
  const compiled = r.hits + r.misses + r.uncacheable;
  const cells = [
    env,
    result,
    int(r.units),
    !compiled ? '–' : r.hits + r.misses ? `${(r.hitRate * 100).toFixed(1)}%` : 'n/a',
    `${int(r.hits)}${r.remoteHits ? ` (${int(r.remoteHits)} remote)` : ''} / ${int(r.misses)} / ${int(r.uncacheable)}`,
    duration(r.timeSavedMs),
    duration(r.buildMs),
    size(r.flash, r.flashMax, r.baseline?.flash, !!r.baseline),
    size(r.ram, r.ramMax, r.baseline?.ram, !!r.baseline),
  ];
  return `| ${cells.join(' | ')} |`;
}

/** `3,254 B (10.1%)<br>+24 B`; a board that measures nothing (native) is a dash. */
function size(used: number, max: number, base: number | undefined, hasBaseline: boolean): string {
  if (!used && !max) return '–';
  const share = max ? ` (${((used / max) * 100).toFixed(1)}%)` : '';
  if (!hasBaseline || base === undefined) return `${int(used)} B${share}<br>no baseline`;
  const d = used - base;
  return `${int(used)} B${share}<br>${d > 0 ? `+${int(d)} B` : d < 0 ? `-${int(-d)} B` : '±0 B'}`;
}

function whyMissed(r: ReportedRow): string {
  const parts = Object.entries(r.missReasons).map(([reason, n]) => `${int(n)} × ${cell(reason)}`);
  if (r.error) parts.unshift(`build failed: ${cell(r.error)}`);
  return parts.join(', ');
}

const int = thousands;

function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/**
 * Text from a build shown literally in a table cell. A code span, because inside one GitHub links no
 * `@mention` and no `#123` and runs no HTML; a pipe would still end the cell (even after a backslash),
 * so it becomes a broken bar.
 */
export function cell(s: string): string {
  const text = s.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\u00a6');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || /^ .* $/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
