import { checkUpToDateStamp } from '../../server/engine/upToDateStamp.js';
import { BuildPrinter } from './buildPrinter.js';
import { stampFor } from './upToDateStampName.js';

/**
 * `fbuild build`'s answer to an unchanged rebuild, from this module alone: no store, no engine, no
 * platformio.ini parsing (upToDateStamp.ts says what the stamp checks). A stamp is per invocation:
 * the arguments, the working directory, the environment (but the shell's own bookkeeping) and
 * fbuild itself; any other invocation has its own, written by its first full build.
 */

/** Prints what the full path would print and returns 0 when nothing changed; undefined otherwise. */
export function answerUpToDate(argv: string[]): number | undefined {
  const started = performance.now();
  const stamp = stampFor(argv, process.env, process.cwd());
  const answer = stamp ? checkUpToDateStamp(stamp.path) : undefined;
  if (!stamp || !answer) return undefined;
  const printer = new BuildPrinter({ json: stamp.json, verbose: false });
  for (const e of answer.events) printer.handle(e);
  printer.handle({ type: 'upToDate', environment: answer.result.environment });
  printer.handle({ type: 'done', result: { ...answer.result, durationMs: Math.round(performance.now() - started) } });
  return 0;
}
