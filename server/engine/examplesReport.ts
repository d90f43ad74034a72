import type { ExampleCellResult, ExamplesReport } from './examplesSession.js';

/** A cell's size against the base's same cell: null deltas when either side did not build. */
export interface CellDelta {
  example: string;
  board: string;
  ok: boolean;
  flash: number;
  ram: number;
  /** The base's sizes, when the base built this cell. */
  base?: { flash: number; ram: number };
  flashDelta: number | null;
  ramDelta: number | null;
}

const cellKey = (c: { example: string; board: string }) => `${c.board}\0${c.example}`;

/** Every cell of `current` with its flash and RAM delta against the same (example, board) of `base`. */
export function sizeDeltas(current: ExamplesReport, base: ExamplesReport | undefined): CellDelta[] {
  const before = new Map((base?.results ?? []).filter((r) => r.ok).map((r) => [cellKey(r), r]));
  return current.results.map((r) => {
    const b = before.get(cellKey(r));
    const both = r.ok && b !== undefined;
    return {
      example: r.example,
      board: r.board,
      ok: r.ok,
      flash: r.flash,
      ram: r.ram,
      ...(b ? { base: { flash: b.flash, ram: b.ram } } : {}),
      flashDelta: both ? r.flash - b.flash : null,
      ramDelta: both ? r.ram - b.ram : null,
    };
  });
}

/** Whether a parsed JSON value has the shape of an `fbuild examples --json` document (a stored base). */
export function isExamplesReport(x: unknown): x is ExamplesReport {
  if (typeof x !== 'object' || x === null) return false;
  const results = (x as { results?: unknown }).results;
  return (
    Array.isArray(results) &&
    results.every(
      (r: Partial<ExampleCellResult>) =>
        typeof r === 'object' &&
        r !== null &&
        typeof r.example === 'string' &&
        typeof r.board === 'string' &&
        typeof r.ok === 'boolean' &&
        typeof r.flash === 'number' &&
        typeof r.ram === 'number',
    )
  );
}

/**
 * The FQBN arduino-cli gives the same board, so that a report names boards as compile-sketches'
 * reports do (report-size-deltas matches base and head reports by it). Boards with no Arduino
 * counterpart are named `platformio:<id>`.
 */
const FQBN: Record<string, string> = {
  uno: 'arduino:avr:uno',
  nanoatmega328: 'arduino:avr:nano:cpu=atmega328',
  nanoatmega328new: 'arduino:avr:nano',
  nanoatmega168: 'arduino:avr:nano:cpu=atmega168',
  pro16MHzatmega328: 'arduino:avr:pro:cpu=16MHzatmega328',
  pro8MHzatmega328: 'arduino:avr:pro:cpu=8MHzatmega328',
  miniatmega328: 'arduino:avr:mini:cpu=atmega328',
  megaatmega2560: 'arduino:avr:mega:cpu=atmega2560',
  megaatmega1280: 'arduino:avr:mega:cpu=atmega1280',
  leonardo: 'arduino:avr:leonardo',
  micro: 'arduino:avr:micro',
  esp32dev: 'esp32:esp32:esp32',
};
export const fqbnOf = (board: string) => FQBN[board] ?? `platformio:${board}`;

const NA = 'N/A' as const;
/** Percent of the maximum with two decimals, as compile-sketches writes `relative`. */
const relative = (n: number, max: number): Amount => (max ? Math.round((10000 * n) / max) / 100 : NA);

type Amount = number | typeof NA;

interface SizeEntry {
  name: string;
  maximum: Amount;
  current: { absolute: Amount; relative: Amount };
  previous?: { absolute: Amount; relative: Amount };
  delta?: { absolute: Amount; relative: Amount };
}

