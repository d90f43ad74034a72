import { constants } from 'node:os';

/** The signals that stop a command (Ctrl-C, and what a runner, systemd or `kill` sends). */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** The shell's exit code for a command stopped by `signal`: 128 + its number (130 for SIGINT, 143 for SIGTERM). */
export function signalExitCode(signal: StopSignal): number {
  return 128 + constants.signals[signal];
}

/**
 * Calls `stop` once, on the first stop signal, with its name; a second signal ends the process at
 * once with that signal's code (whoever sends it twice does not want to wait). Returns a function
 * that removes the handlers.
 */
export function onStopSignal(stop: (signal: StopSignal) => void): () => void {
  let first: StopSignal | undefined;
  const handlers = STOP_SIGNALS.map((signal) => {
    const handler = () => {
      if (first) process.exit(signalExitCode(signal));
      first = signal;
      stop(signal);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}
