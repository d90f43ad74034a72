import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { CompileRequest, CompileResult } from '../cache/cacheService.js';
import type { StepsRequest, StepsResult } from '../cache/stepsCache.js';
import type { CompilerPool } from '../cache/compilerPool.js';
import type { CompileBackend } from './orchestrator.js';

/**
 * The wrapped backend: the same orchestrator, but each translation unit is compiled by starting
 * `fbuild cc COMPILER ARGS...`, exactly as make or CMake would. It exists for the parity gate, for
 * the benchmark (this is the per-compile cost that embedding removes) and for foreign build systems.
 * The wrapper reports its cache outcome through a small file named by FBUILD_CC_OUTCOME_FILE.
 */
export class WrappedBackend implements CompileBackend {
  /** Wrapper processes started: the check that embedded mode starts none. */
  wrappersStarted = 0;
  /** How a wrapper is started, up to the compiler: `fbuild cc`, or the bundle's own dist/cc.cjs. */
  private readonly ccCommand: string[];

  constructor(
    private readonly opts: {
      /** The command that runs `fbuild` (e.g. [node, dist/cli.js]). */
      fbuildCommand: string[];
      /** Where the wrappers send their compiles (the server), or a cache dir for in-process wrappers. */
      wrapperEnv: Record<string, string>;
      pool: CompilerPool;
      /** The link is not a per-unit compile: it goes to the cache directly. */
      linker: CompileBackend;
    },
  ) {
    this.ccCommand = ccCommand(opts.fbuildCommand);
  }

  async compile(req: CompileRequest): Promise<CompileResult> {
    const outcomeFile = join(tmpdir(), `fbuild-cc-${process.pid}-${randomBytes(6).toString('hex')}.json`);
    const [cmd, ...pre] = this.ccCommand;
    this.wrappersStarted++;
    const r = await this.opts.pool.run(
      cmd!,
      [...pre, req.compiler, ...req.args],
      req.cwd,
      {
        ...wrapperEnv(req.env ?? process.env),
        ...this.opts.wrapperEnv,
        FBUILD_WORKSPACE: req.workspaceRoot,
        FBUILD_CC_OUTCOME_FILE: outcomeFile,
      },
      req.signal,
    );
    let outcome: Pick<CompileResult, 'outcome' | 'reason' | 'savedMs'> = { outcome: 'error', reason: 'wrapper reported nothing' };
    try {
      outcome = JSON.parse(readFileSync(outcomeFile, 'utf8'));
      unlinkSync(outcomeFile);
    } catch {
      // the wrapper died before reporting: its exit code and stderr say why
    }
    return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, ...outcome };
  }

  link(req: StepsRequest): Promise<StepsResult> {
    return this.opts.linker.link(req);
  }

  killAll(): void {
    this.opts.pool.killAll();
  }
}

/**
 * dist/cli.js's sibling dist/cc.cjs is `fbuild cc` alone, a fraction of the start of the whole CLI (see
 * scripts/build.mjs): used when it is there; from the sources (tests, tsx) the command is `... cc`.
 */
export function ccCommand(fbuildCommand: readonly string[]): string[] {
  const script = fbuildCommand[fbuildCommand.length - 1]!;
  const cc = join(dirname(script), 'cc.cjs');
  return basename(script) === 'cli.js' && existsSync(cc) ? [...fbuildCommand.slice(0, -1), cc] : [...fbuildCommand, 'cc'];
}

/**
 * The wrapper's environment: without the server's token (the wrapper gets a path to it,
 * FBUILD_CACHE_TOKEN_FILE; the compiler nothing), and with NODE_EXTRA_CA_CERTS set aside: Node reads
 * and parses that whole file at every start (40 ms here, most of a wrapped hit) and the wrapper only
 * talks to the server over loopback HTTP; it hands the variable back to the compiler (src/cli/cc.ts).
 */
function wrapperEnv(env: NodeJS.ProcessEnv | Record<string, string>): Record<string, string | undefined> {
  const { FBUILD_CACHE_TOKEN: _token, NODE_EXTRA_CA_CERTS: caCerts, ...rest } = env;
  return caCerts === undefined ? rest : { ...rest, FBUILD_CC_NODE_EXTRA_CA_CERTS: caCerts };
}
