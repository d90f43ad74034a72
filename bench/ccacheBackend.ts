import type { CompileRequest, CompileResult } from '../server/cache/cacheService.ts';
import { DirectBackend } from '../server/engine/directBackend.ts';

/** The same orchestrator with every compile wrapped by ccache, as ccache-action users run it. */
export class CcacheBackend extends DirectBackend {
  constructor(
    private readonly ccacheEnv: NodeJS.ProcessEnv,
    jobs?: number,
  ) {
    super(jobs);
  }

  override async compile(req: CompileRequest): Promise<CompileResult> {
    const r = await this.pool.run('ccache', [req.compiler, ...req.args], req.cwd, { ...(req.env ?? process.env), ...this.ccacheEnv });
    return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, outcome: 'uncacheable', reason: 'ccache' };
  }
}
