// src/cli/buildResident.ts
import { existsSync } from "node:fs";

// server/util/errors.ts
var UserError = class extends Error {
  constructor(message, exitCode = 2) {
    super(message);
    this.exitCode = exitCode;
    this.name = "UserError";
  }
  exitCode;
};

// src/client/timeouts.ts
var DEFAULT_CONNECT_TIMEOUT_MS = 5e3;
var DEFAULT_IDLE_TIMEOUT_MS = 6e5;
function clientTimeouts(env = process.env) {
  return {
    connectMs: milliseconds(env, "FBUILD_CONNECT_TIMEOUT_MS", DEFAULT_CONNECT_TIMEOUT_MS),
    idleMs: milliseconds(env, "FBUILD_IDLE_TIMEOUT_MS", DEFAULT_IDLE_TIMEOUT_MS)
  };
}
function milliseconds(env, name, fallback) {
  const text = env[name];
  if (text === void 0 || text === "") return fallback;
  const ms = Number(text);
  if (!Number.isSafeInteger(ms) || ms < 1)
    throw new UserError(`${name} is a whole number of milliseconds (1 or more), not '${text}'; fix or unset it`);
  return ms;
}
function timeoutMessage(url, what, ms) {
  return what === "connect" ? `could not connect to the fbuild server at ${url} within ${ms} ms (FBUILD_CONNECT_TIMEOUT_MS)` : `the fbuild server at ${url} sent nothing for ${ms} ms (FBUILD_IDLE_TIMEOUT_MS)`;
}

// src/client/buildEventStream.ts
async function* buildEventStream(chunks, failure) {
  const decoder = new TextDecoder();
  const parse = function* (text) {
    const e = JSON.parse(text);
    if (e.type !== "heartbeat") yield e;
  };
  let pending = "";
  for (; ; ) {
    let next;
    try {
      next = await chunks.next();
    } catch (e) {
      throw failure(e);
    }
    if (next.done) break;
    pending += decoder.decode(next.value, { stream: true });
    let nl;
    while ((nl = pending.indexOf("\n")) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (line.trim()) yield* parse(line);
    }
  }
  pending += decoder.decode();
  if (pending.trim()) yield* parse(pending);
}

// src/client/jobClient.ts
import { Agent, request } from "node:http";

// src/client/errors.ts
var ServerUnreachableError = class extends Error {
};
var ServerTimeoutError = class extends ServerUnreachableError {
};
var ServerError = class extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
  status;
};
function serverErrorMessage(body) {
  try {
    return JSON.parse(body).error ?? body;
  } catch {
    return body;
  }
}

// src/client/jobClient.ts
var JobClient = class {
  constructor(url, token, timeouts = clientTimeouts()) {
    this.url = url;
    this.token = token;
    this.timeouts = timeouts;
    if (url.startsWith("unix:")) this.target = { socketPath: url.replace(/^unix:(\/\/)?/, "") };
    else {
      const u = new URL(url);
      this.target = { host: u.hostname, port: Number(u.port) };
    }
  }
  url;
  token;
  timeouts;
  agent = new Agent({ keepAlive: true });
  target;
  /** The answer's headers, with its body still to read; an error status is thrown with the server's message. */
  call(method, path, json) {
    const payload = json === void 0 ? void 0 : Buffer.from(JSON.stringify(json));
    const headers = this.token ? { authorization: `Bearer ${this.token}` } : {};
    if (payload) Object.assign(headers, { "content-type": "application/json", "content-length": payload.length });
    return new Promise((resolve3, reject) => {
      let response;
      const req = request({ ...this.target, agent: this.agent, method, path, headers }, (res) => {
        response = res;
        if ((res.statusCode ?? 500) < 400) {
          resolve3(res);
          return;
        }
        readBody(res).then(
          (body) => {
            const message = serverErrorMessage(body.toString());
            reject(new ServerError(res.statusCode ?? 500, `fbuild server: ${message} (HTTP ${res.statusCode})`));
          },
          (e) => reject(this.unreachable(e, "lost"))
        );
      });
      let connectTimer;
      req.on("socket", (socket) => {
        if (!socket.connecting) return;
        connectTimer = setTimeout(
          () => req.destroy(new ServerTimeoutError(timeoutMessage(this.url, "connect", this.timeouts.connectMs))),
          this.timeouts.connectMs
        );
        socket.once("connect", () => clearTimeout(connectTimer));
      });
      req.setTimeout(this.timeouts.idleMs, () => {
        const idle = new ServerTimeoutError(timeoutMessage(this.url, "idle", this.timeouts.idleMs));
        if (response) response.destroy(idle);
        else req.destroy(idle);
      });
      req.on("error", (e) => {
        clearTimeout(connectTimer);
        reject(this.unreachable(e, "cannot reach"));
      });
      req.on("close", () => clearTimeout(connectTimer));
      req.end(payload);
    });
  }
  unreachable(e, doing) {
    if (e instanceof ServerUnreachableError) return e;
    return new ServerUnreachableError(`${doing} the fbuild server at ${this.url}: ${e.message}`);
  }
  /** The build's events, without the server's heartbeats. Stopping the iteration cancels the build. */
  async *build(body) {
    const res = await this.call("POST", "/v1/build", body);
    let done = false;
    try {
      yield* buildEventStream(res[Symbol.asyncIterator](), (e) => this.unreachable(e, "lost"));
      done = true;
    } finally {
      if (!done) res.destroy();
    }
  }
  async stats() {
    return JSON.parse((await this.body(await this.call("GET", "/v1/stats"))).toString());
  }
  async flush() {
    await this.body(await this.call("POST", "/v1/flush"));
  }
  async shutdown(mode = "graceful") {
    await this.body(await this.call("POST", "/v1/shutdown", { mode }));
  }
  async body(res) {
    try {
      return await readBody(res);
    } catch (e) {
      throw this.unreachable(e, "lost");
    }
  }
  /** Closes the kept-alive connections (the process may then end at once). */
  async close() {
    this.agent.destroy();
  }
};
function readBody(res) {
  return new Promise((resolve3, reject) => {
    const chunks = [];
    res.on("data", (c) => chunks.push(c));
    res.on("end", () => resolve3(Buffer.concat(chunks)));
    res.on("error", reject);
  });
}

