import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  DirectBackend,
  WrappedBackend,
  runBuildToEvents
} from "./chunk-WI4UR2FN.js";
import {
  CacheService,
  CompilerPool
} from "./chunk-CTCDC3NE.js";
import {
  CacheClient
} from "./chunk-JRHQURA6.js";
import {
  ServerError,
  ServerUnreachableError
} from "./chunk-4YDTNHMK.js";
import {
  resolveAvrToolchain
} from "./chunk-K6EAXAZL.js";
import {
  BUILD_USAGE
} from "./chunk-TZEZG2WZ.js";
import {
  defaultCacheDir
} from "./chunk-UDVVLJ6R.js";
import {
  UserError
} from "./chunk-D4GZEASM.js";

// src/cli/build.ts
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";

// src/cli/buildReport.ts
var num = (n) => n.toLocaleString("en-US");
var pct = (a, b) => b ? `${(a / b * 100).toFixed(1)}%` : "-";
var secs = (ms) => ms >= 1e3 ? `${(ms / 1e3).toFixed(1)} s` : `${Math.round(ms)} ms`;
function formatSummary(r) {
  const s = r.stats;
  const lines = [];
  if (r.upToDate) lines.push(`${r.environment}: up to date, nothing compiled (${secs(r.durationMs)})`);
  else {
    const reasons = Object.entries(s.missReasons).map(([k, v]) => `${v} ${k}`).join(", ");
    lines.push(
      `${r.environment}: ${s.compiles} units (link included): ${s.hits} hits, ${s.misses} misses${reasons ? ` (${reasons})` : ""}${s.uncacheable ? `, ${s.uncacheable} uncached` : ""}; hit rate ${pct(s.hits, s.hits + s.misses)}; saved ${secs(s.timeSavedMs)}; took ${secs(r.durationMs)}`
    );
  }
  if (r.size.flash || r.size.ram) {
    lines.push(
      `flash ${num(r.size.flash)} / ${num(r.size.flashMax)} bytes (${pct(r.size.flash, r.size.flashMax)}), RAM ${num(r.size.ram)} / ${num(r.size.ramMax)} bytes (${pct(r.size.ram, r.size.ramMax)})`
    );
  }
  if (r.ok) lines.push(r.artifacts.hex ? `firmware: ${r.artifacts.hex}` : `program: ${r.artifacts.elf}`);
  return lines.join("\n") + "\n";
}

// src/cli/progress.ts
var ProgressLine = class {
  constructor(stream, enabled) {
    this.stream = stream;
    this.active = enabled && Boolean(stream.isTTY);
  }
  stream;
  total = 0;
  shown = false;
  active;
  start(total) {
    this.total = total;
  }
  update(done, label) {
    if (!this.active || this.total === 0) return;
    const n = Math.min(done, this.total);
    const width = 24;
    const filled = Math.round(n / this.total * width);
    const columns = this.stream.columns ?? 80;
    const line = `[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${n}/${this.total} ${label}`;
    this.stream.write(`\r\x1B[K${line.slice(0, columns - 1)}`);
    this.shown = true;
  }
  clear() {
    if (this.shown) this.stream.write("\r\x1B[K");
    this.shown = false;
  }
};

// src/cli/buildPrinter.ts
var BuildPrinter = class {
  constructor(opts) {
    this.opts = opts;
    this.progress = new ProgressLine(process.stderr, !opts.json && !opts.verbose);
  }
  opts;
  progress;
  errorLine;
  handle(e) {
    const { json, verbose } = this.opts;
    switch (e.type) {
      case "start":
        if (verbose) process.stderr.write(`${e.environment}: ${e.units} units with ${e.toolchain}
`);
        this.progress.start(e.units);
        break;
      case "unit":
        if (e.stdout || e.stderr) this.progress.clear();
        if (e.stdout && !json) process.stdout.write(e.stdout);
        if (e.stderr) process.stderr.write(e.stderr);
        if (verbose) process.stderr.write(`${e.unit.outcome.padEnd(11)} ${e.unit.source}${e.unit.reason ? `  (${e.unit.reason})` : ""}
`);
        this.progress.update(e.index, e.unit.source);
        break;
      case "link":
        if (e.stderr) {
          this.progress.clear();
          process.stderr.write(e.stderr);
        }
        if (verbose) process.stderr.write(`${e.outcome.padEnd(11)} link${e.reason ? `  (${e.reason})` : ""}
`);
        this.progress.update(Number.POSITIVE_INFINITY, "link");
        break;
      case "upToDate":
        if (verbose) process.stderr.write(`${e.environment}: up to date (no input changed since the last successful build)
`);
        break;
      case "error":
        this.errorLine = e.message;
        break;
      case "done":
        this.progress.clear();
        if (json) process.stdout.write(JSON.stringify(e.result) + "\n");
        else if (!("error" in e.result)) process.stdout.write(formatSummary(e.result));
        if (this.errorLine) process.stderr.write(`${this.errorLine}
`);
        break;
    }
  }
};

