import { UserError } from '../util/errors.js';

/**
 * A build stopped by its AbortSignal (the server's client went away, or Ctrl-C): its compilers were
 * killed and nothing was written to the output dir after the cancel. Exit code 130, as for SIGINT.
 */
export class BuildCancelled extends UserError {
  constructor(environment: string) {
    super(`build of ${environment} cancelled; its compilers were stopped and its outputs left as they were`, 130);
    this.name = 'BuildCancelled';
  }
}

export function throwIfCancelled(signal: AbortSignal | undefined, environment: string): void {
  if (signal?.aborted) throw new BuildCancelled(environment);
}

/** Waits `ms`, or less when the signal aborts first (the caller then checks it). */
export function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolveWait) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolveWait();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