// src/client/projectEnv.ts
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
function projectEnvOf(projectDir, env = process.env) {
  const names = /* @__PURE__ */ new Set(["HOME", "USERPROFILE"]);
  for (const name of Object.keys(env)) if (name.startsWith("PLATFORMIO_")) names.add(name);
  for (const text of iniTexts(projectDir)) for (const m of text.matchAll(/\$\{sysenv\.([^}\s]+)\}/g)) names.add(m[1]);
  const out = {};
  for (const name of names) {
    const value = env[name];
    if (value !== void 0 && !value.includes("\0")) out[name] = value;
  }
  return out;
}
function iniTexts(projectDir) {
  let names;
  try {
    names = readdirSync(projectDir).filter((n) => n.endsWith(".ini"));
  } catch {
    return readable(projectDir.endsWith(".ini") ? [projectDir] : []);
  }
  return readable(names.map((n) => join(projectDir, n)));
}
function readable(paths) {
  const texts = [];
  for (const p of paths) {
    try {
      texts.push(readFileSync(p, "utf8"));
    } catch {
    }
  }
  return texts;
}

// src/client/token.ts
import { readFileSync as readFileSync2 } from "node:fs";
function tokenFromEnv(env = process.env) {
  if (env.FBUILD_CACHE_TOKEN) return env.FBUILD_CACHE_TOKEN;
  if (!env.FBUILD_CACHE_TOKEN_FILE) return "";
  try {
    return readFileSync2(env.FBUILD_CACHE_TOKEN_FILE, "utf8").trim();
  } catch {
    return "";
  }
}

// src/cli/buildThroughServer.ts
function buildBodyOf(opts) {
  return {
    projectDir: opts.projectDir,
    ...opts.environment ? { environment: opts.environment } : {},
    ...opts.jobs ? { jobs: opts.jobs } : {},
    noCache: opts.noCache,
    force: opts.force,
    ...opts.keepObjects ? { keepObjects: true } : {},
    backend: opts.backend,
    toolchain: opts.toolchain,
    ...opts.offline ? { offline: true } : {},
    projectEnv: projectEnvOf(opts.projectDir)
  };
}
async function streamBuild(client, body, emit) {
  let exitCode = 0;
  let done = false;
  for await (const e of client.build(body)) {
    if (e.type === "error") exitCode = e.exitCode;
    if (e.type === "done") done = true;
    emit(e);
  }
  if (!done) throw new ServerUnreachableError(`the fbuild server at ${client.url} ended the build without its result`);
  return exitCode;
}

// src/cli/buildArgs.ts
import { resolve } from "node:path";
import { parseArgs } from "node:util";

// server/project/libdeps/offline.ts
var offlineFromEnv = (env) => /^(1|true|yes|on)$/i.test(env.FBUILD_OFFLINE ?? "");

