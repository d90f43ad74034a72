import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);

// server/util/errors.ts
import { accessSync, constants, existsSync } from "node:fs";
import { dirname } from "node:path";
var UserError = class extends Error {
  constructor(message, exitCode = 2) {
    super(message);
    this.exitCode = exitCode;
    this.name = "UserError";
  }
  exitCode;
};
function errorMessage(e) {
  return e instanceof Error ? e.message : String(e);
}
var usage = (command, synopsis) => new UserError(`${command}: ${synopsis}`, 2);
function unwritableAncestor(path) {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if (existsSync(dir)) {
      try {
        accessSync(dir, constants.W_OK);
        return void 0;
      } catch (e) {
        return { code: e.code ?? "EACCES", path: dir };
      }
    }
    if (dirname(dir) === dir) return void 0;
  }
}
var EXCERPT_CHARS = 200;
function excerpt(text) {
  const head = text.length > EXCERPT_CHARS ? text.slice(0, EXCERPT_CHARS) : text;
  const escaped = head.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    const named = { "\n": "\\n", "\r": "\\r", "	": "\\t" };
    return named[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`;
  });
  return text.length > EXCERPT_CHARS ? `${escaped}\u2026 (${text.length - EXCERPT_CHARS} more characters)` : escaped;
}
var FS_PROBLEMS = {
  EACCES: "permission denied; make it writable (and readable) by this user or choose another path",
  EPERM: "operation not permitted; make it writable by this user or choose another path",
  EROFS: "the file system is read-only; choose a path on a writable one",
  ENOTDIR: "a part of the path is a file, not a directory; fix the path",
  EISDIR: "it is a directory, not a file; fix the path",
  ENOSPC: "no space left on the device; free some space",
  EDQUOT: "the disk quota is used up; free some space",
  ENOENT: "no such file or directory; check the path",
  ELOOP: "too many levels of symbolic links; fix the link",
  ENAMETOOLONG: "the path is too long; choose a shorter one"
};
function fileSystemUserError(e) {
  const err = e;
  if (!err || typeof err.code !== "string" || typeof err.path !== "string") return void 0;
  const ancestor = err.syscall === "mkdir" && err.code === "ENOENT" ? unwritableAncestor(err.path) : void 0;
  const code = ancestor?.code ?? err.code;
  const problem = FS_PROBLEMS[code];
  if (!problem) return void 0;
  const what = ancestor ? `create directories in ${ancestor.path}` : err.syscall ? `${err.syscall} ${err.path}` : err.path;
  return new UserError(`fbuild: cannot ${what} (${code}): ${problem}`);
}

export {
  UserError,
  errorMessage,
  usage,
  excerpt,
  fileSystemUserError
};
