import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  BuildFailure,
  build,
  buildWriteDirs,
  resolveBuildLibraries
} from "./chunk-3RCJFSWF.js";
import {
  writeUpToDateStamp
} from "./chunk-LX2MMNKE.js";
import {
  resolveAvrToolchain
} from "./chunk-4TQWNER7.js";
import {
  CacheService,
  CompilerPool,
  runStepSequence
} from "./chunk-PCLV3DKP.js";
import {
  UserError,
  fileSystemUserError
} from "./chunk-K5XHDEBM.js";

// server/engine/buildSession.ts
import { availableParallelism as availableParallelism2 } from "node:os";

// server/engine/buildEvents.ts
import { existsSync } from "node:fs";
import { resolve } from "node:path";
function toJsonResult(r, projectDir) {
  const artifact = (p) => {
    const abs = p ? resolve(projectDir, p) : "";
    return abs && (r.ok || existsSync(abs)) ? abs : "";
  };
  return {
    environment: r.environment,
    ok: r.ok,
    upToDate: r.upToDate,
    // A native build has a program and no image to flash: hex is then empty.
    artifacts: {
      elf: artifact(r.artifacts.elf),
      hex: artifact(r.artifacts.hex),
      ...r.ok && r.artifacts.flash ? { flash: r.artifacts.flash.map((f) => ({ offset: f.offset, file: resolve(projectDir, f.file) })) } : {}
    },
    size: r.size,
    stats: r.stats,
    durationMs: Math.round(r.durationMs),
    ...r.libraries?.length ? { libraries: r.libraries } : {}
  };
}
async function runBuildToEvents(opts, emit, upToDateStamp) {
  const projectDir = resolve(opts.projectDir);
  const before = [];
  let started = false;
  let facts;
  const onEvent = (e) => {
    if (e.type === "start" || e.type === "upToDate") started = true;
    else if (!started && e.type === "warning") before.push(e);
    emit(e);
  };
  try {
    const r = await build({ ...opts, onEvent, ...upToDateStamp ? { onUpToDateFacts: (f) => facts = f } : {} });
    if (upToDateStamp && facts) {
      try {
        writeUpToDateStamp(upToDateStamp, { ...facts, result: toJsonResult(facts.result, projectDir) }, before);
      } catch {
      }
    }
    emit({ type: "done", result: toJsonResult(r, projectDir) });
    return 0;
  } catch (e) {
    if (e instanceof BuildFailure) {
      emit({ type: "error", message: `fbuild: ${e.message}`, exitCode: e.exitCode });
      emit({ type: "done", result: toJsonResult(e.result, projectDir) });
      return e.exitCode;
    }
    const failure = fileSystemUserError(e) ?? e;
    const user = failure instanceof UserError;
    const message = user ? failure.message : `fbuild: internal error: ${failure?.message ?? String(failure)}`;
    const exitCode = user ? failure.exitCode : 70;
    emit({ type: "error", message, exitCode });
    emit({ type: "done", result: { environment: opts.environment ?? null, ok: false, error: message } });
    return exitCode;
  }
}

// server/engine/directBackend.ts
import { availableParallelism } from "node:os";
var DirectBackend = class {
  pool;
  constructor(jobs = availableParallelism()) {
    this.pool = new CompilerPool(jobs);
  }
  async compile(req) {
    const r = await this.pool.run(req.compiler, req.args, req.cwd, req.env ?? process.env, req.signal);
    return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, outcome: "uncacheable", reason: "cache disabled" };
  }
  async link(req) {
    const r = await runStepSequence(this.pool, req, req.env ?? process.env);
    return { ...r, outcome: "uncacheable", reason: "cache disabled" };
  }
};

// server/engine/wrappedBackend.ts
import { randomBytes } from "node:crypto";
import { existsSync as existsSync2, readFileSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
var WrappedBackend = class {
  constructor(opts) {
    this.opts = opts;
    this.ccCommand = ccCommand(opts.fbuildCommand);
  }
  opts;
  /** Wrapper processes started: the check that embedded mode starts none. */
  wrappersStarted = 0;
  /** How a wrapper is started, up to the compiler: `fbuild cc`, or the bundle's own dist/cc.cjs. */
  ccCommand;
  async compile(req) {
    const outcomeFile = join(tmpdir(), `fbuild-cc-${process.pid}-${randomBytes(6).toString("hex")}.json`);
    const [cmd, ...pre] = this.ccCommand;
    this.wrappersStarted++;
    const r = await this.opts.pool.run(
      cmd,
      [...pre, req.compiler, ...req.args],
      req.cwd,
      {
        ...wrapperEnv(req.env ?? process.env),
        ...this.opts.wrapperEnv,
        FBUILD_WORKSPACE: req.workspaceRoot,
        FBUILD_CC_OUTCOME_FILE: outcomeFile
      },
      req.signal
    );
    let outcome = { outcome: "error", reason: "wrapper reported nothing" };
    try {
      outcome = JSON.parse(readFileSync(outcomeFile, "utf8"));
      unlinkSync(outcomeFile);
    } catch {
    }
    return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, ...outcome };
  }
  link(req) {
    return this.opts.linker.link(req);
  }
  killAll() {
    this.opts.pool.killAll();
  }
};
function ccCommand(fbuildCommand) {
  const script = fbuildCommand[fbuildCommand.length - 1];
  const cc = join(dirname(script), "cc.cjs");
  return basename(script) === "cli.js" && existsSync2(cc) ? [...fbuildCommand.slice(0, -1), cc] : [...fbuildCommand, "cc"];
}
function wrapperEnv(env) {
  const { FBUILD_CACHE_TOKEN: _token, NODE_EXTRA_CA_CERTS: caCerts, ...rest } = env;
  return caCerts === void 0 ? rest : { ...rest, FBUILD_CC_NODE_EXTRA_CA_CERTS: caCerts };
}

