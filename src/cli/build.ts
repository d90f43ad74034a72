import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CacheService } from '../../server/cache/cacheService.js';
import { DirectBackend } from '../../server/build/directBackend.js';
import { build, BuildFailure, type BuildEvent, type BuildResult, type CompileBackend } from '../../server/build/orchestrator.js';
import { UserError } from '../errors.js';
import { ProgressLine } from './progress.js';
import { formatSummary, toJsonResult } from './buildReport.js';

export const BUILD_USAGE =
  'fbuild build [PROJECT_DIR] -e ENV [--cache-dir DIR] [--jobs N] [--no-cache] [--force] [--verbose] [--json]';

interface BuildCliOptions {
  projectDir: string;
  environment?: string;
  cacheDir?: string;
  jobs?: number;
  noCache: boolean;
  force: boolean;
  verbose: boolean;
  json: boolean;
}

export function parseBuildArgs(argv: string[]): BuildCliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        environment: { type: 'string', short: 'e' },
        'cache-dir': { type: 'string' },
        jobs: { type: 'string', short: 'j' },
        'no-cache': { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        verbose: { type: 'boolean', short: 'v', default: false },
        json: { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    throw new UserError(`fbuild build: ${(e as Error).message.split('\n')[0]}; usage: ${BUILD_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UserError(`fbuild build: one project directory at most; usage: ${BUILD_USAGE}`);
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new UserError(`fbuild build: --jobs takes a whole number of 1 or more, not '${values.jobs}'`);
  }
  return {
    projectDir: resolve(positionals[0] ?? '.'),
    ...(values.environment !== undefined ? { environment: values.environment } : {}),
    ...(values['cache-dir'] !== undefined ? { cacheDir: resolve(values['cache-dir']) } : {}),
    ...(jobs !== undefined ? { jobs } : {}),
    noCache: values['no-cache'],
    force: values.force,
    verbose: values.verbose,
    json: values.json,
  };
}

/** `fbuild build`: an embedded build, the orchestrator calling the cache in this process. */
export async function runBuild(argv: string[]): Promise<number> {
  const opts = parseBuildArgs(argv);
  const progress = new ProgressLine(process.stderr, !opts.json && !opts.verbose);
  const onEvent = (e: BuildEvent) => reportEvent(e, opts, progress);
  let service: CacheService | undefined;
  let backend: CompileBackend;
  if (opts.noCache) backend = new DirectBackend(opts.jobs);
  else backend = service = await CacheService.start({ ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}), ...(opts.jobs ? { jobs: opts.jobs } : {}) });
  try {
    const result = await build({ projectDir: opts.projectDir, ...(opts.environment ? { environment: opts.environment } : {}), backend, force: opts.force, onEvent });
    progress.clear();
    printResult(result, opts);
    return 0;
  } catch (e) {
    progress.clear();
    if (e instanceof BuildFailure) {
      printResult(e.result, opts);
      process.stderr.write(`fbuild: ${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof UserError && opts.json) {
      process.stdout.write(JSON.stringify({ environment: opts.environment ?? null, ok: false, error: e.message }) + '\n');
    }
    throw e;
  } finally {
    await service?.shutdown('graceful');
  }
}

function printResult(result: BuildResult, opts: BuildCliOptions): void {
  if (opts.json) process.stdout.write(JSON.stringify(toJsonResult(result, opts.projectDir)) + '\n');
  else process.stdout.write(formatSummary(result, opts.projectDir));
}

function reportEvent(e: BuildEvent, opts: BuildCliOptions, progress: ProgressLine): void {
  switch (e.type) {
    case 'start':
      if (opts.verbose) process.stderr.write(`${e.environment}: ${e.units} units with ${e.toolchain}\n`);
      progress.start(e.units);
      break;
    case 'unit': {
      // The compiler's own diagnostics, unchanged.
      if (e.stdout || e.stderr) progress.clear();
      if (e.stdout) process.stdout.write(opts.json ? '' : e.stdout);
      if (e.stderr) process.stderr.write(e.stderr);
      if (opts.verbose) process.stderr.write(`${e.unit.outcome.padEnd(11)} ${e.unit.source}${e.unit.reason ? `  (${e.unit.reason})` : ''}\n`);
      progress.update(e.index, e.unit.source);
      break;
    }
    case 'link':
      if (e.stderr) {
        progress.clear();
        process.stderr.write(e.stderr);
      }
      if (opts.verbose) process.stderr.write(`${e.outcome.padEnd(11)} link${e.reason ? `  (${e.reason})` : ''}\n`);
      progress.update(Number.POSITIVE_INFINITY, 'link');
      break;
    case 'upToDate':
      if (!opts.json) process.stderr.write(`${e.environment}: up to date (no input changed since the last successful build)\n`);
      break;
    case 'done':
      break;
  }
}
