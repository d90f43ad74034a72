import { thousands } from '../../../server/util/thousands.js';
/**
 * The examples report as Markdown, for the job summary and the PR comment: a table of examples ×
 * boards with each cell's flash and RAM and their change against the base branch. When the table is
 * large, only the examples that changed (or failed, or are new) are in it, and the whole table folds.
 */

/** One cell as the report shows it (and as the PR comment stores it). */
export interface ReportCell {
  example: string;
  board: string;
  ok: boolean;
  flash: number;
  ram: number;
  /** Against the base's same cell; null when either side did not build, or there is no base. */
  flashDelta: number | null;
  ramDelta: number | null;
  /** The first error line of a failed cell. */
  error?: string;
}

/** Over this many cells, the table shows only the changed examples and folds the rest. */
export const LARGE_TABLE_CELLS = 40;
/** GitHub's limit on a comment's length, with room for the marker and the hidden data. */
const MAX_MARKDOWN = 50_000;

const num = thousands;
const signed = (n: number) => (n > 0 ? `+${num(n)}` : n < 0 ? `−${num(-n)}` : '±0');
/** Text from builds goes into table cells and code spans: no pipes, backticks, angle brackets or newlines. */
const clean = (s: string) => s.replace(/[`|<>\r\n]/g, ' ').slice(0, 200);

function cellText(c: ReportCell | undefined): string {
  if (!c) return '–';
  if (!c.ok) return '❌ failed';
  const part = (size: number, delta: number | null) => `${num(size)}${delta === null ? '' : ` (${signed(delta)})`}`;
  return `${part(c.flash, c.flashDelta)} / ${part(c.ram, c.ramDelta)}`;
}

/** Whether an example's row is worth showing in a large table: a size changed, a cell failed, or it has no base. */
const changed = (c: ReportCell) => !c.ok || c.flashDelta === null || c.flashDelta !== 0 || c.ramDelta !== 0;

function table(examples: string[], boards: string[], cell: (e: string, b: string) => ReportCell | undefined): string[] {
  return [
    `| example | ${boards.map(clean).join(' | ')} |`,
    `|---|${boards.map(() => '---:').join('|')}|`,
    ...examples.map((e) => `| \`${clean(e)}\` | ${boards.map((b) => cellText(cell(e, b))).join(' | ')} |`),
  ];
}

export interface ReportMeta {
  library?: string;
  /** The base branch the deltas are against, when there is one. */
  baseBranch?: string;
  /** Whether a base report was found. */
  hasBase: boolean;
}

export function examplesMarkdown(cells: readonly ReportCell[], meta: ReportMeta): string {
  const boards = [...new Set(cells.map((c) => c.board))].sort();
  const examples = [...new Set(cells.map((c) => c.example))].sort();
  const byKey = new Map(cells.map((c) => [`${c.board}\0${c.example}`, c]));
  const cell = (e: string, b: string) => byKey.get(`${b}\0${e}`);
  const failed = cells.filter((c) => !c.ok);
  const lines = [
    `${meta.library ? `\`${clean(meta.library)}\`: ` : ''}${cells.length} builds, ${cells.length - failed.length} ok, ${failed.length} failed. ` +
      `Flash / RAM in bytes${meta.hasBase ? `, change against \`${clean(meta.baseBranch ?? 'the base')}\`` : meta.baseBranch ? ` (no report of \`${clean(meta.baseBranch)}\` to compare with yet)` : ''}.`,
    '',
  ];
  if (cells.length > LARGE_TABLE_CELLS) {
    const shown = examples.filter((e) => boards.some((b) => cell(e, b) && changed(cell(e, b)!)));
    if (shown.length) lines.push(...table(shown, boards, cell));
    lines.push('', `${examples.length - shown.length} of ${examples.length} examples unchanged on every board.`, '');
    const all = table(examples, boards, cell).join('\n');
    if (all.length < MAX_MARKDOWN) lines.push('<details><summary>Every example</summary>', '', all, '', '</details>');
  } else lines.push(...table(examples, boards, cell));
  if (failed.length) {
    lines.push('', '<details><summary>Failures</summary>', '');
    for (const f of failed.slice(0, 50)) lines.push(`- \`${clean(f.example)}\` on ${clean(f.board)}: \`${clean(f.error ?? 'failed')}\``);
    if (failed.length > 50) lines.push(`- and ${failed.length - 50} more`);
    lines.push('', '</details>');
  }
  return lines.join('\n') + '\n';
}
