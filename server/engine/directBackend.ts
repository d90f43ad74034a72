import { availableParallelism } from 'node:os';
import type { CompileRequest, CompileResult } from '../cache/cacheService.js';
import { runStepSequence, type StepsRequest, type StepsResult } from '../cache/stepsCache.js';
import { CompilerPool } from '../cache/compilerPool.js';
import type { CompileBackend } from './orchestrator.js';

/** `--no-cache`: every compile and the link run as plain processes, counted as uncacheable. */
export class DirectBackend implements CompileBackend {
  readonly pool: CompilerPool;

  constructor(jobs = availableParallelism()) {
    this.pool = new CompilerPool(jobs);
  }

  async compile(req: CompileRequest): Promise<CompileResult> {
    const r = await this.pool.run(req.compiler, req.args, req.cwd, req.env ?? process.env, req.signal);
    return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, outcome: 'uncacheable', reason: 'cache disabled' };
  }

  async link(req: StepsRequest): Promise<StepsResult> {
    const r = await runStepSequence(this.pool, req, req.env ?? process.env);
    return { ...r, outcome: 'uncacheable', reason: 'cache disabled' };
  }
}
