import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);

// src/cli/stopSignals.ts
import { constants } from "node:os";
var STOP_SIGNALS = ["SIGINT", "SIGTERM"];
function signalExitCode(signal) {
  return 128 + constants.signals[signal];
}
function onStopSignal(stop) {
  let first;
  const handlers = STOP_SIGNALS.map((signal) => {
    const handler = () => {
      if (first) process.exit(signalExitCode(signal));
      first = signal;
      stop(signal);
    };
    process.on(signal, handler);
    return [signal, handler];
  });
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}

export {
  signalExitCode,
  onStopSignal
};