/** One board's file of compile-sketches' sketches report (`<fqbn with : as ->.json`). */
export interface SketchesReportFile {
  /** The file name compile-sketches gives it. */
  file: string;
  json: {
    commit_hash: string;
    commit_url: string;
    boards: {
      board: string;
      sketches: {
        name: string;
        compilation_success: boolean;
        sizes: SizeEntry[];
        warnings: { current: { absolute: Amount }; previous?: { absolute: Amount }; delta?: { absolute: Amount } };
      }[];
      sizes?: {
        name: string;
        maximum: Amount;
        delta: { absolute: { minimum: Amount; maximum: Amount }; relative: { minimum: Amount; maximum: Amount } };
      }[];
      warnings?: { delta: { absolute: { minimum: Amount; maximum: Amount } } };
    }[];
  };
}

/** A size entry: current, and with a base, the previous value and the delta (`N/A` where a side failed). */
function sizeEntry(name: string, maximum: number, current: number | undefined, previous: number | undefined, withBase: boolean): SizeEntry {
  const max: Amount = maximum || NA;
  const pair = (n: number | undefined) =>
    n === undefined ? { absolute: NA, relative: NA } : { absolute: n, relative: relative(n, maximum) };
  const entry: SizeEntry = { name, maximum: max, current: pair(current) };
  if (withBase) {
    entry.previous = pair(previous);
    const d = current !== undefined && previous !== undefined ? current - previous : undefined;
    entry.delta = d === undefined ? { absolute: NA, relative: NA } : { absolute: d, relative: relative(d, maximum) };
  }
  return entry;
}

/** The smallest and largest of the numbers, or N/A for none, as compile-sketches' board summary. */
function range(values: Amount[]): { minimum: Amount; maximum: Amount } {
  const nums = values.filter((v): v is number => typeof v === 'number');
  return nums.length ? { minimum: Math.min(...nums), maximum: Math.max(...nums) } : { minimum: NA, maximum: NA };
}

/**
 * The run in compile-sketches' sketches-report format, one file per board (what `sketches-report-path`
 * holds), so that arduino/report-size-deltas reads it. With a base, each size has `previous` and
 * `delta` and each board a summary of its deltas, as compile-sketches writes with `enable-deltas-report`.
 */
export function toSketchesReports(
  report: ExamplesReport,
  commit: { hash: string; url: string },
  base?: ExamplesReport,
): SketchesReportFile[] {
  const before = new Map((base?.results ?? []).map((r) => [cellKey(r), r]));
  const withBase = base !== undefined;
  return report.boards.map((board) => {
    const cells = report.results.filter((r) => r.board === board);
    const sketches = cells.map((r) => {
      const b = before.get(cellKey(r));
      const prevOk = b?.ok ? b : undefined;
      const warnings: SketchesReportFile['json']['boards'][number]['sketches'][number]['warnings'] = {
        current: { absolute: r.ok ? r.warnings : NA },
      };
      if (withBase) {
        warnings.previous = { absolute: prevOk ? prevOk.warnings : NA };
        warnings.delta = { absolute: r.ok && prevOk ? r.warnings - prevOk.warnings : NA };
      }
      return {
        name: r.example,
        compilation_success: r.ok,
        sizes: [
          sizeEntry('flash', r.flashMax, r.ok ? r.flash : undefined, prevOk?.flash, withBase),
          sizeEntry('RAM for global variables', r.ramMax, r.ok ? r.ram : undefined, prevOk?.ram, withBase),
        ],
        warnings,
      };
    });
    const entry: SketchesReportFile['json']['boards'][number] = { board: fqbnOf(board), sketches };
    if (withBase) {
      entry.sizes = ['flash', 'RAM for global variables'].map((name, i) => {
        const sizes = sketches.map((s) => s.sizes[i]!);
        return {
          name,
          maximum: sizes.find((s) => s.maximum !== NA)?.maximum ?? NA,
          delta: {
            absolute: range(sizes.map((s) => s.delta!.absolute)),
            relative: range(sizes.map((s) => s.delta!.relative)),
          },
        };
      });
      entry.warnings = { delta: { absolute: range(sketches.map((s) => s.warnings.delta!.absolute)) } };
    }
    return {
      file: `${fqbnOf(board).replace(/:/g, '-')}.json`,
      json: { commit_hash: commit.hash, commit_url: commit.url, boards: [entry] },
    };
  });
}
