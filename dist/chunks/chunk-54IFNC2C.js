import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  UserError,
  excerpt
} from "./chunk-K5XHDEBM.js";

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
import { readdirSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
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

export {
  toItems,
  splitList,
  splitLibDeps,
  shellWords,
  filterTokens,
  ProjectConfigError,
  readIniFile,
  readExtraConfigs,
  segmentRegExp,
  mergeExtraConfigs,
  parseIni
};
