import { randomBytes } from 'node:crypto';
import { availableParallelism, tmpdir } from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { defaultCacheDir } from '../util/cacheDir.js';
import { CompilerIdentities, CompilerNotFoundError } from './compilerIdentity.js';
import { CANCELLED_EXIT, CompilerPool, type ProcessResult } from './compilerPool.js';
import { CLOCK_MARKER, clockMarkerDefines } from './clockMacros.js';
import { keyArguments, parseCompile, PathNormalizer, preprocessOnlyArgs, type CacheableCompile } from './compilerArgs.js';
import { formatDepfile, makeQuote, parseDepfile } from './depfile.js';
import { FileHasher, type FileDigest } from './fileHasher.js';
import type { CompileSession } from './compileSession.js';
import { StepsCache } from './stepsCache.js';
import { KeyHasher, sha256Hex } from './hash.js';
import { ABSENT, CHECKOUT, EMBEDDED, insideAny, negativeLookups, packageDirs, SYSTEM_HEADER, userIncludeDir } from './unitInputs.js';
import { LocalStore } from './localStore.js';
import type { RemoteCacheConfig, RemoteTier } from './remoteConfig.js';
import { TieredStore } from './tieredStore.js';
import { WholeBuildRecords } from './wholeBuildRecords.js';
import { StatsRecorder, type CacheStats, type Outcome } from './stats.js';
import type { CacheStore, CachedResult, ContextEntry, ReadResult, ResultHeader, ResultManifest, StoredDepfile } from './store.js';
import { errorMessage } from '../util/errors.js';
import { writeOver } from '../util/overwrite.js';
import { safeUnlink } from '../util/quietFs.js';
import { FullDiskGuard } from './fullDiskGuard.js';

export interface CacheServiceConfig {
  /** Defaults to defaultCacheDir(). */
  cacheDir?: string;
  /** Store size limit; least recently used entries are evicted down to 90% of it. Default 2 GiB. */
  maxBytes?: number;
  /** Compiler processes at once. Default: available parallelism. */
  jobs?: number;
  /** Another store (a test double of the interface); default the local store in cacheDir. */
  store?: CacheStore;
  /** A shared remote tier behind the local store (Redis). */
  remote?: RemoteCacheConfig;
}

export interface CompileRequest {
  compiler: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Paths under this root are keyed relative to it, so another checkout of the same sources hits. */
  workspaceRoot: string;
  /** Cancels the compile: the compiler is killed, no output is written after, nothing is stored. */
  signal?: AbortSignal;
  /** The build this compile belongs to: its files and compiler are checked once per session. */
  session?: CompileSession;
  /**
   * Build without the bytes: a hit writes neither the object nor the depfile; the result says what
   * the object's content is (`deferred`) so that a link can be keyed by it. A miss writes as usual.
   */
  deferOutputs?: boolean;
}

/** A hit whose outputs were not written (`deferOutputs`): what stands in for the object file. */
export interface DeferredOutputs {
  /** SHA-256 of the object's bytes: what hashing the file would have given. */
  objectHash: string;
  /** The files the compile read that the fingerprint must see (the source first, system headers too), absolute. */
  inputs: string[];
  /** The files its `.incbin` directives embed, absolute. */
  embedded: string[];
}

export interface CompileResult {
  exitCode: number;
  stdout: Buffer;
  stderr: Buffer;
  outcome: Outcome;
  /** Why it missed, why it could not be cached, or what went wrong in the cache. */
  reason?: string;
  /** On a hit: how long the original compile took. */
  savedMs?: number;
  /** On a hit: the entry came from the remote tier. */
  remote?: boolean;
  /** On a hit asked for with `deferOutputs`: nothing was written, this is what the object is. */
  deferred?: DeferredOutputs;
  /**
   * On a hit, or a miss whose result was made to be stored: the inputs its result records (see
   * unitInputs.ts; paths `$WS/…` inside the workspace) and whether another checkout would find it
   * (false: keyed on absolute paths, or its object names the checkout). A whole-build record is
   * made of these.
   */
  recorded?: { files: [string, string][]; portable: boolean; compileMs: number; contextKey: string };
}

/** Results kept per context key: enough for a header toggled back and forth, few enough to read fast. */
const RESULTS_PER_CONTEXT = 4;

