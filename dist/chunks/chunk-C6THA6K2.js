import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  RequirementError,
  satisfiesRequirement
} from "./chunk-IK4PVOP5.js";
import {
  UserError,
  excerpt
} from "./chunk-K5XHDEBM.js";

// server/project/platformioIni.ts
import { basename as basename3, dirname as dirname3, join as join4, resolve as resolve3 } from "node:path";

// server/project/iniFiles.ts
import { readdirSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";

// node_modules/shlex/shlex.js
var Shlexer = class {
  constructor(string) {
    this.i = 0;
    this.string = string;
    this.whitespace = " 	\r\n";
    this.quotes = `'"`;
    this.escapes = "\\";
    this.escapedQuotes = '"';
    this.ansiCQuotes = true;
    this.localeQuotes = true;
    this.debug = false;
  }
  readChar() {
    return this.string.charAt(this.i++);
  }
  processEscapes(string, quote, isAnsiCQuote) {
    if (!isAnsiCQuote && !this.escapedQuotes.includes(quote)) {
      return string;
    }
    const anyEscape = "[" + this.escapes.replace(/(.)/g, "\\$1") + "]";
    if (!isAnsiCQuote && this.escapedQuotes.includes(quote)) {
      const re = new RegExp(
        anyEscape + "(" + anyEscape + "|\\" + quote + ")",
        "g"
      );
      return string.replace(re, "$1");
    }
    if (isAnsiCQuote) {
      const patterns = {
        // Literal characters
        "([\\\\'\"?])": (x) => x,
        // Non-printable ASCII characters
        "a": () => "\x07",
        "b": () => "\b",
        "e|E": () => "\x1B",
        "f": () => "\f",
        "n": () => "\n",
        "r": () => "\r",
        "t": () => "	",
        "v": () => "\v",
        // Octal bytes
        "([0-7]{1,3})": (x) => String.fromCharCode(parseInt(x, 8)),
        // Hexadecimal bytes
        "x([0-9a-fA-F]{1,2})": (x) => String.fromCharCode(parseInt(x, 16)),
        // Unicode code units
        "u([0-9a-fA-F]{1,4})": (x) => String.fromCharCode(parseInt(x, 16)),
        "U([0-9a-fA-F]{1,8})": (x) => String.fromCharCode(parseInt(x, 16)),
        // Control characters
        // https://en.wikipedia.org/wiki/Control_character#How_control_characters_map_to_keyboards
        "c(.)": (x) => {
          if (x === "?") {
            return "\x7F";
          } else if (x === "@") {
            return "\0";
          } else {
            return String.fromCharCode(x.charCodeAt(0) & 31);
          }
        }
      };
      const re = new RegExp(
        anyEscape + "(" + Object.keys(patterns).join("|") + ")",
        "g"
      );
      return string.replace(re, function(m, p1) {
        for (const matched in patterns) {
          const mm = new RegExp("^" + matched + "$").exec(p1);
          if (mm === null) {
            continue;
          }
          return patterns[matched].apply(null, mm.slice(1));
        }
      });
    }
    return void 0;
  }
  *[Symbol.iterator]() {
    let inQuote = false;
    let inDollarQuote = false;
    let escaped = false;
    let lastDollar = -2;
    let token;
    if (this.debug) {
      console.log("full input:", ">" + this.string + "<");
    }
    while (true) {
      const pos = this.i;
      const char = this.readChar();
      if (this.debug) {
        console.log(
          "position:",
          pos,
          "input:",
          ">" + char + "<",
          "accumulated:",
          token,
          "inQuote:",
          inQuote,
          "inDollarQuote:",
          inDollarQuote,
          "lastDollar:",
          lastDollar,
          "escaped:",
          escaped
        );
      }
      if (char === "") {
        if (inQuote) {
          throw new Error("Got EOF while in a quoted string");
        }
        if (escaped) {
          throw new Error("Got EOF while in an escape sequence");
        }
        if (token !== void 0) {
          yield token;
        }
        return;
      }
      if (escaped) {
        if (char === "\n") {
        } else if (inQuote) {
          token = (token || "") + escaped + char;
        } else {
          token = (token || "") + char;
        }
        escaped = false;
        continue;
      }
      if (this.escapes.includes(char)) {
        if (!inQuote || inDollarQuote !== false || this.escapedQuotes.includes(inQuote)) {
          escaped = char;
          continue;
        } else {
        }
      }
      if (inQuote !== false) {
        if (char === inQuote) {
          token = this.processEscapes(token, inQuote, inDollarQuote === "'");
          inQuote = false;
          inDollarQuote = false;
          continue;
        }
        token = (token || "") + char;
        continue;
      }
      if (this.quotes.includes(char)) {
        inQuote = char;
        if (lastDollar === pos - 1) {
          if (char === "'" && !this.ansiCQuotes) {
          } else if (char === '"' && !this.localeQuotes) {
          } else {
            inDollarQuote = char;
          }
        }
        token = token || "";
        if (inDollarQuote !== false) {
          token = token.slice(0, -1);
        }
        continue;
      }
      if (inQuote === false && char === "$") {
        lastDollar = pos;
      }
      if (this.whitespace.includes(char)) {
        if (token !== void 0) {
          yield token;
        }
        token = void 0;
        continue;
      }
      token = (token || "") + char;
    }
  }
};
function split(s) {
  return Array.from(new Shlexer(s));
}

// server/project/iniValues.ts
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
  try {
    return split(item);
  } catch {
    return void 0;
  }
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

// server/project/iniFiles.ts
var ProjectConfigError = class extends UserError {
  constructor(message) {
    super(message, 2);
    this.name = "ProjectConfigError";
  }
};
var INI_NAME = "platformio.ini";
var MAX_INI_BYTES = 16 << 20;
function readIniFile(projectDir) {
  const given = resolve(projectDir);
  let isFile = false;
  try {
    isFile = statSync(given).isFile();
  } catch {
  }
  const file = isFile ? given : join(given, INI_NAME);
  let text;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new ProjectConfigError(`${file} is not a regular file; make ${INI_NAME} a plain text file`);
    if (st.size > MAX_INI_BYTES) throw new ProjectConfigError(`${file} is ${st.size} bytes; a ${INI_NAME} over 16 MiB is not read`);
    text = readFileSync(file, "utf8");
  } catch (err) {
    if (err instanceof ProjectConfigError) throw err;
    const code = err.code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") {
      throw new ProjectConfigError(`no ${INI_NAME} in ${given}; run fbuild in a PlatformIO project directory or pass its path`);
    }
    throw new ProjectConfigError(`cannot read ${file}: ${err.message}; check its permissions`);
  }
  return { file, text };
}
function readExtraConfigs(projectDir, pattern) {
  const expanded = pattern.startsWith("~") ? join(homedir(), pattern.slice(1)) : pattern;
  return globFiles(projectDir, expanded).map((path) => {
    try {
      return { path, text: readFileSync(path, "utf8") };
    } catch (err) {
      throw new ProjectConfigError(`cannot read extra config ${path}: ${err.message}; fix extra_configs in [platformio]`);
    }
  });
}
function globFiles(baseDir, pattern) {
  const abs = isAbsolute(pattern) ? pattern : join(baseDir, pattern);
  if (!/[*?[]/.test(abs)) {
    try {
      return statSync(abs).isFile() ? [abs] : [];
    } catch {
      return [];
    }
  }
  const parts = abs.split("/").filter((p) => p !== "");
  const out = [];
  const walk = (dir, i) => {
    if (i === parts.length) {
      try {
        if (statSync(dir).isFile()) out.push(dir);
      } catch {
      }
      return;
    }
    const part = parts[i];
    if (!/[*?[]/.test(part)) return walk(join(dir, part), i + 1);
    let names;
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    if (part === "**") {
      walk(dir, i + 1);
      for (const n of names) if (!n.startsWith(".") && isDir(join(dir, n))) walk(join(dir, n), i);
      return;
    }
    const re = segmentRegExp(part);
    for (const n of names) if (re.test(n)) walk(join(dir, n), i + 1);
  };
  walk("/", 0);
  return [...new Set(out)];
}
function isDir(p) {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
function segmentRegExp(part) {
  let re = part.startsWith(".") ? "" : "(?!\\.)";
  for (let i = 0; i < part.length; i++) {
    const c = part[i];
    if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const end = part.indexOf("]", i + 1);
      if (end < 0) re += "\\[";
      else {
        const body = part.slice(i + 1, end);
        re += `[${body.startsWith("!") ? "^" + body.slice(1) : body}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}
function mergeExtraConfigs(parsed, absPath, extraConfigs) {
  const patterns = parsed.sections.get("platformio")?.entries.get("extra_configs");
  const extraPaths = [];
  for (const pattern of patterns ? toItems(patterns.lines.join("\n")).flatMap(splitList) : []) {
    for (const extra of extraConfigs(pattern)) {
      if (extra.path === absPath || extraPaths.includes(extra.path)) continue;
      extraPaths.push(extra.path);
      mergeIni(parsed, parseIni(extra.text, relative(dirname(absPath), extra.path) || basename(extra.path)));
    }
  }
  return extraPaths;
}
var KEYISH = /^[A-Za-z_][\w.-]*$/;
function mergeIni(into, extra) {
  for (const [name, section] of extra.sections) {
    const known = into.sections.get(name);
    if (!known) into.sections.set(name, section);
    else for (const [key, entry] of section.entries) known.entries.set(key, entry);
  }
}
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
      if (!content.endsWith("]")) fail(lineNo, `malformed section header '${excerpt(content)}'; write it as [name]`);
      const name = content.slice(1, -1).trim();
      if (name === "" || name === "env:") fail(lineNo, `empty section name in '${excerpt(content)}'; name the section`);
      const prev = sections.get(name);
      if (prev) fail(lineNo, `duplicate section [${excerpt(name)}] (first on line ${prev.line}); merge the two sections`);
      section = { name, line: lineNo, entries: /* @__PURE__ */ new Map() };
      sections.set(name, section);
      entry = void 0;
      continue;
    }
    const eq = content.indexOf("=");
    const key = eq >= 0 ? content.slice(0, eq).trim() : "";
    if (key !== "" && (!indented || KEYISH.test(key))) {
      if (!section) return fail(lineNo, `key '${excerpt(key)}' outside any section; put it under a [section] header`);
      const prev = section.entries.get(key);
      if (prev) {
        fail(lineNo, `duplicate key '${excerpt(key)}' in [${section.name}] (first on line ${prev.line}); keep only one`);
      }
      const value = content.slice(eq + 1).trim();
      entry = { key, line: lineNo, lines: value === "" ? [] : [value] };
      section.entries.set(key, entry);
      continue;
    }
    if (indented) {
      fail(lineNo, `continuation line '${excerpt(content)}' before any key; put it under a 'key =' line or remove the indentation`);
    }
    fail(lineNo, `cannot parse '${excerpt(content)}'; expected [section], key = value, an indented continuation line or a ; comment`);
  }
  return { fileName, sections };
}
function stripInlineComment(line) {
  const m = /\s;/.exec(line);
  return m ? line.slice(0, m.index) : line;
}

// server/project/iniInterpolation.ts
import { homedir as homedir2 } from "node:os";
import { basename as basename2, dirname as dirname2, join as join2 } from "node:path";

// server/project/projectOptions.ts
var KNOWN_ENV_KEYS = /* @__PURE__ */ new Set([
  "platform",
  "platform_packages",
  "board",
  "framework",
  "board_build.mcu",
  "board_build.f_cpu",
  "board_build.f_flash",
  "board_build.flash_mode",
  "build_type",
  "build_flags",
  "build_src_flags",
  "build_unflags",
  "build_src_filter",
  "targets",
  "upload_port",
  "upload_protocol",
  "upload_speed",
  "upload_flags",
  "upload_resetmethod",
  "upload_command",
  "monitor_port",
  "monitor_speed",
  "monitor_parity",
  "monitor_filters",
  "monitor_rts",
  "monitor_dtr",
  "monitor_eol",
  "monitor_raw",
  "monitor_echo",
  "monitor_encoding",
  "lib_deps",
  "lib_ignore",
  "lib_extra_dirs",
  "lib_ldf_mode",
  "lib_compat_mode",
  "lib_archive",
  "check_tool",
  "check_src_filters",
  "check_flags",
  "check_severity",
  "check_skip_packages",
  "test_framework",
  "test_filter",
  "test_ignore",
  "test_port",
  "test_speed",
  "test_build_src",
  "test_testing_command",
  "debug_tool",
  "debug_build_flags",
  "debug_init_break",
  "debug_init_cmds",
  "debug_extra_cmds",
  "debug_load_cmds",
  "debug_load_mode",
  "debug_server",
  "debug_port",
  "debug_speed",
  "debug_svd_path",
  "debug_server_ready_pattern",
  "debug_test",
  "extends",
  "extra_scripts",
  // old names
  "board_mcu",
  "board_f_cpu",
  "board_f_flash",
  "board_flash_mode",
  "src_build_flags",
  "src_filter",
  "monitor_baud",
  "check_patterns",
  "test_build_project_src",
  "extra_script"
]);
var MULTIPLE_ENV_OPTIONS = /* @__PURE__ */ new Set([
  "platform_packages",
  "framework",
  "build_flags",
  "build_src_flags",
  "build_unflags",
  "build_src_filter",
  "targets",
  "upload_flags",
  "monitor_filters",
  "lib_deps",
  "lib_ignore",
  "lib_extra_dirs",
  "check_tool",
  "check_src_filters",
  "check_flags",
  "check_severity",
  "test_filter",
  "test_ignore",
  "test_testing_command",
  "debug_build_flags",
  "debug_init_cmds",
  "debug_extra_cmds",
  "debug_load_cmds",
  "debug_server",
  "extends",
  "extra_scripts"
]);
var ENV_OPTION_DEFAULTS = {
  build_type: "release",
  build_src_filter: "+<*> -<.git/> -<.svn/>",
  monitor_speed: "9600",
  monitor_parity: "N",
  monitor_eol: "CRLF",
  monitor_raw: "False",
  monitor_echo: "False",
  monitor_encoding: "UTF-8",
  lib_ldf_mode: "chain",
  lib_compat_mode: "soft",
  lib_archive: "True",
  check_tool: "cppcheck",
  check_severity: "low\nmedium\nhigh",
  check_skip_packages: "False",
  test_framework: "unity",
  test_speed: "115200",
  test_build_src: "False",
  debug_build_flags: "-Og\n-g2\n-ggdb2",
  debug_init_break: "tbreak main",
  debug_load_cmds: "load",
  debug_load_mode: "always"
};
var OLD_NAMES = {
  "board_build.mcu": "board_mcu",
  "board_build.f_cpu": "board_f_cpu",
  "board_build.f_flash": "board_f_flash",
  "board_build.flash_mode": "board_flash_mode",
  build_src_flags: "src_build_flags",
  build_src_filter: "src_filter",
  monitor_speed: "monitor_baud",
  check_src_filters: "check_patterns",
  test_build_src: "test_build_project_src",
  extra_scripts: "extra_script"
};
var BOOL_ENV_OPTIONS = /* @__PURE__ */ new Set([
  "monitor_raw",
  "monitor_echo",
  "lib_archive",
  "check_skip_packages",
  "test_build_src"
]);
function envOptionName(key) {
  if (!KNOWN_ENV_KEYS.has(key)) return void 0;
  return Object.entries(OLD_NAMES).find(([, old]) => old === key)?.[0] ?? key;
}
function envOptionDefault(key) {
  const name = envOptionName(key);
  if (name === void 0) return void 0;
  return ENV_OPTION_DEFAULTS[name] ?? (MULTIPLE_ENV_OPTIONS.has(name) ? "" : "None");
}
function castEnvOptionValue(key, value) {
  const name = envOptionName(key);
  if (name === void 0 || !BOOL_ENV_OPTIONS.has(name)) return value;
  const v = value.trim().toLowerCase();
  if (["1", "true", "t", "yes", "y", "on"].includes(v)) return "True";
  if (["0", "false", "f", "no", "n", "off"].includes(v)) return "False";
  return value;
}

// server/project/iniInterpolation.ts
var MAX_VALUE_CHARS = 1 << 20;
var REFERENCE = /\$\{([^}]*)\}/g;
var ResolvedIni = class {
  constructor(parsed, path, sysenv) {
    this.sysenv = sysenv;
    this.fileName = parsed.fileName;
    this.sections = parsed.sections;
    this.projectDir = dirname2(path);
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
    const appended = appendedVariable(root, key);
    const found = this.lookup(root, key) ?? (appended?.oldKey !== void 0 ? this.lookup(root, appended.oldKey) : void 0);
    let value;
    const fromSysenv = root === "platformio" && key.endsWith("_dir") ? this.sysenv[`PLATFORMIO_${key.toUpperCase()}`] : void 0;
    if (fromSysenv) value = fromSysenv;
    else if (found) {
      const frames = [...stack, { id, label, line: found.entry.line }];
      value = this.interpolate(found.entry.lines.join("\n"), ctx, found.entry, frames);
    } else if (root === "platformio" && !appended) {
      value = this.platformioDefault(key, [...stack, { id, label, line: stack[stack.length - 1]?.line ?? 0 }]);
    }
    const extra = appended ? this.sysenv[appended.variable] || (appended.oldVariable ? this.sysenv[appended.oldVariable] : "") : "";
    if (extra) {
      const origin = found?.entry ?? { key, lines: [extra], line: stack[stack.length - 1]?.line ?? 0 };
      const more = this.interpolate(extra, ctx, origin, [...stack, { id, label, line: origin.line }]);
      value = value ? `${value}
${more}` : more;
    }
    this.values.set(id, value);
    return value;
  }
  interpolate(text, ctx, origin, stack) {
    if (!text.includes("${")) return text;
    const unclosed = /\$\{[^}]*$/.exec(text);
    if (unclosed) this.fail(origin.line, `unclosed reference '${excerpt(unclosed[0])}' in '${origin.key}'; end it with '}'`);
    let total = text.length;
    const tooLong = () => this.fail(origin.line, `the value of '${origin.key}' expands to over ${MAX_VALUE_CHARS} characters; reference fewer values in it`);
    const expanded = text.replace(REFERENCE, (whole, inner) => {
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
        const envScope = section === "env" || section.startsWith("env:");
        if (!this.sections.has(section) && !(envScope && envOptionDefault(key) !== void 0)) {
          this.fail(origin.line, `unknown section '${section}' in ${whole}; define [${section}] or fix the reference`);
        }
        root = section;
        if (section.startsWith("env:")) nextCtx = section.slice(4);
      }
      const isEnv = root === "env" || root.startsWith("env:");
      const set = this.valueOf(nextCtx, root, key, stack);
      const value = isEnv ? set !== void 0 ? castEnvOptionValue(key, set) : envOptionDefault(key) : set;
      if (value === void 0) {
        const where = section === "this" ? `environment '${ctx}'` : `[${section}]`;
        const fix = section === "this" ? `set ${key} for that environment` : `define ${key} in [${section}]`;
        this.fail(origin.line, `unknown option '${key}' of ${where} in ${whole}; ${fix} or fix the reference`);
      }
      if ((total += value.length) > MAX_VALUE_CHARS) tooLong();
      return value;
    });
    return expanded;
  }
  /** PlatformIO's defaults for the `[platformio]` directory options, for `${platformio.*_dir}`. */
  platformioDefault(key, stack) {
    const dir = (name) => this.valueOf(void 0, "platformio", name, stack);
    switch (key) {
      case "core_dir":
        return this.sysenv.PLATFORMIO_CORE_DIR || join2(this.sysenv.HOME || this.sysenv.USERPROFILE || homedir2(), ".platformio");
      case "packages_dir":
        return join2(dir("core_dir"), "packages");
      case "platforms_dir":
        return join2(dir("core_dir"), "platforms");
      case "globallib_dir":
        return join2(dir("core_dir"), "lib");
      case "cache_dir":
        return join2(dir("core_dir"), ".cache");
      case "workspace_dir":
        return join2(this.projectDir, ".pio");
      case "build_dir":
        return join2(dir("workspace_dir"), "build");
      case "libdeps_dir":
        return join2(dir("workspace_dir"), "libdeps");
      case "include_dir":
      case "src_dir":
      case "lib_dir":
      case "data_dir":
      case "test_dir":
      case "boards_dir":
      case "monitor_dir":
      case "shared_dir":
        return join2(this.projectDir, key.slice(0, -"_dir".length));
      // options.py: the project's name is its folder's; the others have no default (`None`).
      case "name":
        return basename2(this.projectDir);
      case "description":
      case "build_cache_dir":
        return "None";
      case "default_envs":
      case "extra_configs":
        return "";
      default:
        return void 0;
    }
  }
};
var ENV_OPTION_VARIABLES = {
  build_flags: { variable: "PLATFORMIO_BUILD_FLAGS" },
  build_src_flags: { variable: "PLATFORMIO_BUILD_SRC_FLAGS", oldKey: "src_build_flags", oldVariable: "PLATFORMIO_SRC_BUILD_FLAGS" },
  build_unflags: { variable: "PLATFORMIO_BUILD_UNFLAGS" },
  build_src_filter: { variable: "PLATFORMIO_BUILD_SRC_FILTER", oldKey: "src_filter", oldVariable: "PLATFORMIO_SRC_FILTER" },
  lib_extra_dirs: { variable: "PLATFORMIO_LIB_EXTRA_DIRS" },
  extra_scripts: { variable: "PLATFORMIO_EXTRA_SCRIPTS", oldKey: "extra_script", oldVariable: "PLATFORMIO_EXTRA_SCRIPT" }
};
var DEFAULT_ENVS_VARIABLE = { variable: "PLATFORMIO_DEFAULT_ENVS", oldKey: "env_default" };
function appendedVariable(root, key) {
  if (root === "platformio") return key === "default_envs" ? DEFAULT_ENVS_VARIABLE : void 0;
  return root === "env" || root.startsWith("env:") ? ENV_OPTION_VARIABLES[key] : void 0;
}

// server/project/projectEnv.ts
import { homedir as homedir3 } from "node:os";
import { join as join3, resolve as resolve2 } from "node:path";

// server/project/platformSpec.ts
function parsePlatformSpec(raw) {
  const text = raw.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.startsWith("/") || text.startsWith(".") || text.startsWith("~")) {
    const path = text.split(/[#?]/)[0].replace(/\/+$/, "");
    const last = path.slice(path.lastIndexOf("/") + 1);
    const name2 = last.replace(/\.(git|zip|tar\.gz|tgz|tar\.bz2|tar\.xz)$/i, "").replace(/^platform-/, "");
    return { name: name2.toLowerCase(), uri: text };
  }
  const at = text.indexOf("@");
  const spec = at >= 0 ? text.slice(0, at).trim() : text;
  const requirements = at >= 0 ? text.slice(at + 1).trim() : void 0;
  const name = spec.slice(spec.lastIndexOf("/") + 1).trim();
  return { name, ...requirements ? { requirements } : {} };
}
function platformNotice(raw, version) {
  const spec = parsePlatformSpec(raw);
  const rules = `fbuild builds with platform-${spec.name} ${version}'s flags and its own packages`;
  if (spec.uri) return `platform = ${raw.trim()}: ${rules}, not that platform's`;
  if (!spec.requirements) return void 0;
  try {
    if (satisfiesRequirement(version, spec.requirements)) return void 0;
  } catch (e) {
    if (!(e instanceof RequirementError)) throw e;
  }
  return `platform = ${raw.trim()}: ${rules}, which that requirement does not allow`;
}

// server/project/projectEnv.ts
var LDF_MODES = ["off", "chain", "deep", "chain+", "deep+"];
var COMPAT_MODES = ["off", "soft", "strict"];
var CUSTOM_PREFIXES = ["custom_", "board_"];
function buildEnv(ini, name) {
  const root = `env:${name}`;
  const keys = [];
  for (const section of ini.chainOf(root)) {
    for (const key of ini.sections.get(section).entries.keys()) {
      if (!keys.includes(key)) keys.push(key);
    }
  }
  for (const [key, v] of Object.entries(ENV_OPTION_VARIABLES)) {
    if (!keys.includes(key) && (ini.sysenv[v.variable] || v.oldVariable && ini.sysenv[v.oldVariable])) keys.push(key);
  }
  const raw = Object.fromEntries(keys.map((key) => [key, toItems(ini.valueOf(name, root, key, []) ?? "")]));
  const lineOf = (key) => ini.lookup(root, key)?.entry.line ?? 0;
  const scalar = (key) => {
    const items = raw[key];
    return items && items.length > 0 ? items.join(", ") : void 0;
  };
  const list = (key) => (raw[key] ?? []).flatMap(splitList);
  const flagsOf = (key) => {
    const out = [];
    for (const item of raw[key] ?? []) {
      const words = shellWords(item);
      if (words === void 0) {
        ini.fail(lineOf(key), `unterminated quote in ${key} item '${excerpt(item)}'; close the quote or escape it with \\`);
      }
      out.push(...words);
    }
    return out;
  };
  const buildFlags = flagsOf("build_flags");
  const buildSrcFlags = flagsOf(raw.build_src_flags !== void 0 ? "build_src_flags" : "src_build_flags");
  const choice = (key, choices, fallback) => {
    const v = scalar(key)?.toLowerCase();
    if (v === void 0) return fallback;
    if (choices.includes(v)) return v;
    return ini.fail(lineOf(key), `${key} = ${v} is not one of ${choices.join(", ")}; choose one`);
  };
  const archive = scalar("lib_archive")?.toLowerCase();
  if (archive !== void 0 && !["yes", "no", "true", "false", "1", "0", "on", "off"].includes(archive)) {
    ini.fail(lineOf("lib_archive"), `lib_archive = ${archive} is not a yes/no value; write lib_archive = no or remove it`);
  }
  const scriptsKey = raw.extra_scripts !== void 0 ? "extra_scripts" : "extra_script";
  const unknownKeys = keys.filter((k) => !KNOWN_ENV_KEYS.has(k) && !CUSTOM_PREFIXES.some((p) => k.startsWith(p)));
  const filterKey = raw.build_src_filter !== void 0 ? "build_src_filter" : "src_filter";
  const buildSrcFilter = [];
  for (const item of raw[filterKey] ?? []) {
    const tokens = filterTokens(item);
    if (typeof tokens === "string") {
      ini.fail(
        lineOf(filterKey),
        `${filterKey} item '${tokens}' is not a +<pattern> or -<pattern>; write it as +<${tokens}> or -<${tokens}>`
      );
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
    unknownKeys,
    buildSrcFlags,
    libExtraDirs: list("lib_extra_dirs").map((d) => resolve2(ini.projectDir, d.startsWith("~") ? join3(homedir3(), d.slice(1)) : d)),
    libLdfMode: choice("lib_ldf_mode", LDF_MODES, "chain"),
    libCompatMode: choice("lib_compat_mode", COMPAT_MODES, "soft"),
    libArchive: archive === void 0 || ["yes", "true", "1", "on"].includes(archive),
    libArchiveSet: archive !== void 0,
    libLdfModeSet: raw.lib_ldf_mode !== void 0,
    extraScripts: list(scriptsKey).map((s) => s.replace(/^(pre|post):/, "")),
    warnings: unknownKeys.map(
      (k) => `ignoring unknown option '${k}' in [env:${name}] (PlatformIO does not know it either); remove it or fix its name`
    )
  };
  const platform = scalar("platform");
  const board = scalar("board");
  const framework = scalar("framework");
  if (platform !== void 0) {
    env.platform = parsePlatformSpec(platform).name;
    if (env.platform !== platform) env.platformSpec = platform;
  }
  if (board !== void 0) env.board = board;
  if (framework !== void 0) env.framework = framework;
  return env;
}

// server/project/platformioIni.ts
var KNOWN_PLATFORMIO_KEYS = /* @__PURE__ */ new Set([
  "name",
  "description",
  "default_envs",
  "env_default",
  "extra_configs",
  "core_dir",
  "globallib_dir",
  "platforms_dir",
  "packages_dir",
  "cache_dir",
  "build_cache_dir",
  "workspace_dir",
  "build_dir",
  "libdeps_dir",
  "include_dir",
  "src_dir",
  "lib_dir",
  "data_dir",
  "test_dir",
  "boards_dir",
  "monitor_dir",
  "shared_dir"
]);
function readProjectConfig(projectDir, sysenv = process.env) {
  const { file, text } = readIniFile(projectDir);
  return parseProjectConfig(text, file, sysenv, (pattern) => readExtraConfigs(dirname3(file), pattern));
}
function parseProjectConfig(text, path, sysenv = process.env, extraConfigs = () => []) {
  const absPath = resolve3(path);
  const parsed = parseIni(text, basename3(absPath));
  const extraPaths = mergeExtraConfigs(parsed, absPath, extraConfigs);
  const ini = new ResolvedIni(parsed, absPath, sysenv);
  const envNames = [...ini.sections.keys()].filter((s) => s.startsWith("env:")).map((s) => s.slice(4));
  const defaultEnvs = splitList(ini.valueOf(void 0, "platformio", "default_envs", []) ?? "");
  const dir = (key) => resolve3(dirname3(absPath), ini.valueOf(void 0, "platformio", key, []));
  const buildDirSet = ini.lookup("platformio", "build_dir") !== void 0 || !!sysenv.PLATFORMIO_BUILD_DIR;
  const dirs = {
    src: dir("src_dir"),
    include: dir("include_dir"),
    lib: dir("lib_dir"),
    libdeps: dir("libdeps_dir"),
    build: buildDirSet ? dir("build_dir") : join4(dirname3(absPath), ".fbuild", "build"),
    test: dir("test_dir"),
    data: dir("data_dir"),
    boards: dir("boards_dir")
  };
  const platformioSection = ini.sections.get("platformio");
  const warnings = [...platformioSection?.entries.keys() ?? []].filter((k) => !KNOWN_PLATFORMIO_KEYS.has(k)).map((k) => `ignoring unknown option '${k}' in [platformio] (PlatformIO does not know it either); remove it or fix its name`);
  const cache = /* @__PURE__ */ new Map();
  return {
    path: absPath,
    defaultEnvs,
    envNames,
    dirs,
    extraConfigs: extraPaths,
    warnings,
    env(name) {
      const cached = cache.get(name);
      if (cached) return cached;
      if (!envNames.includes(name)) {
        const known = envNames.length > 0 ? envNames.join(", ") : "(none)";
        throw new ProjectConfigError(`unknown environment '${name}' in ${ini.fileName}; known: ${known}`);
      }
      const env = buildEnv(ini, name);
      cache.set(name, env);
      return env;
    }
  };
}

export {
  splitList,
  shellWords,
  filterTokens,
  ProjectConfigError,
  segmentRegExp,
  platformNotice,
  readProjectConfig
};
