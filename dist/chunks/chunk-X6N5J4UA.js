import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  storeMaxBytes
} from "./chunk-BCAMG2IY.js";
import {
  BUILD_OPTIONS
} from "./chunk-UZPOLGBI.js";
import {
  remoteCacheConfig
} from "./chunk-TAUBCZZV.js";
import {
  BuildPrinter
} from "./chunk-OCE7B6E2.js";
import {
  offlineFromEnv
} from "./chunk-DYARRWTB.js";
import {
  BUILD_USAGE
} from "./chunk-PQGTXSCK.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";

// src/cli/build.ts
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
    offline: values.offline || offlineFromEnv(process.env)
  };
}
async function runBuild(argv) {
  const opts = parseBuildArgs(argv);
  const printer = new BuildPrinter({ json: opts.json, verbose: opts.verbose });
  const emit = (e) => printer.handle(e);
  const url = opts.server ?? process.env.FBUILD_CACHE_URL;
  if (url) return (await import("./buildThroughServer-4DCP4HKM.js")).buildThroughServer(url, opts, emit);
  return (await import("./buildEmbedded-2AECZ7N5.js")).buildEmbedded(argv, opts, emit);
}

export {
  parseBuildArgs,
  runBuild
};