// src/cli/usage.ts
var REMOTE_OPTIONS = [
  ["--remote-cache URL", "a shared remote tier behind the local store (redis://\u2026, rediss://\u2026)"],
  ["--remote-cache-mode MODE", "read or read-write (default read-write)"]
];
var MAX_SIZE_OPTION = [
  "--max-size SIZE",
  "bound the store (1G, 500M, \u2026; default 2G, or FBUILD_CACHE_MAX_SIZE); least recently used out first"
];
var BUILD_HELP = {
  name: "build",
  usage: "fbuild build [PROJECT_DIR] -e ENV [--cache-dir DIR] [--max-size SIZE] [--jobs N] [--no-cache] [--force] [--keep-objects] [--backend embedded|wrapped] [--toolchain auto|pinned|system] [--server URL] [--no-daemon] [--remote-cache URL] [--remote-cache-mode read|read-write] [--offline] [--verbose] [--json]",
  summary: "build a PlatformIO-style project through the cache (embedded: no server needed)",
  options: [
    ["-e, --environment ENV", "the [env:ENV] to build (default: default_envs, or the only env)"],
    ["--cache-dir DIR", "the cache directory (default FBUILD_CACHE_DIR, $XDG_CACHE_HOME/fbuild or ~/.cache/fbuild)"],
    MAX_SIZE_OPTION,
    ["-j, --jobs N", "compilers run at once (default: the number of cores)"],
    ["--no-cache", "compile everything, read and write nothing in the store"],
    ["--force", "build even when nothing changed (every unit goes through the cache)"],
    ["--keep-objects", "write every object, depfile and archive into the build dir, even when the link hits"],
    ["--backend embedded|wrapped", "compile in this process (default) or through an `fbuild cc` process per unit"],
    ["--toolchain auto|pinned|system", "the pinned packages, the system toolchain, or pinned when it can be had (default)"],
    ["--server URL", "build through a running server (as FBUILD_CACHE_URL); the server's token from FBUILD_CACHE_TOKEN"],
    ["--no-daemon", "build in this process only: neither use nor start the resident server (as FBUILD_DAEMON=0)"],
    ...REMOTE_OPTIONS,
    ["--offline", "never download lib_deps or toolchains (as FBUILD_OFFLINE=1)"],
    ["-v, --verbose", "each unit's outcome and why it missed"],
    ["--json", "one JSON document on stdout"]
  ]
};
var SERVE_HELP = {
  name: "serve",
  usage: "fbuild serve [--cache-dir DIR] [--max-size SIZE] [--port N | --socket PATH] [--token-file F] [--allow-root DIR]... [--jobs N] [--wait-for FILE] [--shared-cache-dir] [--idle-exit SECONDS] [--ready-file FILE] [--remote-cache URL] [--remote-cache-mode read|read-write] | fbuild serve --args-from FILE [--parent-pid PID]",
  summary: "run the cache server in the foreground (prints one JSON line with its url when ready)",
  options: [
    ["--cache-dir DIR", "the cache directory it owns"],
    MAX_SIZE_OPTION,
    ["--port N", "listen on 127.0.0.1:N (default: a free port)"],
    ["--socket PATH", "listen on a Unix socket instead"],
    ["--token-file F", "write the bearer token there (mode 0600) instead of printing it"],
    ["--allow-root DIR", "a directory builds may read and write (repeatable; default: the current directory)"],
    ["--jobs N", "compilers run at once"],
    ["--wait-for FILE", "load now, open the store only once FILE exists (the action restores meanwhile)"],
    ["--shared-cache-dir", "share the cache dir with other fbuild processes instead of refusing them"],
    ["--idle-exit SECONDS", "stop after that long without a request or a build"],
    ["--ready-file FILE", "also write the ready line to FILE (0600); stop when FILE is removed"],
    ...REMOTE_OPTIONS,
    ["--args-from FILE", 'alone: load now, then take the options from FILE once it exists (JSON {"args": [...], "env": {...}})'],
    ["--parent-pid PID", "with --args-from: stop waiting when that process ends (default: the parent)"]
  ]
};
var TOOLCHAINS_HELP = {
  name: "toolchains",
  usage: "fbuild toolchains list | install ENV_OR_BOARD | path ENV_OR_BOARD",
  summary: "the pinned toolchains: what is installed, install one, where it is",
  options: [
    ["list", "the pinned packages and whether each is installed"],
    ["install ENV_OR_BOARD", "download and verify what that env or board needs"],
    ["path ENV_OR_BOARD", "where its compiler is"]
  ]
};
var LIBS_HELP = {
  name: "libs",
  usage: "fbuild libs resolve [PROJECT_DIR] -e ENV [--cache-dir DIR] [--toolchain MODE] [--offline] [--json]",
  summary: "install the env's lib_deps (only what is missing) and list them",
  options: [
    ["-e, --environment ENV", "the env whose lib_deps to resolve"],
    ["--cache-dir DIR", "the cache directory (its toolchains give the framework libraries)"],
    ["--toolchain MODE", "auto, pinned or system, as for fbuild build"],
    ["--offline", "use only what is installed"],
    ["--json", "one JSON document"]
  ]
};
var CACHE_HELP = {
  name: "cache",
  usage: "fbuild cache prune [--cache-dir DIR] --max-size SIZE [--evict-unused-since TIME]",
  summary: "bound the store before archiving it (no server may have it open)",
  options: [
    ["--cache-dir DIR", "the cache directory"],
    ["--max-size SIZE", "the size to bring the store under (1G, 500M, \u2026)"],
    ["--evict-unused-since TIME", "also drop what was not used since TIME (ISO 8601, or ms since 1970)"]
  ]
};
var EXAMPLES_HELP = {
  name: "examples",
  usage: "fbuild examples [LIBRARY_DIR] --boards uno,megaatmega2560 [--examples GLOB]... [--exclude GLOB]... [--lib-deps SPEC]... [--jobs N] [--cache-dir DIR] [--no-cache] [--toolchain auto|pinned|system] [--offline] [--base REPORT.json] [--report FILE] [--sketches-report DIR] [--fail-fast] [--json]",
  summary: "build every example of an Arduino library for every board, in one process through one cache (library CI)",
  options: [
    ["-b, --boards LIST", "the boards, comma-separated (repeatable)"],
    ["--examples GLOB", "only the examples whose path in the library matches (repeatable)"],
    ["--exclude GLOB", "leave out the examples whose path matches (repeatable)"],
    ["--lib-deps SPEC", "another library the examples need, as a lib_deps spec (repeatable)"],
    ["-j, --jobs N", "compilers run at once"],
    ["--cache-dir DIR", "the cache directory"],
    ["--no-cache", "compile everything, read and write nothing in the store"],
    ["--toolchain auto|pinned|system", "as for fbuild build"],
    ["--offline", "never download the library\u2019s dependencies"],
    ["--base REPORT.json", "an earlier --report to give flash and RAM deltas against"],
    ["--report FILE", "write the results (the --json document) to FILE"],
    ["--sketches-report DIR", "write arduino/compile-sketches' sketches-report files there (for report-size-deltas)"],
    ["--keep-going", "try every cell (the default); the exit code says whether any failed"],
    ["--fail-fast", "stop at the first failed cell"],
    ["--json", "one JSON document with a results array"]
  ]
};
var BOARDS_HELP = {
  name: "boards",
  usage: "fbuild boards [FILTER] [--json]",
  summary: "the AVR boards PlatformIO defines: mcu, clock, core, and whether each can be built here (as pio boards)",
  options: [
    ["FILTER", "only boards whose id, name, vendor, mcu or core contains it"],
    ["--json", "one JSON document"]
  ]
};
var ELF2IMAGE_HELP = {
  name: "elf2image",
  usage: "fbuild elf2image --chip esp32 --flash-mode MODE --flash-freq FREQ --flash-size SIZE [--elf-sha256-offset N] -o OUT.bin IN.elf",
  summary: "an ESP32 firmware image, byte for byte as esptool 5.1.0's elf2image writes it (no Python)",
  options: [
    ["--chip esp32", "the chip (only esp32)"],
    ["--flash-mode MODE", "qio, qout, dio or dout (default qio, as esptool)"],
    ["--flash-freq FREQ", "80m, 40m, 26m or 20m"],
    ["--flash-size SIZE", "1MB, 2MB, 4MB, 8MB or 16MB (default 1MB, as esptool)"],
    ["--elf-sha256-offset N", "write the ELF's SHA-256 at offset N of the image (0xb0 for an app)"],
    ["-o, --output OUT.bin", "the image to write"]
  ]
};
var PARTITIONS_HELP = {
  name: "partitions",
  usage: "fbuild partitions IN.csv OUT.bin",
  summary: "an ESP32 partition table from its CSV, as gen_esp32part.py writes it; a bad line is one error naming it",
  options: [
    ["IN.csv", "the partition CSV (name, type, subtype, offset, size, flags)"],
    ["OUT.bin", "the binary table to write"]
  ]
};
var BUILD_USAGE = BUILD_HELP.usage;
var LIBS_USAGE = LIBS_HELP.usage;
var SERVE_USAGE = SERVE_HELP.usage;
var TOOLCHAINS_USAGE = TOOLCHAINS_HELP.usage;
var CACHE_USAGE = CACHE_HELP.usage;
var BOARDS_USAGE = BOARDS_HELP.usage;
var EXAMPLES_USAGE = EXAMPLES_HELP.usage;
var ELF2IMAGE_USAGE = ELF2IMAGE_HELP.usage;
var PARTITIONS_USAGE = PARTITIONS_HELP.usage;

