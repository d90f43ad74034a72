import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import pLimit, { type LimitFunction } from 'p-limit';
import { childEnv } from '../util/childEnv.js';

export interface ProcessResult {
  exitCode: number;
  stdout: Buffer;
  stderr: Buffer;
  durationMs: number;
}

/** The exit code of a process killed (or never started) because its build was cancelled: as for SIGINT. */
export const CANCELLED_EXIT = 130;

/**
 * Runs compiler processes, at most `size` at once (p-limit: a small, well-kept queue, so the pool is
 * not hand-rolled). Only misses and uncacheable compiles come here; hits never wait for the pool.
 */
export class CompilerPool {
  private readonly limit: LimitFunction;
  private readonly running = new Set<ChildProcess>();
  /** Counts spawns, so tests can check that no wrapper process is started. */
  spawned = 0;
  /** Bumped by killAll(): a run queued before it never starts (and still settles, as cancelled). */
  private generation = 0;

  constructor(size: number) {
    this.limit = pLimit(Math.max(1, size));
  }

  /**
   * Runs one process. When `signal` aborts, the process is killed with the processes it started (or,
   * still queued, never started): the result then has exit code 130 and says "cancelled".
   */
  run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<ProcessResult> {
    const generation = this.generation;
    return this.limit(
      () =>
        new Promise<ProcessResult>((resolveRun) => {
          const started = performance.now();
          if (signal?.aborted || generation !== this.generation) {
            resolveRun({ exitCode: CANCELLED_EXIT, stdout: Buffer.alloc(0), stderr: Buffer.from('fbuild: cancelled\n'), durationMs: 0 });
            return;
          }
          const out: Buffer[] = [];
          const err: Buffer[] = [];
          this.spawned++;
          let child: ChildProcess;
          try {
            child = spawn(command, args, { cwd, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
          } catch (e) {
            // Invalid arguments (a NUL byte, ...) throw instead of failing the process.
            resolveRun({
              exitCode: 127,
              stdout: Buffer.alloc(0),
              stderr: Buffer.from(`fbuild: cannot run ${command}: ${(e as Error).message}\n`),
              durationMs: 0,
            });
            return;
          }
          this.running.add(child);
          const kill = () => child.pid && killTree(child.pid);
          signal?.addEventListener('abort', kill, { once: true });
          child.stdout!.on('data', (b: Buffer) => out.push(b));
          child.stderr!.on('data', (b: Buffer) => err.push(b));
          const finish = (exitCode: number, extra?: string) => {
            this.running.delete(child);
            signal?.removeEventListener('abort', kill);
            if (extra) err.push(Buffer.from(extra));
            if (signal?.aborted) {
              exitCode = CANCELLED_EXIT;
              err.push(Buffer.from('fbuild: cancelled\n'));
            }
            resolveRun({
              exitCode,
              stdout: Buffer.concat(out),
              stderr: Buffer.concat(err),
              durationMs: performance.now() - started,
            });
          };
          child.on('error', (e) => finish(127, `fbuild: cannot run ${command}: ${e.message}\n`));
          child.on('close', (code, signal) => finish(code ?? (signal ? 128 + 9 : 1)));
        }),
    );
  }

  get active(): number {
    return this.running.size + this.limit.pendingCount;
  }

  /**
   * Kills every running compiler, with the processes it started (a GCC driver runs cc1 and as, which
   * would otherwise live on and keep the pipes open), and cancels the queued ones. Not clearQueue():
   * p-limit leaves a cleared task's promise pending for ever, and a shutdown waiting for it hangs.
   */
  killAll(): void {
    this.generation++;
    for (const child of this.running) if (child.pid) killTree(child.pid);
  }
}

/** SIGKILLs a process and its descendants, children first (Linux: /proc; elsewhere the process only). */
function killTree(pid: number): void {
  try {
    process.kill(pid, 'SIGSTOP'); // it starts no new child while we look
  } catch {
    return; // already gone
  }
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // no /proc here
  }
  for (const c of children) killTree(c);
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