/**
 * The compile cache, called as a function (the embedded backend). The hit path is compile() →
 * lookup() → materialize(): parse the arguments, make the context key, read the context entry, check
 * each candidate's recorded files against their current hashes (stat cache first), write the outputs.
 */
export class CacheService {
  private readonly stats_ = new StatsRecorder();
  private readonly hasher = new FileHasher();
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Serializes writes to one context key within this process; also the writes still pending. */
  private readonly writeChains = new Map<string, Promise<void>>();
  /** Why results written behind could not be stored (reported once, by shutdown()). */
  private readonly writeFailures: string[] = [];
  private closed = false;
  /** The second cache beside the compiles: step sequences (archive, link, objcopy, size) keyed by their inputs. */
  readonly steps: StepsCache;
  /** Every write goes through this: after the first that finds the disk full, none is tried. */
  private readonly writes: FullDiskGuard;
  /** Whole-build records (a build from another checkout that needs no planning and no per-unit lookups). */
  readonly wholeBuild: WholeBuildRecords;

  private constructor(
    private readonly store: CacheStore,
    private readonly identities: CompilerIdentities,
    readonly pool: CompilerPool,
  ) {
    this.writes = new FullDiskGuard(store);
    const steps = { store: this.writes, identities, hasher: this.hasher, pool, stats: this.stats_, isClosed: () => this.closed };
    this.steps = new StepsCache(steps);
    this.wholeBuild = new WholeBuildRecords({ store: this.writes, identities, hasher: this.hasher, stats: this.stats_ });
  }

  static async start(config: CacheServiceConfig = {}): Promise<CacheService> {
    const dir = resolve(config.cacheDir ?? defaultCacheDir());
    let store = config.store ?? LocalStore.open({ dir, maxBytes: config.maxBytes ?? 2 * 1024 ** 3 });
    if (config.remote) {
      let tier: RemoteTier | undefined;
      let error: string | undefined;
      try {
        // Loaded only when a tier is configured: the Redis client is most of a process start otherwise.
        const { RedisTier } = await import('./remoteTier.js');
        tier = await RedisTier.connect(config.remote);
      } catch (e) {
        error = errorMessage(e);
      }
      store = new TieredStore(store, tier, config.remote.mode, error);
    }
    const identities = new CompilerIdentities(join(dir, 'v1', 'compilers.msgpack'));
    return new CacheService(store, identities, new CompilerPool(config.jobs ?? availableParallelism()));
  }

  compile(request: CompileRequest): Promise<CompileResult> {
    if (this.closed) return Promise.reject(new Error('CacheService is shut down'));
    const p = this.compileTracked(request);
    this.inFlight.add(p);
    // The caller handles p's failure; this bookkeeping chain must not raise it a second time.
    p.finally(() => this.inFlight.delete(p)).catch(() => undefined);
    return p;
  }

  private async compileTracked(req: CompileRequest): Promise<CompileResult> {
    const started = performance.now();
    const env = req.env ?? process.env;
    let compilerPath: string;
    try {
      compilerPath = this.identities.resolveCompiler(req.compiler, req.cwd, env);
    } catch (e) {
      if (!(e instanceof CompilerNotFoundError)) throw e;
      return this.finish(await this.pool.run(req.compiler, req.args, req.cwd, env, req.signal), 'uncacheable', 'compiler not found');
    }
    const parsed = parseCompile(req.args, req.cwd);
    if (parsed.kind === 'uncacheable') {
      return this.finish(await this.pool.run(compilerPath, req.args, req.cwd, env, req.signal), 'uncacheable', parsed.reason);
    }

    let key: CompileKey;
    let lookup: Lookup;
    try {
      key = this.keyFor(req, parsed, compilerPath);
      // A local store answers synchronously, so a hit runs in one tick, from here to the outputs.
      // A result of this context still being written behind is waited for, so that it can hit.
      const writing = this.writeChains.get(key.contextKey);
      if (writing) await writing;
      const pending = this.store.get(key.contextKey);
      lookup = this.lookup(key, pending instanceof Promise ? await pending : pending, req.deferOutputs === true);
      if (lookup.hit && req.signal?.aborted) return this.finish(cancelledRun(), 'uncacheable', 'cancelled');
      if (lookup.hit) {
        const lookedUp = performance.now();
        const deferred = req.deferOutputs ? deferredOutputs(key, lookup.hit) : undefined;
        if (!deferred) this.materialize(key, lookup.hit);
        this.store.touch(key.contextKey);
        this.stats_.recordHit(performance.now() - started, lookedUp - started, lookup.hit.compileMs);
        const result = this.finish(
          { exitCode: 0, stdout: Buffer.from(lookup.hit.stdout), stderr: Buffer.from(lookup.hit.stderr), durationMs: 0 },
          'hit',
        );
        result.savedMs = lookup.hit.compileMs;
        if (lookup.remote) result.remote = true;
        if (deferred) result.deferred = deferred;
        result.recorded = recordedInputs(key, lookup.hit.files, lookup.hit.compileMs);
        return result;
      }
    } catch (e) {
      // A cache problem never fails a compile: compile normally and count it.
      return this.finish(await this.pool.run(compilerPath, req.args, req.cwd, env, req.signal), 'error', errorMessage(e));
    }
    return this.compileAndStore(key, lookup, compilerPath, env);
  }

