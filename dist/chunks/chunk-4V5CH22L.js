import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  require_proper_lockfile
} from "./chunk-RRNSNA4T.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";
import {
  __toESM
} from "./chunk-ZATFCR4X.js";

// server/engine/buildDirLock.ts
var import_proper_lockfile = __toESM(require_proper_lockfile(), 1);
import { rmSync } from "node:fs";
import { join } from "node:path";

// server/engine/cancellation.ts
var BuildCancelled = class extends UserError {
  constructor(environment) {
    super(`build of ${environment} cancelled; its compilers were stopped and its outputs left as they were`, 130);
    this.name = "BuildCancelled";
  }
};
function throwIfCancelled(signal, environment) {
  if (signal?.aborted) throw new BuildCancelled(environment);
}
function pause(ms, signal) {
  return new Promise((resolveWait) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolveWait();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

// server/engine/buildDirLock.ts
var STALE_MS = 3e4;
var BUILD_LOCK_NAME = "build.lock";
var POLL_MS = 200;
async function lockBuildDir(buildDir, opts) {
  let waiting = false;
  for (; ; ) {
    throwIfCancelled(opts.signal, opts.environment);
    try {
      const release = await import_proper_lockfile.default.lock(buildDir, {
        lockfilePath: join(buildDir, BUILD_LOCK_NAME),
        realpath: false,
        stale: STALE_MS,
        // The default throws from a timer, which would take the whole server down. A lock lost this
        // way (this process stalled past STALE_MS) cannot be won back; the build carries on.
        onCompromised: () => void 0
      });
      return () => release().catch(() => void 0);
    } catch (e) {
      if (e.code !== "ELOCKED") throw e;
    }
    if (!waiting) {
      waiting = true;
      opts.onWait();
    }
    await pause(POLL_MS, opts.signal);
  }
}
function breakBuildDirLock(buildDir) {
  rmSync(join(buildDir, BUILD_LOCK_NAME), { recursive: true, force: true });
}

export {
  throwIfCancelled,
  BUILD_LOCK_NAME,
  lockBuildDir,
  breakBuildDirLock
};
