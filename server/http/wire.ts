/**
 * What travels between the server and its clients. One place for the shapes, so the CLI, the
 * action's steps and the tests agree on them.
 */
import type { toJsonResult } from '../build/buildEvents.js';

/** POST /v1/compile, msgpack. `workspaceRoot` defaults to what `fbuild cc` would find from `cwd`. */
export interface CompileBody {
  compiler: string;
  args: string[];
  cwd: string;
  env?: Record<string, string>;
  workspaceRoot?: string;
}

/** The msgpack answer of /v1/compile. */
export interface CompileAnswer {
  exitCode: number;
  stdout: Uint8Array;
  stderr: Uint8Array;
  outcome: 'hit' | 'miss' | 'uncacheable' | 'error';
  reason?: string;
  /** On a hit: how long the original compile took. */
  savedMs?: number;
}

/** POST /v1/build, JSON. */
export interface BuildBody {
  projectDir: string;
  environment?: string;
  jobs?: number;
  noCache?: boolean;
  force?: boolean;
  backend?: 'embedded' | 'wrapped';
  toolchain?: 'auto' | 'pinned' | 'system';
}

export type JsonBuildResult = ReturnType<typeof toJsonResult>;

/** One line of the NDJSON stream /v1/build answers; `done` is always last. */
export type WireBuildEvent =
  | { type: 'start'; environment: string; units: number; toolchain: string }
  | {
      type: 'unit';
      index: number;
      total: number;
      unit: { source: string; object: string; outcome: CompileAnswer['outcome']; reason?: string; exitCode: number };
      stdout: string;
      stderr: string;
    }
  | { type: 'link'; outcome: CompileAnswer['outcome']; reason?: string; exitCode: number; stderr: string }
  | { type: 'upToDate'; environment: string }
  | { type: 'error'; message: string; exitCode: number }
  | { type: 'done'; result: JsonBuildResult | { environment: string | null; ok: false; error: string } };
