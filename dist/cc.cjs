"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// src/cli/cc.ts
var import_node_fs5 = require("node:fs");

// src/client/compileRequest.ts
var import_node_http = require("node:http");

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

// server/util/errors.ts
var import_node_fs = require("node:fs");
var import_node_path = require("node:path");
var UserError = class extends Error {
  constructor(message, exitCode = 2) {
    super(message);
    this.exitCode = exitCode;
    this.name = "UserError";
  }
  exitCode;
};
var usage = (command, synopsis) => new UserError(`${command}: ${synopsis}`, 2);
function unwritableAncestor(path) {
  for (let dir = (0, import_node_path.dirname)(path); ; dir = (0, import_node_path.dirname)(dir)) {
    if ((0, import_node_fs.existsSync)(dir)) {
      try {
        (0, import_node_fs.accessSync)(dir, import_node_fs.constants.W_OK);
        return void 0;
      } catch (e) {
        return { code: e.code ?? "EACCES", path: dir };
      }
    }
    if ((0, import_node_path.dirname)(dir) === dir) return void 0;
  }
}
var FS_PROBLEMS = {
  EACCES: "permission denied; make it writable (and readable) by this user or choose another path",
  EPERM: "operation not permitted; make it writable by this user or choose another path",
  EROFS: "the file system is read-only; choose a path on a writable one",
  ENOTDIR: "a part of the path is a file, not a directory; fix the path",
  EISDIR: "it is a directory, not a file; fix the path",
  ENOSPC: "no space left on the device; free some space",
  EDQUOT: "the disk quota is used up; free some space",
  ENOENT: "no such file or directory; check the path",
  ELOOP: "too many levels of symbolic links; fix the link",
  ENAMETOOLONG: "the path is too long; choose a shorter one"
};
function fileSystemUserError(e) {
  const err = e;
  if (!err || typeof err.code !== "string" || typeof err.path !== "string") return void 0;
  const ancestor = err.syscall === "mkdir" && err.code === "ENOENT" ? unwritableAncestor(err.path) : void 0;
  const code = ancestor?.code ?? err.code;
  const problem = FS_PROBLEMS[code];
  if (!problem) return void 0;
  const what = ancestor ? `create directories in ${ancestor.path}` : err.syscall ? `${err.syscall} ${err.path}` : err.path;
  return new UserError(`fbuild: cannot ${what} (${code}): ${problem}`);
}

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

// src/client/compileRequest.ts
function compileOnce(url, token, body, timeouts = clientTimeouts()) {
  const payload = encodeMsgpack(body);
  const target = url.startsWith("unix:") ? { socketPath: url.replace(/^unix:(\/\/)?/, "") } : (() => {
    const u = new URL(url);
    return { host: u.hostname, port: Number(u.port) };
  })();
  return new Promise((resolve2, reject) => {
    const req = (0, import_node_http.request)(
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
            resolve2(decodeMsgpack(data));
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

// src/client/token.ts
var import_node_fs2 = require("node:fs");
function tokenFromEnv(env = process.env) {
  if (env.FBUILD_CACHE_TOKEN) return env.FBUILD_CACHE_TOKEN;
  if (!env.FBUILD_CACHE_TOKEN_FILE) return "";
  try {
    return (0, import_node_fs2.readFileSync)(env.FBUILD_CACHE_TOKEN_FILE, "utf8").trim();
  } catch {
    return "";
  }
}

// src/cli/makeRun.ts
var import_node_fs3 = require("node:fs");
var import_node_os = require("node:os");
var import_node_path2 = require("node:path");
var MakeRun = class _MakeRun {
  constructor(marker) {
    this.marker = marker;
  }
  marker;
  static current(env = process.env) {
    if (env.MAKELEVEL === void 0) return void 0;
    const make = outermostMake(process.ppid);
    if (!make) return void 0;
    const dir = (0, import_node_path2.join)(env.XDG_RUNTIME_DIR || (0, import_node_os.tmpdir)(), `fbuild-cc-${process.getuid?.() ?? "user"}`);
    try {
      (0, import_node_fs3.mkdirSync)(dir, { recursive: true, mode: 448 });
    } catch {
      return void 0;
    }
    return new _MakeRun((0, import_node_path2.join)(dir, `make-${make}`));
  }
  /** A server in this run already failed to answer in time. */
  get serverTimedOut() {
    try {
      return (0, import_node_fs3.readFileSync)(this.marker, "utf8") === "timeout";
    } catch {
      return false;
    }
  }
  /** Records a failure; true for the first of the run (the one to warn about). */
  recordFailure(timedOut) {
    try {
      (0, import_node_fs3.writeFileSync)(this.marker, timedOut ? "timeout" : "failed", { flag: "wx" });
    } catch (e) {
      if (e.code !== "EEXIST") return true;
      if (timedOut) (0, import_node_fs3.writeFileSync)(this.marker, "timeout");
      return false;
    }
    removeOldMarkers((0, import_node_path2.join)(this.marker, ".."));
    return true;
  }
};
function outermostMake(pid) {
  let found;
  for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
    let stat;
    try {
      stat = (0, import_node_fs3.readFileSync)(`/proc/${p}/stat`, "utf8");
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
      if (Date.now() - (0, import_node_fs3.statSync)((0, import_node_path2.join)(dir, name)).mtimeMs > DAY_MS) (0, import_node_fs3.rmSync)((0, import_node_path2.join)(dir, name), { force: true });
    } catch {
    }
  }
}
function safeList(dir) {
  try {
    return (0, import_node_fs3.readdirSync)(dir);
  } catch {
    return [];
  }
}

// server/util/workspaceRoot.ts
var import_node_fs4 = require("node:fs");
var import_node_path3 = require("node:path");
function findWorkspaceRoot(cwd, env = process.env) {
  if (env.FBUILD_WORKSPACE) return (0, import_node_path3.resolve)(env.FBUILD_WORKSPACE);
  const gh = env.GITHUB_WORKSPACE ? (0, import_node_path3.resolve)(env.GITHUB_WORKSPACE) : void 0;
  if (gh && (cwd === gh || cwd.startsWith(gh + "/"))) return gh;
  for (let dir = (0, import_node_path3.resolve)(cwd); ; dir = (0, import_node_path3.dirname)(dir)) {
    if ((0, import_node_fs4.existsSync)((0, import_node_path3.join)(dir, ".git")) || (0, import_node_fs4.existsSync)((0, import_node_path3.join)(dir, "platformio.ini"))) return dir;
    if ((0, import_node_path3.dirname)(dir) === dir) return (0, import_node_path3.resolve)(cwd);
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
    r = await (await import("./cc-local.js")).compileInProcess({ compiler, args, cwd, env: compilerEnv(), workspaceRoot });
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
  (0, import_node_fs5.writeFileSync)(
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

// src/cli/exitWith.ts
function exitWith(command, name = "fbuild") {
  command.then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      e = fileSystemUserError(e) ?? e;
      if (e instanceof UserError) {
        process.stderr.write(`${e.message}
`);
        process.exitCode = e.exitCode;
      } else {
        const err = e;
        process.stderr.write(`${name}: internal error: ${err?.message ?? String(e)}
`);
        if (process.env.FBUILD_DEBUG) process.stderr.write(`${err?.stack ?? ""}
`);
        process.exitCode = 70;
      }
    }
  );
}

// src/cli/ccMain.ts
exitWith(runCc(process.argv.slice(2)));
