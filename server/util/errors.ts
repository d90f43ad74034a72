import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Errors a user can meet: each names the problem and the fix, in one line, and carries the exit code.
 * They are made here and printed once, at the edge (the CLI's main, the action's steps).
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** An error's message (or the thrown value as text), for warnings and miss reasons. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export const usage = (command: string, synopsis: string): UserError => new UserError(`${command}: ${synopsis}`, 2);

/** The nearest existing directory above `path`, with the code of why it cannot be written, if it cannot. */
function unwritableAncestor(path: string): { code: string; path: string } | undefined {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if (existsSync(dir)) {
      try {
        accessSync(dir, constants.W_OK);
        return undefined;
      } catch (e) {
        return { code: (e as NodeJS.ErrnoException).code ?? 'EACCES', path: dir };
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** How much of a user's bad input a message quotes. */
const EXCERPT_CHARS = 200;

/**
 * A piece of a user's input, fit to be quoted in a one-line message: control characters escaped
 * (a NUL or an escape sequence must not reach the terminal raw) and at most ~200 characters.
 */
export function excerpt(text: string): string {
  const head = text.length > EXCERPT_CHARS ? text.slice(0, EXCERPT_CHARS) : text;
  // eslint-disable-next-line no-control-regex -- control characters are what this escapes
  const escaped = head.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
  return text.length > EXCERPT_CHARS ? `${escaped}… (${text.length - EXCERPT_CHARS} more characters)` : escaped;
}

/** What a file-system error code means for the user, and what to do about it. */
const FS_PROBLEMS: Record<string, string> = {
  EACCES: 'permission denied; make it writable (and readable) by this user or choose another path',
  EPERM: 'operation not permitted; make it writable by this user or choose another path',
  EROFS: 'the file system is read-only; choose a path on a writable one',
  ENOTDIR: 'a part of the path is a file, not a directory; fix the path',
  EISDIR: 'it is a directory, not a file; fix the path',
  ENOSPC: 'no space left on the device; free some space',
  EDQUOT: 'the disk quota is used up; free some space',
  ENOENT: 'no such file or directory; check the path',
  ELOOP: 'too many levels of symbolic links; fix the link',
  ENAMETOOLONG: 'the path is too long; choose a shorter one',
};

/**
 * A file-system error (one with a code and a path) as a UserError, one line and exit 2: a project
 * or cache dir the user pointed at a file or a read-only place is a user's problem, not a bug.
 * Undefined for anything else.
 */
export function fileSystemUserError(e: unknown): UserError | undefined {
  const err = e as NodeJS.ErrnoException | undefined;
  if (!err || typeof err.code !== 'string' || typeof err.path !== 'string') return undefined;
  // A recursive mkdir under a read-only or foreign directory fails with ENOENT: name the real cause.
  const ancestor = err.syscall === 'mkdir' && err.code === 'ENOENT' ? unwritableAncestor(err.path) : undefined;
  const code = ancestor?.code ?? err.code;
  const problem = FS_PROBLEMS[code];
  if (!problem) return undefined;
  const what = ancestor ? `create directories in ${ancestor.path}` : err.syscall ? `${err.syscall} ${err.path}` : err.path;
  return new UserError(`fbuild: cannot ${what} (${code}): ${problem}`);
}
