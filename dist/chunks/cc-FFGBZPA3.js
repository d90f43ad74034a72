import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  tokenFromEnv
} from "./chunk-6GJB7XOM.js";
import {
  findWorkspaceRoot
} from "./chunk-POUFS3KG.js";
import {
  ServerError,
  ServerTimeoutError,
  ServerUnreachableError,
  clientTimeouts,
  serverErrorMessage,
  timeoutMessage
} from "./chunk-N7O5JONP.js";
import {
  usage
} from "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";

// src/cli/cc.ts
import { writeFileSync as writeFileSync2 } from "node:fs";

// src/client/compileRequest.ts
import { request } from "node:http";

// src/client/msgpackLite.ts
function encodeMsgpack(value) {
  const parts = [];
  write(value, parts);
  return Buffer.concat(parts);
}
function header(parts, n, fix, fixMax, codes) {
  if (n <= fixMax) parts.push(Buffer.from([fix | n]));
  else if (n <= 255 && codes[0] !== 0) parts.push(Buffer.from([codes[0], n]));
  else if (n <= 65535) parts.push(Buffer.from([codes[1], n >> 8, n & 255]));
  else {
    const b = Buffer.alloc(5);
    b[0] = codes[2];
    b.writeUInt32BE(n, 1);
    parts.push(b);
  }
}
function write(v, parts) {
  if (v === null || v === void 0) parts.push(Buffer.from([192]));
  else if (typeof v === "boolean") parts.push(Buffer.from([v ? 195 : 194]));
  else if (typeof v === "number") writeNumber(v, parts);
  else if (typeof v === "string") {
    const bytes = Buffer.from(v, "utf8");
    header(parts, bytes.length, 160, 31, [217, 218, 219]);
    parts.push(bytes);
  } else if (v instanceof Uint8Array) {
    header(parts, v.length, 0, -1, [196, 197, 198]);
    parts.push(Buffer.from(v.buffer, v.byteOffset, v.length));
  } else if (Array.isArray(v)) {
    header(parts, v.length, 144, 15, [0, 220, 221]);
    for (const x of v) write(x, parts);
  } else if (typeof v === "object") {
    const entries = Object.entries(v).filter((e) => e[1] !== void 0);
    header(parts, entries.length, 128, 15, [0, 222, 223]);
    for (const [k, x] of entries) {
      write(k, parts);
      write(x, parts);
    }
  } else throw new TypeError(`cannot encode a ${typeof v} as msgpack`);
}
function writeNumber(n, parts) {
  if (Number.isInteger(n) && n >= -2147483648 && n <= 4294967295) {
    if (n >= 0 && n <= 127) return void parts.push(Buffer.from([n]));
    if (n < 0 && n >= -32) return void parts.push(Buffer.from([n & 255]));
    const b2 = Buffer.alloc(5);
    if (n >= 0) {
      b2[0] = 206;
      b2.writeUInt32BE(n, 1);
    } else {
      b2[0] = 210;
      b2.writeInt32BE(n, 1);
    }
    return void parts.push(b2);
  }
  const b = Buffer.alloc(9);
  b[0] = 203;
  b.writeDoubleBE(n, 1);
  parts.push(b);
}
function decodeMsgpack(buf) {
  const r = { buf, pos: 0 };
  const v = read(r);
  if (r.pos !== buf.length) throw new Error("trailing bytes after the msgpack value");
  return v;
}
function take(r, n) {
  const at = r.pos;
  if (at + n > r.buf.length) throw new Error("truncated msgpack value");
  r.pos += n;
  return at;
}
function read(r) {
  const b = r.buf;
  const c = b[take(r, 1)];
  if (c <= 127) return c;
  if (c >= 224) return c - 256;
  if (c >= 160 && c <= 191) return str(r, c & 31);
  if (c >= 144 && c <= 159) return arr(r, c & 15);
  if (c >= 128 && c <= 143) return map(r, c & 15);
  switch (c) {
    case 192:
      return null;
    case 194:
      return false;
    case 195:
      return true;
    case 196:
      return bin(r, b[take(r, 1)]);
    case 197:
      return bin(r, b.readUInt16BE(take(r, 2)));
    case 198:
      return bin(r, b.readUInt32BE(take(r, 4)));
    case 202:
      return b.readFloatBE(take(r, 4));
    case 203:
      return b.readDoubleBE(take(r, 8));
    case 204:
      return b[take(r, 1)];
    case 205:
      return b.readUInt16BE(take(r, 2));
    case 206:
      return b.readUInt32BE(take(r, 4));
    case 207:
      return Number(b.readBigUInt64BE(take(r, 8)));
    case 208:
      return b.readInt8(take(r, 1));
    case 209:
      return b.readInt16BE(take(r, 2));
    case 210:
      return b.readInt32BE(take(r, 4));
    case 211:
      return Number(b.readBigInt64BE(take(r, 8)));
    case 217:
      return str(r, b[take(r, 1)]);
    case 218:
      return str(r, b.readUInt16BE(take(r, 2)));
    case 219:
      return str(r, b.readUInt32BE(take(r, 4)));
    case 220:
      return arr(r, b.readUInt16BE(take(r, 2)));
    case 221:
      return arr(r, b.readUInt32BE(take(r, 4)));
    case 222:
      return map(r, b.readUInt16BE(take(r, 2)));
    case 223:
      return map(r, b.readUInt32BE(take(r, 4)));
    default:
      throw new Error(`unsupported msgpack type 0x${c.toString(16)}`);
  }
}
function str(r, n) {
  const at = take(r, n);
  return r.buf.toString("utf8", at, at + n);
}
function bin(r, n) {
  const at = take(r, n);
  return r.buf.subarray(at, at + n);
}
function arr(r, n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(read(r));
  return out;
}
function map(r, n) {
  const out = {};
  for (let i = 0; i < n; i++) {
    const k = read(r);
    if (typeof k !== "string") throw new Error("msgpack map key is not a string");
    Object.defineProperty(out, k, { value: read(r), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

// src/client/compileRequest.ts
function compileOnce(url, token, body, timeouts = clientTimeouts()) {
  const payload = encodeMsgpack(body);
  const target = url.startsWith("unix:") ? { socketPath: url.replace(/^unix:(\/\/)?/, "") } : (() => {
    const u = new URL(url);
    return { host: u.hostname, port: Number(u.port) };
  })();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        ...target,
        method: "POST",
        path: "/v1/compile",
        headers: {
          ...token ? { authorization: `Bearer ${token}` } : {},
          "content-type": "application/msgpack",
          "content-length": payload.length
        }
      },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          const data = Buffer.concat(chunks);
          if ((res.statusCode ?? 500) >= 400) {
            const message = serverErrorMessage(data.toString());
            reject(new ServerError(res.statusCode ?? 500, `fbuild server: ${message} (HTTP ${res.statusCode})`));
            return;
          }
          try {
            resolve(decodeMsgpack(data));
          } catch (e) {
            reject(new ServerError(502, `fbuild server: unreadable answer (${e.message})`));
          }
        });
        res.on(
          "error",
          (e) => reject(e instanceof ServerUnreachableError ? e : new ServerUnreachableError(`lost the fbuild server at ${url}: ${e.message}`))
        );
      }
    );
    let connectTimer;
    req.on("socket", (socket) => {
      if (!socket.connecting) return;
      connectTimer = setTimeout(
        () => req.destroy(new ServerTimeoutError(timeoutMessage(url, "connect", timeouts.connectMs))),
        timeouts.connectMs
      );
      socket.once("connect", () => clearTimeout(connectTimer));
    });
    req.setTimeout(timeouts.idleMs, () => req.destroy(new ServerTimeoutError(timeoutMessage(url, "idle", timeouts.idleMs))));
    req.on("error", (e) => {
      clearTimeout(connectTimer);
      reject(
        e instanceof ServerUnreachableError ? e : new ServerUnreachableError(`cannot reach the fbuild server at ${url}: ${e.message}`)
      );
    });
    req.on("close", () => clearTimeout(connectTimer));
    req.end(payload);
  });
}

