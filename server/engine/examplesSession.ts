import { existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { mirrorTree } from '../util/mirrorTree.js';
import pLimit from 'p-limit';
import { UserError } from '../util/errors.js';
import {
  findExampleSketches,
  libraryDependencySpecs,
  libraryName,
  selectExamples,
  type ExampleSketch,
} from '../project/exampleSketches.js';
import { findBoard, findEsp32Board, unknownBoardHint } from '../targets/boards.js';
import type { ToolchainMode } from '../toolchains/resolveAvr.js';
import type { BuildEvent, JsonBuildResult } from '../protocol/wire.js';
import type { BuildSession } from './buildSession.js';

/** `fbuild examples`: what to build. */
export interface ExamplesRequest {
  libraryDir: string;
  /** PlatformIO board ids (`uno`, `megaatmega2560`, `esp32dev`). */
  boards: string[];
  /** Globs on the example's path in the library or its name; none: every example. */
  examples?: string[];
  exclude?: string[];
  /** Extra libraries for every example (lib_deps specs), besides the library's own dependencies. */
  libDeps?: string[];
  toolchain?: ToolchainMode;
  offline?: boolean;
  /** Cells built at once (their compiles share the session's one compiler pool); default the session's jobs. */
  cells?: number;
  signal?: AbortSignal;
}

/** One (example, board) cell: what `--json` prints in `results`. */
export interface ExampleCellResult {
  /** The example's folder, relative to the library (`examples/Blink`). */
  example: string;
  board: string;
  ok: boolean;
  /** The first error line (a compiler's, the linker's, or fbuild's), null when it built. */
  error: string | null;
  flash: number;
  ram: number;
  flashMax: number;
  ramMax: number;
  /** Compiler and linker warnings. */
  warnings: number;
  hits: number;
  misses: number;
  /** Hits over everything compiled (link included); 1 for an up-to-date cell, which compiled nothing. */
  hitRate: number;
  upToDate: boolean;
  /** As `fbuild build --json` names them: absolute paths, empty when not made. */
  artifacts: { elf: string; hex: string };
  durationMs: number;
}

export interface ExamplesReport {
  library: string;
  boards: string[];
  examples: string[];
  results: ExampleCellResult[];
  /** Over every cell: hits, misses, and hits over all compiled units. */
  totals: { cells: number; failed: number; hits: number; misses: number; hitRate: number };
  durationMs: number;
}

export type ExamplesEvent =
  | { type: 'plan'; examples: string[]; boards: string[]; cells: number }
  | { type: 'cell'; done: number; total: number; result: ExampleCellResult; diagnostics: string }
  | { type: 'warning'; message: string };

/**
 * What builds the cells: a BuildSession in this process (the CLI), or the action's client of the
 * job's server; either way one store and one compiler pool for every cell.
 */
export type CellBuilder = Pick<BuildSession, 'run' | 'jobs'>;

/** Where the generated cell projects live, inside the library (so cache keys are the same in every checkout). */
export const EXAMPLES_WORK_DIR = '.pio/examples';

/** The PlatformIO platform of a board, or a one-line error naming the boards fbuild knows. */
function platformOf(board: string): string {
  if (findBoard(board)) return 'atmelavr';
  if (findEsp32Board(board)) return 'espressif32';
  throw new UserError(`unknown board '${board}'; ${unknownBoardHint(board)}`);
}

/** A relative symlink at `link` to `target` (replacing what was there), so a moved checkout still works. */
function linkTo(link: string, target: string): void {
  const want = relative(dirname(link), target) || '.';
  try {
    if (lstatSync(link).isSymbolicLink() && readlinkSync(link) === want) return;
    rmSync(link, { recursive: true, force: true });
  } catch {
    // not there yet
  }
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(want, link, 'dir');
}

/** What of the library's checkout is not the library: left out of each cell's copy. */
const NOT_THE_LIBRARY = new Set(['.git', '.github', '.pio', '.fbuild', '.vscode', 'node_modules', 'examples', 'example']);

interface CellPlan {
  example: ExampleSketch;
  board: string;
  dir: string;
  /** The board's first cell, whose lib_deps install the others copy; undefined for that first cell. */
  firstDir?: string;
}

/** `<work dir>/<board>/<example's path>`. */
const cellDirOf = (workDir: string, board: string, example: ExampleSketch) => join(workDir, board, ...example.path.split('/'));

/**
 * Writes the project a cell is built as. Its folder is named after the example (the Arduino IDE's
 * rule for the main `.ino`); `src` (and a PlatformIO example's `include`) link to the example's own
 * folders; `lib/` holds the library under test (and a PlatformIO example's own libraries) as trees of
 * hard links. Everything a compile reads is so inside the cell, and every cell of a board compiles
 * the core and the library with the same arguments from the same relative places: one compile each
 * per board, hits for every other cell and for every other checkout of the library. The board's
 * other cells get the first cell's installed lib_deps (hard links again), so nothing is downloaded twice.
 */
function writeCellProject(plan: CellPlan, lib: { dir: string; folder: string }, libDeps: string[]): string {
  const { example, board, dir: cellDir } = plan;
  mkdirSync(cellDir, { recursive: true });
  linkTo(join(cellDir, 'src'), example.srcDir);
  if (example.includeDir) linkTo(join(cellDir, 'include'), example.includeDir);
  else rmSync(join(cellDir, 'include'), { recursive: true, force: true });
  rmSync(join(cellDir, 'lib'), { recursive: true, force: true });
  mirrorTree(lib.dir, join(cellDir, 'lib', lib.folder), NOT_THE_LIBRARY);
  if (example.libDir) {
    for (const name of readdirSync(example.libDir)) mirrorTree(join(example.libDir, name), join(cellDir, 'lib', name));
  }
  const installed = plan.firstDir && join(plan.firstDir, '.pio', 'libdeps', board);
  if (installed && libDeps.length && existsSync(installed)) mirrorTree(installed, join(cellDir, '.pio', 'libdeps', board));
  const ini = [
    `; Written by fbuild examples: ${example.path} for ${board}. Rewritten on every run.`,
    `[env:${board}]`,
    `platform = ${platformOf(board)}`,
    `board = ${board}`,
    'framework = arduino',
    ...(libDeps.length ? ['lib_deps =', ...libDeps.map((d) => `    ${d}`)] : []),
    '',
  ].join('\n');
  writeFileSync(join(cellDir, 'platformio.ini'), ini);
  return cellDir;
}

/** GCC's and ld's diagnostics: `file:line:col: error: …`, `fatal error:`, `undefined reference`. */
const ERROR_LINE = /(\berror\b:|undefined reference to|multiple definition of)/;
const WARNING_LINE = /\bwarning:/;

/** Collects one cell's build events: its diagnostics, first error, warnings and result. */
class CellLog {
  diagnostics = '';
  firstError: string | undefined;
  fbuildError: string | undefined;
  warnings = 0;
  result: JsonBuildResult | undefined;

  constructor(private readonly example: ExampleSketch) {}

  handle(e: BuildEvent): void {
    if (e.type === 'unit' || e.type === 'link') {
      if (e.stderr) this.diagnose(e.stderr);
    } else if (e.type === 'warning') this.diagnostics += `fbuild: warning: ${e.message}\n`;
    else if (e.type === 'error') this.fbuildError = e.message;
    else if (e.type === 'done' && !('error' in e.result)) this.result = e.result;
  }

  private diagnose(text: string): void {
    // The sketch is compiled as `src/…` of its cell: name it by its place in the library.
    const named = text.replace(/(^|\n)src\//g, `$1${this.example.path}/`);
    this.diagnostics += named.endsWith('\n') ? named : `${named}\n`;
    for (const line of named.split('\n')) {
      if (WARNING_LINE.test(line)) this.warnings++;
      else if (!this.firstError && ERROR_LINE.test(line)) this.firstError = line.trim();
    }
  }
}

function cellResult(example: ExampleSketch, board: string, log: CellLog, durationMs: number): ExampleCellResult {
  const r = log.result;
  const ok = Boolean(r?.ok);
  const stats = r?.stats;
  const counted = stats ? stats.hits + stats.misses + stats.uncacheable + stats.errors : 0;
  return {
    example: example.path,
    board,
    ok,
    error: ok ? null : (log.firstError ?? log.fbuildError?.replace(/^fbuild: /, '') ?? 'the build failed'),
    flash: ok ? (r?.size.flash ?? 0) : 0,
    ram: ok ? (r?.size.ram ?? 0) : 0,
    flashMax: r?.size.flashMax ?? 0,
    ramMax: r?.size.ramMax ?? 0,
    warnings: log.warnings,
    hits: stats?.hits ?? 0,
    misses: stats?.misses ?? 0,
    hitRate: r?.upToDate ? 1 : counted ? stats!.hits / counted : 0,
    upToDate: r?.upToDate ?? false,
    artifacts: r?.artifacts ?? { elf: '', hex: '' },
    durationMs: Math.round(durationMs),
  };
}

/**
 * Builds every chosen example of a library for every board through one BuildSession: one store,
 * one compiler pool, and the core of each board compiled once (its units are keyed the same in every
 * cell, so the first cell of a board compiles them and the others hit). The first cell of each board
 * runs before the board's others for that reason, and it installs the board's lib_deps, which the
 * others then find installed. Every cell is tried; a failed one is a result, not an exception.
 */
export async function runExamples(
  session: CellBuilder,
  req: ExamplesRequest,
  onEvent: (e: ExamplesEvent) => void = () => {},
): Promise<ExamplesReport> {
  const started = performance.now();
  let libraryDir: string;
  try {
    libraryDir = realpathSync(resolve(req.libraryDir));
  } catch {
    throw new UserError(`library directory ${req.libraryDir} does not exist; pass the library's folder (with examples/)`);
  }
  if (req.boards.length === 0) throw new UserError('no boards; name them with --boards, e.g. --boards uno,megaatmega2560');
  for (const b of req.boards) platformOf(b);
  const all = findExampleSketches(libraryDir);
  if (all.length === 0)
    throw new UserError(
      `no examples in ${libraryDir}: put each in examples/<Name>/<Name>.ino (or a PlatformIO project with platformio.ini)`,
    );
  const examples = selectExamples(all, req.examples ?? [], req.exclude ?? []);
  if (examples.length === 0)
    throw new UserError(`no example matches --examples/--exclude; the library has ${all.map((e) => e.path).join(', ')}`);

  const workDir = join(libraryDir, ...EXAMPLES_WORK_DIR.split('/'));
  const name = libraryName(libraryDir);
  // The library's folder in each cell's lib/: PlatformIO's fallback name for it (the manifest's wins).
  const lib = { dir: libraryDir, folder: name.replace(/[^\w.-]+/g, '_') || 'library' };
  const libDeps = [...libraryDependencySpecs(libraryDir), ...(req.libDeps ?? [])];

  const cells: CellPlan[] = req.boards.flatMap((board) =>
    examples.map((example, i) => ({
      example,
      board,
      dir: cellDirOf(workDir, board, example),
      ...(i > 0 ? { firstDir: cellDirOf(workDir, board, examples[0]!) } : {}),
    })),
  );
  onEvent({ type: 'plan', examples: examples.map((e) => e.path), boards: req.boards, cells: cells.length });
  const results: ExampleCellResult[] = new Array(cells.length);
  let done = 0;
  // Every cell of a round is laid out before any of them compiles: a cell's hard links to the library
  // change the ctime of the files other cells' compilers read, and the cache does not store a result
  // whose input changed during its compile.
  const projectDirs: (string | undefined)[] = new Array(cells.length);
  const layOut = (indices: number[]) => {
    for (const i of indices) if (!req.signal?.aborted) projectDirs[i] = writeCellProject(cells[i]!, lib, libDeps);
  };
  const buildCell = async (i: number) => {
    const plan = cells[i]!;
    const cellStarted = performance.now();
    const log = new CellLog(plan.example);
    const projectDir = projectDirs[i];
    if (!req.signal?.aborted && projectDir) {
      await session.run(
        {
          projectDir,
          environment: plan.board,
          ...(req.toolchain ? { toolchain: req.toolchain } : {}),
          ...(req.offline !== undefined ? { offline: req.offline } : {}),
          ...(req.signal ? { signal: req.signal } : {}),
        },
        (e) => log.handle(e),
      );
    } else log.fbuildError = 'cancelled';
    results[i] = cellResult(plan.example, plan.board, log, performance.now() - cellStarted);
    onEvent({ type: 'cell', done: ++done, total: cells.length, result: results[i]!, diagnostics: log.diagnostics });
  };
  // Each board's first cell before its others: it compiles the core and installs the lib_deps once.
  const firsts = cells.flatMap((c, i) => (c.firstDir === undefined ? [i] : []));
  const rest = cells.flatMap((c, i) => (c.firstDir === undefined ? [] : [i]));
  layOut(firsts);
  await Promise.all(firsts.map(buildCell));
  layOut(rest);
  const limit = pLimit(Math.max(1, req.cells ?? session.jobs));
  await Promise.all(rest.map((i) => limit(() => buildCell(i))));

  const hits = results.reduce((n, r) => n + r.hits, 0);
  const misses = results.reduce((n, r) => n + r.misses, 0);
  return {
    library: name,
    boards: req.boards,
    examples: examples.map((e) => e.path),
    results,
    totals: {
      cells: results.length,
      failed: results.filter((r) => !r.ok).length,
      hits,
      misses,
      hitRate: hits + misses ? hits / (hits + misses) : results.every((r) => r.upToDate) ? 1 : 0,
    },
    durationMs: Math.round(performance.now() - started),
  };
}
