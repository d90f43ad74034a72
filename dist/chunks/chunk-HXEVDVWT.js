import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  RequirementError,
  satisfiesRequirement
} from "./chunk-IK4PVOP5.js";
import {
  ProjectConfigError,
  filterTokens,
  mergeExtraConfigs,
  parseIni,
  readExtraConfigs,
  readIniFile,
  shellWords,
  splitLibDeps,
  splitList,
  toItems
} from "./chunk-54IFNC2C.js";
import {
  excerpt
} from "./chunk-K5XHDEBM.js";

// server/project/platformioIni.ts
import { basename as basename2, dirname as dirname2, join as join3, resolve as resolve2 } from "node:path";

// server/project/iniInterpolation.ts
import { homedir } from "node:os";
import { basename, dirname, join } from "node:path";

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
      // options.py: the project's name is its folder's; the others have no default (`None`).
      case "name":
        return basename(this.projectDir);
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
import { homedir as homedir2 } from "node:os";
import { join as join2, resolve } from "node:path";

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
    libExtraDirs: list("lib_extra_dirs").map((d) => resolve(ini.projectDir, d.startsWith("~") ? join2(homedir2(), d.slice(1)) : d)),
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
  return parseProjectConfig(text, file, sysenv, (pattern) => readExtraConfigs(dirname2(file), pattern));
}
function parseProjectConfig(text, path, sysenv = process.env, extraConfigs = () => []) {
  const absPath = resolve2(path);
  const parsed = parseIni(text, basename2(absPath));
  const extraPatterns = [];
  const extraPaths = mergeExtraConfigs(parsed, absPath, (pattern) => {
    extraPatterns.push(pattern);
    return extraConfigs(pattern);
  });
  const ini = new ResolvedIni(parsed, absPath, sysenv);
  const envNames = [...ini.sections.keys()].filter((s) => s.startsWith("env:")).map((s) => s.slice(4));
  const defaultEnvs = splitList(ini.valueOf(void 0, "platformio", "default_envs", []) ?? "");
  const dir = (key) => resolve2(dirname2(absPath), ini.valueOf(void 0, "platformio", key, []));
  const buildDirSet = ini.lookup("platformio", "build_dir") !== void 0 || !!sysenv.PLATFORMIO_BUILD_DIR;
  const dirs = {
    src: dir("src_dir"),
    include: dir("include_dir"),
    lib: dir("lib_dir"),
    libdeps: dir("libdeps_dir"),
    build: buildDirSet ? dir("build_dir") : join3(dirname2(absPath), ".fbuild", "build"),
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
    extraConfigPatterns: extraPatterns,
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
  platformNotice,
  readProjectConfig
};