// src/cli/makeRun.ts
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
var MakeRun = class _MakeRun {
  constructor(marker) {
    this.marker = marker;
  }
  marker;
  static current(env = process.env) {
    if (env.MAKELEVEL === void 0) return void 0;
    const make = outermostMake(process.ppid);
    if (!make) return void 0;
    const dir = join(env.XDG_RUNTIME_DIR || tmpdir(), `fbuild-cc-${process.getuid?.() ?? "user"}`);
    try {
      mkdirSync(dir, { recursive: true, mode: 448 });
    } catch {
      return void 0;
    }
    return new _MakeRun(join(dir, `make-${make}`));
  }
  /** A server in this run already failed to answer in time. */
  get serverTimedOut() {
    try {
      return readFileSync(this.marker, "utf8") === "timeout";
    } catch {
      return false;
    }
  }
  /** Records a failure; true for the first of the run (the one to warn about). */
  recordFailure(timedOut) {
    try {
      writeFileSync(this.marker, timedOut ? "timeout" : "failed", { flag: "wx" });
    } catch (e) {
      if (e.code !== "EEXIST") return true;
      if (timedOut) writeFileSync(this.marker, "timeout");
      return false;
    }
    removeOldMarkers(join(this.marker, ".."));
    return true;
  }
};
function outermostMake(pid) {
  let found;
  for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
    let stat;
    try {
      stat = readFileSync(`/proc/${p}/stat`, "utf8");
    } catch {
      break;
    }
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    const fields = stat.slice(close + 2).split(" ");
    if (/^g?make$/.test(comm)) found = `${p}-${fields[19]}`;
    p = Number(fields[1]);
  }
  return found;
}
var DAY_MS = 24 * 3600 * 1e3;
function removeOldMarkers(dir) {
  for (const name of safeList(dir)) {
    try {
      if (Date.now() - statSync(join(dir, name)).mtimeMs > DAY_MS) rmSync(join(dir, name), { force: true });
    } catch {
    }
  }
}
function safeList(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

// src/cli/cc.ts
async function runCc(argv) {
  const [compiler, ...args] = argv;
  if (!compiler) throw usage("fbuild cc", "missing compiler; usage: fbuild cc COMPILER ARGS... (e.g. fbuild cc avr-gcc -c x.c -o x.o)");
  const cwd = process.cwd();
  const workspaceRoot = findWorkspaceRoot(cwd);
  const url = process.env.FBUILD_CACHE_URL;
  let r;
  if (url) {
    const makeRun = MakeRun.current();
    if (makeRun?.serverTimedOut) return compileWithoutServer(compiler, args);
    try {
      r = await compileOnce(url, tokenFromEnv(), { compiler, args, cwd, env: compilerEnv(), workspaceRoot }, clientTimeouts());
    } catch (e) {
      if (makeRun?.recordFailure(e instanceof ServerTimeoutError) ?? true) {
        const once = makeRun ? " (said once for this make run)" : "";
        process.stderr.write(`fbuild cc: warning: ${e.message}; compiling without the cache${once}
`);
      }
      return compileWithoutServer(compiler, args);
    }
  } else {
    r = await (await import("../cc-local.js")).compileInProcess({ compiler, args, cwd, env: compilerEnv(), workspaceRoot });
  }
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  if (process.env.FBUILD_CC_VERBOSE && process.env.FBUILD_CC_VERBOSE !== "0")
    process.stderr.write(`fbuild cc: ${r.outcome}${r.reason ? ` (${r.reason})` : ""}
`);
  reportOutcome(r);
  return r.exitCode;
}
function reportOutcome(r) {
  if (!process.env.FBUILD_CC_OUTCOME_FILE) return;
  const { outcome, reason, savedMs } = r;
  writeFileSync2(
    process.env.FBUILD_CC_OUTCOME_FILE,
    JSON.stringify({ outcome, ...reason ? { reason } : {}, ...savedMs !== void 0 ? { savedMs } : {} })
  );
}
function compileWithoutServer(compiler, args) {
  reportOutcome({ outcome: "error", reason: "cache server unavailable" });
  return compileDirectly(compiler, args);
}
var SET_ASIDE_CA_CERTS = "FBUILD_CC_NODE_EXTRA_CA_CERTS";
function compilerEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== void 0 && k !== "FBUILD_CACHE_TOKEN") env[k] = v;
  const caCerts = env[SET_ASIDE_CA_CERTS];
  if (caCerts !== void 0) {
    env.NODE_EXTRA_CA_CERTS = caCerts;
    delete env[SET_ASIDE_CA_CERTS];
  }
  return env;
}
async function compileDirectly(compiler, args) {
  const { spawn } = await import("node:child_process");
  return new Promise((resolveExit) => {
    const child = spawn(compiler, args, { stdio: "inherit", env: compilerEnv() });
    child.on("error", (e) => {
      process.stderr.write(`fbuild cc: cannot run ${compiler}: ${e.message}
`);
      resolveExit(127);
    });
    child.on("close", (code) => resolveExit(code ?? 1));
  });
}
export {
  runCc
};
