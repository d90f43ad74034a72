import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  isProcessAlive
} from "./chunk-WDI3OBGI.js";

// server/util/atomicWrite.ts
import { randomBytes } from "node:crypto";
import { readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
function writeFileAtomic(path, data, opts = {}) {
  const { tmpDir, mode } = opts;
  const name = `${tmpDir ? basename(path) : path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const tmp = tmpDir ? join(tmpDir, name) : name;
  try {
    writeFileSync(tmp, data, mode === void 0 ? {} : { mode });
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
    }
    throw e;
  }
}
var ABANDONED_AFTER_MS = 60 * 6e4;
var TMP_NAME = /\.(\d+)(?:\.[0-9a-f]+)?\.tmp$/;
function sweepAbandonedTemps(dir, now = Date.now()) {
  let removed = 0;
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const m = TMP_NAME.exec(name);
    if (!m) continue;
    const p = join(dir, name);
    try {
      const pid = Number(m[1]);
      const abandoned = pid !== process.pid && !isProcessAlive(pid) || now - statSync(p).mtimeMs > ABANDONED_AFTER_MS;
      if (!abandoned) continue;
      unlinkSync(p);
      removed++;
    } catch {
    }
  }
  return removed;
}

export {
  writeFileAtomic,
  sweepAbandonedTemps
};
