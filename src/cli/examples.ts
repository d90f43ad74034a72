import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BuildSession } from '../../server/engine/buildSession.js';
import { runExamples, type ExamplesEvent, type ExamplesReport } from '../../server/engine/examplesSession.js';
import { isExamplesReport, sizeDeltas, toSketchesReports } from '../../server/engine/examplesReport.js';
import { offlineFromEnv } from '../../server/project/libdeps/offline.js';
import { toolchainsDirFor, type ToolchainMode } from '../../server/toolchains/resolveAvr.js';
import { defaultCacheDir } from '../../server/util/cacheDir.js';
import { UserError } from '../../server/util/errors.js';
import { formatExamplesTable } from './examplesTable.js';
import { ProgressLine } from './progress.js';
import { onStopSignal, signalExitCode, type StopSignal } from './stopSignals.js';

import { EXAMPLES_USAGE } from './usage.js';
export { EXAMPLES_USAGE };

interface ExamplesCliOptions {
  libraryDir: string;
  boards: string[];
  examples: string[];
  exclude: string[];
  libDeps: string[];
  jobs?: number;
  cacheDir?: string;
  noCache: boolean;
  toolchain: ToolchainMode;
  offline: boolean;
  json: boolean;
  failFast: boolean;
  base?: string;
  report?: string;
  sketchesReport?: string;
}

const fail = (message: string) => new UserError(`fbuild examples: ${message}`);