// server/engine/buildSession.ts
function embeddedBackend(service) {
  return { compile: (r) => service.compile(r), link: (r) => service.steps.run(r), wholeBuild: service.wholeBuild };
}
var BuildSession = class _BuildSession {
  constructor(opts, service, jobs) {
    this.opts = opts;
    this.service = service;
    this.jobs = jobs;
    if (service) this.embedded = embeddedBackend(service);
  }
  opts;
  service;
  jobs;
  wrapped;
  direct;
  embedded;
  static async open(opts) {
    const jobs = opts.jobs ?? availableParallelism2();
    const service = opts.cache === false ? void 0 : await CacheService.start({
      jobs,
      ...opts.cacheDir ? { cacheDir: opts.cacheDir } : {},
      ...opts.maxBytes ? { maxBytes: opts.maxBytes } : {},
      ...opts.remote ? { remote: opts.remote } : {}
    });
    return new _BuildSession(opts, service, jobs);
  }
  /** The backend a build runs its compiles through. */
  backend(kind = "embedded", noCache = false) {
    if (noCache || !this.service || !this.embedded) return this.direct ??= new DirectBackend(this.jobs);
    if (kind === "embedded") return this.embedded;
    this.wrapped ??= new WrappedBackend({
      fbuildCommand: this.opts.fbuildCommand,
      wrapperEnv: this.opts.wrapperEnv(),
      pool: new CompilerPool(this.jobs),
      linker: this.embedded
    });
    return this.wrapped;
  }
  /** Runs one build and reports it as events; returns its exit code. */
  run(req, emit) {
    if (req.lookupOnly) return runBuildToEvents(this.buildOptions(req), emit, req.upToDateStamp);
    const before = this.service?.takeRemoteWarning();
    const withWarnings = (e) => {
      if (e.type === "done") {
        const message = before ?? this.service?.takeRemoteWarning();
        if (message) emit({ type: "warning", message });
      }
      emit(e);
    };
    return runBuildToEvents(this.buildOptions(req), withWarnings, req.upToDateStamp);
  }
  /** What the request's lib_deps resolve to, installed as a build would install them, without building. */
  resolveLibraries(req, onEvent) {
    return resolveBuildLibraries({ ...this.buildOptions(req), ...onEvent ? { onEvent } : {} });
  }
  /** Where a build of the request would write (its build and lib_deps dirs); see buildWriteDirs. */
  writeDirs(req) {
    return buildWriteDirs({
      projectDir: req.projectDir,
      ...req.environment ? { environment: req.environment } : {},
      ...req.projectEnv ? { projectEnv: req.projectEnv } : {}
    });
  }
  buildOptions(req) {
    const mode = req.toolchain ?? this.opts.toolchain;
    const { toolchainsDir } = this.opts;
    const onNotice = req.onNotice ?? this.opts.onNotice;
    return {
      projectDir: req.projectDir,
      ...req.environment ? { environment: req.environment } : {},
      ...req.jobs ? { jobs: req.jobs } : {},
      backend: this.backend(req.backend, req.noCache),
      force: req.force ?? false,
      ...req.keepObjects ? { keepObjects: true } : {},
      ...req.lookupOnly ? { lookupOnly: true } : {},
      toolchain: (env) => resolveAvrToolchain({ mode, env, ...toolchainsDir ? { toolchainsDir } : {}, ...onNotice ? { onNotice } : {} }),
      toolchainMode: mode,
      ...toolchainsDir ? { toolchainsDir } : {},
      ...req.offline !== void 0 ? { offline: req.offline } : {},
      ...req.projectEnv ? { projectEnv: req.projectEnv } : {},
      ...req.signal ? { signal: req.signal } : {}
    };
  }
  /** Processes started so far: compilers by the cache, wrappers by the wrapped backend. */
  processes() {
    return { compilers: this.service?.pool.spawned ?? 0, wrappers: this.wrapped?.wrappersStarted ?? 0 };
  }
  /** Kills every compiler and wrapper this session started (a forced shutdown). */
  killAll() {
    this.service?.pool.killAll();
    this.direct?.pool.killAll();
    this.wrapped?.killAll();
  }
  /** Closes the store; a store that could not be saved comes back as warnings, never as an error. */
  async close(mode = "graceful") {
    return await this.service?.shutdown(mode) ?? { warnings: [] };
  }
};

export {
  embeddedBackend,
  BuildSession
};
