import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);

// server/toolchains/download.ts
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, readdirSync, readSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
var DownloadError = class extends Error {
  constructor(message, permanent, options) {
    super(message, options);
    this.permanent = permanent;
    this.name = "DownloadError";
  }
  permanent;
};
var undiciModule;
var loadUndici = () => (
  // A bundle that splits a CommonJS package off gives it as the default export only.
  undiciModule ??= import("./undici-5R64OGWJ.js").then((m) => "Agent" in m ? m : m.default)
);
var following;
async function redirectingDispatcher() {
  const { Agent, interceptors } = await loadUndici();
  return following ??= new Agent().compose(interceptors.redirect({ maxRedirections: 5 }));
}
var isRetryableStatus = (status) => status === 413 || status === 429 || status >= 500;
var backoff = (ms, attempt) => new Promise((r) => setTimeout(r, ms * 2 ** attempt));
async function withRetries(run, opts) {
  const retries = opts.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      const permanent = e instanceof DownloadError && e.permanent;
      if (permanent || attempt >= retries) {
        const message = e.message;
        throw new DownloadError(attempt ? `${message} (after ${attempt + 1} attempts)` : message, true, { cause: e });
      }
      await backoff(opts.backoffMs ?? 500, attempt);
    }
  }
}
function downloadFile(url, file, opts = {}) {
  return withRetries(() => downloadOnce(url, file, opts), opts);
}
async function downloadOnce(url, file, opts) {
  const controller = new AbortController();
  const stallMs = opts.stallTimeoutMs ?? 3e4;
  let stalled = false;
  let timer = setTimeout(() => (stalled = true, controller.abort()), stallMs);
  const fd = openSync(file, "w");
  const hash = createHash("sha256");
  let received = 0;
  let total = opts.size;
  const of = () => total === void 0 ? "" : ` of ${total}`;
  try {
    const { request } = await loadUndici();
    const res = await request(url, {
      signal: controller.signal,
      dispatcher: await redirectingDispatcher(),
      ...opts.headers ? { headers: opts.headers } : {}
    });
    if (res.statusCode !== 200) {
      await res.body.dump().catch(() => void 0);
      throw new DownloadError(`the server answered HTTP ${res.statusCode}`, !isRetryableStatus(res.statusCode));
    }
    const length = Number(res.headers["content-length"]);
    if (total === void 0 && Number.isInteger(length) && length >= 0) total = length;
    for await (const chunk of res.body) {
      clearTimeout(timer);
      timer = setTimeout(() => (stalled = true, controller.abort()), stallMs);
      received += chunk.length;
      if (total !== void 0 && received > total) throw new DownloadError(`the download is larger than the expected ${total} bytes`, true);
      hash.update(chunk);
      try {
        writeSync(fd, chunk);
      } catch (e) {
        if (e.code === "ENOSPC") {
          throw new DownloadError(`no space left on the device of ${opts.diskOf ?? file}; free some space and try again`, true);
        }
        throw e;
      }
      opts.onProgress?.(received, total);
    }
  } catch (e) {
    if (stalled) throw new Error(`no data for ${Math.round(stallMs / 1e3)} s (stalled after ${received}${of()} bytes)`, { cause: e });
    if (e instanceof DownloadError) throw e;
    const why = e.message;
    throw new Error(received ? `the download broke off after ${received}${of()} bytes (${why})` : `could not download it (${why})`, {
      cause: e
    });
  } finally {
    clearTimeout(timer);
    closeSync(fd);
  }
  if (total !== void 0 && received !== total) throw new Error(`truncated download: ${received} of ${total} bytes`);
  const got = hash.digest("hex");
  if (opts.sha256 && got !== opts.sha256.toLowerCase()) {
    throw new DownloadError(
      `checksum mismatch: expected SHA-256 ${opts.sha256}, got ${got}${opts.mismatchHint ? `; ${opts.mismatchHint}` : ""}`,
      true
    );
  }
}
function archiveKind(file) {
  const head = Buffer.alloc(6);
  const fd = openSync(file, "r");
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head[0] === 31 && head[1] === 139) return "tar.gz";
  if (head.subarray(0, 3).toString("latin1") === "BZh") return "tar.bz2";
  if (head.equals(Buffer.from([253, 55, 122, 88, 90, 0]))) return "tar.xz";
  if (head[0] === 80 && head[1] === 75 && (head[2] === 3 || head[2] === 5)) return "zip";
  return void 0;
}
function extractArchive(file, into) {
  mkdirSync(into, { recursive: true });
  const kind = archiveKind(file);
  if (!kind) throw new Error("it is not a tar.gz, tar.bz2, tar.xz or zip archive");
  const isZip = kind === "zip";
  const r = isZip ? spawnSync("unzip", ["-q", file, "-d", into], { encoding: "utf8" }) : spawnSync("tar", ["-xf", file, "-C", into], { encoding: "utf8" });
  if (r.error || r.status !== 0) {
    const tool = isZip ? "unzip" : "tar";
    const why = r.error ? `${tool} could not run (${r.error.code}); install it` : (r.stderr || "").trim().split("\n")[0];
    throw new Error(`extracting failed: ${why}`);
  }
  const top = readdirSync(into);
  if (top.length === 1 && statSync(join(into, top[0])).isDirectory()) return join(into, top[0]);
  return into;
}

export {
  DownloadError,
  loadUndici,
  isRetryableStatus,
  withRetries,
  downloadFile,
  archiveKind,
  extractArchive
};