// server/cache/remoteConfig.ts
function redisOptionsFor(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    throw new RemoteConfigError(`the remote cache URL is not a URL; use redis://host:6379/0, rediss://\u2026 or unix:///path/to/redis.sock`);
  }
  const password = u.password ? decodeURIComponent(u.password) : u.searchParams.get("password") ?? void 0;
  const username = u.username ? decodeURIComponent(u.username) : void 0;
  const auth = { ...password ? { password } : {}, ...username ? { username } : {} };
  if (u.protocol === "unix:") {
    if (!u.pathname) throw new RemoteConfigError("a unix:// remote cache URL needs the socket path, e.g. unix:///run/redis/redis.sock");
    const db2 = Number(u.searchParams.get("db") ?? 0);
    return { options: { path: decodeURIComponent(u.pathname), db: db2, ...auth }, label: `redis at ${decodeURIComponent(u.pathname)}` };
  }
  if (u.protocol !== "redis:" && u.protocol !== "rediss:") {
    throw new RemoteConfigError(`the remote cache URL scheme ${u.protocol}// is not supported; use redis://, rediss:// or unix://`);
  }
  const db = u.pathname && u.pathname !== "/" ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0)
    throw new RemoteConfigError(`the remote cache URL's database '${u.pathname.slice(1)}' is not a number; use redis://host:6379/0`);
  return {
    options: {
      host: u.hostname || "127.0.0.1",
      port: Number(u.port || 6379),
      db,
      ...auth,
      ...u.protocol === "rediss:" ? { tls: {} } : {}
    },
    label: `redis at ${u.hostname || "127.0.0.1"}:${u.port || 6379}`
  };
}
var RemoteConfigError = class extends Error {
};

