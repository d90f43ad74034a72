import { fileSystemUserError, UserError } from '../../server/util/errors.js';

/**
 * Ends a command's process with its exit code; an error is one line on stderr (a UserError's own
 * message, else "internal error" with the stack only under FBUILD_DEBUG). Used by every entry point
 * (dist/cli.js, and dist/cc.cjs, the wrapper's own small one).
 */
export function exitWith(command: Promise<number>, name = 'fbuild'): void {
  command.then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      e = fileSystemUserError(e) ?? e;
      if (e instanceof UserError) {
        process.stderr.write(`${e.message}\n`);
        process.exitCode = e.exitCode;
      } else {
        const err = e as Error;
        process.stderr.write(`${name}: internal error: ${err?.message ?? String(e)}\n`);
        if (process.env.FBUILD_DEBUG) process.stderr.write(`${err?.stack ?? ''}\n`);
        process.exitCode = 70;
      }
    },
  );
}
