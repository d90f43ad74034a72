import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  readLibraryManifest
} from "./chunk-3ZKWZ7A5.js";
import {
  readProjectConfig
} from "./chunk-HXEVDVWT.js";
import {
  segmentRegExp
} from "./chunk-54IFNC2C.js";
import {
  findBoard,
  findEsp32Board,
  unknownBoardHint
} from "./chunk-HJM5M4WC.js";
import {
  pLimit
} from "./chunk-CZYVUOHA.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";

// server/engine/examplesSession.ts
import { existsSync as existsSync2, lstatSync, mkdirSync as mkdirSync2, readdirSync as readdirSync3, readlinkSync, realpathSync, rmSync as rmSync2, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join as join3, relative as relative2, resolve } from "node:path";

// server/util/mirrorTree.ts
import { copyFileSync, linkSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
var MAX_DEPTH = 24;
function mirrorTree(src, dest, skip = /* @__PURE__ */ new Set()) {
  rmSync(dest, { recursive: true, force: true });
  const walk = (from, to, depth) => {
    mkdirSync(to, { recursive: true });
    for (const name of readdirSync(from)) {
      if (depth === 0 && skip.has(name)) continue;
      const a = join(from, name);
      let st;
      try {
        st = statSync(a);
      } catch {
        continue;
      }
      const b = join(to, name);
      if (st.isDirectory()) {
        if (depth < MAX_DEPTH) walk(a, b, depth + 1);
      } else if (st.isFile()) {
        try {
          linkSync(a, b);
        } catch {
          copyFileSync(a, b);
        }
      }
    }
  };
  walk(src, dest, 0);
}

// server/project/exampleSketches.ts
import { existsSync, readdirSync as readdirSync2, statSync as statSync2 } from "node:fs";
import { basename, join as join2, relative, sep } from "node:path";
var EXAMPLE_ROOTS = ["examples", "example"];
var SKIP = /* @__PURE__ */ new Set([".git", ".svn", ".pio", ".fbuild", "node_modules"]);
var MAX_DEPTH2 = 12;
var isDir = (p) => {
  try {
    return statSync2(p).isDirectory();
  } catch {
    return false;
  }
};
var rel = (root, p) => relative(root, p).split(sep).join("/");
function exampleAt(libraryDir, dir) {
  const name = basename(dir);
  if (existsSync(join2(dir, `${name}.ino`)) || existsSync(join2(dir, `${name}.pde`))) {
    return { name, path: rel(libraryDir, dir), kind: "arduino", srcDir: dir };
  }
  if (existsSync(join2(dir, "platformio.ini"))) {
    let dirs;
    try {
      dirs = readProjectConfig(dir, {}).dirs;
    } catch (e) {
      throw new UserError(`example ${rel(libraryDir, dir)}: ${e.message}`);
    }
    return {
      name,
      path: rel(libraryDir, dir),
      kind: "platformio",
      srcDir: dirs.src,
      ...isDir(dirs.include) ? { includeDir: dirs.include } : {},
      ...isDir(dirs.lib) ? { libDir: dirs.lib } : {}
    };
  }
  return void 0;
}
function findExampleSketches(libraryDir) {
  const found = [];
  const walk = (dir, depth) => {
    const here = depth > 0 ? exampleAt(libraryDir, dir) : void 0;
    if (here) {
      found.push(here);
      return;
    }
    if (depth >= MAX_DEPTH2) return;
    let names;
    try {
      names = readdirSync2(dir).sort();
    } catch {
      return;
    }
    for (const n of names) if (!SKIP.has(n) && isDir(join2(dir, n))) walk(join2(dir, n), depth + 1);
  };
  for (const root of EXAMPLE_ROOTS) if (isDir(join2(libraryDir, root))) walk(join2(libraryDir, root), 0);
  return found.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}
function globMatcher(pattern) {
  const segments = pattern.replace(/^\.\//, "").replace(/\/+$/, "").split("/");
  const re = segments.map((seg, i) => {
    const last = i === segments.length - 1;
    if (seg === "**") return last ? ".*" : "(?:[^/]+/)*";
    return segmentRegExp(seg).source.slice(1, -1) + (last ? "" : "/");
  }).join("");
  const whole = new RegExp(`^${re}$`);
  return (path) => whole.test(path);
}
function selectExamples(all, include, exclude) {
  const matches = (patterns) => {
    const ms = patterns.map(globMatcher);
    return (e) => ms.some((m) => m(e.path) || m(e.name));
  };
  const included = include.length ? matches(include) : () => true;
  const excluded = matches(exclude);
  return all.filter((e) => included(e) && !excluded(e));
}
function libraryDependencySpecs(libraryDir) {
  return readLibraryManifest(libraryDir).dependencies.map((d) => {
    const name = d.owner ? `${d.owner}/${d.name}` : d.name;
    const version = d.version?.replace(/^=(?!=)/, "==");
    return version && version !== "*" ? `${name}@${version}` : name;
  });
}
function libraryName(libraryDir) {
  return readLibraryManifest(libraryDir).name ?? basename(libraryDir);
}

// server/engine/examplesSession.ts
var EXAMPLES_WORK_DIR = ".pio/examples";
function platformOf(board) {
  if (findBoard(board)) return "atmelavr";
  if (findEsp32Board(board)) return "espressif32";
  throw new UserError(`unknown board '${board}'; ${unknownBoardHint(board)}`);
}
function linkTo(link, target) {
  const want = relative2(dirname(link), target) || ".";
  try {
    if (lstatSync(link).isSymbolicLink() && readlinkSync(link) === want) return;
    rmSync2(link, { recursive: true, force: true });
  } catch {
  }
  mkdirSync2(dirname(link), { recursive: true });
  symlinkSync(want, link, "dir");
}
var NOT_THE_LIBRARY = /* @__PURE__ */ new Set([".git", ".github", ".pio", ".fbuild", ".vscode", "node_modules", "examples", "example"]);
var cellDirOf = (workDir, board, example) => join3(workDir, board, ...example.path.split("/"));
function writeCellProject(plan, lib, libDeps) {
  const { example, board, dir: cellDir } = plan;
  mkdirSync2(cellDir, { recursive: true });
  linkTo(join3(cellDir, "src"), example.srcDir);
  if (example.includeDir) linkTo(join3(cellDir, "include"), example.includeDir);
  else rmSync2(join3(cellDir, "include"), { recursive: true, force: true });
  rmSync2(join3(cellDir, "lib"), { recursive: true, force: true });
  mirrorTree(lib.dir, join3(cellDir, "lib", lib.folder), NOT_THE_LIBRARY);
  if (example.libDir) {
    for (const name of readdirSync3(example.libDir)) mirrorTree(join3(example.libDir, name), join3(cellDir, "lib", name));
  }
  const installed = plan.firstDir && join3(plan.firstDir, ".pio", "libdeps", board);
  if (installed && libDeps.length && existsSync2(installed)) mirrorTree(installed, join3(cellDir, ".pio", "libdeps", board));
  const ini = [
    `; Written by fbuild examples: ${example.path} for ${board}. Rewritten on every run.`,
    `[env:${board}]`,
    `platform = ${platformOf(board)}`,
    `board = ${board}`,
    "framework = arduino",
    ...libDeps.length ? ["lib_deps =", ...libDeps.map((d) => `    ${d}`)] : [],
    ""
  ].join("\n");
  writeFileSync(join3(cellDir, "platformio.ini"), ini);
  return cellDir;
}
var ERROR_LINE = /(\berror\b:|undefined reference to|multiple definition of)/;
var WARNING_LINE = /\bwarning:/;
var CellLog = class {
  constructor(example) {
    this.example = example;
  }
  example;
  diagnostics = "";
  firstError;
  fbuildError;
  warnings = 0;
  result;
  handle(e) {
    if (e.type === "unit" || e.type === "link") {
      if (e.stderr) this.diagnose(e.stderr);
    } else if (e.type === "warning") this.diagnostics += `fbuild: warning: ${e.message}
`;
    else if (e.type === "error") this.fbuildError = e.message;
    else if (e.type === "done" && !("error" in e.result)) this.result = e.result;
  }
  diagnose(text) {
    const named = text.replace(/(^|\n)src\//g, `$1${this.example.path}/`);
    this.diagnostics += named.endsWith("\n") ? named : `${named}
`;
    for (const line of named.split("\n")) {
      if (WARNING_LINE.test(line)) this.warnings++;
      else if (!this.firstError && ERROR_LINE.test(line)) this.firstError = line.trim();
    }
  }
};
function cellResult(example, board, log, durationMs) {
  const r = log.result;
  const ok = Boolean(r?.ok);
  const stats = r?.stats;
  const counted = stats ? stats.hits + stats.misses + stats.uncacheable + stats.errors : 0;
  return {
    example: example.path,
    board,
    ok,
    error: ok ? null : log.firstError ?? log.fbuildError?.replace(/^fbuild: /, "") ?? "the build failed",
    flash: ok ? r?.size.flash ?? 0 : 0,
    ram: ok ? r?.size.ram ?? 0 : 0,
    flashMax: r?.size.flashMax ?? 0,
    ramMax: r?.size.ramMax ?? 0,
    warnings: log.warnings,
    hits: stats?.hits ?? 0,
    misses: stats?.misses ?? 0,
    hitRate: r?.upToDate ? 1 : counted ? stats.hits / counted : 0,
    upToDate: r?.upToDate ?? false,
    artifacts: r?.artifacts ?? { elf: "", hex: "" },
    durationMs: Math.round(durationMs)
  };
}
async function runExamples(session, req, onEvent = () => {
}) {
  const started = performance.now();
  let libraryDir;
  try {
    libraryDir = realpathSync(resolve(req.libraryDir));
  } catch {
    throw new UserError(`library directory ${req.libraryDir} does not exist; pass the library's folder (with examples/)`);
  }
  if (req.boards.length === 0) throw new UserError("no boards; name them with --boards, e.g. --boards uno,megaatmega2560");
  for (const b of req.boards) platformOf(b);
  const all = findExampleSketches(libraryDir);
  if (all.length === 0)
    throw new UserError(
      `no examples in ${libraryDir}: put each in examples/<Name>/<Name>.ino (or a PlatformIO project with platformio.ini)`
    );
  const examples = selectExamples(all, req.examples ?? [], req.exclude ?? []);
  if (examples.length === 0)
    throw new UserError(`no example matches --examples/--exclude; the library has ${all.map((e) => e.path).join(", ")}`);
  const workDir = join3(libraryDir, ...EXAMPLES_WORK_DIR.split("/"));
  const name = libraryName(libraryDir);
  const lib = { dir: libraryDir, folder: name.replace(/[^\w.-]+/g, "_") || "library" };
  const libDeps = [...libraryDependencySpecs(libraryDir), ...req.libDeps ?? []];
  const cells = req.boards.flatMap(
    (board) => examples.map((example, i) => ({
      example,
      board,
      dir: cellDirOf(workDir, board, example),
      ...i > 0 ? { firstDir: cellDirOf(workDir, board, examples[0]) } : {}
    }))
  );
  onEvent({ type: "plan", examples: examples.map((e) => e.path), boards: req.boards, cells: cells.length });
  const results = new Array(cells.length);
  let done = 0;
  const projectDirs = new Array(cells.length);
  const layOut = (indices) => {
    for (const i of indices) if (!req.signal?.aborted) projectDirs[i] = writeCellProject(cells[i], lib, libDeps);
  };
  const buildCell = async (i) => {
    const plan = cells[i];
    const cellStarted = performance.now();
    const log = new CellLog(plan.example);
    const projectDir = projectDirs[i];
    if (!req.signal?.aborted && projectDir) {
      await session.run(
        {
          projectDir,
          environment: plan.board,
          ...req.toolchain ? { toolchain: req.toolchain } : {},
          ...req.offline !== void 0 ? { offline: req.offline } : {},
          ...req.signal ? { signal: req.signal } : {}
        },
        (e) => log.handle(e)
      );
    } else log.fbuildError = "cancelled";
    results[i] = cellResult(plan.example, plan.board, log, performance.now() - cellStarted);
    onEvent({ type: "cell", done: ++done, total: cells.length, result: results[i], diagnostics: log.diagnostics });
  };
  const firsts = cells.flatMap((c, i) => c.firstDir === void 0 ? [i] : []);
  const rest = cells.flatMap((c, i) => c.firstDir === void 0 ? [] : [i]);
  layOut(firsts);
  await Promise.all(firsts.map(buildCell));
  layOut(rest);
  const limit = pLimit(Math.max(1, req.cells ?? session.jobs));
  await Promise.all(rest.map((i) => limit(() => buildCell(i))));
  const hits = results.reduce((n, r) => n + r.hits, 0);
  const misses = results.reduce((n, r) => n + r.misses, 0);
  return {
    library: name,
    boards: req.boards,
    examples: examples.map((e) => e.path),
    results,
    totals: {
      cells: results.length,
      failed: results.filter((r) => !r.ok).length,
      hits,
      misses,
      hitRate: hits + misses ? hits / (hits + misses) : results.every((r) => r.upToDate) ? 1 : 0
    },
    durationMs: Math.round(performance.now() - started)
  };
}

// server/engine/examplesReport.ts
var cellKey = (c) => `${c.board}\0${c.example}`;
function sizeDeltas(current, base) {
  const before = new Map((base?.results ?? []).filter((r) => r.ok).map((r) => [cellKey(r), r]));
  return current.results.map((r) => {
    const b = before.get(cellKey(r));
    const both = r.ok && b !== void 0;
    return {
      example: r.example,
      board: r.board,
      ok: r.ok,
      flash: r.flash,
      ram: r.ram,
      ...b ? { base: { flash: b.flash, ram: b.ram } } : {},
      flashDelta: both ? r.flash - b.flash : null,
      ramDelta: both ? r.ram - b.ram : null
    };
  });
}
function isExamplesReport(x) {
  if (typeof x !== "object" || x === null) return false;
  const results = x.results;
  return Array.isArray(results) && results.every(
    (r) => typeof r === "object" && r !== null && typeof r.example === "string" && typeof r.board === "string" && typeof r.ok === "boolean" && typeof r.flash === "number" && typeof r.ram === "number"
  );
}
var FQBN = {
  uno: "arduino:avr:uno",
  nanoatmega328: "arduino:avr:nano:cpu=atmega328",
  nanoatmega328new: "arduino:avr:nano",
  nanoatmega168: "arduino:avr:nano:cpu=atmega168",
  pro16MHzatmega328: "arduino:avr:pro:cpu=16MHzatmega328",
  pro8MHzatmega328: "arduino:avr:pro:cpu=8MHzatmega328",
  miniatmega328: "arduino:avr:mini:cpu=atmega328",
  megaatmega2560: "arduino:avr:mega:cpu=atmega2560",
  megaatmega1280: "arduino:avr:mega:cpu=atmega1280",
  leonardo: "arduino:avr:leonardo",
  micro: "arduino:avr:micro",
  esp32dev: "esp32:esp32:esp32"
};
var fqbnOf = (board) => FQBN[board] ?? `platformio:${board}`;
var NA = "N/A";
var relative3 = (n, max) => max ? Math.round(1e4 * n / max) / 100 : NA;
function sizeEntry(name, maximum, current, previous, withBase) {
  const max = maximum || NA;
  const pair = (n) => n === void 0 ? { absolute: NA, relative: NA } : { absolute: n, relative: relative3(n, maximum) };
  const entry = { name, maximum: max, current: pair(current) };
  if (withBase) {
    entry.previous = pair(previous);
    const d = current !== void 0 && previous !== void 0 ? current - previous : void 0;
    entry.delta = d === void 0 ? { absolute: NA, relative: NA } : { absolute: d, relative: relative3(d, maximum) };
  }
  return entry;
}
function range(values) {
  const nums = values.filter((v) => typeof v === "number");
  return nums.length ? { minimum: Math.min(...nums), maximum: Math.max(...nums) } : { minimum: NA, maximum: NA };
}
function toSketchesReports(report, commit, base) {
  const before = new Map((base?.results ?? []).map((r) => [cellKey(r), r]));
  const withBase = base !== void 0;
  return report.boards.map((board) => {
    const cells = report.results.filter((r) => r.board === board);
    const sketches = cells.map((r) => {
      const b = before.get(cellKey(r));
      const prevOk = b?.ok ? b : void 0;
      const warnings = {
        current: { absolute: r.ok ? r.warnings : NA }
      };
      if (withBase) {
        warnings.previous = { absolute: prevOk ? prevOk.warnings : NA };
        warnings.delta = { absolute: r.ok && prevOk ? r.warnings - prevOk.warnings : NA };
      }
      return {
        name: r.example,
        compilation_success: r.ok,
        sizes: [
          sizeEntry("flash", r.flashMax, r.ok ? r.flash : void 0, prevOk?.flash, withBase),
          sizeEntry("RAM for global variables", r.ramMax, r.ok ? r.ram : void 0, prevOk?.ram, withBase)
        ],
        warnings
      };
    });
    const entry = { board: fqbnOf(board), sketches };
    if (withBase) {
      entry.sizes = ["flash", "RAM for global variables"].map((name, i) => {
        const sizes = sketches.map((s) => s.sizes[i]);
        return {
          name,
          maximum: sizes.find((s) => s.maximum !== NA)?.maximum ?? NA,
          delta: {
            absolute: range(sizes.map((s) => s.delta.absolute)),
            relative: range(sizes.map((s) => s.delta.relative))
          }
        };
      });
      entry.warnings = { delta: { absolute: range(sketches.map((s) => s.warnings.delta.absolute)) } };
    }
    return {
      file: `${fqbnOf(board).replace(/:/g, "-")}.json`,
      json: { commit_hash: commit.hash, commit_url: commit.url, boards: [entry] }
    };
  });
}

export {
  EXAMPLES_WORK_DIR,
  runExamples,
  sizeDeltas,
  isExamplesReport,
  toSketchesReports
};
