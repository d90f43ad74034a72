import { isAbsolute, resolve } from 'node:path';
import { firstOutsideRoots, isInsideRoots, type WriteTarget } from '../engine/writeBoundary.js';
import type { CompileRequest } from '../cache/cacheService.js';
import { findWorkspaceRoot } from '../util/workspaceRoot.js';
import { expandResponseFiles, outputPaths } from '../cache/compilerArgs.js';
import type { BuildBody } from '../protocol/wire.js';

/** A request the server refuses: its status (400, 403) and a message for the client. */
export class RequestError extends Error {
  constructor(
    readonly status: 400 | 403 | 413,
    message: string,
  ) {
    super(message);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function requireInside(what: string, p: string, roots: readonly string[]): void {
  if (!isInsideRoots(p, roots))
    throw new RequestError(403, `${what} ${p} is outside the allowed roots (${roots.join(', ')}); start the server with --allow-root`);
}

export function checkCompileBody(body: unknown, roots: readonly string[]): CompileRequest {
  if (!isRecord(body)) throw new RequestError(400, 'compile body must be a map');
  const { compiler, args, cwd, env, workspaceRoot } = body;
  if (typeof compiler !== 'string' || !compiler) throw new RequestError(400, 'compiler must be a non-empty string');
  if (!isStringArray(args)) throw new RequestError(400, 'args must be an array of strings');
  if (typeof cwd !== 'string' || !isAbsolute(cwd)) throw new RequestError(400, 'cwd must be an absolute path');
  if (env !== undefined && !(isRecord(env) && Object.values(env).every((v) => typeof v === 'string'))) {
    throw new RequestError(400, 'env must be a map of strings');
  }
  if (workspaceRoot !== undefined && (typeof workspaceRoot !== 'string' || !isAbsolute(workspaceRoot))) {
    throw new RequestError(400, 'workspaceRoot must be an absolute path');
  }
  const hasNul = (v: string) => v.includes('\0');
  if (hasNul(compiler) || hasNul(cwd) || args.some(hasNul))
    throw new RequestError(400, 'compiler, cwd and args must not contain NUL bytes');
  requireInside('cwd', cwd, roots);
  // Outputs must stay inside the allowed roots too. This guards against mistakes; it is no sandbox
  // (the token holder chooses the compiler), so it looks at the usual output options only.
  // Response files are read here once: the cache gets the expanded arguments.
  const expanded = expandResponseFiles(args, cwd);
  const effective = Array.isArray(expanded) ? expanded : args;
  for (const out of outputPaths(effective)) requireInside('output', resolve(cwd, out), roots);
  const root = workspaceRoot ?? findWorkspaceRoot(cwd, (env as Record<string, string> | undefined) ?? {});
  return { compiler, args: effective, cwd, workspaceRoot: root, ...(env ? { env: env as Record<string, string> } : {}) };
}

export function checkBuildBody(body: unknown, roots: readonly string[]): BuildBody {
  if (!isRecord(body)) throw new RequestError(400, 'build body must be a JSON object');
  const { projectDir, environment, jobs, noCache, force, keepObjects, lookupOnly, backend, toolchain, offline, projectEnv } = body;
  if (typeof projectDir !== 'string' || !isAbsolute(projectDir) || projectDir.includes('\0'))
    throw new RequestError(400, 'projectDir must be an absolute path');
  if (environment !== undefined && typeof environment !== 'string') throw new RequestError(400, 'environment must be a string');
  if (jobs !== undefined && !(Number.isInteger(jobs) && (jobs as number) > 0))
    throw new RequestError(400, 'jobs must be a positive integer');
  if (noCache !== undefined && typeof noCache !== 'boolean') throw new RequestError(400, 'noCache must be a boolean');
  if (force !== undefined && typeof force !== 'boolean') throw new RequestError(400, 'force must be a boolean');
  if (keepObjects !== undefined && typeof keepObjects !== 'boolean') throw new RequestError(400, 'keepObjects must be a boolean');
  if (lookupOnly !== undefined && typeof lookupOnly !== 'boolean') throw new RequestError(400, 'lookupOnly must be a boolean');
  if (offline !== undefined && typeof offline !== 'boolean') throw new RequestError(400, 'offline must be a boolean');
  if (backend !== undefined && backend !== 'embedded' && backend !== 'wrapped')
    throw new RequestError(400, "backend must be 'embedded' or 'wrapped'");
  if (toolchain !== undefined && toolchain !== 'auto' && toolchain !== 'pinned' && toolchain !== 'system') {
    throw new RequestError(400, "toolchain must be 'auto', 'pinned' or 'system'");
  }
  if (projectEnv !== undefined && !isStringRecord(projectEnv)) {
    throw new RequestError(400, 'projectEnv must be an object of strings without NUL bytes');
  }
  requireInside('projectDir', projectDir, roots);
  return {
    ...(projectEnv !== undefined ? { projectEnv: projectEnv as Record<string, string> } : {}),
    ...(toolchain !== undefined ? { toolchain: toolchain as 'auto' | 'pinned' | 'system' } : {}),
    projectDir,
    ...(environment !== undefined ? { environment: environment as string } : {}),
    ...(jobs !== undefined ? { jobs: jobs as number } : {}),
    ...(noCache !== undefined ? { noCache: noCache as boolean } : {}),
    ...(force !== undefined ? { force: force as boolean } : {}),
    ...(keepObjects ? { keepObjects: true } : {}),
    ...(lookupOnly ? { lookupOnly: true } : {}),
    ...(offline !== undefined ? { offline: offline as boolean } : {}),
    ...(backend !== undefined ? { backend: backend as 'embedded' | 'wrapped' } : {}),
  };
}

/**
 * A build writes and deletes in its build and lib_deps dirs (writeBoundary.ts lists them): through a
 * symlink (`.fbuild`, `.pio`) or a `build_dir`/`libdeps_dir` that leads outside the allowed roots it
 * would write or delete there. The message names the real location, since the path as written looks inside.
 */
export function checkBuildWriteDirs(targets: readonly WriteTarget[], roots: readonly string[]): void {
  const out = firstOutsideRoots(targets, roots);
  if (!out) return;
  const via = out.real === resolve(out.path) ? '' : ` (it leads to ${out.real}: a symlink on the way points out)`;
  throw new RequestError(
    403,
    `the build would write in its ${out.what} ${out.path}${via}, outside the allowed roots (${roots.join(', ')}); ` +
      'point it inside the project, or start the server with --allow-root for that directory',
  );
}

export function checkShutdownBody(body: unknown): { mode: 'graceful' | 'force' } {
  if (!isRecord(body)) throw new RequestError(400, 'shutdown body must be a JSON object');
  // Only a missing mode means graceful: `null` (or any other value) is refused, not taken as a stop.
  const mode = body.mode === undefined ? 'graceful' : body.mode;
  if (mode !== 'graceful' && mode !== 'force') throw new RequestError(400, "mode must be 'graceful' or 'force'");
  return { mode };
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.entries(value).every(([k, v]) => typeof v === 'string' && !k.includes('\0') && !v.includes('\0'));
}
