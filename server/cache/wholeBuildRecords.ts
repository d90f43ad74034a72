import { existsSync } from 'node:fs';
import { KeyHasher } from './hash.js';
import type { CompilerIdentities } from './compilerIdentity.js';
import type { CompileSession } from './compileSession.js';
import type { FileDigest, FileHasher } from './fileHasher.js';
import type { StatsRecorder } from './stats.js';
import type { CacheStore, ResultManifest, StoredSteps } from './store.js';
import { ABSENT } from './unitInputs.js';
import { PathNormalizer } from './compilerArgs.js';

/**
 * Whole-build records: what a successful build of an env produced, stored in the same store as the
 * compiles (so every tier carries it), under a key made of everything that decides the build and is
 * the same in every checkout (the build's version, the env's config with the workspace taken out, the
 * tools by content, the trees' listings; see the engine's wholeBuild.ts). Under the key, a few
 * candidates, newest first, each: every input file (workspace-relative, `$WS/…`, or absolute outside
 * the workspace) with its content hash, `?path` for a place that must hold no file (a header there
 * would shadow the one the compiles read), and a blob with the firmware files and what the build
 * reported. A candidate is used only when every input still has its content; a blob that is gone or
 * damaged is a miss. Nothing here decides what a build's inputs are: the engine does.
 */

/** Candidates kept per key: a few edits toggled back and forth, few enough to check fast. */
const CANDIDATES_PER_KEY = 4;

/** The pseudo-source of record entries in the store (for miss explanations and pruning stats). */
export const WHOLE_BUILD_SOURCE = '$BUILD';

export interface WholeBuildCandidate {
  /** [normalized path, content hash]; `?path` with an empty hash: a file that must not exist. */
  inputs: [string, string][];
  /** The files a hit writes (workspace-normalized path, mode, bytes). */
  outputs: StoredSteps['outputs'];
  /** What the engine needs to report the build and write its build dir's record (its own format). */
  meta: Uint8Array;
  /** Compile and link time the build took, or that its hits saved: reported as saved on a hit. */
  savedMs: number;
}

export type WholeBuildLookup =
  | { hit: WholeBuildCandidate; remote?: boolean }
  /** Why no candidate was used (no record, an input changed, a blob gone). */
  | { miss: string };

export interface WholeBuildDeps {
  store: CacheStore;
  identities: CompilerIdentities;
  hasher: FileHasher;
  stats: StatsRecorder;
}

export class WholeBuildRecords {
  constructor(private readonly deps: WholeBuildDeps) {}

  /** The tools' identity by content (binary hash and system headers), remembered by path, size and mtime. */
  toolIdentities(tools: readonly string[], session?: CompileSession): string[] {
    const { identities } = this.deps;
    return tools.map((t) => (session ? session.compilerIdentity(t, (p) => identities.identify(p)) : identities.identify(t)));
  }

  /** A file's digest: once per session, else from the stat cache (a file unchanged since it was hashed is not read). */
  digest(abs: string, session?: CompileSession): FileDigest | undefined {
    const { hasher } = this.deps;
    return session ? session.digest(abs, (p) => hasher.digest(p)) : hasher.digest(abs);
  }

  /** The key of a record from the parts the engine chose (ordered). */
  static key(parts: readonly string[]): string {
    return new KeyHasher('fbuild-whole-build-v1').fields(parts).hex();
  }

  /**
   * The newest candidate under `key` whose inputs all hold in the workspace, with its outputs read
   * (and verified) from the store. A hit counts as a use of the record unless `lookOnly` (a
   * lookup that builds nothing, as the server's warm-up passes, leaves the store's index as it was).
   */
  async find(key: string, workspaceRoot: string, cwd: string, session?: CompileSession, lookOnly = false): Promise<WholeBuildLookup> {
    const { store } = this.deps;
    const pending = store.get(key);
    const read = pending instanceof Promise ? await pending : pending;
    if (read.status === 'absent') return { miss: 'no record' };
    if (read.status === 'damaged') return { miss: 'damaged record' };
    const paths = new PathNormalizer(workspaceRoot, cwd);
    let firstChanged: string | undefined;
    for (const candidate of read.entry.results) {
      const changed = this.firstChanged(candidate, paths, session);
      if (changed !== undefined) {
        firstChanged ??= changed;
        continue;
      }
      const loaded = store.load(candidate);
      if (loaded.status !== 'found') return { miss: 'record blob missing' };
      const { steps, object } = loaded.outputs;
      if (!steps) return { miss: 'record blob without outputs' };
      if (!lookOnly) store.touch(key);
      return {
        hit: { inputs: candidate.files, outputs: steps.outputs, meta: object, savedMs: candidate.compileMs },
        ...(read.remote ? { remote: true } : {}),
      };
    }
    return { miss: `input changed: ${(firstChanged ?? '?').replace(/^\?/, '').replace(/^\$WS\//, '')}` };
  }

  private firstChanged(candidate: ResultManifest, paths: PathNormalizer, session?: CompileSession): string | undefined {
    for (const [path, hash] of candidate.files) {
      if (path.charCodeAt(0) === QUESTION) {
        const abs = (p: string) => paths.resolve(p.slice(1));
        if (session ? session.exists(path, abs) : existsSync(abs(path))) return path;
        continue;
      }
      const d = this.digest(paths.resolve(path), session);
      if (!d || d.hash !== hash) return path;
    }
    return undefined;
  }

  /** Stores a candidate under `key`, newest first, replacing one with the same inputs. */
  async save(key: string, label: string, candidate: WholeBuildCandidate): Promise<void> {
    const { store } = this.deps;
    const resultKey = new KeyHasher('fbuild-whole-build-result-v1').field(key).fields(candidate.inputs.flat()).hex();
    const pending = store.get(key);
    const read = pending instanceof Promise ? await pending : pending;
    const kept = read.status === 'found' ? read.entry.results.filter((r) => r.resultKey !== resultKey) : [];
    const empty = new Uint8Array(0);
    await store.put({
      contextKey: key,
      source: `${WHOLE_BUILD_SOURCE}:${label}`,
      compiler: '',
      flags: key,
      results: [
        {
          resultKey,
          files: candidate.inputs,
          compileMs: candidate.savedMs,
          createdAt: Date.now(),
          object: candidate.meta,
          stdout: empty,
          stderr: empty,
          steps: { outputs: candidate.outputs, stdout: [] },
        },
        ...kept,
      ].slice(0, CANDIDATES_PER_KEY),
    });
  }

  /** Marks entries as used now: the units and link a record hit stands for (least-recently-used eviction, `evict-unused`). */
  touch(keys: readonly string[]): void {
    for (const k of keys) this.deps.store.touch(k);
  }

  /** Reads the entries through the store's tiers, so that ones found only in the remote tier are kept locally too. */
  async promote(keys: readonly string[]): Promise<void> {
    await Promise.all(keys.map((k) => this.deps.store.get(k)));
  }

  /** A hit counts each unit and the link as the hits they would have been. */
  recordHits(steps: { savedMs: number }[]): void {
    const { stats } = this.deps;
    for (const s of steps) {
      stats.recordHit(0, 0, s.savedMs);
      stats.record('hit', undefined);
    }
  }
}

const QUESTION = ABSENT.charCodeAt(0);
