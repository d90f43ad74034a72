import type { EnvReportRow } from './reportRow.js';

/**
 * What the PR comment stores besides its Markdown: the rows themselves, as JSON in a hidden HTML
 * comment, so the next job merges exactly what the last one wrote instead of re-reading a table.
 * A comment is the report when its body starts with MARKER (a user quoting it starts with "> ").
 */
export const MARKER = '<!-- fbuild-build-action:pr-report -->';
const DATA_OPEN = '<!-- fbuild-report-data ';
const DATA_CLOSE = ' -->';

/** A row with the run that reported it: the run orders rows of one environment and marks old ones stale. */
export interface ReportedRow extends EnvReportRow {
  sha: string;
  runId: number;
  runAttempt: number;
  runUrl: string;
}

export interface CommentData {
  v: 1;
  rows: ReportedRow[];
  /** Environments left out to keep the comment under GitHub's size limit. */
  trimmed: string[];
  /** How many were left out, when even their names did not fit. */
  trimmedCount: number;
}

export function isReportComment(body: string | undefined | null): boolean {
  return typeof body === 'string' && body.startsWith(MARKER);
}

/** The hidden line holding the data. `<` and `>` are JSON-escaped so nothing in it can close the HTML comment. */
export function encodeData(data: CommentData): string {
  const json = JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
  return `${DATA_OPEN}${json}${DATA_CLOSE}`;
}

/** The data of a report comment; rows that do not check out are dropped (a person may have edited it). */
export function parseComment(body: string): CommentData {
  const empty: CommentData = { v: 1, rows: [], trimmed: [], trimmedCount: 0 };
  const start = body.indexOf(DATA_OPEN);
  if (start < 0) return empty;
  const end = body.indexOf(DATA_CLOSE, start + DATA_OPEN.length);
  if (end < 0) return empty;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.slice(start + DATA_OPEN.length, end));
  } catch {
    return empty;
  }
  if (!isObject(parsed)) return empty;
  const rows = Array.isArray(parsed.rows) ? parsed.rows.map(reportedRow).filter((r) => r !== undefined) : [];
  const trimmed = Array.isArray(parsed.trimmed) ? parsed.trimmed.filter((n) => typeof n === 'string').map(clip(LIMITS.name)) : [];
  return { v: 1, rows, trimmed, trimmedCount: Math.max(trimmed.length, count(parsed.trimmedCount)) };
}

// Strings in a row come from builds and, in the workflow_run recipe, from a fork's artifacts: they are
// clipped so one bad value cannot fill the comment (render.ts escapes them).
const LIMITS = { name: 100, reason: 120, error: 300 };

/** A well-formed row from anything (stored JSON, a stats file), or undefined when it has no environment. */
export function sanitizeRow(x: unknown): EnvReportRow | undefined {
  if (!isObject(x) || typeof x.environment !== 'string' || !x.environment) return undefined;
  const row: EnvReportRow = {
    environment: clip(LIMITS.name)(x.environment),
    ok: x.ok === true,
    units: count(x.units),
    hits: count(x.hits),
    misses: count(x.misses),
    uncacheable: count(x.uncacheable),
    hitRate: Math.min(1, Math.max(0, finite(x.hitRate))),
    timeSavedMs: count(x.timeSavedMs),
    buildMs: count(x.buildMs),
    flash: count(x.flash),
    ram: count(x.ram),
    flashMax: count(x.flashMax),
    ramMax: count(x.ramMax),
    missReasons: {},
  };
  if (typeof x.error === 'string') row.error = clip(LIMITS.error)(x.error);
  if (x.upToDate === true) row.upToDate = true;
  if (count(x.remoteHits) > 0) row.remoteHits = count(x.remoteHits);
  if (isObject(x.missReasons)) {
    for (const [k, v] of Object.entries(x.missReasons).slice(0, 20)) if (count(v) > 0) row.missReasons[clip(LIMITS.reason)(k)] = count(v);
  }
  if (isObject(x.baseline)) row.baseline = { flash: count(x.baseline.flash), ram: count(x.baseline.ram) };
  return row;
}

function reportedRow(x: unknown): ReportedRow | undefined {
  const row = sanitizeRow(x);
  if (!row || !isObject(x)) return undefined;
  return { ...row, sha: commitSha(x.sha), runId: count(x.runId), runAttempt: count(x.runAttempt) || 1, runUrl: webUrl(x.runUrl) };
}

/** A hex commit id, or '' (it is printed inside a code span and a link). */
export function commitSha(x: unknown): string {
  return typeof x === 'string' && /^[0-9a-f]{7,64}$/i.test(x) ? x.toLowerCase() : '';
}

/** An http(s) URL without characters that could break out of a Markdown link, or ''. */
export function webUrl(x: unknown): string {
  return typeof x === 'string' && /^https?:\/\/[^\s()<>"'`\\]+$/.test(x) ? x : '';
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
const finite = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
const count = (x: unknown): number => Math.max(0, Math.round(finite(x)));
const clip = (max: number) => (s: string) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
