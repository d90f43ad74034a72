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
      r = await compileOnce(url, tokenFromEnv(), { compiler, args, cwd, env: compilerEnv(), workspaceRoot }, clientTimeouts());
    } catch (e) {
      if (makeRun?.recordFailure(e instanceof ServerTimeoutError) ?? true) {
        const once = makeRun ? ' (said once for this make run)' : '';
        process.stderr.write(`fbuild cc: warning: ${(e as Error).message}; compiling without the cache${once}\n`);
      }
      return compileWithoutServer(compiler, args);
    }
  } else {
    // Loaded only here, so that the wrapper talking to a server does not load the cache at all.
    r = await (await import('./ccLocal.js')).compileInProcess({ compiler, args, cwd, env: compilerEnv(), workspaceRoot });
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

/** Where the wrapped backend (server/engine/wrappedBackend.ts) puts NODE_EXTRA_CA_CERTS for the compiler. */
const SET_ASIDE_CA_CERTS = 'FBUILD_CC_NODE_EXTRA_CA_CERTS';

/**
 * The environment the compiler runs with: this one, never with the server's token in it, and with
 * what the wrapped backend set aside so that it would not slow the wrapper's own start.
 */
function compilerEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'FBUILD_CACHE_TOKEN') env[k] = v;
  const caCerts = env[SET_ASIDE_CA_CERTS];
  if (caCerts !== undefined) {
    env.NODE_EXTRA_CA_CERTS = caCerts;
    delete env[SET_ASIDE_CA_CERTS];
  }
  return env;
}

async function compileDirectly(compiler: string, args: string[]): Promise<number> {
  // Loaded only for this fallback: it is a few ms of every wrapper's start otherwise.
  const { spawn } = await import('node:child_process');
  return new Promise((resolveExit) => {
    const child = spawn(compiler, args, { stdio: 'inherit', env: compilerEnv() });
    child.on('error', (e) => {
      process.stderr.write(`fbuild cc: cannot run ${compiler}: ${e.message}\n`);
      resolveExit(127);
    });
    child.on('close', (code) => resolveExit(code ?? 1));
  });
}
