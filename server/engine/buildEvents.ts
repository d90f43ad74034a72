import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileSystemUserError, UserError } from '../util/errors.js';
import type { BuildEvent, JsonBuildResult } from '../protocol/wire.js';
import { build, BuildFailure, type BuildOptions, type BuildResult } from './orchestrator.js';
import { writeUpToDateStamp, type UpToDateFacts } from './upToDateStamp.js';

/** The one JSON object `fbuild build --json` prints and `/v1/build` ends with: paths absolute. */
export function toJsonResult(r: BuildResult, projectDir: string): JsonBuildResult {
  // A failed build names only the artifacts that exist (none after a failed compile or link).
  const artifact = (p: string) => {
    const abs = p ? resolve(projectDir, p) : '';
    return abs && (r.ok || existsSync(abs)) ? abs : '';
  };
  return {
    environment: r.environment,
    ok: r.ok,
    upToDate: r.upToDate,
    // A native build has a program and no image to flash: hex is then empty.
    artifacts: {
      elf: artifact(r.artifacts.elf),
      hex: artifact(r.artifacts.hex),
      ...(r.ok && r.artifacts.flash
        ? { flash: r.artifacts.flash.map((f) => ({ offset: f.offset, file: resolve(projectDir, f.file) })) }
        : {}),
    },
    size: r.size,
    stats: r.stats,
    durationMs: Math.round(r.durationMs),
    ...(r.libraries?.length ? { libraries: r.libraries } : {}),
  };
}

/**
 * Runs a build and reports it as the stream of events the server sends: the embedded CLI and the
 * server both go through here, so a build prints the same whichever way it ran. Returns the exit code.
 */
export async function runBuildToEvents(
  opts: Omit<BuildOptions, 'onEvent' | 'onUpToDateFacts'>,
  emit: (e: BuildEvent) => void,
  /** Where to record how a later process can answer "up to date" at once (upToDateStamp.ts). */
  upToDateStamp?: string,
): Promise<number> {
  const projectDir = resolve(opts.projectDir);
  // The warnings an up-to-date build prints before its result (the config's), for the stamp.
  const before: BuildEvent[] = [];
  let started = false;
  let facts: UpToDateFacts | undefined;
  const onEvent = (e: BuildEvent) => {
    if (e.type === 'start' || e.type === 'upToDate') started = true;
    else if (!started && e.type === 'warning') before.push(e);
    emit(e);
  };
  try {
    const r = await build({ ...opts, onEvent, ...(upToDateStamp ? { onUpToDateFacts: (f: UpToDateFacts) => (facts = f) } : {}) });
    if (upToDateStamp && facts) {
      try {
        writeUpToDateStamp(upToDateStamp, { ...facts, result: toJsonResult(facts.result, projectDir) }, before);
      } catch {
        // only a lost shortcut: the next build takes the full path
      }
    }
    emit({ type: 'done', result: toJsonResult(r, projectDir) });
    return 0;
  } catch (e) {
    if (e instanceof BuildFailure) {
      emit({ type: 'error', message: `fbuild: ${e.message}`, exitCode: e.exitCode });
      emit({ type: 'done', result: toJsonResult(e.result, projectDir) });
      return e.exitCode;
    }
    const failure: unknown = fileSystemUserError(e) ?? e;
    const user = failure instanceof UserError;
    const message = user ? failure.message : `fbuild: internal error: ${(failure as Error)?.message ?? String(failure)}`;
    const exitCode = user ? failure.exitCode : 70;
    emit({ type: 'error', message, exitCode });
    emit({ type: 'done', result: { environment: opts.environment ?? null, ok: false, error: message } });
    return exitCode;
  }
}