// src/cli/remoteCacheOption.ts
var REMOTE_CACHE_OPTIONS = {
  "remote-cache": { type: "string" },
  "remote-cache-mode": { type: "string" }
};
function remoteCacheConfig(command, values, env = process.env) {
  const url = values["remote-cache"] ?? (env.FBUILD_REMOTE_CACHE || void 0);
  if (!url) return void 0;
  const mode = values["remote-cache-mode"] ?? (env.FBUILD_REMOTE_CACHE_MODE || "read-write");
  if (mode !== "read" && mode !== "read-write")
    throw new UserError(`${command}: --remote-cache-mode is 'read' or 'read-write', not '${mode}'`);
  try {
    redisOptionsFor(url);
  } catch (e) {
    if (e instanceof RemoteConfigError) throw new UserError(`${command}: ${e.message}`);
    throw e;
  }
  const timeout = env.FBUILD_REMOTE_CACHE_TIMEOUT_MS;
  const timeoutMs = timeout === void 0 || timeout === "" ? void 0 : Number(timeout);
  if (timeoutMs !== void 0 && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
    throw new UserError(`${command}: FBUILD_REMOTE_CACHE_TIMEOUT_MS takes a whole number of milliseconds, not '${timeout}'`);
  }
  const namespace = env.FBUILD_REMOTE_CACHE_NAMESPACE || void 0;
  return { url, mode, ...namespace ? { namespace } : {}, ...timeoutMs ? { timeoutMs } : {} };
}

// src/cli/buildOptions.ts
var BUILD_OPTIONS = {
  environment: { type: "string", short: "e" },
  "cache-dir": { type: "string" },
  "max-size": { type: "string" },
  jobs: { type: "string", short: "j" },
  "no-cache": { type: "boolean", default: false },
  force: { type: "boolean", default: false },
  "keep-objects": { type: "boolean", default: false },
  verbose: { type: "boolean", short: "v", default: false },
  json: { type: "boolean", default: false },
  backend: { type: "string" },
  server: { type: "string" },
  toolchain: { type: "string" },
  offline: { type: "boolean", default: false },
  "no-daemon": { type: "boolean", default: false },
  ...REMOTE_CACHE_OPTIONS
};

// server/util/byteSize.ts
var UNITS = { "": 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };
function parseByteSize(text) {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$/i.exec(text);
  if (!m) return void 0;
  const bytes = Math.round(Number(m[1]) * UNITS[m[2].toLowerCase()]);
  return bytes > 0 ? bytes : void 0;
}

