import { parseComment, type CommentData, type ReportedRow } from './commentData.js';
import { DEFAULT_RETRY, retryDelay, statusOf, type CommentsApi, type ReportComment, type RetryPolicy } from './githubApi.js';

/**
 * Keeps one report comment on the PR while several matrix jobs write to it at once. GitHub has no
 * conditional update for comments, so each job merges its rows into what it read, writes, waits long
 * enough for any job that read before its write to have written too, and reads back: if its rows are
 * gone (a lost update), it merges again after a random pause. Two jobs that both found no comment both
 * create one; the next round merges every report comment into the oldest and deletes the others.
 */

export interface UpsertTiming {
  /** Rounds of read, merge, write, check before giving up. */
  attempts: number;
  /** The least wait between a write and its check; the wait is also at least twice the round's own length. */
  minSettleMs: number;
  /** The largest random pause before another round, times the round number. */
  jitterMs: number;
}

export const DEFAULT_TIMING: UpsertTiming = { attempts: 8, minSettleMs: 1000, jitterMs: 1500 };

export type UpsertResult = { confirmed: true; url: string; wrote: boolean } | { confirmed: false; url?: string };

export async function upsertReport(
  api: CommentsApi,
  incoming: readonly ReportedRow[],
  render: (rows: ReportedRow[]) => string,
  timing: UpsertTiming = DEFAULT_TIMING,
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<UpsertResult> {
  let url: string | undefined;
  let wrote = false;
  let failedWrites = 0;
  for (let round = 1; round <= timing.attempts; round++) {
    if (round > 1) await sleep(Math.random() * timing.jitterMs * round);
    const started = performance.now();
    const comments = await api.listReports();
    const [canonical, ...extras] = comments;
    const body = render(
      mergeRows(
        comments.map((c) => parseComment(c.body)),
        incoming,
      ),
    );
    let written: ReportComment | undefined;
    try {
      if (!canonical) written = await api.create(body);
      else if (canonical.body !== body) written = await api.update(canonical.id, body);
    } catch (err) {
      // The comment was deleted between our read and our write (another job merging duplicates): read again.
      if (canonical && statusOf(err) === 404) continue;
      // A write that failed for now is redone from a fresh read, never resent as it was (see githubApi.ts).
      const wait = retryDelay(err, failedWrites++, policy);
      if (wait === undefined) throw err;
      await sleep(wait);
      continue;
    }
    const mayDeleteExtras = await removeAll(api, extras);
    if (!written && !extras.length && canonical) return { confirmed: true, url: canonical.url, wrote };
    wrote ||= !!written;
    url = (written ?? canonical)?.url;
    await sleep(Math.max(timing.minSettleMs, 2 * (performance.now() - started)));
    const after = await api.listReports();
    const head = after[0];
    if (head && holds(parseComment(head.body), incoming) && (after.length === 1 || !mayDeleteExtras)) {
      return { confirmed: true, url: head.url, wrote };
    }
  }
  return { confirmed: false, url };
}

/** Every stored row plus ours; per environment the latest run (then attempt) wins, ours on a tie. */
export function mergeRows(stored: readonly CommentData[], incoming: readonly ReportedRow[]): ReportedRow[] {
  const byEnv = new Map<string, ReportedRow>();
  for (const data of stored) {
    for (const row of data.rows) {
      const seen = byEnv.get(row.environment);
      if (!seen || newer(row, seen)) byEnv.set(row.environment, row);
    }
  }
  for (const row of incoming) {
    const seen = byEnv.get(row.environment);
    if (!seen || !newer(seen, row)) byEnv.set(row.environment, row);
  }
  return [...byEnv.values()];
}

/** Whether the comment still shows our rows (or a later run's for the same environment, or says it trimmed them). */
function holds(data: CommentData, incoming: readonly ReportedRow[]): boolean {
  return incoming.every((ours) => {
    const row = data.rows.find((r) => r.environment === ours.environment);
    if (row) return !newer(ours, row);
    return data.trimmed.includes(ours.environment) || data.trimmedCount > data.trimmed.length;
  });
}

const newer = (a: ReportedRow, b: ReportedRow) => a.runId > b.runId || (a.runId === b.runId && a.runAttempt > b.runAttempt);

/** Deletes duplicates; false when the token may not (they are then merged again by the next job, harmlessly). */
async function removeAll(api: CommentsApi, extras: readonly ReportComment[]): Promise<boolean> {
  let allowed = true;
  for (const c of extras) {
    try {
      await api.remove(c.id);
    } catch (err) {
      const status = statusOf(err);
      if (status === 403) allowed = false;
      else if (status !== 404) throw err;
    }
  }
  return allowed;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
