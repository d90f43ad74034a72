import { statSync } from 'node:fs';

/** Variables a shell changes between two identical commands, which no build reads. */
const SHELL_BOOKKEEPING = new Set(['_', 'OLDPWD', 'SHLVL', 'PWD']);

/**
 * The environment as part of an invocation's identity (the up-to-date stamp's name, the resident
 * server's key): every variable, sorted, but the shell's own bookkeeping.
 */
export function invocationEnv(env: NodeJS.ProcessEnv): [string, string | undefined][] {
  return Object.keys(env)
    .filter((k) => !SHELL_BOOKKEEPING.has(k))
    .sort()
    .map((k) => [k, env[k]]);
}

/** A file as part of an invocation's identity (fbuild's own files): its path, size and mtime; the path alone if it is not there. */
export function fileIdentity(path: string | undefined): unknown[] {
  try {
    const st = statSync(path ?? '');
    return [path, st.size, st.mtimeMs];
  } catch {
    return [path];
  }
}