  private finish(r: ProcessResult, outcome: Outcome, reason?: string): CompileResult {
    this.stats_.record(outcome, reason);
    return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, outcome, ...(reason ? { reason } : {}) };
  }

  private keyFor(req: CompileRequest, parsed: CacheableCompile, compilerPath: string): CompileKey {
    // Debug info records absolute paths: such objects are only shared within the same directory,
    // unless a -fdebug-prefix-map (or -ffile-prefix-map) takes the workspace out of them.
    const root = resolve(req.workspaceRoot);
    const relocatable = !parsed.debugInfo || parsed.debugPrefixMaps.some((old) => resolve(req.cwd, old) === root);
    const paths = new PathNormalizer(relocatable ? root : '/\0', req.cwd);
    const compiler = req.session
      ? req.session.compilerIdentity(compilerPath, (p) => this.identities.identify(p))
      : this.identities.identify(compilerPath);
    const flags = new KeyHasher('fbuild-flags-v1').fields(keyArguments(parsed, paths)).field(paths.normalize(req.cwd)).hex();
    const source = paths.normalize(parsed.source);
    const contextKey = new KeyHasher('fbuild-context-v2').field(compiler).field(parsed.language).field(flags).field(source).hex();
    return {
      contextKey,
      compiler,
      flags,
      source,
      parsed,
      paths,
      root,
      relocatable,
      cwd: req.cwd,
      env: req.env,
      signal: req.signal,
      session: req.session,
    };
  }

  /** Finds a stored result whose recorded files all still have their recorded content. */
  private lookup(key: CompileKey, read: ReadResult, deferOutputs: boolean): Lookup {
    if (read.status === 'damaged') return { reason: 'damaged entry' };
    if (read.status === 'absent') return { reason: this.explainNew(key) };
    const entry = read.entry;
    let firstMismatch: string | undefined;
    for (const result of entry.results) {
      const changed = this.firstChangedFile(key, result);
      if (changed === undefined) return this.loaded(result, entry, read.remote, deferOutputs);
      firstMismatch ??= changed;
    }
    return { reason: mismatchReason(firstMismatch, key.source), entry };
  }

  /**
   * The outputs of the result that matched, read and verified only now. A blob that is gone or damaged
   * is a miss; the compile stores the result again under the same result key.
   */
  private loaded(result: ResultManifest, entry: ContextEntry, remote: boolean | undefined, deferOutputs: boolean): Lookup {
    if (deferOutputs && result.objectHash && result.quiet) {
      // Nothing to write and nothing to print: the manifest says all a bytes-less hit needs. A blob
      // lost since costs nothing now; a later link that misses compiles the unit again.
      const nothing = new Uint8Array(0);
      return { hit: { ...result, object: nothing, stdout: nothing, stderr: nothing }, entry, ...(remote ? { remote: true } : {}) };
    }
    const read = this.store.load(result);
    if (read.status !== 'found') return { reason: 'damaged entry', entry, stale: result.resultKey };
    return { hit: { ...result, ...read.outputs }, entry, ...(remote ? { remote: true } : {}) };
  }

  /** The first recorded input that no longer holds (see unitInputs.ts for the kinds of entries). */
  private firstChangedFile(key: CompileKey, result: ResultHeader): string | undefined {
    for (const [path, hash] of result.files) {
      const kind = path.charCodeAt(0);
      if (kind === DOLLAR || kind === SLASH) {
        const d = this.digest(key, key.paths.resolve(path));
        if (!d || d.hash !== hash) return path;
      } else if (kind === QUESTION) {
        const abs = (p: string) => key.paths.resolve(p.slice(1));
        if (key.session ? key.session.exists(path, abs) : existsSync(abs(path))) return path;
      } else if (path === CHECKOUT) {
        if (hash !== key.root) return path;
      } else {
        const d = this.digest(key, key.paths.resolve(path.slice(1)));
        if (!d || d.hash !== hash) return path;
      }
    }
    return undefined;
  }

  /** A file's digest: once per build session when the compile names one, else from the stat cache. */
  private digest(key: CompileKey, path: string): FileDigest | undefined {
    return key.session ? key.session.digest(path, (p) => this.hasher.digest(p)) : this.hasher.digest(path);
  }

  /** No entry for this context: compare with the closest entry for the same source. */
  private explainNew(key: CompileKey): string {
    const others = this.store.entriesForSource(key.source);
    if (others.length === 0) return 'new';
    if (others.some((o) => o.flags === key.flags)) return 'compiler changed';
    if (others.some((o) => o.compiler === key.compiler)) return 'flags changed';
    return 'compiler changed';
  }

  /**
   * Writes the outputs in place, as the compiler does. Not write-then-rename: renaming over an
   * existing file costs a synchronous unlink of the old inode (0.2 ms here, several times the write);
   * nor truncate-then-write, for the same reason (writeOver).
   */
  private materialize(key: CompileKey, hit: CachedResult): void {
    const { parsed, cwd } = key;
    writeOver(resolve(cwd, parsed.output), hit.object);
    if (parsed.depFile !== undefined && hit.depfile) {
      writeOver(resolve(cwd, parsed.depFile), renderDepfile(hit.depfile, key));
    }
  }

  private async compileAndStore(key: CompileKey, lookup: Lookup, compilerPath: string, env?: NodeJS.ProcessEnv): Promise<CompileResult> {
    const { parsed, cwd } = key;
    // We need the full list of files the compiler read; ask for a depfile if the user did not.
    const ownDepfile =
      parsed.depFile === undefined ? join(tmpdir(), `fbuild-${process.pid}-${randomBytes(6).toString('hex')}.d`) : undefined;
    const args = ownDepfile ? [...parsed.args, '-MD', '-MF', ownDepfile] : parsed.args;
    const depPath = ownDepfile ?? resolve(cwd, parsed.depFile!);
    // Sub-millisecond wall time: Date.now() truncates, and a file written in the same millisecond
    // before the compile would look changed during it.
    const startedWall = performance.timeOrigin + performance.now();
    const run = await this.pool.run(compilerPath, args, cwd, env ?? process.env, key.signal);
    try {
      if (key.signal?.aborted) return this.finish(run, 'uncacheable', 'cancelled');
      if (run.exitCode !== 0) return this.finish(run, 'uncacheable', 'compile failed');
      const made = await this.collectResult(key, run, depPath, startedWall, compilerPath, env ?? process.env);
      if ('refused' in made) return this.finish(run, made.outcome, made.refused);
      // Written behind: the compiler's result goes back now; flush() and shutdown() wait for the write.
      this.save(key, lookup.entry, made, lookup.stale).catch((e) => this.writeFailures.push(errorMessage(e)));
      const result = this.finish(run, 'miss', lookup.reason ?? 'new');
      result.recorded = recordedInputs(key, made.files, made.compileMs);
      return result;
    } finally {
      if (ownDepfile) safeUnlink(ownDepfile);
    }
  }

  /**
   * Builds the cached result of a successful compile from everything the compiler read, or says why
   * it cannot be stored. The inputs: the source and the depfile's headers; the headers `-MMD` leaves
   * out (from `-isystem` directories, or included by a `#pragma GCC system_header` header), listed by
   * the preprocessor (`-M`) when the unit can have any; the files `.incbin` embeds; the negative
   * lookups of the include search; the checkout's path when it reaches the output. The compiler's own
   * headers are left to its identity. A file changed since the compile started is not stored.
   */
  private async collectResult(
    key: CompileKey,
    run: ProcessResult,
    depPath: string,
    startedWall: number,
    compilerPath: string,
    env: NodeJS.ProcessEnv,
  ): Promise<CachedResult | { refused: string; outcome: Outcome }> {
    const { parsed, paths, cwd, root } = key;
    const refuse = (refused: string) => ({ refused, outcome: 'uncacheable' as const });
    let object: Buffer;
    try {
      object = readFileSync(resolve(cwd, parsed.output));
    } catch {
      return refuse('compiler wrote no output');
    }
    let depText: string | undefined;
    try {
      depText = readFileSync(depPath, 'utf8');
    } catch {
      depText = undefined;
    }
    const dep = depText === undefined ? undefined : parseDepfile(depText);
    if (!dep && parsed.language !== 'assembler') return refuse('no dependency file');
    const sourceAbs = resolve(cwd, parsed.source);
    const listed = new Set([sourceAbs, ...(dep?.deps ?? []).map((d) => resolve(cwd, d))]);
    let unlisted: string[] = [];
    if (parsed.depMode === 'MMD' && (parsed.addsSystemDirs || [...listed].some((p) => this.digest(key, p)?.systemHeader))) {
      const full = await this.pool.run(compilerPath, [...preprocessOnlyArgs(parsed), '-M'], cwd, env, key.signal);
      const all = full.exitCode === 0 ? parseDepfile(full.stdout.toString()) : undefined;
      if (!all) return refuse('the system headers read could not be listed');
      unlisted = [...new Set(all.deps.map((d) => resolve(cwd, d)))].filter((p) => !listed.has(p));
    }

    const toolchain = this.identities.toolchainDirs(compilerPath);
    const files: [string, string][] = [];
    const headers: string[] = [];
    const clockFiles: string[] = [];
    let usesFile = false;
    const embedded: string[] = [];
    const inputs = [...[...listed].map((p) => ({ abs: p, tag: '' })), ...unlisted.map((p) => ({ abs: p, tag: SYSTEM_HEADER }))];
    for (let i = 0; i < inputs.length; i++) {
      const { abs, tag } = inputs[i]!;
      const ours = !insideAny(abs, toolchain);
      // Read again now, not from the session: what matters is the file as it is after the compile.
      const digest = this.hasher.digest(abs);
      if (!digest) {
        if (!ours) continue;
        return refuse('an input file could not be read');
      }
      usesFile ||= digest.usesFile;
      if (!ours) continue;
      const shown = paths.normalize(abs).replace(/^\$WS\//, '');
      // Changed while the compiler ran: we cannot know which version it read (as ccache does). The
      // ctime: every write sets it and utimes() cannot set it back, while an mtime can be anything
      // (a checkout with mtimes from the future would otherwise never be stored). The kernel's
      // coarse file clock can still hide a change in the first few ms of the compile.
      if (digest.ctimeMs >= startedWall) {
        return { refused: `input changed during the compile: ${shown}`, outcome: 'miss' };
      }
      if (digest.usesClock) clockFiles.push(shown);
      files.push([tag + paths.normalize(abs), digest.hash]);
      if (abs !== sourceAbs && tag !== EMBEDDED) headers.push(abs);
      for (const path of digest.incbin ?? []) {
        if (path === null) return refuse(`.incbin with a path built by macros (${shown})`);
        const file = resolve(cwd, path);
        if (!existsSync(file)) return refuse(`.incbin of a file not found from the working directory (${path})`);
        if (!embedded.includes(file)) {
          embedded.push(file);
          inputs.push({ abs: file, tag: EMBEDDED });
        }
      }
    }

    const exists = (p: string) => (key.session ? key.session.exists(p, (abs) => abs) : existsSync(p));
    const chain = [dirname(sourceAbs), ...parsed.searchDirs.map((d) => resolve(cwd, d))];
    // Outside the workspace too (a sibling ../shared, a global library folder), but not in the
    // toolchain's or its packages' directories, which the compiler's identity vouches for.
    const vouched = [...toolchain, ...packageDirs(compilerPath)];
    const owned = (dir: string) => userIncludeDir(dir, root, vouched);
    for (const absent of negativeLookups(headers, chain, owned, exists)) files.push([ABSENT + paths.normalize(absent), '']);

    if (clockFiles.length > 0 || usesFile) {
      // Decided on what the compiler sees, as ccache falls back to the preprocessor: the clock macros
      // count only if their marker survives (not under an inactive #if); the checkout's path only if
      // the text (without line markers) still holds it, through __FILE__ of an absolute path.
      const pp = await this.pool.run(
        compilerPath,
        [...preprocessOnlyArgs(parsed), '-P', ...(clockFiles.length > 0 ? clockMarkerDefines() : [])],
        cwd,
        env,
        key.signal,
      );
      if (clockFiles.length > 0 && (pp.exitCode !== 0 || pp.stdout.includes(CLOCK_MARKER))) {
        return refuse(`__DATE__ or __TIME__ used (${clockFiles.join(', ')})`);
      }
      if (usesFile && (pp.exitCode !== 0 || pp.stdout.includes(root + sep))) files.push([CHECKOUT, root]);
    }

    let depfile: StoredDepfile | undefined;
    if (parsed.depFile !== undefined && depText !== undefined && dep) {
      const regenerated = formatDepfile(depTargets(parsed), dep.deps, dep.phony);
      depfile =
        regenerated === depText
          ? { kind: 'deps', deps: dep.deps.map((d) => normalizeDepPath(d, paths)), phony: dep.phony }
          : { kind: 'raw', text: depText.split(paths.workspaceRoot + '/').join('$WS/'), target: depTargets(parsed).join(' ') };
    }
    const resultKey = new KeyHasher('fbuild-result-v1').field(key.contextKey).fields(files.flat()).hex();
    return {
      resultKey,
      files,
      object,
      ...(depfile ? { depfile } : {}),
      stdout: run.stdout,
      stderr: run.stderr,
      compileMs: Math.round(run.durationMs * 1000) / 1000,
      createdAt: Date.now(),
      objectHash: sha256Hex(object),
      ...(run.stdout.length === 0 && run.stderr.length === 0 ? { quiet: true as const } : {}),
    };
  }

  private async save(key: CompileKey, previous: ContextEntry | undefined, result: CachedResult, stale?: string): Promise<void> {
    const prior = this.writeChains.get(key.contextKey) ?? Promise.resolve();
    // After the I/O and the microtasks already queued: the caller's next compile starts first.
    const write = prior.then(afterPendingWork).then(async () => {
      // Re-read: another compile of this context may have stored a result since our lookup.
      const current = await Promise.resolve(this.store.get(key.contextKey));
      const base = current.status === 'found' ? current.entry : previous;
      const kept = (base?.results ?? []).filter((r) => r.resultKey !== result.resultKey && r.resultKey !== stale);
      const results = [result, ...kept].slice(0, RESULTS_PER_CONTEXT);
      await this.writes.put({ contextKey: key.contextKey, source: key.source, compiler: key.compiler, flags: key.flags, results });
    });
    const settled = write.catch(() => undefined);
    this.writeChains.set(key.contextKey, settled);
    void settled.then(() => {
      if (this.writeChains.get(key.contextKey) === settled) this.writeChains.delete(key.contextKey);
    });
    return write;
  }

  stats(): CacheStats {
    const snapshot = { ...this.stats_.snapshot(this.store.totals()), ...(this.writes.full ? { storeFull: this.writes.full } : {}) };
    return this.store instanceof TieredStore ? { ...snapshot, remote: this.store.remoteStats() } : snapshot;
  }

  /**
   * Called when a build starts: the remote tier's breaker closes again, and what went wrong with the
   * tier since the last call comes back as one warning (undefined when all was well).
   */
  takeRemoteWarning(): string | undefined {
    return this.store instanceof TieredStore ? this.store.takeWarning() : undefined;
  }

  /** Waits for every result still being written behind. */
  private async drainWrites(): Promise<void> {
    while (this.writeChains.size > 0) await Promise.allSettled([...this.writeChains.values()]);
  }

  async flush(): Promise<void> {
    await this.drainWrites();
    await this.writes.flush();
    this.identities.save();
  }

  /**
   * graceful: lets compiles in flight finish, then flushes. force: kills running compilers first.
   * A store that cannot be saved does not fail the caller (the build succeeded): the problem comes
   * back as a warning to print.
   */
  async shutdown(mode: 'graceful' | 'force' = 'graceful'): Promise<{ warnings: string[] }> {
    if (this.closed) return { warnings: [] };
    this.closed = true;
    if (mode === 'force') this.pool.killAll();
    await Promise.allSettled([...this.inFlight]);
    await this.drainWrites();
    const warnings: string[] = [];
    if (this.writeFailures.length > 0) {
      const n = this.writeFailures.length;
      warnings.push(
        `could not store ${n} compile result${n > 1 ? 's' : ''} (${this.writeFailures[0]}); the builds succeeded, those units compile again next time`,
      );
    }
    try {
      await this.store.close();
    } catch (e) {
      warnings.push(`could not save the cache index: ${errorMessage(e)}; the cached objects are kept and the index is rebuilt next time`);
    }
    this.identities.save();
    return { warnings };
  }
}