// src/cli/maxSize.ts
function storeMaxBytes(command, option, env = process.env) {
  const [text, from] = option !== void 0 ? [option, "--max-size"] : [env.FBUILD_CACHE_MAX_SIZE, "FBUILD_CACHE_MAX_SIZE"];
  if (text === void 0 || text === "") return void 0;
  const bytes = parseByteSize(text);
  if (!bytes) throw new UserError(`${command}: ${from} takes a size such as 2G or 500M, not '${text}'`);
  return bytes;
}

// src/cli/buildArgs.ts
function parseBuildArgs(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: BUILD_OPTIONS
    });
  } catch (e) {
    throw new UserError(`fbuild build: ${e.message.split("\n")[0]}; usage: ${BUILD_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UserError(`fbuild build: one project directory at most; usage: ${BUILD_USAGE}`);
  let jobs;
  if (values.jobs !== void 0) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1)
      throw new UserError(`fbuild build: --jobs takes a whole number of 1 or more, not '${values.jobs}'`);
  }
  const backend = values.backend ?? process.env.FBUILD_BACKEND ?? "embedded";
  if (backend !== "embedded" && backend !== "wrapped")
    throw new UserError(`fbuild build: --backend is 'embedded' or 'wrapped', not '${backend}'`);
  const toolchain = values.toolchain ?? process.env.FBUILD_TOOLCHAIN ?? "auto";
  if (toolchain !== "auto" && toolchain !== "pinned" && toolchain !== "system") {
    throw new UserError(`fbuild build: --toolchain is auto, pinned or system, not '${toolchain}'`);
  }
  const remote = remoteCacheConfig("fbuild build", values);
  const maxBytes = storeMaxBytes("fbuild build", values["max-size"]);
  return {
    ...remote ? { remote } : {},
    projectDir: resolve(positionals[0] ?? "."),
    backend,
    toolchain,
    ...values.server !== void 0 ? { server: values.server } : {},
    ...values.environment !== void 0 ? { environment: values.environment } : {},
    ...values["cache-dir"] !== void 0 ? { cacheDir: resolve(values["cache-dir"]) } : {},
    ...jobs !== void 0 ? { jobs } : {},
    ...maxBytes !== void 0 ? { maxBytes } : {},
    noCache: values["no-cache"],
    force: values.force,
    keepObjects: values["keep-objects"],
    verbose: values.verbose,
    json: values.json,
    offline: values.offline || offlineFromEnv(process.env),
    ...values["no-daemon"] ? { noDaemon: true } : {}
  };
}

// server/util/hitRate.ts
function cacheableUnits(c) {
  return c.hits + c.misses + (c.errors ?? 0);
}
function formatHitRate(c) {
  return cacheableUnits(c) ? `${(c.hits / cacheableUnits(c) * 100).toFixed(1)}%` : "n/a";
}

// server/util/thousands.ts
function thousands(n) {
  if (!Number.isSafeInteger(n)) return n.toLocaleString("en-US");
  const digits = String(Math.abs(n));
  let out = "";
  for (let end = digits.length; end > 0; end -= 3) out = digits.slice(Math.max(0, end - 3), end) + (out ? "," + out : "");
  return n < 0 || Object.is(n, -0) ? "-" + out : out;
}

// server/util/plural.ts
function plural(n, singular, pluralForm = defaultPlural(singular)) {
  return `${thousands(n)} ${n === 1 ? singular : pluralForm}`;
}
function defaultPlural(word) {
  return /(s|sh|ch|x|z)$/.test(word) ? `${word}es` : `${word}s`;
}

// src/cli/buildReport.ts
var num = thousands;
var pct = (a, b) => b ? `${(a / b * 100).toFixed(1)}%` : "-";
var secs = (ms) => ms >= 1e3 ? `${(ms / 1e3).toFixed(1)} s` : `${Math.round(ms)} ms`;
var MAX_UNCACHED_NAMED = 10;
function formatSummary(r) {
  const s = r.stats;
  const lines = [];
  if (r.upToDate) lines.push(`${r.environment}: up to date, nothing compiled (${secs(r.durationMs)})`);
  else {
    const reasons = Object.entries(s.missReasons).map(([k, v]) => `${k}: ${v}`).join(", ");
    lines.push(
      `${r.environment}: ${plural(s.compiles, "unit")} (link included): ${plural(s.hits, "hit")}${s.remoteHits ? ` (${s.remoteHits} from the remote cache)` : ""}, ${plural(s.misses, "miss")}${reasons ? ` (${reasons})` : ""}${s.uncacheable ? `, ${s.uncacheable} uncached` : ""}${s.errors ? `, ${plural(s.errors, "store error")}` : ""}; hit rate ${formatHitRate(s)}; saved ${secs(s.timeSavedMs)}; took ${secs(r.durationMs)}`
    );
    const uncached = (s.uncacheableUnits ?? []).filter((u) => u.reason !== "compile failed");
    for (const u of uncached.slice(0, MAX_UNCACHED_NAMED)) lines.push(`  uncached: ${u.source} (${u.reason})`);
    if (uncached.length > MAX_UNCACHED_NAMED)
      lines.push(`  uncached: ${uncached.length - MAX_UNCACHED_NAMED} more (--verbose lists every unit)`);
    const errored = s.errorUnits ?? [];
    for (const u of errored.slice(0, MAX_UNCACHED_NAMED))
      lines.push(`  store error: ${u.source} (${u.reason}); compiled without the cache`);
    if (errored.length > MAX_UNCACHED_NAMED) lines.push(`  store error: ${errored.length - MAX_UNCACHED_NAMED} more`);
  }
  lines.push(...formatLibraries(r.libraries ?? []));
  if (r.size.flash || r.size.ram) {
    lines.push(
      `flash ${num(r.size.flash)} / ${num(r.size.flashMax)} bytes (${pct(r.size.flash, r.size.flashMax)}), RAM ${num(r.size.ram)} / ${num(r.size.ramMax)} bytes (${pct(r.size.ram, r.size.ramMax)})`
    );
  }
  if (r.ok) lines.push(r.artifacts.hex ? `firmware: ${r.artifacts.hex}` : `program: ${r.artifacts.elf}`);
  if (r.ok && r.artifacts.flash) lines.push(`flash layout: ${r.artifacts.flash.map((f) => `${f.offset} ${f.file}`).join(", ")}`);
  return lines.join("\n") + "\n";
}
function formatLibraries(libraries) {
  return libraries.map((l) => `  library ${l.name} ${l.version} (${l.source})`);
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
  /** A download's progress: bytes so far, of the total when known. */
  download(label, received, total) {
    if (!this.active) return;
    const kb = (n) => `${Math.round(n / 1024)} KiB`;
    const line = `downloading ${label}: ${kb(received)}${total ? ` of ${kb(total)}` : ""}`;
    this.stream.write(`\r\x1B[K${line.slice(0, (this.stream.columns ?? 80) - 1)}`);
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
      case "warning":
        this.progress.clear();
        process.stderr.write(`fbuild: warning: ${e.message}
`);
        break;
      case "library":
        this.progress.clear();
        if (!json || verbose) process.stderr.write(`fbuild: ${e.action} ${e.library.name} ${e.library.version} (${e.library.source})
`);
        break;
      case "download":
        this.progress.download(e.label, e.received, e.total);
        break;
      case "upToDate":
        if (verbose) process.stderr.write(`${e.environment}: up to date (no input changed since the last successful build)
`);
        break;
      case "waiting":
        this.progress.clear();
        process.stderr.write(`fbuild: waiting for another build of ${e.environment} in ${e.dir}
`);
        break;
      case "notice":
        if (e.repeat && !verbose) break;
        this.progress.clear();
        process.stderr.write(`fbuild: notice: ${e.message}
`);
        if (verbose && e.detail) process.stderr.write(`fbuild: notice: ${e.detail}
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

// src/cli/stopSignals.ts
import { constants } from "node:os";
var STOP_SIGNALS = ["SIGINT", "SIGTERM"];
function signalExitCode(signal) {
  return 128 + constants.signals[signal];
}
function onStopSignal(stop) {
  let first;
  const handlers = STOP_SIGNALS.map((signal) => {
    const handler = () => {
      if (first) process.exit(signalExitCode(signal));
      first = signal;
      stop(signal);
    };
    process.on(signal, handler);
    return [signal, handler];
  });
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}

// src/cli/residentServer.ts
import { lstatSync, readdirSync as readdirSync2, readFileSync as readFileSync3, rmSync, statSync as statSync2 } from "node:fs";
import { dirname, join as join3 } from "node:path";

// server/util/cacheDir.ts
import { homedir } from "node:os";
import { join as join2, resolve as resolve2 } from "node:path";
function defaultCacheDir(env = process.env) {
  if (env.FBUILD_CACHE_DIR) return resolve2(env.FBUILD_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return join2(resolve2(env.XDG_CACHE_HOME), "fbuild");
  return join2(homedir(), ".cache", "fbuild");
}

// server/util/processAlive.ts
function isProcessAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}

// src/cli/invocationEnv.ts
import { statSync } from "node:fs";
var SHELL_BOOKKEEPING = /* @__PURE__ */ new Set(["_", "OLDPWD", "SHLVL", "PWD"]);
function invocationEnv(env) {
  return Object.keys(env).filter((k) => !SHELL_BOOKKEEPING.has(k)).sort().map((k) => [k, env[k]]);
}
function fileIdentity(path) {
  try {
    const st = statSync(path ?? "");
    return [path, st.size, st.mtimeMs];
  } catch {
    return [path];
  }
}

// src/cli/residentServer.ts
var RECORD_VERSION = 1;
function residentServersEnabled(env = process.env) {
  return !/^(0|false|no|off)$/i.test(env.FBUILD_DAEMON ?? "");
}
function residentPlaceFor(opts, env = process.env, cwd = process.cwd()) {
  if (opts.noDaemon || !residentServersEnabled(env)) return void 0;
  if (opts.server !== void 0 || env.FBUILD_CACHE_URL || opts.remote || opts.noCache || opts.backend !== "embedded") return void 0;
  const cacheDir = opts.cacheDir ?? defaultCacheDir(env);
  const self = fileIdentity(process.argv[1]);
  const vars = invocationEnv(env);
  const key = digest128(
    JSON.stringify([RECORD_VERSION, process.execPath, process.version, process.execArgv, self, cwd, vars, cacheDir, opts.maxBytes ?? null])
  );
  const dir = join3(cacheDir, "daemons");
  return { cacheDir, dir, record: join3(dir, `${key}.json`), starting: join3(dir, `${key}.starting`), log: join3(dir, `${key}.log`) };
}
function digest128(text) {
  let h1 = 2654435769 ^ text.length;
  let h2 = 2246822507;
  let h3 = 3266489909;
  let h4 = 668265263;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619);
    h2 = Math.imul(h2 ^ c, 1540483477);
    h3 = Math.imul(h3 ^ c, 461845907);
    h4 = Math.imul(h4 ^ c, 3432918353);
  }
  const fin = (h, m) => {
    h = Math.imul(h ^ h >>> 16, m);
    h = Math.imul(h ^ h >>> 13, 3266489909);
    return ((h ^ h >>> 16) >>> 0).toString(16).padStart(8, "0");
  };
  return fin(h1 ^ h3, 2246822507) + fin(h2 ^ h4, 668265263) + fin(h3 + h1, 374761393) + fin(h4 + h2, 3550635116);
}
function readResidentRecord(path) {
  if (!ownedAndPrivate(path) || !ownedAndPrivate(dirname(path))) return void 0;
  let r;
  try {
    r = JSON.parse(readFileSync3(path, "utf8"));
  } catch {
    return void 0;
  }
  if (typeof r.url !== "string" || typeof r.pid !== "number" || typeof r.tokenFile !== "string") return void 0;
  if (!/^(http:\/\/127\.0\.0\.1:\d+|unix:\/\/\/.+)$/.test(r.url) || !ownedAndPrivate(r.tokenFile)) return void 0;
  return isProcessAlive(r.pid) ? r : void 0;
}
function ownedAndPrivate(path) {
  try {
    const st = lstatSync(path);
    return (process.getuid === void 0 || st.uid === process.getuid()) && (st.mode & 18) === 0 && !st.isSymbolicLink();
  } catch {
    return false;
  }
}
function residentClient(record, timeouts) {
  return new JobClient(record.url, tokenFromEnv({ FBUILD_CACHE_TOKEN_FILE: record.tokenFile }), timeouts);
}
function forgetResident(place) {
  rmSync(place.record, { force: true });
  rmSync(place.starting, { force: true });
}

// src/cli/buildResident.ts
async function buildThroughResident(argv) {
  let opts;
  let timeouts;
  try {
    opts = parseBuildArgs(argv);
    timeouts = clientTimeouts();
  } catch {
    return void 0;
  }
  const place = residentPlaceFor(opts);
  if (!place) return void 0;
  const record = readResidentRecord(place.record);
  if (!record) {
    if (existsSync(place.record)) forgetResident(place);
    return void 0;
  }
  const printer = new BuildPrinter({ json: opts.json, verbose: opts.verbose });
  const emit = (e) => printer.handle(e);
  const client = residentClient(record, { ...timeouts, connectMs: 2e3 });
  let started = false;
  const removeHandlers = onStopSignal((signal) => process.exit(signalExitCode(signal)));
  try {
    return await streamBuild(client, buildBodyOf(opts), (e) => {
      started = true;
      emit(e);
    });
  } catch {
    if (started) emit({ type: "notice", message: "the resident build server stopped during the build; building in this process" });
    forgetResident(place);
    return void 0;
  } finally {
    removeHandlers();
    await client.close();
  }
}
export {
  buildThroughResident
};
