import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { CompileResult } from '../../server/cache/cacheService.js';
import { compileOnce } from '../client/compileRequest.js';
import { ServerTimeoutError } from '../client/errors.js';
import { clientTimeouts } from '../client/timeouts.js';
import { tokenFromEnv } from '../client/token.js';
import { MakeRun } from './makeRun.js';
import { usage } from '../../server/util/errors.js';
import { findWorkspaceRoot } from '../../server/util/workspaceRoot.js';

/**
 * `fbuild cc COMPILER ARGS...`: one compile through the cache. With FBUILD_CACHE_URL set it asks the
 * server (the wrapped backend); otherwise it runs a CacheService in this process on the local store.
 * If the server cannot be reached, refuses or does not answer in time, it compiles directly and says
 * so, once per make run: a cache problem never fails a build (nor hangs it).
 */
export async function runCc(argv: string[]): Promise<number> {
  const [compiler, ...args] = argv;
  if (!compiler) throw usage('fbuild cc', 'missing compiler; usage: fbuild cc COMPILER ARGS... (e.g. fbuild cc avr-gcc -c x.c -o x.o)');
  const cwd = process.cwd();
  const workspaceRoot = findWorkspaceRoot(cwd);
  const url = process.env.FBUILD_CACHE_URL;
  let r: Pick<CompileResult, 'exitCode' | 'outcome' | 'reason' | 'savedMs'> & { stdout: Uint8Array; stderr: Uint8Array };
  if (url) {
    const makeRun = MakeRun.current();
    // Earlier in this make run the server did not answer in time (and it was said): do not wait again.
    if (makeRun?.serverTimedOut) return compileWithoutServer(compiler, args);
    try {
      // The compiler runs with this environment: never with the server's token in it.
      const env = Object.fromEntries(
        Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && e[0] !== 'FBUILD_CACHE_TOKEN'),
      );
      r = await compileOnce(url, tokenFromEnv(), { compiler, args, cwd, env, workspaceRoot }, clientTimeouts());
    } catch (e) {
      if (makeRun?.recordFailure(e instanceof ServerTimeoutError) ?? true) {
        const once = makeRun ? ' (said once for this make run)' : '';
        process.stderr.write(`fbuild cc: warning: ${(e as Error).message}; compiling without the cache${once}\n`);
      }
      return compileWithoutServer(compiler, args);
    }
  } else {
    // Loaded only here, so that the wrapper talking to a server does not load the cache at all.
    const { CacheService } = await import('../../server/cache/cacheService.js');
    const service = await CacheService.start({ jobs: 1 });
    try {
      r = await service.compile({ compiler, args, cwd, workspaceRoot });
    } finally {
      for (const w of (await service.shutdown('graceful')).warnings) process.stderr.write(`fbuild cc: warning: ${w}\n`);
    }
  }
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  if (process.env.FBUILD_CC_VERBOSE && process.env.FBUILD_CC_VERBOSE !== '0')
    process.stderr.write(`fbuild cc: ${r.outcome}${r.reason ? ` (${r.reason})` : ''}\n`);
  reportOutcome(r);
  return r.exitCode;
}

/** For the wrapped backend: how this compile went, for the build's stats. */
function reportOutcome(r: Pick<CompileResult, 'outcome' | 'reason' | 'savedMs'>): void {
  if (!process.env.FBUILD_CC_OUTCOME_FILE) return;
  const { outcome, reason, savedMs } = r;
  writeFileSync(
    process.env.FBUILD_CC_OUTCOME_FILE,
    JSON.stringify({ outcome, ...(reason ? { reason } : {}), ...(savedMs !== undefined ? { savedMs } : {}) }),
  );
}

function compileWithoutServer(compiler: string, args: string[]): Promise<number> {
  reportOutcome({ outcome: 'error', reason: 'cache server unavailable' });
  return compileDirectly(compiler, args);
}

function compileDirectly(compiler: string, args: string[]): Promise<number> {
  return new Promise((resolveExit) => {
    const child = spawn(compiler, args, { stdio: 'inherit' });
    child.on('error', (e) => {
      process.stderr.write(`fbuild cc: cannot run ${compiler}: ${e.message}\n`);
      resolveExit(127);
    });
    child.on('close', (code) => resolveExit(code ?? 1));
  });
}