interface CompileKey {
  contextKey: string;
  compiler: string;
  flags: string;
  source: string;
  parsed: CacheableCompile;
  paths: PathNormalizer;
  /** The workspace root, resolved (paths.workspaceRoot is a placeholder when paths are kept absolute). */
  root: string;
  /** Paths are keyed workspace-relative (false: debug info names the checkout, paths stay absolute). */
  relocatable: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv | undefined;
  signal: AbortSignal | undefined;
  session: CompileSession | undefined;
}

interface Lookup {
  hit?: CachedResult;
  remote?: boolean;
  entry?: ContextEntry;
  reason?: string;
  /** A result whose blob is gone or damaged: the new result replaces it, whatever its own key. */
  stale?: string;
}

const DOLLAR = '$'.charCodeAt(0);
const SLASH = '/'.charCodeAt(0);
const QUESTION = ABSENT.charCodeAt(0);

/** Why a stored result no longer fits, from the first of its inputs that changed. */
function mismatchReason(path: string | undefined, source: string): string {
  if (path === undefined || path === source) return 'source changed';
  if (path === CHECKOUT) return '__FILE__ names another checkout';
  const kind = path[0];
  const tagged = kind === SYSTEM_HEADER || kind === EMBEDDED || kind === ABSENT;
  const shown = (tagged ? path.slice(1) : path).replace(/^\$WS\//, '');
  if (kind === SYSTEM_HEADER) return `system header changed: ${shown}`;
  if (kind === EMBEDDED) return `embedded file changed: ${shown}`;
  if (kind === ABSENT) return `header shadowed: ${shown}`;
  return `header changed: ${shown}`;
}

/** The depfile targets as the compiler writes them: `-MQ` (and the default `-o` target) make-quoted. */
function depTargets(parsed: CacheableCompile): string[] {
  return parsed.depTargets.map((t) => (t.quoted ? makeQuote(t.value) : t.value));
}

function normalizeDepPath(dep: string, paths: PathNormalizer): string {
  // Relative paths are printed relative to the working directory, which the key already pins.
  return dep.startsWith('/') ? paths.normalize(dep) : dep;
}

function renderDepfile(stored: StoredDepfile, key: CompileKey): string {
  if (stored.kind === 'deps') {
    return formatDepfile(
      depTargets(key.parsed),
      stored.deps.map((d) => key.paths.resolve(d)),
      stored.phony,
    );
  }
  let text = stored.text.split('$WS/').join(key.paths.workspaceRoot + '/');
  const target = depTargets(key.parsed).join(' ');
  if (stored.target !== target && text.startsWith(stored.target)) text = target + text.slice(stored.target.length);
  return text;
}

function deferredOutputs(key: CompileKey, hit: CachedResult): DeferredOutputs {
  const inputs: string[] = [];
  const embedded: string[] = [];
  for (const [path] of hit.files) {
    // Negative lookups and the checkout's tag name no file that was read (unitInputs.ts).
    if (path === CHECKOUT || path[0] === ABSENT) continue;
    if (path[0] === EMBEDDED) embedded.push(key.paths.resolve(path.slice(1)));
    else inputs.push(key.paths.resolve(path[0] === SYSTEM_HEADER ? path.slice(1) : path));
  }
  return { objectHash: hit.objectHash ?? sha256Hex(hit.object), inputs, embedded };
}

function recordedInputs(key: CompileKey, files: [string, string][], compileMs: number): NonNullable<CompileResult['recorded']> {
  return { files, portable: key.relocatable && !files.some(([p]) => p === CHECKOUT), compileMs, contextKey: key.contextKey };
}

function afterPendingWork(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function cancelledRun(): ProcessResult {
  return { exitCode: CANCELLED_EXIT, stdout: Buffer.alloc(0), stderr: Buffer.from('fbuild: cancelled\n'), durationMs: 0 };
}
