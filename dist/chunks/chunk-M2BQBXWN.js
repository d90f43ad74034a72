import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  storeMaxBytes
} from "./chunk-BCAMG2IY.js";
import {
  BUILD_OPTIONS
} from "./chunk-MLQPJ6HX.js";
import {
  remoteCacheConfig
} from "./chunk-TAUBCZZV.js";
import {
  BuildPrinter
} from "./chunk-EBSC7DO2.js";
import {
  ownedAndPrivate,
  readResidentRecord,
  residentClient,
  residentPlaceFor
} from "./chunk-37W3FPTO.js";
import {
  buildBodyOf
} from "./chunk-AF5CJ76L.js";
import {
  offlineFromEnv
} from "./chunk-DYARRWTB.js";
import {
  BUILD_USAGE
} from "./chunk-QHSOPCBR.js";
import {
  isProcessAlive
} from "./chunk-WDI3OBGI.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";

// src/cli/buildArgs.ts
import { resolve } from "node:path";
import { parseArgs } from "node:util";
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

// src/cli/residentStart.ts
import { spawn } from "node:child_process";
import { closeSync, constants, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
var DEFAULT_IDLE_SECONDS = 600;
var STARTING_GRACE_MS = 3e4;
function startResident(place, opts, env = process.env) {
  try {
    mkdirSync(place.dir, { recursive: true, mode: 448 });
    if (!ownedAndPrivate(place.dir)) return;
    if (!claimStart(place.starting)) return;
    sweepOldFiles(place.dir);
    const idle = Number(env.FBUILD_DAEMON_IDLE);
    const idleSeconds = Number.isFinite(idle) && idle > 0 ? idle : DEFAULT_IDLE_SECONDS;
    const log = openSync(place.log, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 384);
    try {
      const args = [
        // A young generation that holds what a build allocates (a few MB): V8 starts it at 1 MB and
        // grows it slowly, and a warm build of 240 units paid six scavenges (5-17 ms) for it. Before
        // this invocation's own Node flags, which win.
        "--min-semi-space-size=16",
        ...process.execArgv,
        process.argv[1],
        "serve",
        "--shared-cache-dir",
        "--cache-dir",
        place.cacheDir,
        "--allow-root",
        "/",
        "--idle-exit",
        String(idleSeconds),
        "--ready-file",
        place.record,
        ...opts.maxBytes ? ["--max-size", String(opts.maxBytes)] : []
      ];
      const child = spawn(process.execPath, args, { detached: true, stdio: ["ignore", "ignore", log], env });
      child.on("error", () => void 0);
      child.unref();
      if (child.pid) writeFileSync(place.starting, String(child.pid), { mode: 384 });
    } finally {
      closeSync(log);
    }
  } catch {
  }
}
function claimStart(path) {
  try {
    closeSync(openSync(path, "wx", 384));
    return true;
  } catch (e) {
    if (e.code !== "EEXIST") return false;
  }
  try {
    const pid = Number(readFileSync(path, "utf8"));
    const young = Date.now() - statSync(path).mtimeMs < STARTING_GRACE_MS;
    if (young && (pid === 0 || isProcessAlive(pid))) return false;
    writeFileSync(path, "", { mode: 384 });
    return true;
  } catch {
    return false;
  }
}
var OLD_AFTER_MS = 24 * 36e5;
function sweepOldFiles(dir) {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    if (!/^[0-9a-f]{32}\.(json|log|starting)$/.test(name)) continue;
    const path = join(dir, name);
    try {
      if (now - statSync(path).mtimeMs < OLD_AFTER_MS) continue;
      if (name.endsWith(".json") && readResidentRecord(path)) continue;
      rmSync(path, { force: true });
    } catch {
    }
  }
}
async function rehearseResident(place, opts) {
  const record = readResidentRecord(place.record);
  if (!record) return;
  const client = residentClient(record, {
    connectMs: 2e3,
    // A warm-up never holds the command up for long: an up-to-date check answers in well under this.
    idleMs: 2e3
  });
  try {
    for await (const e of client.build({ ...buildBodyOf(opts), force: false, keepObjects: false, lookupOnly: true }))
      if (e.type === "done") break;
  } catch {
  } finally {
    await client.close();
  }
}

// src/cli/build.ts
async function runBuild(argv, how = {}) {
  const opts = parseBuildArgs(argv);
  const printer = new BuildPrinter({ json: opts.json, verbose: opts.verbose });
  const emit = (e) => printer.handle(e);
  const url = opts.server ?? process.env.FBUILD_CACHE_URL;
  if (url) return (await import("./buildThroughServer-PXZS6IT7.js")).buildThroughServer(url, opts, emit);
  const place = how.startResident ? residentPlaceFor(opts) : void 0;
  if (place) startResident(place, opts);
  const code = await (await import("./buildEmbedded-TNLUZFW3.js")).buildEmbedded(argv, opts, emit);
  if (place && code === 0) await rehearseResident(place, opts);
  return code;
}

export {
  parseBuildArgs,
  runBuild
};
