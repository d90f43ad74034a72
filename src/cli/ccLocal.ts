import { CacheService, type CompileRequest, type CompileResult } from '../../server/cache/cacheService.js';

/**
 * `fbuild cc` without a server: one compile through a CacheService on the local store, in this
 * process. A module of its own so that the wrapper talking to a server (dist/cc.cjs) never loads the
 * cache: the bundle imports it on demand from dist/cc-local.js.
 */
export async function compileInProcess(req: CompileRequest): Promise<CompileResult> {
  const service = await CacheService.start({ jobs: 1 });
  try {
    return await service.compile(req);
  } finally {
    for (const w of (await service.shutdown('graceful')).warnings) process.stderr.write(`fbuild cc: warning: ${w}\n`);
  }
}