export function parseExamplesArgs(argv: string[]): ExamplesCliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        boards: { type: 'string', short: 'b', multiple: true },
        examples: { type: 'string', multiple: true },
        exclude: { type: 'string', multiple: true },
        'lib-deps': { type: 'string', multiple: true },
        jobs: { type: 'string', short: 'j' },
        'cache-dir': { type: 'string' },
        'no-cache': { type: 'boolean', default: false },
        toolchain: { type: 'string' },
        offline: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        'keep-going': { type: 'boolean', default: true },
        'fail-fast': { type: 'boolean', default: false },
        base: { type: 'string' },
        report: { type: 'string' },
        'sketches-report': { type: 'string' },
      },
    });
  } catch (e) {
    throw fail(`${(e as Error).message.split('\n')[0]}; usage: ${EXAMPLES_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw fail(`one library directory at most; usage: ${EXAMPLES_USAGE}`);
  const boards = (values.boards ?? []).flatMap((b) => b.split(/[\s,]+/)).filter(Boolean);
  if (!boards.length) throw fail('name the boards, e.g. --boards uno,megaatmega2560');
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw fail(`--jobs takes a whole number of 1 or more, not '${values.jobs}'`);
  }
  const toolchain = values.toolchain ?? process.env.FBUILD_TOOLCHAIN ?? 'auto';
  if (toolchain !== 'auto' && toolchain !== 'pinned' && toolchain !== 'system')
    throw fail(`--toolchain is auto, pinned or system, not '${toolchain}'`);
  return {
    libraryDir: resolve(positionals[0] ?? '.'),
    boards: [...new Set(boards)],
    examples: values.examples ?? [],
    exclude: values.exclude ?? [],
    // A spec may hold a comma (`Foo@>=1,<2`): one per --lib-deps, or one per line.
    libDeps: (values['lib-deps'] ?? [])
      .flatMap((d) => d.split('\n'))
      .map((d) => d.trim())
      .filter(Boolean),
    ...(jobs !== undefined ? { jobs } : {}),
    ...(values['cache-dir'] !== undefined ? { cacheDir: resolve(values['cache-dir']) } : {}),
    noCache: values['no-cache'],
    toolchain,
    offline: values.offline || offlineFromEnv(process.env),
    json: values.json,
    failFast: values['fail-fast'],
    ...(values.base !== undefined ? { base: resolve(values.base) } : {}),
    ...(values.report !== undefined ? { report: resolve(values.report) } : {}),
    ...(values['sketches-report'] !== undefined ? { sketchesReport: resolve(values['sketches-report']) } : {}),
  };
}

/** An earlier run's `--json` document, the base of the size deltas. */
export function readBaseReport(path: string): ExamplesReport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw fail(`cannot read the base report ${path} (${(e as Error).message.split('\n')[0]}); pass a file written by --json or --report`);
  }
  if (!isExamplesReport(parsed)) throw fail(`${path} is not an 'fbuild examples --json' report; pass a file written by --json or --report`);
  return parsed;
}

/** The checkout's commit, for the sketches report: GITHUB_SHA, else git's HEAD, else none. */
function headCommit(dir: string): string {
  if (process.env.GITHUB_SHA) return process.env.GITHUB_SHA;
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

/** The one JSON document of `--json` and `--report`: the run, with each cell's deltas when there is a base. */
export function examplesDocument(report: ExamplesReport, base: ExamplesReport | undefined) {
  if (!base) return report;
  const deltas = sizeDeltas(report, base);
  return {
    ...report,
    results: report.results.map((r, i) => ({ ...r, flashDelta: deltas[i]!.flashDelta, ramDelta: deltas[i]!.ramDelta })),
  };
}

/**
 * `fbuild examples`: every example of a library for every board, through one cache in this process.
 * Exit 0 when every cell built, 1 when one failed (every cell is tried unless --fail-fast).
 */
export async function runExamplesCommand(argv: string[]): Promise<number> {
  const opts = parseExamplesArgs(argv);
  const base = opts.base ? readBaseReport(opts.base) : undefined;
  const session = await BuildSession.open({
    ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
    ...(opts.jobs ? { jobs: opts.jobs } : {}),
    cache: !opts.noCache,
    toolchain: opts.toolchain,
    toolchainsDir: toolchainsDirFor(process.env, opts.cacheDir),
    fbuildCommand: [process.execPath, ...process.execArgv, process.argv[1]!],
    wrapperEnv: () => ({ FBUILD_CACHE_DIR: opts.cacheDir ?? defaultCacheDir() }),
    onNotice: (m) => process.stderr.write(`fbuild: notice: ${m}\n`),
  });
  const cancel = new AbortController();
  let stoppedBy: StopSignal | undefined;
  const removeHandlers = onStopSignal((signal) => {
    stoppedBy = signal;
    cancel.abort();
  });
  const progress = new ProgressLine(process.stderr, !opts.json);
  const onEvent = (e: ExamplesEvent) => {
    if (e.type === 'plan') {
      progress.start(e.cells);
      progress.update(0, `${e.examples.length} examples x ${e.boards.length} boards`);
    } else if (e.type === 'cell') {
      const r = e.result;
      if (!r.ok) {
        progress.clear();
        process.stderr.write(`--- ${r.example} for ${r.board}: failed\n${e.diagnostics}`);
        if (opts.failFast) cancel.abort();
      }
      progress.update(e.done, `${r.ok ? 'ok' : 'FAILED'} ${r.example} (${r.board})`);
    } else {
      progress.clear();
      process.stderr.write(`fbuild: warning: ${e.message}\n`);
    }
  };
  let report: ExamplesReport;
  try {
    report = await runExamples(
      session,
      {
        libraryDir: opts.libraryDir,
        boards: opts.boards,
        examples: opts.examples,
        exclude: opts.exclude,
        libDeps: opts.libDeps,
        toolchain: opts.toolchain,
        offline: opts.offline,
        signal: cancel.signal,
      },
      onEvent,
    );
  } finally {
    progress.clear();
    removeHandlers();
    for (const w of (await session.close('graceful')).warnings) process.stderr.write(`fbuild: warning: ${w}\n`);
  }
  const document = examplesDocument(report, base);
  if (opts.report) writeJson(opts.report, document);
  if (opts.sketchesReport) {
    const hash = headCommit(opts.libraryDir);
    const repo = process.env.GITHUB_REPOSITORY;
    const url = hash && repo ? `${process.env.GITHUB_SERVER_URL ?? 'https://github.com'}/${repo}/commit/${hash}` : '';
    for (const f of toSketchesReports(report, { hash, url }, base)) writeJson(join(opts.sketchesReport, f.file), f.json);
  }
  if (opts.json) process.stdout.write(JSON.stringify(document) + '\n');
  else process.stdout.write(formatExamplesTable(report, base ? sizeDeltas(report, base) : undefined));
  if (stoppedBy && !opts.failFast) return signalExitCode(stoppedBy);
  return report.totals.failed ? 1 : 0;
}

function writeJson(path: string, value: unknown): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify(value, null, 2) + '\n');
}
