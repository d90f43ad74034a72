import { CacheService } from '../../server/cache/cacheService.js';
import { usage } from '../errors.js';
import { findWorkspaceRoot } from './workspace.js';

/**
 * `fbuild cc COMPILER ARGS...`: one compile through the cache. Today it runs an in-process
 * CacheService on the local store (the wrapped, over-HTTP form comes with the server).
 */
export async function runCc(argv: string[]): Promise<number> {
  const [compiler, ...args] = argv;
  if (!compiler) throw usage('fbuild cc', 'missing compiler; usage: fbuild cc COMPILER ARGS... (e.g. fbuild cc avr-gcc -c x.c -o x.o)');
  const cwd = process.cwd();
  const service = await CacheService.start({ cacheDir: process.env.FBUILD_CACHE_DIR, jobs: 1 });
  try {
    const r = await service.compile({ compiler, args, cwd, workspaceRoot: findWorkspaceRoot(cwd) });
    process.stdout.write(r.stdout);
    process.stderr.write(r.stderr);
    if (process.env.FBUILD_CC_VERBOSE) {
      process.stderr.write(`fbuild cc: ${r.outcome}${r.reason ? ` (${r.reason})` : ''}\n`);
    }
    return r.exitCode;
  } finally {
    await service.shutdown('graceful');
  }
}
