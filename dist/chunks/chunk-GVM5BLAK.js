import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  CompilerPool,
  KeyHasher,
  defaultCacheDir,
  parseDepfile,
  runStepSequence,
  sha256Hex
} from "./chunk-Q36JS3EI.js";
import {
  require_undici
} from "./chunk-YZTV6A7P.js";
import {
  UserError
} from "./chunk-VXEOITE5.js";
import {
  __toESM
} from "./chunk-AFEGAB3Z.js";

// server/build/buildEvents.ts
import { resolve as resolve4 } from "node:path";

// server/build/orchestrator.ts
import { existsSync as existsSync4, mkdirSync, readFileSync as readFileSync4, writeFileSync as writeFileSync2 } from "node:fs";
import { basename as basename3, dirname as dirname2, join as join6, relative as relative2, resolve as resolve3, sep as sep2 } from "node:path";

// server/build/boards.ts
var BOARDS = {
  uno: {
    id: "uno",
    name: "Arduino Uno",
    platform: "atmelavr",
    mcu: "atmega328p",
    fCpu: "16000000L",
    boardDefine: "ARDUINO_AVR_UNO",
    core: "arduino",
    variant: "standard",
    flashMax: 32256,
    ramMax: 2048
  }
};
function findBoard(id) {
  return BOARDS[id];
}
function knownBoards() {
  return Object.keys(BOARDS);
}