// src/cli/build.ts
function parseBuildArgs(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        environment: { type: "string", short: "e" },
        "cache-dir": { type: "string" },
        jobs: { type: "string", short: "j" },
        "no-cache": { type: "boolean", default: false },
        force: { type: "boolean", default: false },
        verbose: { type: "boolean", short: "v", default: false },
        json: { type: "boolean", default: false },
        backend: { type: "string" },
        server: { type: "string" },
        toolchain: { type: "string" }
      }
    });
  } catch (e) {
    throw new UserError(`fbuild build: ${e.message.split("\n")[0]}; usage: ${BUILD_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UserError(`fbuild build: one project directory at most; usage: ${BUILD_USAGE}`);
  let jobs;
  if (values.jobs !== void 0) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new UserError(`fbuild build: --jobs takes a whole number of 1 or more, not '${values.jobs}'`);
  }
  const backend = values.backend ?? process.env.FBUILD_BACKEND ?? "embedded";
  if (backend !== "embedded" && backend !== "wrapped") throw new UserError(`fbuild build: --backend is 'embedded' or 'wrapped', not '${backend}'`);
  const toolchain = values.toolchain ?? process.env.FBUILD_TOOLCHAIN ?? "auto";
  if (toolchain !== "auto" && toolchain !== "pinned" && toolchain !== "system") {
    throw new UserError(`fbuild build: --toolchain is auto, pinned or system, not '${toolchain}'`);
  }
  return {
    projectDir: resolve(positionals[0] ?? "."),
    backend,
    toolchain,
    ...values.server !== void 0 ? { server: values.server } : {},
    ...values.environment !== void 0 ? { environment: values.environment } : {},
    ...values["cache-dir"] !== void 0 ? { cacheDir: resolve(values["cache-dir"]) } : {},
    ...jobs !== void 0 ? { jobs } : {},
    noCache: values["no-cache"],
    force: values.force,
    verbose: values.verbose,
    json: values.json
  };
}
async function runBuild(argv) {
  const opts = parseBuildArgs(argv);
  const printer = new BuildPrinter({ json: opts.json, verbose: opts.verbose });
  const emit = (e) => printer.handle(e);
  const url = opts.server ?? process.env.FBUILD_CACHE_URL;
  if (url) return buildThroughServer(url, opts, emit);
  const cacheOpts = { ...opts.cacheDir ? { cacheDir: opts.cacheDir } : {}, ...opts.jobs ? { jobs: opts.jobs } : {} };
  const service = opts.noCache ? void 0 : await CacheService.start(cacheOpts);
  let backend;
  if (!service) backend = new DirectBackend(opts.jobs);
  else if (opts.backend === "wrapped") {
    backend = new WrappedBackend({
      fbuildCommand: [process.execPath, ...process.execArgv, process.argv[1]],
      // In-process wrappers: each `fbuild cc` opens the same store (it is safe for several processes).
      wrapperEnv: { FBUILD_CACHE_DIR: opts.cacheDir ?? defaultCacheDir() },
      pool: new CompilerPool(opts.jobs ?? availableParallelism()),
      linker: service
    });
  } else backend = service;
  try {
    return await runBuildToEvents(
      {
        projectDir: opts.projectDir,
        ...opts.environment ? { environment: opts.environment } : {},
        backend,
        force: opts.force,
        toolchain: (env) => resolveAvrToolchain({ mode: opts.toolchain, env, onNotice: (m) => process.stderr.write(`fbuild: notice: ${m}
`) }),
        toolchainMode: opts.toolchain
      },
      emit
    );
  } finally {
    for (const w of (await service?.shutdown("graceful"))?.warnings ?? []) process.stderr.write(`fbuild: warning: ${w}
`);
  }
}
async function buildThroughServer(url, opts, emit) {
  const client = new CacheClient(url, process.env.FBUILD_CACHE_TOKEN ?? "");
  let exitCode = 0;
  try {
    for await (const e of client.build({
      projectDir: opts.projectDir,
      ...opts.environment ? { environment: opts.environment } : {},
      ...opts.jobs ? { jobs: opts.jobs } : {},
      noCache: opts.noCache,
      force: opts.force,
      backend: opts.backend,
      toolchain: opts.toolchain
    })) {
      if (e.type === "error") exitCode = e.exitCode;
      emit(e);
    }
  } catch (e) {
    if (e instanceof ServerUnreachableError || e instanceof ServerError) {
      throw new UserError(`fbuild build: ${e.message}; start it with 'fbuild serve' or unset FBUILD_CACHE_URL to build without it`);
    }
    throw e;
  } finally {
    await client.close();
  }
  return exitCode;
}

export {
  parseBuildArgs,
  runBuild
};