// server/build/platformioIni.ts
import { readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
var ProjectConfigError = class extends UserError {
  constructor(message) {
    super(message, 2);
    this.name = "ProjectConfigError";
  }
};
var KNOWN_ENV_KEYS = /* @__PURE__ */ new Set([
  "platform",
  "board",
  "framework",
  "build_flags",
  "build_unflags",
  "build_src_filter",
  "src_filter",
  "lib_deps",
  "lib_ignore",
  "lib_extra_dirs",
  "lib_ldf_mode",
  "extends",
  "monitor_speed",
  "upload_port",
  "upload_speed",
  "upload_protocol",
  "board_build.f_cpu",
  "board_build.mcu",
  "build_type",
  "test_framework",
  "test_build_src",
  "check_tool",
  "platform_packages",
  "monitor_filters",
  "debug_tool"
]);
var INI_NAME = "platformio.ini";
function readProjectConfig(projectDir, sysenv = process.env) {
  const given = resolve(projectDir);
  let isFile = false;
  try {
    isFile = statSync(given).isFile();
  } catch {
  }
  const file = isFile ? given : join(given, INI_NAME);
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = err.code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") {
      throw new ProjectConfigError(
        `no ${INI_NAME} in ${given}; run fbuild in a PlatformIO project directory or pass its path`
      );
    }
    throw new ProjectConfigError(`cannot read ${file}: ${err.message}; check its permissions`);
  }
  return parseProjectConfig(text, file, sysenv);
}
function parseProjectConfig(text, path, sysenv = process.env) {
  const absPath = resolve(path);
  const ini = new Ini(parseIni(text, basename(absPath)), absPath, sysenv);
  const envNames = [...ini.sections.keys()].filter((s) => s.startsWith("env:")).map((s) => s.slice(4));
  const defaultEnvs = splitList(ini.valueOf(void 0, "platformio", "default_envs", []) ?? "");
  const cache = /* @__PURE__ */ new Map();
  return {
    path: absPath,
    defaultEnvs,
    envNames,
    env(name) {
      const cached = cache.get(name);
      if (cached) return cached;
      if (!envNames.includes(name)) {
        const known = envNames.length > 0 ? envNames.join(", ") : "(none)";
        throw new ProjectConfigError(`unknown environment '${name}' in ${ini.fileName}; known: ${known}`);
      }
      const env = ini.buildEnv(name);
      cache.set(name, env);
      return env;
    }
  };
}
var KEYISH = /^[A-Za-z_][\w.\-]*$/;
function parseIni(text, fileName) {
  const sections = /* @__PURE__ */ new Map();
  const fail = (line, msg) => {
    throw new ProjectConfigError(`${fileName}:${line}: ${msg}`);
  };
  let section;
  let entry;
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i];
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith(";") || trimmed.startsWith("#")) continue;
    const content = stripInlineComment(raw).trim();
    const indented = /^[ \t]/.test(raw);
    if (indented && entry) {
      if (content !== "") entry.lines.push(content);
      continue;
    }
    if (content.startsWith("[")) {
      if (!content.endsWith("]")) fail(lineNo, `malformed section header '${content}'; write it as [name]`);
      const name = content.slice(1, -1).trim();
      if (name === "" || name === "env:") fail(lineNo, `empty section name in '${content}'; name the section`);
      const prev = sections.get(name);
      if (prev) fail(lineNo, `duplicate section [${name}] (first on line ${prev.line}); merge the two sections`);
      section = { name, line: lineNo, entries: /* @__PURE__ */ new Map() };
      sections.set(name, section);
      entry = void 0;
      continue;
    }
    const eq = content.indexOf("=");
    const key = eq >= 0 ? content.slice(0, eq).trim() : "";
    if (key !== "" && (!indented || KEYISH.test(key))) {
      if (!section) return fail(lineNo, `key '${key}' outside any section; put it under a [section] header`);
      const prev = section.entries.get(key);
      if (prev) {
        fail(lineNo, `duplicate key '${key}' in [${section.name}] (first on line ${prev.line}); keep only one`);
      }
      const value = content.slice(eq + 1).trim();
      entry = { key, line: lineNo, lines: value === "" ? [] : [value] };
      section.entries.set(key, entry);
      continue;
    }
    if (indented) {
      fail(lineNo, `continuation line '${content}' before any key; put it under a 'key =' line or remove the indentation`);
    }
    fail(lineNo, `cannot parse '${content}'; expected [section], key = value, an indented continuation line or a ; comment`);
  }
  return { fileName, sections };
}
function stripInlineComment(line) {
  const m = /\s;/.exec(line);
  return m ? line.slice(0, m.index) : line;
}
var REFERENCE = /\$\{([^}]*)\}/g;
var Ini = class {
  constructor(parsed, path, sysenv) {
    this.sysenv = sysenv;
    this.fileName = parsed.fileName;
    this.sections = parsed.sections;
    this.projectDir = dirname(path);
  }
  sysenv;
  fileName;
  sections;
  projectDir;
  chains = /* @__PURE__ */ new Map();
  values = /* @__PURE__ */ new Map();
  fail(line, msg) {
    throw new ProjectConfigError(`${this.fileName}:${line}: ${msg}`);
  }
  /**
   * The sections a key is looked up in, in order: the section itself, then what it extends
   * (depth first, in the order written), then, for `[env:NAME]`, the `[env]` base and what it extends.
   */
  chainOf(root) {
    const cached = this.chains.get(root);
    if (cached) return cached;
    const order = [];
    const visit = (name, path) => {
      if (path.includes(name)) {
        const from = path[path.length - 1];
        const line = this.sections.get(from).entries.get("extends").line;
        const loop = [...path.slice(path.indexOf(name)), name].join(" -> ");
        this.fail(line, `extends cycle ${loop}; remove one of these extends`);
      }
      if (order.includes(name)) return;
      const section = this.sections.get(name);
      if (!section) return;
      order.push(name);
      const ext = section.entries.get("extends");
      if (!ext) return;
      for (const target of splitList(ext.lines.join("\n"))) {
        if (!this.sections.has(target)) {
          const hint = this.sections.has(`env:${target}`) ? `did you mean 'env:${target}'?` : `define [${target}] or fix extends`;
          this.fail(ext.line, `[${name}] extends unknown section '${target}'; ${hint}`);
        }
        visit(target, [...path, name]);
      }
    };
    visit(root, []);
    if (root.startsWith("env:")) visit("env", []);
    this.chains.set(root, order);
    return order;
  }
  lookup(root, key) {
    for (const section of this.chainOf(root)) {
      const entry = this.sections.get(section).entries.get(key);
      if (entry) return { section, entry };
    }
    return void 0;
  }
  /**
   * The interpolated value of `key` looked up from `root`, lines joined by '\n'; undefined when
   * no section of the chain has it. `ctx` is the environment `${this.*}` refers to.
   */
  valueOf(ctx, root, key, stack) {
    const id = `${ctx ?? ""}\0${root}\0${key}`;
    if (this.values.has(id)) return this.values.get(id);
    const label = `\${${root}.${key}}`;
    const at = stack.findIndex((f) => f.id === id);
    if (at >= 0) {
      const loop = [...stack.slice(at).map((f) => f.label), label].join(" -> ");
      this.fail(stack[stack.length - 1].line, `interpolation cycle ${loop}; remove one of these references`);
    }
    const found = this.lookup(root, key);
    let value;
    if (found) {
      const frames = [...stack, { id, label, line: found.entry.line }];
      value = this.interpolate(found.entry.lines.join("\n"), ctx, found.entry, frames);
    } else if (root === "platformio") {
      value = this.platformioDefault(key, [...stack, { id, label, line: stack[stack.length - 1]?.line ?? 0 }]);
    }
    this.values.set(id, value);
    return value;
  }
  interpolate(text, ctx, origin, stack) {
    if (!text.includes("${")) return text;
    return text.replace(REFERENCE, (whole, inner) => {
      const dot = inner.indexOf(".");
      if (dot < 0) {
        return inner === "PROJECT_DIR" ? this.projectDir : whole;
      }
      const section = inner.slice(0, dot);
      const key = inner.slice(dot + 1);
      if (section === "" || key === "") {
        this.fail(origin.line, `malformed reference ${whole}; write it as \${section.key}`);
      }
      if (section === "sysenv") return this.sysenv[key] ?? "";
      let root;
      let nextCtx = ctx;
      if (section === "this") {
        if (ctx === void 0) {
          this.fail(origin.line, `${whole} used outside an environment; \${this.*} only works in values an [env:NAME] uses`);
        }
        if (key === "__env__") return ctx;
        root = `env:${ctx}`;
      } else if (section === "platformio") {
        root = "platformio";
        nextCtx = void 0;
      } else {
        if (!this.sections.has(section)) {
          this.fail(origin.line, `unknown section '${section}' in ${whole}; define [${section}] or fix the reference`);
        }
        root = section;
        if (section.startsWith("env:")) nextCtx = section.slice(4);
      }
      const value = this.valueOf(nextCtx, root, key, stack);
      if (value === void 0) {
        const where = section === "this" ? `environment '${ctx}'` : `[${section}]`;
        const fix = section === "this" ? `set ${key} for that environment` : `define ${key} in [${section}]`;
        this.fail(origin.line, `unknown option '${key}' of ${where} in ${whole}; ${fix} or fix the reference`);
      }
      return value;
    });
  }
  /** PlatformIO's defaults for the `[platformio]` directory options, for `${platformio.*_dir}`. */
  platformioDefault(key, stack) {
    const dir = (name) => this.valueOf(void 0, "platformio", name, stack);
    switch (key) {
      case "core_dir":
        return this.sysenv.PLATFORMIO_CORE_DIR || join(this.sysenv.HOME || this.sysenv.USERPROFILE || homedir(), ".platformio");
      case "packages_dir":
        return join(dir("core_dir"), "packages");
      case "platforms_dir":
        return join(dir("core_dir"), "platforms");
      case "globallib_dir":
        return join(dir("core_dir"), "lib");
      case "cache_dir":
        return join(dir("core_dir"), ".cache");
      case "workspace_dir":
        return join(this.projectDir, ".pio");
      case "build_dir":
        return join(dir("workspace_dir"), "build");
      case "libdeps_dir":
        return join(dir("workspace_dir"), "libdeps");
      case "include_dir":
      case "src_dir":
      case "lib_dir":
      case "data_dir":
      case "test_dir":
      case "boards_dir":
      case "monitor_dir":
      case "shared_dir":
        return join(this.projectDir, key.slice(0, -"_dir".length));
      default:
        return void 0;
    }
  }
  buildEnv(name) {
    const root = `env:${name}`;
    const keys = [];
    for (const section of this.chainOf(root)) {
      for (const key of this.sections.get(section).entries.keys()) {
        if (!keys.includes(key)) keys.push(key);
      }
    }
    const raw = Object.fromEntries(
      keys.map((key) => [key, toItems(this.valueOf(name, root, key, []) ?? "")])
    );
    const lineOf = (key) => this.lookup(root, key)?.entry.line ?? 0;
    const scalar = (key) => {
      const items = raw[key];
      return items && items.length > 0 ? items.join(", ") : void 0;
    };
    const list = (key) => (raw[key] ?? []).flatMap(splitList);
    const buildFlags = [];
    for (const item of raw.build_flags ?? []) {
      const words = shellWords(item);
      if (words === void 0) {
        this.fail(lineOf("build_flags"), `unterminated quote in build_flags item '${item}'; close the quote or escape it with \\`);
      }
      buildFlags.push(...words);
    }
    const filterKey = raw.build_src_filter !== void 0 ? "build_src_filter" : "src_filter";
    const buildSrcFilter = [];
    for (const item of raw[filterKey] ?? []) {
      const tokens = filterTokens(item);
      if (typeof tokens === "string") {
        this.fail(lineOf(filterKey), `${filterKey} item '${tokens}' is not a +<pattern> or -<pattern>; write it as +<${tokens}> or -<${tokens}>`);
      }
      buildSrcFilter.push(...tokens);
    }
    const env = {
      name,
      buildFlags,
      buildSrcFilter,
      libDeps: raw.lib_deps ? raw.lib_deps.flatMap(splitLibDeps) : [],
      libIgnore: list("lib_ignore"),
      raw,
      unknownKeys: keys.filter((k) => !KNOWN_ENV_KEYS.has(k))
    };
    const platform = scalar("platform");
    const board = scalar("board");
    const framework = scalar("framework");
    if (platform !== void 0) env.platform = platform;
    if (board !== void 0) env.board = board;
    if (framework !== void 0) env.framework = framework;
    return env;
  }
};
function toItems(value) {
  return value.split("\n").map((s) => s.trim()).filter((s) => s !== "");
}
function splitList(value) {
  return value.split(/[,\n]/).map((s) => s.trim()).filter((s) => s !== "");
}
function splitLibDeps(item) {
  return item.split(/,(?!\s*[<>=!~^*\d])/).map((s) => s.trim()).filter((s) => s !== "");
}
function shellWords(item) {
  const words = [];
  let word = "";
  let inWord = false;
  let i = 0;
  while (i < item.length) {
    const c = item[i];
    if (c === " " || c === "	" || c === "\n" || c === "\r") {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
      i++;
    } else if (c === "'") {
      const end = item.indexOf("'", i + 1);
      if (end < 0) return void 0;
      word += item.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      inWord = true;
      i++;
      for (; ; ) {
        if (i >= item.length) return void 0;
        const d = item[i];
        if (d === '"') {
          i++;
          break;
        }
        if (d === "\\" && i + 1 < item.length && '"\\$`'.includes(item[i + 1])) {
          word += item[i + 1];
          i += 2;
        } else {
          word += d;
          i++;
        }
      }
    } else if (c === "\\" && i + 1 < item.length) {
      word += item[i + 1];
      inWord = true;
      i += 2;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}
function filterTokens(item) {
  const tokens = [];
  const re = /([+-])<([^>]*)>/g;
  let last = 0;
  for (let m = re.exec(item); m; m = re.exec(item)) {
    const between = item.slice(last, m.index).trim();
    if (between !== "") return between;
    tokens.push(m[0]);
    last = m.index + m[0].length;
  }
  const rest = item.slice(last).trim();
  return rest === "" ? tokens : rest;
}

// server/build/inoToCpp.ts
var ONCE_MACRO = "INO_TO_CPP_PROTOTYPES_EMITTED";
function sketchName(path) {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.(ino|pde)$/i, "");
}
function quotePath(path) {
  return `"${path.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, " ")}"`;
}
var isIdentChar = (c) => c !== void 0 && (/[A-Za-z0-9_$]/.test(c) || c.charCodeAt(0) > 127);
var isSpace = (c) => c === " " || c === "	" || c === "\r" || c === "\n" || c === "\f" || c === "\v";
function scan(text) {
  const n = text.length;
  const code = text.split("");
  const skel = text.split("");
  const directives = [];
  const blank = (from, to) => {
    for (let k = from; k < to; k++) {
      if (text[k] !== "\n") {
        code[k] = " ";
        skel[k] = " ";
      }
    }
  };
  const hide = (from, to) => {
    for (let k = from; k < to; k++) skel[k] = "_";
  };
  const spliced = (k) => {
    let p = k - 1;
    if (text[p] === "\r") p--;
    return text[p] === "\\";
  };
  const lineCommentEnd = (i2) => {
    let j = i2 + 2;
    while (j < n) {
      if (text[j] === "\n" && !spliced(j)) break;
      j++;
    }
    return j;
  };
  const blockCommentEnd = (i2) => {
    const j = text.indexOf("*/", i2 + 2);
    return j < 0 ? n : j + 2;
  };
  const quotedEnd = (i2, quote) => {
    let j = i2 + 1;
    while (j < n) {
      const c = text[j];
      if (c === "\\") j += 2;
      else if (c === quote) return j + 1;
      else if (c === "\n") return j;
      else j++;
    }
    return n;
  };
  const rawEnd = (i2) => {
    const open = text.indexOf("(", i2 + 1);
    if (open < 0 || open - i2 - 1 > 16) return -1;
    const delim = text.slice(i2 + 1, open);
    if (/[\s\\()"]/.test(delim)) return -1;
    const close = text.indexOf(`)${delim}"`, open + 1);
    return close < 0 ? n : close + delim.length + 2;
  };
  const directiveEnd = (i2) => {
    let j = i2 + 1;
    let body = "#";
    while (j < n) {
      const c = text[j];
      if (c === "\\" && (text[j + 1] === "\n" || text[j + 1] === "\r" && text[j + 2] === "\n")) {
        j += text[j + 1] === "\n" ? 2 : 3;
        body += " ";
      } else if (c === "\n") {
        break;
      } else if (c === "/" && text[j + 1] === "/") {
        j = lineCommentEnd(j);
      } else if (c === "/" && text[j + 1] === "*") {
        j = blockCommentEnd(j);
        body += " ";
      } else if (c === '"' || c === "'") {
        const e = quotedEnd(j, c);
        body += text.slice(j, e);
        j = e;
      } else {
        body += c;
        j++;
      }
    }
    return { end: j, body: body.replace(/\s+/g, " ").trim() };
  };
  let i = 0;
  let lineStart = true;
  while (i < n) {
    const c = text[i];
    if (c === "\n") {
      lineStart = true;
      i++;
    } else if (isSpace(c)) {
      i++;
    } else if (c === "/" && text[i + 1] === "/") {
      const e = lineCommentEnd(i);
      blank(i, e);
      i = e;
    } else if (c === "/" && text[i + 1] === "*") {
      const e = blockCommentEnd(i);
      blank(i, e);
      i = e;
    } else if (c === "#" && lineStart) {
      const { end, body } = directiveEnd(i);
      const kind = /^#\s*([A-Za-z_]\w*)/.exec(body)?.[1] ?? "";
      directives.push({ start: i, end, text: body, kind });
      blank(i, end);
      i = end;
    } else if (c === '"' || c === "'") {
      lineStart = false;
      const e = quotedEnd(i, c);
      hide(i + 1, Math.max(i + 1, text[e - 1] === c && e - 1 > i ? e - 1 : e));
      i = e;
    } else if (/[0-9]/.test(c) || c === "." && /[0-9]/.test(text[i + 1] ?? "")) {
      lineStart = false;
      let j = i + 1;
      while (j < n) {
        const d = text[j];
        if (isIdentChar(d) || d === ".") j++;
        else if ((d === "+" || d === "-") && /[eEpP]/.test(text[j - 1])) j++;
        else if (d === "'" && isIdentChar(text[j + 1])) j += 2;
        else break;
      }
      i = j;
    } else if (isIdentChar(c)) {
      lineStart = false;
      let j = i + 1;
      while (j < n && isIdentChar(text[j])) j++;
      const word = text.slice(i, j);
      const next = text[j];
      if (next === '"' && /^(u8|u|U|L)?R$/.test(word)) {
        const e = rawEnd(j);
        if (e >= 0) {
          hide(j + 1, Math.max(j + 1, e - 1));
          i = e;
          continue;
        }
      }
      i = j;
    } else {
      lineStart = false;
      i++;
    }
  }
  return { text, code: code.join(""), skel: skel.join(""), directives };
}
var PUNCT2 = ["::", "->", "&&", "||", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "|=", "&=", "^=", "%=", "++", "--"];
function tokenize(skel, from, to) {
  const toks = [];
  let i = from;
  while (i < to) {
    const c = skel[i];
    if (isSpace(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    let kind = "punct";
    if (c === '"' || c === "'") {
      kind = "string";
      while (j < to && skel[j] === "_") j++;
      if (j < to && skel[j] === c) j++;
    } else if (/[0-9]/.test(c)) {
      kind = "number";
      while (j < to && (isIdentChar(skel[j]) || skel[j] === ".")) j++;
    } else if (isIdentChar(c)) {
      kind = "ident";
      while (j < to && isIdentChar(skel[j])) j++;
      if (j < to && (skel[j] === '"' || skel[j] === "'") && /^(u8|u|U|L)?R?$/.test(skel.slice(i, j))) {
        i = j;
        continue;
      }
    } else if (c === "." && skel.slice(i, i + 3) === "...") {
      j = i + 3;
    } else if (PUNCT2.includes(skel.slice(i, i + 2))) {
      j = i + 2;
    }
    toks.push({ kind, text: skel.slice(i, j), start: i, end: j });
    i = j;
  }
  return toks;
}
function matchForward(t, i) {
  const open = t[i].text;
  const close = open === "(" ? ")" : open === "<" ? ">" : "]";
  let depth = 0;
  let paren = 0;
  for (let k = i; k < t.length; k++) {
    const x = t[k].text;
    if (open === "<" && (x === "(" || x === "[")) paren++;
    else if (open === "<" && (x === ")" || x === "]")) paren--;
    else if (open === "<" && paren > 0) continue;
    else if (x === open) depth++;
    else if (x === close && --depth === 0) return k;
  }
  return -1;
}
function matchBackward(t, i) {
  const close = t[i].text;
  const open = close === ")" ? "(" : close === ">" ? "<" : "[";
  let depth = 0;
  for (let k = i; k >= 0; k--) {
    const x = t[k].text;
    if (x === close) depth++;
    else if (x === open && --depth === 0) return k;
  }
  return -1;
}
var CONTROL = /* @__PURE__ */ new Set(["if", "while", "for", "switch", "catch", "return", "sizeof", "do", "else", "alignof", "decltype", "static_assert", "defined"]);
var SPECIFIERS = /* @__PURE__ */ new Set([
  "static",
  "inline",
  "extern",
  "constexpr",
  "virtual",
  "explicit",
  "friend",
  "register",
  "thread_local",
  "mutable",
  "__inline",
  "__inline__",
  "__extension__"
]);
var NOT_IN_TYPE = /* @__PURE__ */ new Set([
  "return",
  "else",
  "do",
  "typedef",
  "using",
  "goto",
  "case",
  "default",
  "if",
  "while",
  "for",
  "switch",
  "catch",
  "try",
  "throw",
  "new",
  "delete",
  "sizeof",
  "namespace",
  "template",
  "operator",
  "public",
  "private",
  "protected",
  "asm",
  "__asm__",
  "static_assert",
  "this",
  "true",
  "false",
  "nullptr",
  "break",
  "continue"
]);
var PAREN_ATTRS = /* @__PURE__ */ new Set(["__attribute__", "__attribute", "decltype", "alignas", "__declspec", "__typeof__", "typeof"]);
function checkType(t) {
  const bad = { ok: false, hasType: false, isAuto: false };
  let hasType = false;
  let isAuto = false;
  let i = 0;
  while (i < t.length) {
    const tok = t[i];
    if (tok.kind === "ident") {
      if (NOT_IN_TYPE.has(tok.text)) return bad;
      if (PAREN_ATTRS.has(tok.text)) {
        if (t[i + 1]?.text !== "(") return bad;
        const e = matchForward(t, i + 1);
        if (e < 0) return bad;
        if (tok.text === "decltype" || tok.text === "typeof" || tok.text === "__typeof__") hasType = true;
        i = e + 1;
        continue;
      }
      if (!SPECIFIERS.has(tok.text)) hasType = true;
      if (tok.text === "auto") isAuto = true;
      if (t[i + 1]?.text === "<") {
        const e = matchForward(t, i + 1);
        if (e < 0) return bad;
        i = e + 1;
        continue;
      }
      i++;
    } else if (tok.kind === "string") {
      if (t[i - 1]?.text !== "extern") return bad;
      i++;
    } else if (tok.text === "*" || tok.text === "&" || tok.text === "&&" || tok.text === "::") {
      i++;
    } else if (tok.text === "[" && t[i + 1]?.text === "[") {
      const e = matchForward(t, i);
      if (e < 0) return bad;
      i = e + 1;
    } else {
      return bad;
    }
  }
  return { ok: true, hasType, isAuto };
}
function classify(t) {
  if (t.length === 0) return null;
  let i0 = 0;
  let template = false;
  while (t[i0]?.text === "template") {
    if (t[i0 + 1]?.text !== "<") return null;
    const e = matchForward(t, i0 + 1);
    if (e < 0) return null;
    i0 = e + 1;
    template = true;
  }
  let core = t.slice(i0);
  const noProto = (reason, name2, paramCount2 = 0) => ({
    kind: "def",
    name: name2,
    paramCount: paramCount2,
    protoOk: false,
    reason,
    hasDefault: false,
    identifiers: []
  });
  if (core.some((x) => x.text === "operator")) {
    return core.some((x) => x.text === "(") ? noProto("operator", "operator") : null;
  }
  let trailing = [];
  {
    let depth = 0;
    for (let k2 = 0; k2 < core.length; k2++) {
      const x = core[k2].text;
      if (x === "(" || x === "[") depth++;
      else if (x === ")" || x === "]") depth--;
      else if (x === "->" && depth === 0) {
        trailing = core.slice(k2 + 1);
        core = core.slice(0, k2);
        break;
      }
    }
  }
  let ctorInit = false;
  {
    let depth = 0;
    for (let k2 = 0; k2 < core.length; k2++) {
      const x = core[k2].text;
      if (x === "(" || x === "[" || x === "<") depth++;
      else if (x === ")" || x === "]" || x === ">") depth--;
      else if (x === ":" && depth === 0) {
        if (core[k2 - 1]?.text !== ")") return null;
        core = core.slice(0, k2);
        ctorInit = true;
        break;
      }
    }
  }
  let end = core.length - 1;
  let open = -1;
  while (end >= 0) {
    const x = core[end];
    if (x.kind === "ident" && ["const", "volatile", "noexcept", "override", "final"].includes(x.text)) {
      end--;
    } else if (x.text === "&" || x.text === "&&") {
      end--;
    } else if (x.text === "]" && core[end - 1]?.text === "]") {
      const s = matchBackward(core, end);
      if (s < 0) return null;
      end = s - 1;
    } else if (x.text === ")") {
      const s = matchBackward(core, end);
      if (s < 0) return null;
      const before = core[s - 1]?.text;
      if (before === "noexcept" || before === "throw" || before === "__attribute__" || before === "__attribute") {
        end = s - 2;
      } else {
        open = s;
        break;
      }
    } else {
      return null;
    }
  }
  if (open < 0) return null;
  const close = end;
  let k = open - 1;
  const nameTok = core[k];
  if (!nameTok || nameTok.kind !== "ident") return null;
  if (CONTROL.has(nameTok.text) || NOT_IN_TYPE.has(nameTok.text) || SPECIFIERS.has(nameTok.text)) return null;
  let qualified = false;
  k--;
  if (core[k]?.text === "~") k--;
  while (core[k]?.text === "::") {
    qualified = true;
    k--;
    if (core[k]?.text === ">") {
      const s = matchBackward(core, k);
      if (s < 0) return null;
      k = s - 1;
    }
    if (core[k]?.kind === "ident") k--;
  }
  const name = nameTok.text;
  const prefix = core.slice(0, k + 1);
  const params = core.slice(open + 1, close);
  let paramCount = 0;
  let hasDefault = false;
  {
    let depth = 0;
    let any = false;
    for (const p of params) {
      if (p.text === "(" || p.text === "[" || p.text === "<" || p.text === "{") depth++;
      else if (p.text === ")" || p.text === "]" || p.text === ">" || p.text === "}") depth--;
      else if (p.text === "," && depth === 0) paramCount++;
      if (p.text === "=") hasDefault = true;
      any = true;
    }
    if (any) paramCount++;
    if (params.length === 1 && params[0].text === "void") paramCount = 0;
  }
  const type = checkType(prefix);
  if (!type.ok) return null;
  if (trailing.length > 0 && !checkType(trailing).ok) return null;
  const info = {
    kind: "def",
    name,
    paramCount,
    protoOk: true,
    hasDefault,
    identifiers: t.filter((x) => x.kind === "ident").map((x) => x.text)
  };
  const refuse = (reason) => ({ ...info, protoOk: false, reason });
  if (qualified || ctorInit) return refuse("method");
  if (template) return refuse("template");
  if (!type.hasType) return refuse("no return type");
  if (type.isAuto && trailing.length === 0) return refuse("deduced return type");
  if (hasDefault) return refuse("default arguments");
  return info;
}
var FILE_STRIDE = 2 ** 32;
var MAX_RETRY = 32;
var globalPos = (file, offset) => file * FILE_STRIDE + offset;
var DIRECTIVE_WORDS = /* @__PURE__ */ new Set(["if", "ifdef", "ifndef", "elif", "else", "endif", "defined", "elifdef", "elifndef"]);
function directiveIdents(d) {
  return (d.text.replace(/^#\s*\w+/, "").match(/[A-Za-z_]\w*/g) ?? []).filter((w) => !DIRECTIVE_WORDS.has(w));
}
function analyse(file, s, ids) {
  const { text, code, skel, directives } = s;
  const defs = [];
  const decls = /* @__PURE__ */ new Set();
  const types = /* @__PURE__ */ new Map();
  const macroChanges = [];
  const addType = (name, offset) => {
    if (name && !types.has(name)) types.set(name, globalPos(file, offset));
  };
  const stack = [];
  const snapshot = () => stack.map((l) => ({
    id: l.id,
    lines: l.lines.map((d) => d.text),
    openPos: globalPos(file, l.lines[0].start),
    lastPos: globalPos(file, l.lines[l.lines.length - 1].start),
    idents: l.lines.flatMap(directiveIdents),
    guardActive: l.guard && l.lines.length === 1
  }));
  const onDirective = (d, index) => {
    const macro = /^#\s*\w+\s+([A-Za-z_]\w*)/.exec(d.text)?.[1];
    switch (d.kind) {
      case "if":
      case "ifdef":
      case "ifndef": {
        const next = directives[index + 1];
        const guard = d.kind === "ifndef" && next?.kind === "define" && macro !== void 0 && /^#\s*\w+\s+([A-Za-z_]\w*)/.exec(next.text)?.[1] === macro;
        stack.push({ id: ids.next++, lines: [d], guard });
        break;
      }
      case "elif":
      case "elifdef":
      case "elifndef":
      case "else":
        stack[stack.length - 1]?.lines.push(d);
        break;
      case "endif":
        stack.pop();
        break;
      case "define":
      case "undef":
        if (macro) macroChanges.push({ name: macro, pos: globalPos(file, d.start) });
        break;
    }
  };
  const classifyAt = (from, to) => {
    const starts = [];
    const nextNonSpace = (k) => {
      while (k < to && isSpace(skel[k])) k++;
      return k;
    };
    const first = nextNonSpace(from);
    if (first >= to) return null;
    starts.push(first);
    const later = [];
    for (let k = skel.indexOf("\n", first); k >= 0 && k < to; k = skel.indexOf("\n", k + 1)) {
      const st = nextNonSpace(k + 1);
      if (st < to && st !== later[later.length - 1]) later.push(st);
    }
    starts.push(...later.slice(-MAX_RETRY));
    let best = null;
    for (const st of starts) {
      const info = classify(tokenize(skel, st, to));
      if (!info) continue;
      if (!best) {
        best = { info, start: st };
        const firstLine = skel.slice(st, skel.indexOf("\n", st) < 0 ? to : Math.min(to, skel.indexOf("\n", st))).trim();
        if (!/^[A-Z][A-Z0-9_]*$/.test(firstLine)) break;
        continue;
      }
      if (info.protoOk) best = { info, start: st };
      break;
    }
    return best;
  };
  const lineStartOf = (offset) => text.lastIndexOf("\n", offset - 1) + 1;
  let depth = 0;
  let paren = 0;
  let stmtStart = 0;
  let typedefPending = false;
  let di = 0;
  for (let i = 0; i < skel.length; i++) {
    while (di < directives.length && directives[di].start <= i) {
      onDirective(directives[di], di);
      di++;
    }
    const c = skel[i];
    if (c === "(") paren++;
    else if (c === ")") paren = Math.max(0, paren - 1);
    else if (c === "{") {
      if (depth === 0 && paren === 0) {
        const found = classifyAt(stmtStart, i);
        if (found) {
          const { info, start } = found;
          const ls = lineStartOf(start);
          const insertAt = /^\s*$/.test(text.slice(ls, start)) ? ls : start;
          let protoOk = info.protoOk;
          let reason = info.reason;
          if (protoOk && directives.some((d) => d.start >= start && d.start < i)) {
            protoOk = false;
            reason = "directive inside header";
          }
          const proto = collapse(code, skel, start, i) + ";";
          defs.push({ file, start, insertAt, info: { ...info, protoOk, reason }, proto, context: snapshot() });
          typedefPending = false;
        } else {
          const toks = tokenize(skel, stmtStart, i);
          typedefPending = toks[0]?.text === "typedef";
          let t0 = 0;
          while (toks[t0]?.text === "template" && toks[t0 + 1]?.text === "<") {
            const e = matchForward(toks, t0 + 1);
            if (e < 0) break;
            t0 = e + 1;
          }
          const kw = toks.findIndex((x, k) => k >= t0 && ["struct", "class", "union", "enum"].includes(x.text));
          if (kw >= 0) {
            let k = kw + 1;
            if (toks[kw].text === "enum" && (toks[k]?.text === "class" || toks[k]?.text === "struct")) k++;
            while (toks[k]?.text === "[" || PAREN_ATTRS.has(toks[k]?.text ?? "")) {
              const e = matchForward(toks, toks[k].text === "[" ? k : k + 1);
              if (e < 0) break;
              k = e + 1;
            }
            if (toks[k]?.kind === "ident" && toks[k].text !== "final") addType(toks[k].text, toks[k].start);
          }
        }
      }
      depth++;
    } else if (c === "}") {
      depth = Math.max(0, depth - 1);
      if (depth === 0 && paren === 0) stmtStart = i + 1;
    } else if (c === ";" && depth === 0 && paren === 0) {
      const toks = tokenize(skel, stmtStart, i);
      if (typedefPending) {
        for (const x of toks) if (x.kind === "ident") addType(x.text, x.start);
      } else if (toks[0]?.text === "typedef") {
        const star = toks.findIndex((x, k) => x.text === "(" && toks[k + 1]?.text === "*");
        const nameTok = star >= 0 ? toks.slice(star + 2).find((x) => x.kind === "ident") : toks.filter((x) => x.kind === "ident").pop();
        addType(nameTok?.text, nameTok?.start ?? i);
      } else if (toks[0]?.text === "using" && toks[2]?.text === "=") {
        addType(toks[1]?.text, toks[1]?.start ?? i);
      } else if (["struct", "class", "union", "enum"].includes(toks[0]?.text ?? "") && !toks.some((x) => x.text === "(")) {
        const k = toks[1]?.text === "class" || toks[1]?.text === "struct" ? 2 : 1;
        if (toks[k]?.kind === "ident" && (toks.length === k + 1 || toks[k + 1]?.text === ":")) addType(toks[k].text, toks[k].start);
      } else {
        const found = classifyAt(stmtStart, i);
        if (found && found.info.reason !== "method" && found.info.reason !== "no return type" && found.info.reason !== "template") {
          decls.add(`${found.info.name}/${found.info.paramCount}`);
        }
      }
      typedefPending = false;
      stmtStart = i + 1;
    }
  }
  while (di < directives.length) {
    onDirective(directives[di], di);
    di++;
  }
  return { defs, decls, types, macroChanges };
}
function collapse(code, skel, from, to) {
  let out = "";
  let space = false;
  for (let k = from; k < to; k++) {
    if (isSpace(skel[k])) {
      space = true;
      continue;
    }
    if (space && out.length > 0) out += " ";
    space = false;
    out += code[k];
  }
  return out;
}
function orderFiles(files, mainName) {
  if (files.length === 0) throw new Error("inoToCpp: no .ino files");
  const main = mainName ?? sketchName(files[0].path);
  const mi = files.findIndex((f) => sketchName(f.path) === main);
  if (mi < 0) throw new Error(`inoToCpp: no file named ${main}.ino among ${files.map((f) => f.path).join(", ")}`);
  const cmp = (a, b) => a < b ? -1 : a > b ? 1 : 0;
  const rest = files.filter((_, k) => k !== mi).sort((a, b) => cmp(sketchName(a.path), sketchName(b.path)) || cmp(a.path, b.path));
  return [files[mi], ...rest];
}
function lineCounter(text) {
  const starts = [0];
  for (let k = text.indexOf("\n"); k >= 0; k = text.indexOf("\n", k + 1)) starts.push(k + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
var withNewline = (s) => s.length === 0 || s.endsWith("\n") ? s : s + "\n";
function inoToCpp(files, mainName) {
  const ordered = orderFiles(files, mainName).map((f) => ({
    path: f.path,
    text: f.text.charCodeAt(0) === 65279 ? f.text.slice(1) : f.text
  }));
  const scanned = ordered.map((f) => scan(f.text));
  const ids = { next: 0 };
  const structs = scanned.map((s, k) => analyse(k, s, ids));
  const lineOf = scanned.map((s) => lineCounter(s.text));
  const main = ordered[0];
  const points = [];
  {
    let lastRegion;
    let settled = false;
    for (const d of structs[0].defs) {
      const region = d.context.filter((l) => !l.guardActive).map((l) => `${l.id}.${l.lines.length}`).join("/");
      if (region !== lastRegion) points.push(d.insertAt);
      lastRegion = region;
      if (region === "") {
        settled = true;
        break;
      }
    }
    if (!settled) points.push(main.text.length);
  }
  const first = globalPos(0, points[0]);
  const last = globalPos(0, points[points.length - 1]);
  const declared = /* @__PURE__ */ new Set();
  const typesAt = /* @__PURE__ */ new Map();
  const macroChanges = [];
  for (const st of structs) {
    for (const d of st.decls) declared.add(d);
    for (const [name, pos2] of st.types) if (!typesAt.has(name)) typesAt.set(name, pos2);
    macroChanges.push(...st.macroChanges);
  }
  const protos = [];
  const seen = /* @__PURE__ */ new Set();
  for (const st of structs) {
    for (const d of st.defs) {
      if (!d.info.protoOk) continue;
      if (declared.has(`${d.info.name}/${d.info.paramCount}`)) continue;
      const late = d.info.identifiers.some((id) => {
        const pos2 = typesAt.get(id);
        return pos2 !== void 0 && pos2 > first;
      });
      if (late) continue;
      const defPos = globalPos(d.file, d.start);
      const wrap = d.context.filter((l) => !l.guardActive).filter((l) => {
        const lo = Math.min(first, l.openPos);
        const hi = Math.max(defPos, last, l.lastPos);
        return !macroChanges.some((m) => m.pos > lo && m.pos < hi && l.idents.includes(m.name));
      }).map((l) => l.lines);
      const key = JSON.stringify([wrap, d.proto]);
      if (seen.has(key)) continue;
      seen.add(key);
      protos.push({ text: d.proto, line: lineOf[d.file](d.start), path: ordered[d.file].path, wrap });
    }
  }
  let block = "";
  for (const p of protos) {
    for (const level of p.wrap) block += level.join("\n") + "\n";
    block += `#line ${p.line} ${quotePath(p.path)}
${p.text}
`;
    for (let k = 0; k < p.wrap.length; k++) block += "#endif\n";
  }
  if (points.length > 1 && block) block = `#ifndef ${ONCE_MACRO}
#define ${ONCE_MACRO}
${block}#endif
`;
  let out = `#include <Arduino.h>
#line 1 ${quotePath(main.path)}
`;
  let pos = 0;
  if (block) {
    for (const at of points) {
      out = withNewline(out + main.text.slice(pos, at)) + block;
      if (at < main.text.length) out += `#line ${lineOf[0](at)} ${quotePath(main.path)}
`;
      pos = at;
    }
  }
  out = withNewline(out + main.text.slice(pos));
  for (const f of ordered.slice(1)) out = withNewline(`${out}#line 1 ${quotePath(f.path)}
${f.text}`);
  return out;
}

// server/build/libraries.ts
import { existsSync, readdirSync as readdirSync2, statSync as statSync2 } from "node:fs";
import { basename as basename2, isAbsolute, join as join3, resolve as resolve2 } from "node:path";

// server/build/includeScanner.ts
import { readFileSync as readFileSync2 } from "node:fs";
var INCLUDE = /^[ \t]*#[ \t]*include[ \t]*[<"]([^>"\n]+)[>"]/gm;
function scanIncludes(path) {
  let text;
  try {
    text = readFileSync2(path, "latin1");
  } catch {
    return [];
  }
  text = text.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/\/\/[^\n]*/g, "");
  const out = /* @__PURE__ */ new Set();
  for (const m of text.matchAll(INCLUDE)) out.add(m[1].trim());
  return [...out];
}

// server/build/sourceFilter.ts
import { readdirSync } from "node:fs";
import { join as join2, relative, sep } from "node:path";
var SOURCE_EXTENSIONS = [".c", ".cpp", ".cc", ".cxx", ".S"];
var SKIP_DIRS = /* @__PURE__ */ new Set([".git", ".svn", ".fbuild", ".pio"]);
function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(join2(d, e.name));
      } else if (e.isFile()) out.push(relative(dir, join2(d, e.name)).split(sep).join("/"));
    }
  };
  walk(dir);
  return out.sort();
}
function globToRegExp(pattern) {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "*") {
      while (pattern[i + 1] === "*") i++;
      re += ".*";
    } else if (ch === "?") re += "[^/]";
    else re += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}
function applySrcFilter(files, filter) {
  const rules = (filter.length ? filter : ["+<*>"]).map((tok) => {
    const m = /^([+-])<(.*)>$/.exec(tok.trim());
    if (!m) return void 0;
    const pat = m[2].replace(/^\.\//, "");
    const re = pat.endsWith("/") ? globToRegExp(`${pat}*`) : globToRegExp(pat);
    const dirRe = pat.endsWith("/") ? void 0 : globToRegExp(`${pat}/*`);
    return { include: m[1] === "+", test: (f) => re.test(f) || (dirRe?.test(f) ?? false) };
  });
  return files.filter((f) => {
    let included = false;
    for (const r of rules) if (r && r.test(f)) included = r.include;
    return included;
  });
}

// server/build/libraries.ts
var NOT_LIBRARY_CODE = /^(examples|extras|test|tests|docs?)\//;
var HEADER = /\.(h|hh|hpp)$/;
function isSource(f) {
  return SOURCE_EXTENSIONS.some((e) => f.endsWith(e));
}
function readLibrary(root, origin, name = basename2(root)) {
  const hasSrc = existsSync(join3(root, "src")) && statSync2(join3(root, "src")).isDirectory();
  const includeDir = hasSrc ? join3(root, "src") : root;
  const files = listFiles(includeDir).filter((f) => !NOT_LIBRARY_CODE.test(f) && (hasSrc || !f.includes("/") || f.startsWith("utility/")));
  return {
    name,
    root,
    includeDir,
    sources: files.filter(isSource).map((f) => join3(includeDir, f)),
    headers: files.filter((f) => HEADER.test(f)),
    origin
  };
}
function librariesIn(dir, origin) {
  if (!existsSync(dir)) return [];
  return readdirSync2(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith(".")).map((e) => readLibrary(join3(dir, e.name), origin)).sort((a, b) => a.name.localeCompare(b.name));
}
function resolveLibraries(opts) {
  const ignore = new Set(opts.libIgnore);
  const forced = [];
  const named = [];
  for (const dep of opts.libDeps) {
    const spec = dep.replace(/^(file|symlink):\/\//, "");
    const looksLikePath = spec !== dep || spec.startsWith(".") || isAbsolute(spec) || spec.includes("/");
    if (looksLikePath) {
      const root = resolve2(opts.projectDir, spec);
      if (!existsSync(root)) throw new UserError(`lib_deps: ${dep} does not exist; fix the path in platformio.ini`);
      forced.push(readLibrary(root, "lib_deps"));
    } else named.push(spec.replace(/@.*$/, "").trim());
  }
  const available = [...librariesIn(join3(opts.projectDir, "lib"), "project"), ...forced, ...librariesIn(opts.frameworkLibrariesDir, "framework")].filter(
    (l) => !ignore.has(l.name)
  );
  const byHeader = /* @__PURE__ */ new Map();
  for (const lib of available) for (const h of lib.headers) if (!byHeader.has(h)) byHeader.set(h, lib);
  const used = /* @__PURE__ */ new Map();
  const queue = [...opts.projectFiles];
  const use = (lib) => {
    if (used.has(lib.root)) return;
    used.set(lib.root, lib);
    queue.push(...lib.sources, ...lib.headers.map((h) => join3(lib.includeDir, h)));
  };
  for (const lib of forced) use(lib);
  for (const name of named) {
    const lib = available.find((l) => l.name === name);
    if (!lib) {
      if (ignore.has(name)) continue;
      throw new UserError(
        `lib_deps: library '${name}' not found in lib/ or the Arduino framework; registry packages are not supported yet, so put it in lib/${name}`
      );
    }
    use(lib);
  }
  const scanned = /* @__PURE__ */ new Set();
  while (queue.length) {
    const file = queue.shift();
    if (scanned.has(file)) continue;
    scanned.add(file);
    for (const inc of scanIncludes(file)) {
      const lib = byHeader.get(inc);
      if (lib) use(lib);
    }
  }
  return { libraries: [...used.values()] };
}

// server/build/toolchain.ts
import { spawnSync } from "node:child_process";
import { existsSync as existsSync2, statSync as statSync3 } from "node:fs";
import { delimiter, join as join4 } from "node:path";
var DEBIAN_FRAMEWORK = "/usr/share/arduino/hardware/arduino/avr";
function onPath(name, env) {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const p = join4(dir, name);
    try {
      if (statSync3(p).isFile()) return p;
    } catch {
    }
  }
  return void 0;
}
function systemAvrToolchain(env = process.env) {
  const tools = Object.fromEntries(["avr-gcc", "avr-g++", "avr-objcopy", "avr-size"].map((t) => [t, onPath(t, env)]));
  const missing = Object.entries(tools).filter(([, p]) => !p).map(([t]) => t);
  if (missing.length) {
    throw new UserError(
      `${missing.join(", ")} not found on PATH; install the AVR toolchain (apt-get install gcc-avr binutils-avr avr-libc arduino-core-avr)`
    );
  }
  const frameworkDir = env.FBUILD_ARDUINO_AVR_DIR ?? DEBIAN_FRAMEWORK;
  if (!existsSync2(join4(frameworkDir, "cores", "arduino", "Arduino.h"))) {
    throw new UserError(`the Arduino AVR core is not installed (no ${frameworkDir}/cores/arduino); install it (apt-get install arduino-core-avr)`);
  }
  const version = spawnSync(tools["avr-gcc"], ["-dumpversion"], { encoding: "utf8" }).stdout.trim();
  const gccMajor = Number.parseInt(version, 10) || 0;
  return {
    kind: "system",
    description: `system avr-gcc ${version} (${tools["avr-gcc"]}) with the Arduino core in ${frameworkDir}`,
    gcc: tools["avr-gcc"],
    gxx: tools["avr-g++"],
    objcopy: tools["avr-objcopy"],
    size: tools["avr-size"],
    gccMajor,
    frameworkDir,
    frameworkVersion: "debian",
    // GCC < 7's <float.h> defines DECIMAL_DIG for C99 only; the core's WString.cpp needs it in C++.
    extraFlags: gccMajor > 0 && gccMajor < 7 ? ["-DDECIMAL_DIG=__DECIMAL_DIG__"] : []
  };
}

// server/build/fingerprint.ts
import { existsSync as existsSync3, readFileSync as readFileSync3, renameSync, statSync as statSync4, writeFileSync } from "node:fs";
import { isAbsolute as isAbsolute2, join as join5 } from "node:path";
function buildFingerprint(opts) {
  const tc = opts.toolchain;
  const h = new KeyHasher("fbuild-fingerprint-v1").field(opts.version).field(opts.board.id).field(JSON.stringify(opts.envConfig.raw)).field(tc.description).fields(tc.extraFlags);
  for (const tool of [tc.gcc, tc.gxx, tc.objcopy, tc.size]) {
    const st = statSync4(tool);
    h.field(`${tool}:${st.size}:${st.mtimeMs}`);
  }
  return { configKey: h.hex(), listing: projectListing(opts.projectDir) };
}
function projectListing(projectDir) {
  const h = new KeyHasher("fbuild-listing-v1");
  for (const dir of ["src", "lib", "include"]) h.field(dir).fields(listFiles(join5(projectDir, dir)));
  return h.hex();
}
function record(path, abs) {
  try {
    const st = statSync4(abs);
    return [path, st.size, st.mtimeMs, sha256Hex(readFileSync3(abs))];
  } catch {
    return void 0;
  }
}
function unchanged(rec, projectDir) {
  const abs = isAbsolute2(rec[0]) ? rec[0] : join5(projectDir, rec[0]);
  let st;
  try {
    st = statSync4(abs);
  } catch {
    return false;
  }
  if (st.size === rec[1] && st.mtimeMs === rec[2]) return true;
  if (st.size !== rec[1]) return false;
  try {
    return sha256Hex(readFileSync3(abs)) === rec[3];
  } catch {
    return false;
  }
}
function checkFingerprint(path, fp, projectDir) {
  if (!existsSync3(path)) return void 0;
  let saved;
  try {
    saved = JSON.parse(readFileSync3(path, "utf8"));
  } catch {
    return void 0;
  }
  if (saved.v !== 1 || saved.configKey !== fp.configKey || saved.listing !== fp.listing) return void 0;
  for (const rec of [...saved.outputs, ...saved.inputs]) if (!unchanged(rec, projectDir)) return void 0;
  return saved.result;
}
function saveFingerprint(path, fp, projectDir, depfiles, outputs, result) {
  const inputs = /* @__PURE__ */ new Map();
  const add = (p) => inputs.set(p, isAbsolute2(p) ? p : join5(projectDir, p));
  add("platformio.ini");
  for (const dir of ["src", "lib", "include"]) for (const f of listFiles(join5(projectDir, dir))) add(`${dir}/${f}`);
  for (const d of depfiles) {
    let text;
    try {
      text = readFileSync3(join5(projectDir, d), "utf8");
    } catch {
      return;
    }
    for (const dep of parseDepfile(text)?.deps ?? []) add(dep);
  }
  const file = {
    v: 1,
    configKey: fp.configKey,
    listing: fp.listing,
    inputs: [...inputs].map(([p, abs]) => record(p, abs)).filter((r) => r !== void 0),
    outputs: outputs.map((o) => record(o, join5(projectDir, o))).filter((r) => r !== void 0),
    result
  };
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(file));
  renameSync(tmp, path);
}

// server/build/firmwareSize.ts
function parseAvrSize(text) {
  const sections = {};
  for (const line of text.split("\n")) {
    const m = /^(\.\S+)\s+(\d+)\s+\d+/.exec(line.trim());
    if (m) sections[m[1]] = Number(m[2]);
  }
  const s = (name) => sections[name] ?? 0;
  return { flash: s(".text") + s(".data"), ram: s(".data") + s(".bss") + s(".noinit") };
}

// server/build/buildStats.ts
function buildStats(units, link) {
  const all = link ? [...units, link] : [...units];
  const count = (o) => all.filter((r) => r.outcome === o).length;
  const hits = count("hit");
  const misses = count("miss");
  const missReasons = {};
  for (const r of all) {
    if (r.outcome !== "miss") continue;
    const reason = (r.reason ?? "new").replace(/:.*$/, "");
    missReasons[reason] = (missReasons[reason] ?? 0) + 1;
  }
  return {
    compiles: all.length,
    hits,
    misses,
    uncacheable: count("uncacheable"),
    errors: count("error"),
    hitRate: hits + misses ? hits / (hits + misses) : 0,
    timeSavedMs: Math.round(all.reduce((n, r) => n + (r.outcome === "hit" ? r.savedMs ?? 0 : 0), 0)),
    missReasons
  };
}

// server/build/orchestrator.ts
var BuildFailure = class extends UserError {
  constructor(message, result) {
    super(message, 1);
    this.result = result;
  }
  result;
};
var FBUILD_BUILD_VERSION = "1";
async function build(opts) {
  const started = performance.now();
  const projectDir = resolve3(opts.projectDir);
  const processEnv = opts.env ?? process.env;
  const config = readProjectConfig(projectDir, processEnv);
  const envName = chooseEnvironment(config.envNames, config.defaultEnvs, opts.environment);
  const envConfig = config.env(envName);
  const board = checkBoard(envConfig);
  const toolchain = opts.toolchain ? await opts.toolchain(processEnv) : systemAvrToolchain(processEnv);
  const buildDir = join6(".fbuild", "build", envName);
  const elf = join6(buildDir, "firmware.elf");
  const hex = join6(buildDir, "firmware.hex");
  mkdirSync(join6(projectDir, buildDir), { recursive: true });
  const fingerprint = buildFingerprint({ projectDir, envConfig, toolchain, board, version: FBUILD_BUILD_VERSION });
  if (!opts.force) {
    const previous = checkFingerprint(join6(projectDir, buildDir, "fingerprint.json"), fingerprint, projectDir);
    if (previous) {
      const result2 = { ...previous, upToDate: true, stats: buildStats([], void 0), durationMs: performance.now() - started };
      opts.onEvent?.({ type: "upToDate", environment: envName });
      opts.onEvent?.({ type: "done", result: result2 });
      return result2;
    }
  }
  const units = planUnits(projectDir, buildDir, envConfig, board, toolchain);
  opts.onEvent?.({ type: "start", environment: envName, units: units.length + 1, toolchain: toolchain.description });
  for (const u of units) mkdirSync(join6(projectDir, dirname2(u.object)), { recursive: true });
  let done = 0;
  const outcomes = new Array(units.length);
  const results = await Promise.all(
    units.map(async (u, i) => {
      const r = await opts.backend.compile({ compiler: u.compiler, args: u.args, cwd: projectDir, workspaceRoot: projectDir, env: processEnv });
      const unit = { source: u.source, object: u.object, outcome: r.outcome, exitCode: r.exitCode, ...r.reason ? { reason: r.reason } : {} };
      outcomes[i] = unit;
      opts.onEvent?.({ type: "unit", index: ++done, total: units.length, unit, stdout: r.stdout.toString(), stderr: r.stderr.toString() });
      return r;
    })
  );
  const failed = outcomes.filter((o) => o.exitCode !== 0);
  const emptySize = { flash: 0, ram: 0, flashMax: board.flashMax, ramMax: board.ramMax };
  if (failed.length) {
    const result2 = finish(envName, false, { elf, hex }, emptySize, outcomes, void 0, started, results);
    throw new BuildFailure(
      `compile failed in ${failed.length} file${failed.length > 1 ? "s" : ""} (${failed.map((f) => f.source).slice(0, 3).join(", ")}${failed.length > 3 ? ", ..." : ""}); fix the errors above and build again`,
      result2
    );
  }
  const objects = units.map((u) => u.object);
  const linked = await opts.backend.link({
    label: `link ${elf}`,
    steps: [
      { command: toolchain.gcc, args: ["-Os", "-flto", "-fuse-linker-plugin", "-Wl,--gc-sections", `-mmcu=${board.mcu}`, "-o", elf, ...objects, "-lm"] },
      { command: toolchain.objcopy, args: ["-O", "ihex", "-R", ".eeprom", elf, hex] },
      { command: toolchain.size, args: ["-A", elf] }
    ],
    inputs: objects,
    outputs: [elf, hex],
    cwd: projectDir,
    workspaceRoot: projectDir,
    env: processEnv
  });
  opts.onEvent?.({ type: "link", outcome: linked.outcome, exitCode: linked.exitCode, stderr: linked.stderr.toString(), ...linked.reason ? { reason: linked.reason } : {} });
  if (linked.exitCode !== 0) {
    const result2 = finish(envName, false, { elf, hex }, emptySize, outcomes, linked, started, results);
    const overflow = /region [`']?(\w+)'? overflowed by (\d+) bytes/.exec(linked.stderr.toString());
    if (overflow) {
      throw new BuildFailure(
        `firmware too big for ${board.name}: it does not fit in ${overflow[1] === "text" ? "flash" : "RAM"} (over by ${overflow[2]} bytes, says the linker); make the code or its data smaller`,
        result2
      );
    }
    throw new BuildFailure(`link failed for ${envName}; see the linker's messages above`, result2);
  }
  const sizes = parseAvrSize(linked.stdout[2]?.toString() ?? "");
  const size = { flash: sizes.flash, ram: sizes.ram, flashMax: board.flashMax, ramMax: board.ramMax };
  const tooBig = size.flash > board.flashMax ? "flash" : size.ram > board.ramMax ? "RAM" : void 0;
  const result = finish(envName, !tooBig, { elf, hex }, size, outcomes, linked, started, results);
  if (tooBig) {
    const used = tooBig === "flash" ? size.flash : size.ram;
    const max = tooBig === "flash" ? board.flashMax : board.ramMax;
    throw new BuildFailure(
      `firmware too big for ${board.name}: ${tooBig} ${used} of ${max} bytes (${Math.round(used / max * 100)}%); make the code or its data smaller`,
      result
    );
  }
  saveFingerprint(join6(projectDir, buildDir, "fingerprint.json"), fingerprint, projectDir, units.map((u) => u.object.replace(/\.o$/, ".d")), [elf, hex], result);
  opts.onEvent?.({ type: "done", result });
  return result;
}
function finish(environment, ok, artifacts, size, outcomes, link, started, results) {
  return {
    environment,
    ok,
    upToDate: false,
    artifacts,
    size,
    stats: buildStats(results, link),
    durationMs: Math.round(performance.now() - started)
  };
}
function chooseEnvironment(envNames, defaultEnvs, requested) {
  if (requested) return requested;
  if (defaultEnvs.length) return defaultEnvs[0];
  if (envNames.length === 1) return envNames[0];
  if (envNames.length === 0) throw new UserError("platformio.ini has no [env:NAME] section; add one, e.g. [env:uno] with board = uno");
  throw new UserError(`several environments in platformio.ini (${envNames.join(", ")}); choose one with -e, e.g. -e ${envNames[0]}`);
}
function checkBoard(env) {
  if (!env.board) throw new UserError(`env '${env.name}' has no board; add e.g. board = uno to [env:${env.name}]`);
  const board = findBoard(env.board);
  if (!board) throw new UserError(`unknown board '${env.board}' in env '${env.name}'; supported boards: ${knownBoards().join(", ")}`);
  if (env.platform && env.platform !== board.platform) {
    throw new UserError(`env '${env.name}': platform '${env.platform}' does not match board '${board.id}' (platform ${board.platform}); set platform = ${board.platform}`);
  }
  if (env.framework && env.framework !== "arduino") {
    throw new UserError(`env '${env.name}': framework '${env.framework}' is not supported; set framework = arduino`);
  }
  return board;
}
function planUnits(projectDir, buildDir, env, board, tc) {
  const srcDir = join6(projectDir, "src");
  const srcFiles = applySrcFilter(listFiles(srcDir), env.buildSrcFilter);
  const inoFiles = srcFiles.filter((f) => f.endsWith(".ino") && !f.includes("/"));
  const srcSources = srcFiles.filter((f) => SOURCE_EXTENSIONS.some((e) => f.endsWith(e)));
  if (inoFiles.length === 0 && srcSources.length === 0) {
    throw new UserError(`no source files in ${join6(projectDir, "src")}; add src/main.cpp or a .ino sketch`);
  }
  const projectSources = srcSources.map((f) => `src/${f}`);
  if (inoFiles.length) {
    const sketchName2 = basename3(projectDir);
    const cpp = inoToCpp(
      inoFiles.map((f) => ({ path: `src/${f}`, text: readFileSync4(join6(srcDir, f), "utf8") })),
      inoFiles.some((f) => f === `${sketchName2}.ino`) ? sketchName2 : void 0
    );
    const rel2 = join6(buildDir, "sketch", `${basename3(inoFiles[0], ".ino")}.ino.cpp`);
    const abs = join6(projectDir, rel2);
    mkdirSync(dirname2(abs), { recursive: true });
    if (!existsSync4(abs) || readFileSync4(abs, "utf8") !== cpp) writeFileSync2(abs, cpp);
    projectSources.unshift(rel2);
  }
  const core = join6(tc.frameworkDir, "cores", board.core);
  const variant = join6(tc.frameworkDir, "variants", board.variant);
  const { libraries } = resolveLibraries({
    projectDir,
    frameworkLibrariesDir: join6(tc.frameworkDir, "libraries"),
    projectFiles: [...projectSources, ...srcFiles.filter((f) => /\.(h|hpp|ino)$/.test(f)).map((f) => `src/${f}`)].map((p) => join6(projectDir, p)),
    libDeps: env.libDeps,
    libIgnore: env.libIgnore
  });
  const rel = (p) => {
    const r = relative2(projectDir, p);
    return r.startsWith("..") ? p : r.split(sep2).join("/");
  };
  const frameworkIncludes = [core, variant].map((p) => `-I${p}`);
  const libIncludes = libraries.map((l) => `-I${rel(l.includeDir)}`);
  const projectIncludes = [...existsSync4(join6(projectDir, "include")) ? ["-Iinclude"] : [], "-Isrc"];
  const common = [
    `-mmcu=${board.mcu}`,
    `-DF_CPU=${board.fCpu}`,
    "-DARDUINO=10808",
    `-D${board.boardDefine}`,
    "-DARDUINO_ARCH_AVR",
    "-Os",
    "-w",
    "-ffunction-sections",
    "-fdata-sections",
    "-MMD",
    "-flto",
    ...tc.extraFlags
  ];
  const unflags = new Set((env.raw.build_unflags ?? []).flatMap((l) => l.split(/\s+/)).filter(Boolean));
  const unit = (source, object, includes) => {
    const isC = source.endsWith(".c");
    const isAsm = source.endsWith(".S");
    const lang = isC ? ["-std=gnu11", "-fno-fat-lto-objects"] : isAsm ? ["-x", "assembler-with-cpp"] : ["-std=gnu++11", "-fpermissive", "-fno-exceptions", "-fno-threadsafe-statics"];
    return {
      source,
      object,
      compiler: isC || isAsm ? tc.gcc : tc.gxx,
      args: ["-c", ...[...common, ...lang].filter((f) => !unflags.has(f)), ...env.buildFlags, `-frandom-seed=${object}`, ...includes, source, "-o", object]
    };
  };
  const objectFor = (group, relPath) => `${buildDir}/${group}/${relPath.replace(/^\.\.\//, "")}.o`;
  const units = [];
  for (const s of projectSources) units.push(unit(s, objectFor("src", s.replace(/^src\//, "").replace(/^\.fbuild\/build\/[^/]+\/sketch\//, "")), [...projectIncludes, ...libIncludes, ...frameworkIncludes]));
  for (const lib of libraries) {
    const libInc = libIncludes;
    for (const s of lib.sources) units.push(unit(rel(s), objectFor(`lib/${lib.name}`, relative2(lib.includeDir, s).split(sep2).join("/")), [...libInc, ...frameworkIncludes]));
  }
  for (const f of listFiles(core).filter((f2) => SOURCE_EXTENSIONS.some((e) => f2.endsWith(e)))) {
    units.push(unit(join6(core, f), objectFor("core", f), frameworkIncludes));
  }
  for (const f of listFiles(variant).filter((f2) => SOURCE_EXTENSIONS.some((e) => f2.endsWith(e)))) {
    units.push(unit(join6(variant, f), objectFor("variant", f), frameworkIncludes));
  }
  return units;
}

// server/build/buildEvents.ts
function toJsonResult(r, projectDir) {
  return {
    environment: r.environment,
    ok: r.ok,
    upToDate: r.upToDate,
    artifacts: { elf: resolve4(projectDir, r.artifacts.elf), hex: resolve4(projectDir, r.artifacts.hex) },
    size: r.size,
    stats: r.stats,
    durationMs: Math.round(r.durationMs)
  };
}
function toWire(e) {
  return e;
}
async function runBuildToEvents(opts, emit) {
  const projectDir = resolve4(opts.projectDir);
  try {
    const r = await build({ ...opts, onEvent: (e) => e.type !== "done" && emit(toWire(e)) });
    emit({ type: "done", result: toJsonResult(r, projectDir) });
    return 0;
  } catch (e) {
    if (e instanceof BuildFailure) {
      emit({ type: "error", message: `fbuild: ${e.message}`, exitCode: e.exitCode });
      emit({ type: "done", result: toJsonResult(e.result, projectDir) });
      return e.exitCode;
    }
    const user = e instanceof UserError;
    const message = user ? e.message : `fbuild: internal error: ${e?.message ?? String(e)}`;
    const exitCode = user ? e.exitCode : 70;
    emit({ type: "error", message, exitCode });
    emit({ type: "done", result: { environment: opts.environment ?? null, ok: false, error: message } });
    return exitCode;
  }
}

// server/build/directBackend.ts
import { availableParallelism } from "node:os";
var DirectBackend = class {
  pool;
  constructor(jobs = availableParallelism()) {
    this.pool = new CompilerPool(jobs);
  }
  async compile(req) {
    const r = await this.pool.run(req.compiler, req.args, req.cwd, req.env ?? process.env);
    return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, outcome: "uncacheable", reason: "cache disabled" };
  }
  async link(req) {
    const r = await runStepSequence(this.pool, req, req.env ?? process.env);
    return { ...r, outcome: "uncacheable", reason: "cache disabled" };
  }
};

// server/build/wrappedBackend.ts
import { randomBytes } from "node:crypto";
import { readFileSync as readFileSync5, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join as join7 } from "node:path";
var WrappedBackend = class {
  constructor(opts) {
    this.opts = opts;
  }
  opts;
  /** Wrapper processes started: the check that embedded mode starts none. */
  wrappersStarted = 0;
  async compile(req) {
    const outcomeFile = join7(tmpdir(), `fbuild-cc-${process.pid}-${randomBytes(6).toString("hex")}.json`);
    const [cmd, ...pre] = this.opts.fbuildCommand;
    this.wrappersStarted++;
    const r = await this.opts.pool.run(cmd, [...pre, "cc", req.compiler, ...req.args], req.cwd, {
      ...req.env ?? process.env,
      ...this.opts.wrapperEnv,
      FBUILD_WORKSPACE: req.workspaceRoot,
      FBUILD_CC_OUTCOME_FILE: outcomeFile
    });
    let outcome = { outcome: "error", reason: "wrapper reported nothing" };
    try {
      outcome = JSON.parse(readFileSync5(outcomeFile, "utf8"));
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

// server/toolchains/resolveAvr.ts
import { spawnSync as spawnSync3 } from "node:child_process";
import { existsSync as existsSync5 } from "node:fs";
import { join as join9 } from "node:path";

// server/toolchains/installer.ts
var import_undici = __toESM(require_undici(), 1);
import { spawnSync as spawnSync2 } from "node:child_process";
import { createHash, randomBytes as randomBytes2 } from "node:crypto";
import { closeSync, mkdirSync as mkdirSync2, openSync, readdirSync as readdirSync3, readFileSync as readFileSync6, renameSync as renameSync2, rmSync, statSync as statSync5, writeFileSync as writeFileSync3, writeSync } from "node:fs";
import { join as join8 } from "node:path";
var InstallError = class extends UserError {
  constructor(message) {
    super(message, 1);
    this.name = "InstallError";
  }
};
var MARKER = ".fbuild-package.json";
var downloader;
var dispatcher = () => downloader ??= new import_undici.Agent().compose(import_undici.interceptors.redirect({ maxRedirections: 5 }));
function hostTriple(platform = process.platform, arch = process.arch) {
  if (platform === "linux") return { x64: "x86_64-linux-gnu", arm64: "aarch64-linux-gnu", arm: "arm-linux-gnueabihf", ia32: "i686-linux-gnu" }[arch] ?? `${arch}-linux-gnu`;
  if (platform === "darwin") return arch === "arm64" ? "arm64-apple-darwin" : "x86_64-apple-darwin14";
  if (platform === "win32") return arch === "x64" ? "x86_64-mingw32" : "i686-mingw32";
  return `${arch}-${platform}`;
}
function packageDir(toolchainsDir, spec) {
  return join8(toolchainsDir, `${spec.name}-${spec.version}`);
}
function installedPackage(toolchainsDir, spec, archive) {
  const dir = packageDir(toolchainsDir, spec);
  try {
    const marker = JSON.parse(readFileSync6(join8(dir, MARKER), "utf8"));
    if (!archive || marker.sha256 === archive.sha256) return dir;
  } catch {
  }
  return void 0;
}
function chooseArchive(spec, host) {
  const archive = spec.systems.find((s) => s.host === host) ?? spec.systems.find((s) => s.host === "any");
  if (!archive) {
    throw new InstallError(`${spec.name} ${spec.version} has no archive for this machine (${host}); known hosts: ${spec.systems.map((s) => s.host).join(", ")}`);
  }
  return archive;
}
async function installPackage(spec, opts) {
  const archive = chooseArchive(spec, opts.host ?? hostTriple());
  const existing = installedPackage(opts.toolchainsDir, spec, archive);
  if (existing) return { dir: existing, downloaded: false };
  const url = opts.mirror ? `${opts.mirror.replace(/\/$/, "")}/${archive.archiveFileName}` : archive.url;
  const what = `${spec.name} ${spec.version} from ${url}`;
  mkdirSync2(opts.toolchainsDir, { recursive: true });
  const work = join8(opts.toolchainsDir, `.tmp-${spec.name}-${randomBytes2(6).toString("hex")}`);
  mkdirSync2(work);
  try {
    const file = join8(work, archive.archiveFileName);
    const retries = opts.retries ?? 3;
    let lastError = "";
    for (let attempt = 0; ; attempt++) {
      try {
        await download(url, file, archive, spec.name, opts);
        break;
      } catch (e) {
        lastError = e.message;
        if (e instanceof PermanentDownloadError || attempt >= retries) {
          throw new InstallError(`cannot install ${what}: ${lastError}${attempt ? ` (after ${attempt + 1} attempts)` : ""}`);
        }
        await new Promise((r) => setTimeout(r, (opts.backoffMs ?? 500) * 2 ** attempt));
      }
    }
    const root = extract(file, join8(work, "x"), what);
    writeFileSync3(join8(root, MARKER), JSON.stringify({ name: spec.name, version: spec.version, sha256: archive.sha256, url, installedAt: (/* @__PURE__ */ new Date()).toISOString() }));
    const dir = packageDir(opts.toolchainsDir, spec);
    try {
      renameSync2(root, dir);
    } catch (e) {
      const other = installedPackage(opts.toolchainsDir, spec, archive);
      if (other) return { dir: other, downloaded: true };
      throw new InstallError(`cannot install ${what}: ${dir} is in the way (${e.code}); remove it and try again`);
    }
    return { dir, downloaded: true };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
var PermanentDownloadError = class extends Error {
};
var ServerStatusError = class extends Error {
};
async function download(url, file, archive, name, opts) {
  const controller = new AbortController();
  const stallMs = opts.stallTimeoutMs ?? 3e4;
  let stalled = false;
  let timer = setTimeout(() => (stalled = true, controller.abort()), stallMs);
  const fd = openSync(file, "w");
  const hash = createHash("sha256");
  let received = 0;
  try {
    const res = await (0, import_undici.request)(url, { signal: controller.signal, dispatcher: dispatcher() });
    if (res.statusCode !== 200) {
      await res.body.dump().catch(() => void 0);
      const message = `the server answered HTTP ${res.statusCode}`;
      throw res.statusCode >= 400 && res.statusCode < 500 ? new PermanentDownloadError(message) : new ServerStatusError(message);
    }
    for await (const chunk of res.body) {
      clearTimeout(timer);
      timer = setTimeout(() => (stalled = true, controller.abort()), stallMs);
      received += chunk.length;
      if (received > archive.size) throw new PermanentDownloadError(`the download is larger than the expected ${archive.size} bytes`);
      hash.update(chunk);
      try {
        writeSync(fd, chunk);
      } catch (e) {
        const code = e.code;
        if (code === "ENOSPC") throw new PermanentDownloadError(`no space left on the device of ${opts.toolchainsDir}; free some space and try again`);
        throw e;
      }
      opts.onProgress?.({ name, received, total: archive.size });
    }
  } catch (e) {
    if (stalled) throw new Error(`no data for ${Math.round(stallMs / 1e3)} s (stalled after ${received} of ${archive.size} bytes)`);
    if (e instanceof PermanentDownloadError || e instanceof ServerStatusError) throw e;
    const why = e.message;
    throw new Error(received ? `the download broke off after ${received} of ${archive.size} bytes (${why})` : `could not download it (${why})`);
  } finally {
    clearTimeout(timer);
    closeSync(fd);
  }
  if (received !== archive.size) throw new Error(`truncated download: ${received} of ${archive.size} bytes`);
  const got = hash.digest("hex");
  if (got !== archive.sha256.toLowerCase()) {
    throw new PermanentDownloadError(`checksum mismatch: expected SHA-256 ${archive.sha256}, got ${got}; the file is not the pinned one`);
  }
}
function extract(file, into, what) {
  mkdirSync2(into, { recursive: true });
  const isZip = file.endsWith(".zip");
  if (!isZip && !/\.(tar\.(gz|bz2|xz)|tgz|tbz2|txz)$/.test(file)) throw new InstallError(`cannot install ${what}: unknown archive type (${file})`);
  const r = isZip ? spawnSync2("unzip", ["-q", file, "-d", into], { encoding: "utf8" }) : spawnSync2("tar", ["-xf", file, "-C", into], { encoding: "utf8" });
  if (r.error || r.status !== 0) {
    const tool = isZip ? "unzip" : "tar";
    const why = r.error ? `${tool} could not run (${r.error.code}); install it` : (r.stderr || "").trim().split("\n")[0];
    throw new InstallError(`cannot install ${what}: extracting failed: ${why}`);
  }
  const top = readdirSync3(into);
  if (top.length === 1 && statSync5(join8(into, top[0])).isDirectory()) return join8(into, top[0]);
  return into;
}

// server/toolchains/manifest.ts
import { readFileSync as readFileSync7 } from "node:fs";

// server/toolchains/manifest.json
var manifest_default = {
  note: "Built by reading stored public copies: Arduino's package_index.json (for avr-gcc and AVR core 1.8.6), pioarduino/platform-espressif32 platform.json at tag 55.03.31-2 (the newest tag pinning xtensa GCC 14.2.0_20241119), ESP-IDF tools.json, and a mirror of Espressif's package_esp32_index.json. Every URL, size and checksum is copied from those files; where a source publishes none, the value is null.",
  packages: [
    {
      name: "avr-gcc",
      version: "7.3.0-atmel3.6.1-arduino7",
      board: "uno",
      kind: "toolchain",
      source: "Arduino's package_index.json (packager 'arduino'), copy from a user's Arduino15 directory (stored next to package_index.json.sig, signature not checked here) in github.com/sota-y/Arduino-r4, path package_index.json, commit 4cfcd0c4774c9763237784b61b607d10a5c34de2 (2024-06-26); tools -> avr-gcc 7.3.0-atmel3.6.1-arduino7. Identical entry in the older copy github.com/Ronnie-Leon76/Arduino-Projects .arduino15/package_index.json @ fad52df9c3ddb21204e876c42a90a8239f6eb632 (2021-08-10) and in arduino/arduino-cli docs/package_index_json-specification.md.",
      systems: [
        {
          host: "aarch64-linux-gnu",
          url: "http://downloads.arduino.cc/tools/avr-gcc-7.3.0-atmel3.6.1-arduino7-aarch64-pc-linux-gnu.tar.bz2",
          archiveFileName: "avr-gcc-7.3.0-atmel3.6.1-arduino7-aarch64-pc-linux-gnu.tar.bz2",
          size: 38045723,
          sha256: "03d322b9df6da17289e9e7c6233c34a8535d9c645c19efc772ba19e56914f339"
        },
        {
          host: "arm-linux-gnueabihf",
          url: "http://downloads.arduino.cc/tools/avr-gcc-7.3.0-atmel3.6.1-arduino7-arm-linux-gnueabihf.tar.bz2",
          archiveFileName: "avr-gcc-7.3.0-atmel3.6.1-arduino7-arm-linux-gnueabihf.tar.bz2",
          size: 34683056,
          sha256: "3903553d035da59e33cff9941b857c3cb379cb0638105dfdf69c97f0acc8e7b5"
        },
        {
          host: "i686-linux-gnu",
          url: "http://downloads.arduino.cc/tools/avr-gcc-7.3.0-atmel3.6.1-arduino7-i686-pc-linux-gnu.tar.bz2",
          archiveFileName: "avr-gcc-7.3.0-atmel3.6.1-arduino7-i686-pc-linux-gnu.tar.bz2",
          size: 37176991,
          sha256: "954bbffb33545bcdcd473af993da2980bf32e8461ff55a18e0eebc7b2ef69a4c"
        },
        {
          host: "i686-mingw32",
          url: "http://downloads.arduino.cc/tools/avr-gcc-7.3.0-atmel3.6.1-arduino7-i686-w64-mingw32.zip",
          archiveFileName: "avr-gcc-7.3.0-atmel3.6.1-arduino7-i686-w64-mingw32.zip",
          size: 52519412,
          sha256: "a54f64755fff4cb792a1495e5defdd789902a2a3503982e81b898299cf39800e"
        },
        {
          host: "x86_64-apple-darwin14",
          url: "http://downloads.arduino.cc/tools/avr-gcc-7.3.0-atmel3.6.1-arduino7-x86_64-apple-darwin14.tar.bz2",
          archiveFileName: "avr-gcc-7.3.0-atmel3.6.1-arduino7-x86_64-apple-darwin14.tar.bz2",
          size: 36684546,
          sha256: "f6ed2346953fcf88df223469088633eb86de997fa27ece117fd1ef170d69c1f8"
        },
        {
          host: "x86_64-linux-gnu",
          url: "http://downloads.arduino.cc/tools/avr-gcc-7.3.0-atmel3.6.1-arduino7-x86_64-pc-linux-gnu.tar.bz2",
          archiveFileName: "avr-gcc-7.3.0-atmel3.6.1-arduino7-x86_64-pc-linux-gnu.tar.bz2",
          size: 37630618,
          sha256: "bd8c37f6952a2130ac9ee32c53f6a660feb79bee8353c8e289eb60fdcefed91e"
        }
      ]
    },
    {
      name: "Arduino AVR Boards",
      architecture: "avr",
      version: "1.8.6",
      board: "uno",
      kind: "platform",
      source: "Arduino's package_index.json (packager 'arduino'), copy from a user's Arduino15 directory (stored next to package_index.json.sig, signature not checked here) in github.com/sota-y/Arduino-r4, path package_index.json, commit 4cfcd0c4774c9763237784b61b607d10a5c34de2 (2024-06-26); platforms -> architecture avr, version 1.8.6",
      toolsDependencies: [
        {
          packager: "arduino",
          name: "arduinoOTA",
          version: "1.3.0"
        },
        {
          packager: "arduino",
          name: "avr-gcc",
          version: "7.3.0-atmel3.6.1-arduino7"
        },
        {
          packager: "arduino",
          name: "avrdude",
          version: "6.3.0-arduino17"
        }
      ],
      systems: [
        {
          host: "any",
          url: "http://downloads.arduino.cc/cores/staging/avr-1.8.6.tar.bz2",
          archiveFileName: "avr-1.8.6.tar.bz2",
          size: 7127080,
          sha256: "ff1d17274b5a952f172074bd36c3924336baefded0232e10982f8999c2f7c3b6"
        }
      ]
    },
    {
      name: "toolchain-xtensa-esp-elf",
      version: "14.2.0+20241119",
      board: "esp32dev",
      kind: "toolchain",
      source: 'github.com/pioarduino/platform-espressif32, platform.json at tag 55.03.31-2 (commit c47468dadf07807a2eb0eaa889b53c8f96081804, 2025-12-10; platform.json "version": "55.03.31"); packages -> toolchain-xtensa-esp-elf (owner pioarduino). platform.json gives only the URL: no size, no checksum.',
      platformJsonVersion: "https://github.com/pioarduino/registry/releases/download/0.0.1/xtensa-esp-elf-14.2.0_20241119.zip",
      systems: [
        {
          host: "any",
          url: "https://github.com/pioarduino/registry/releases/download/0.0.1/xtensa-esp-elf-14.2.0_20241119.zip",
          archiveFileName: "xtensa-esp-elf-14.2.0_20241119.zip",
          size: null,
          sha256: null
        }
      ]
    },
    {
      name: "xtensa-esp-elf",
      version: "esp-14.2.0_20241119",
      board: "esp32dev",
      kind: "toolchain-upstream",
      source: "github.com/espressif/esp-idf tools/tools.json at commit 129cd0d247f7abccc142a498d93963b8f19a9e69 (release/v5.5, the IDF commit the esp32-arduino-libs idf-release_v5.5-129cd0d2-v4 build names); tools -> xtensa-esp-elf, versions -> esp-14.2.0_20241119 (status recommended). Same entry, byte-for-byte, at tags v5.4, v5.5 and v5.5.1. 'host' is mapped from the tools.json platform key (kept as idfPlatform); archiveFileName is the URL's last path segment.",
      note: "These are Espressif's own per-host archives of the same GCC 14.2.0_20241119 build, not the pioarduino zip. pioarduino's platform.py installs a toolchain by running idf_tools.py on a tools.json inside the downloaded package. That inner tools.json was not readable here, so it is not confirmed that it points to exactly these archives.",
      systems: [
        {
          host: "x86_64-linux-gnu",
          idfPlatform: "linux-amd64",
          url: "https://github.com/espressif/crosstool-NG/releases/download/esp-14.2.0_20241119/xtensa-esp-elf-14.2.0_20241119-x86_64-linux-gnu.tar.xz",
          archiveFileName: "xtensa-esp-elf-14.2.0_20241119-x86_64-linux-gnu.tar.xz",
          size: 174652716,
          sha256: "e3e6dcf3d275c3c9ab0e4c8a9d93fd10e7efc035d435460576c9d95b4140c676"
        },
        {
          host: "aarch64-linux-gnu",
          idfPlatform: "linux-arm64",
          url: "https://github.com/espressif/crosstool-NG/releases/download/esp-14.2.0_20241119/xtensa-esp-elf-14.2.0_20241119-aarch64-linux-gnu.tar.xz",
          archiveFileName: "xtensa-esp-elf-14.2.0_20241119-aarch64-linux-gnu.tar.xz",
          size: 176920772,
          sha256: "ac2b311dc0003386425086bfc813bf2aeb3cdf3b117845802df6ebef5f69955f"
        },
        {
          host: "arm-linux-gnueabi",
          idfPlatform: "linux-armel",
          url: "https://github.com/espressif/crosstool-NG/releases/download/esp-14.2.0_20241119/xtensa-esp-elf-14.2.0_20241119-arm-linux-gnueabi.tar.xz",
          archiveFileName: "xtensa-esp-elf-14.2.0_20241119-arm-linux-gnueabi.tar.xz",
          size: 167715268,
          sha256: "c54c2877582070115fe6f4870a88a4db4f2f945becf2d70bb1f71e5ab1cac673"
        },
        {
          host: "arm-linux-gnueabihf",
          idfPlatform: "linux-armhf",
          url: "https://github.com/espressif/crosstool-NG/releases/download/esp-14.2.0_20241119/xtensa-esp-elf-14.2.0_20241119-arm-linux-gnueabihf.tar.xz",
          archiveFileName: "xtensa-esp-elf-14.2.0_20241119-arm-linux-gnueabihf.tar.xz",
          size: 168451936,
          sha256: "04addfee56b45d62b6980967c71fafd6aec2be6dee6d8501e9db70345a6179d2"
        },
        {
          host: "i686-linux-gnu",
          idfPlatform: "linux-i686",
          url: "https://github.com/espressif/crosstool-NG/releases/download/esp-14.2.0_20241119/xtensa-esp-elf-14.2.0_20241119-i586-linux-gnu.tar.xz",
          archiveFileName: "xtensa-esp-elf-14.2.0_20241119-i586-linux-gnu.tar.xz",
          size: 178264512,
          sha256: "acf3fb7e37274413cd8c812894a6a0e3a0b3a78e9d5b533893d304008cc996c2"
        },
        {
          host: "x86_64-apple-darwin",
          idfPlatform: "macos",
          url: "https://github.com/espressif/crosstool-NG/releases/download/esp-14.2.0_20241119/xtensa-esp-elf-14.2.0_20241119-x86_64-apple-darwin.tar.xz",
          archiveFileName: "xtensa-esp-elf-14.2.0_20241119-x86_64-apple-darwin.tar.xz",
          size: 182782108,
          sha256: "1ca7a93825d5b84f6547fa73e6174acadb9af5c877f365e50e176936784383ea"
        },
        {
          host: "arm64-apple-darwin",
          idfPlatform: "macos-arm64",
          url: "https://github.com/espressif/crosstool-NG/releases/download/esp-14.2.0_20241119/xtensa-esp-elf-14.2.0_20241119-aarch64-apple-darwin.tar.xz",
          archiveFileName: "xtensa-esp-elf-14.2.0_20241119-aarch64-apple-darwin.tar.xz",
          size: 167948176,
          sha256: "b9732bb3cdcd6a50420c25eb9a8d90eb1216a0a0a274c8ffd4c2037167b5081f"
        },
        {
          host: "i686-mingw32",
          idfPlatform: "win32",
          url: "https://github.com/espressif/crosstool-NG/releases/download/esp-14.2.0_20241119/xtensa-esp-elf-14.2.0_20241119-i686-w64-mingw32.zip",
          archiveFileName: "xtensa-esp-elf-14.2.0_20241119-i686-w64-mingw32.zip",
          size: 382457717,
          sha256: "b30e450e0af279783c54a9ae77c3b367dd556b78eda930a92ec7b784a74c28c8"
        },
        {
          host: "x86_64-mingw32",
          idfPlatform: "win64",
          url: "https://github.com/espressif/crosstool-NG/releases/download/esp-14.2.0_20241119/xtensa-esp-elf-14.2.0_20241119-x86_64-w64-mingw32.zip",
          archiveFileName: "xtensa-esp-elf-14.2.0_20241119-x86_64-w64-mingw32.zip",
          size: 386316009,
          sha256: "62ae704777d73c30689efff6e81178632a1ca44d1a2d60f4621eb997e040e028"
        }
      ]
    },
    {
      name: "framework-arduinoespressif32",
      version: "3.3.1",
      board: "esp32dev",
      kind: "framework",
      source: `github.com/pioarduino/platform-espressif32, platform.json at tag 55.03.31-2 (commit c47468dadf07807a2eb0eaa889b53c8f96081804, 2025-12-10; platform.json "version": "55.03.31") -> framework-arduinoespressif32 (URL). Size and SHA-256 from Espressif's Arduino board-manager index package_esp32_index.json (espressif.github.io/arduino-esp32), as mirrored in github.com/shiinakaze/arduino-esp32-mirror path package_esp32_index.json, commit 86cfde38f845da30e35673677f6af4e791ba0b48 (2025-12-01; same values in the 2025-10-01 and 2025-11-01 snapshots). That mirror's main.py only rewrites 'https://github.com' to 'https://gh-proxy.com/github.com'; checksum and size are unchanged, and the de-proxied URL equals the one in platform.json. platforms -> esp32 3.3.1.`,
      platformJsonVersion: "https://github.com/espressif/arduino-esp32/releases/download/3.3.1/esp32-3.3.1.zip",
      systems: [
        {
          host: "any",
          url: "https://github.com/espressif/arduino-esp32/releases/download/3.3.1/esp32-3.3.1.zip",
          archiveFileName: "esp32-3.3.1.zip",
          size: 27170631,
          sha256: "c4d46eb0ec73d3b24f43f69a2ae6d2097baae3a8b5c04989a6c81043845ffb67"
        }
      ]
    },
    {
      name: "framework-arduinoespressif32-libs",
      version: "idf-release_v5.5-129cd0d2-v4",
      board: "esp32dev",
      kind: "framework",
      source: `github.com/pioarduino/platform-espressif32, platform.json at tag 55.03.31-2 (commit c47468dadf07807a2eb0eaa889b53c8f96081804, 2025-12-10; platform.json "version": "55.03.31") -> framework-arduinoespressif32-libs (URL). Size and SHA-256 from Espressif's Arduino board-manager index package_esp32_index.json (espressif.github.io/arduino-esp32), as mirrored in github.com/shiinakaze/arduino-esp32-mirror path package_esp32_index.json, commit 86cfde38f845da30e35673677f6af4e791ba0b48 (2025-12-01; same values in the 2025-10-01 and 2025-11-01 snapshots). That mirror's main.py only rewrites 'https://github.com' to 'https://gh-proxy.com/github.com'; checksum and size are unchanged, and the de-proxied URL equals the one in platform.json. tools -> esp32-arduino-libs idf-release_v5.5-129cd0d2-v4 (all 8 hosts list the same archive).`,
      platformJsonVersion: "https://github.com/espressif/esp32-arduino-lib-builder/releases/download/idf-release_v5.5/esp32-arduino-libs-idf-release_v5.5-129cd0d2-v4.zip",
      systems: [
        {
          host: "any",
          url: "https://github.com/espressif/esp32-arduino-lib-builder/releases/download/idf-release_v5.5/esp32-arduino-libs-idf-release_v5.5-129cd0d2-v4.zip",
          archiveFileName: "esp32-arduino-libs-idf-release_v5.5-129cd0d2-v4.zip",
          size: 446164326,
          sha256: "be9402929176a556007fea48db7bb79da431614a2e153c54f92c8314f6ccd099"
        }
      ]
    },
    {
      name: "tool-esptoolpy",
      version: "5.1.0",
      board: "esp32dev",
      kind: "uploader",
      source: 'github.com/pioarduino/platform-espressif32, platform.json at tag 55.03.31-2 (commit c47468dadf07807a2eb0eaa889b53c8f96081804, 2025-12-10; platform.json "version": "55.03.31"); packages -> tool-esptoolpy (owner pioarduino). platform.json gives only the URL: no size, no checksum.',
      platformJsonVersion: "https://github.com/pioarduino/registry/releases/download/0.0.1/esptoolpy-v5.1.0.zip",
      systems: [
        {
          host: "any",
          url: "https://github.com/pioarduino/registry/releases/download/0.0.1/esptoolpy-v5.1.0.zip",
          archiveFileName: "esptoolpy-v5.1.0.zip",
          size: null,
          sha256: null
        }
      ]
    }
  ],
  missing: [
    "toolchain-xtensa-esp-elf 14.2.0+20241119 (pioarduino zip https://github.com/pioarduino/registry/releases/download/0.0.1/xtensa-esp-elf-14.2.0_20241119.zip): no published size or SHA-256 was found. platform.json gives only the URL, and no stored manifest lists that zip. The checksums recorded under 'xtensa-esp-elf' are for Espressif's per-host upstream archives from ESP-IDF tools.json, not for this zip.",
    "tool-esptoolpy 5.1.0 (pioarduino zip https://github.com/pioarduino/registry/releases/download/0.0.1/esptoolpy-v5.1.0.zip): no published size or SHA-256 was found. Espressif's esp32 board index lists SHA-256s for esptool_py 5.1.0, but those are Espressif's standalone per-host binary archives (esptool-v5.1.0-<os>.tar.gz/zip), not this Python-source zip, so they are not recorded here.",
    "framework-arduinoespressif32 and framework-arduinoespressif32-libs: the SHA-256 and size come from a third-party mirror of Espressif's package_esp32_index.json, because no stored copy of the original file contains the 3.3.1 entries (espressif/arduino-esp32's stored package_esp32_index.json stops at 3.1.3). The values match across three monthly mirror snapshots.",
    "Arduino AVR Boards 1.8.6: the official URL is under /cores/staging/ and uses http:// as published. No HTTPS variant is recorded, because none was read in the index.",
    "pioarduino release choice: 55.03.31-2 (2025-12-10, a re-tag of platform 55.03.31 with a newer esp_install and gdb) is the most recent tag whose platform.json pins toolchain-xtensa-esp-elf 14.2.0+20241119. Higher-numbered releases pin other builds: 55.03.32\u201355.03.34 pin 14.2.0+20250730, 55.03.35\u201355.03.37 pin 14.2.0+20251107, and 55.03.38 and later pin 14.2.0+20260121, with Arduino core 3.3.2\u20133.3.11 and esptoolpy 5.1.x\u20135.3.0. Those releases are not recorded here."
  ]
};

// server/toolchains/manifest.ts
var INSTALL_NAMES = { "Arduino AVR Boards": "framework-arduino-avr" };
function loadManifest(env = process.env) {
  const path = env.FBUILD_PACKAGE_MANIFEST;
  let file = manifest_default;
  if (path) {
    try {
      file = JSON.parse(readFileSync7(path, "utf8"));
    } catch (e) {
      throw new UserError(`cannot read the package manifest ${path}: ${e.message}; fix FBUILD_PACKAGE_MANIFEST or unset it`);
    }
  }
  return file.packages.map((p) => ({
    name: INSTALL_NAMES[p.name] ?? p.name,
    version: p.version,
    systems: p.systems.filter((s) => s.sha256 !== null && s.size !== null)
  }));
}
function findPackage(specs, name) {
  const spec = specs.find((s) => s.name === name);
  if (!spec) throw new UserError(`the package manifest has no ${name}; add it or use --toolchain system`);
  return spec;
}

// server/toolchains/resolveAvr.ts
function toolchainMode(value) {
  return value === "pinned" || value === "system" ? value : "auto";
}
var AVR_GCC = "avr-gcc";
var ARDUINO_AVR_CORE = "framework-arduino-avr";
function toolchainsDirFor(env) {
  return env.FBUILD_TOOLCHAINS_DIR ?? join9(defaultCacheDir(env), "toolchains");
}
function pinnedFrom(gccDir, coreDir, gcc, core) {
  const bin = (t) => join9(gccDir, "bin", t);
  for (const t of ["avr-gcc", "avr-g++", "avr-objcopy", "avr-size"]) {
    if (!existsSync5(bin(t))) throw new UserError(`the installed ${gcc.name} ${gcc.version} has no bin/${t}; remove ${gccDir} and install again`);
  }
  const version = spawnSync3(bin("avr-gcc"), ["-dumpversion"], { encoding: "utf8" }).stdout.trim();
  const gccMajor = Number.parseInt(version, 10) || 0;
  return {
    kind: "pinned",
    description: `pinned ${gcc.name} ${gcc.version} (gcc ${version}) with ArduinoCore-avr ${core.version}, in ${gccDir}`,
    gcc: bin("avr-gcc"),
    gxx: bin("avr-g++"),
    objcopy: bin("avr-objcopy"),
    size: bin("avr-size"),
    gccMajor,
    frameworkDir: coreDir,
    frameworkVersion: core.version,
    extraFlags: gccMajor > 0 && gccMajor < 7 ? ["-DDECIMAL_DIG=__DECIMAL_DIG__"] : []
  };
}
async function resolveAvrToolchain(opts) {
  const env = opts.env ?? process.env;
  if (opts.mode === "system") return systemAvrToolchain(env);
  const specs = loadManifest(env);
  const gcc = findPackage(specs, AVR_GCC);
  const core = findPackage(specs, ARDUINO_AVR_CORE);
  const toolchainsDir = opts.toolchainsDir ?? toolchainsDirFor(env);
  const installed = [gcc, core].map((s) => installedPackage(toolchainsDir, s));
  if (installed[0] && installed[1]) return pinnedFrom(installed[0], installed[1], gcc, core);
  const mirror = env.FBUILD_PACKAGE_MIRROR;
  try {
    const install = (s) => installPackage(s, {
      toolchainsDir,
      ...mirror ? { mirror } : {},
      host: hostTriple(),
      // auto falls back at once rather than retrying a network that is not there
      ...opts.mode === "auto" ? { retries: 0, stallTimeoutMs: 15e3 } : {},
      ...opts.onProgress ? { onProgress: opts.onProgress } : {}
    });
    const [g, c] = [await install(gcc), await install(core)];
    opts.onNotice?.(`installed ${gcc.name} ${gcc.version} and ArduinoCore-avr ${core.version} into ${toolchainsDir}`);
    return pinnedFrom(g.dir, c.dir, gcc, core);
  } catch (e) {
    if (opts.mode === "pinned") throw e;
    const system = systemAvrToolchain(env);
    opts.onNotice?.(`using the system toolchain (${system.description}): the pinned one could not be installed: ${e.message}`);
    return system;
  }
}

export {
  runBuildToEvents,
  DirectBackend,
  WrappedBackend,
  toolchainMode,
  resolveAvrToolchain
};
