import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  onStopSignal,
  signalExitCode
} from "./chunk-PVGKLRTN.js";
import {
  BuildSession
} from "./chunk-4S63746Y.js";
import {
  ProgressLine
} from "./chunk-JK4KHLT4.js";
import "./chunk-3RCJFSWF.js";
import "./chunk-IOX3AGIO.js";
import "./chunk-U2OVFXTY.js";
import "./chunk-VPKORHEW.js";
import "./chunk-C7V4EL6C.js";
import "./chunk-4L4JXF2I.js";
import "./chunk-XGHPZKIT.js";
import {
  offlineFromEnv
} from "./chunk-DYARRWTB.js";
import "./chunk-POUFS3KG.js";
import "./chunk-LX2MMNKE.js";
import "./chunk-RYCVMSYB.js";
import {
  toolchainsDirFor
} from "./chunk-4TQWNER7.js";
import "./chunk-DCQF6WKC.js";
import "./chunk-6FV4Q5OU.js";
import "./chunk-4V5CH22L.js";
import {
  EXAMPLES_USAGE
} from "./chunk-QHSOPCBR.js";
import {
  isExamplesReport,
  runExamples,
  sizeDeltas,
  toSketchesReports
} from "./chunk-6GNURGWH.js";
import "./chunk-3ZKWZ7A5.js";
import "./chunk-HXEVDVWT.js";
import "./chunk-IK4PVOP5.js";
import "./chunk-5G66G5GG.js";
import "./chunk-54IFNC2C.js";
import "./chunk-HJM5M4WC.js";
import "./chunk-4RDXSJGU.js";
import {
  thousands
} from "./chunk-76PWITDS.js";
import "./chunk-PCLV3DKP.js";
import "./chunk-FGIXBREX.js";
import "./chunk-P32HW7BB.js";
import "./chunk-2PEVJB5Z.js";
import "./chunk-I7BTEATM.js";
import "./chunk-FRALOBSX.js";
import {
  defaultCacheDir
} from "./chunk-GTAT4FI5.js";
import "./chunk-RRNSNA4T.js";
import "./chunk-CZYVUOHA.js";
import "./chunk-OA4IFKWM.js";
import "./chunk-WDI3OBGI.js";
import "./chunk-6RGQGRVI.js";
import "./chunk-AR4QESZK.js";
import "./chunk-ARH6VGVS.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";

// src/cli/examples.ts
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

// src/cli/examplesTable.ts
var num = thousands;
var signed = (n) => n > 0 ? `+${num(n)}` : n < 0 ? `-${num(-n)}` : "\xB10";
var secs = (ms) => ms >= 1e3 ? `${(ms / 1e3).toFixed(1)} s` : `${Math.round(ms)} ms`;
function formatExamplesTable(report, deltas) {
  const cell = new Map(report.results.map((r, i) => [`${r.board}\0${r.example}`, { r, d: deltas?.[i] }]));
  const text = (example, board) => {
    const c = cell.get(`${board}\0${example}`);
    if (!c) return "-";
    if (!c.r.ok) return "FAILED";
    let s = `${num(c.r.flash)} / ${num(c.r.ram)}`;
    if (c.d?.flashDelta != null && c.d.ramDelta != null && (c.d.flashDelta || c.d.ramDelta))
      s += ` (${signed(c.d.flashDelta)} / ${signed(c.d.ramDelta)})`;
    if (c.r.warnings) s += ` ${c.r.warnings}w`;
    return s;
  };
  const header = ["example", ...report.boards];
  const rows = report.examples.map((e) => [e, ...report.boards.map((b) => text(e, b))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cols) => cols.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
  const out = [
    `${report.library}: flash / RAM in bytes${deltas ? " (change against the base)" : ""}`,
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line)
  ];
  const failed = report.results.filter((r) => !r.ok);
  if (failed.length) {
    out.push("");
    for (const f of failed) out.push(`FAILED ${f.example} (${f.board}): ${f.error ?? "the build failed"}`);
  }
  const t = report.totals;
  const rate = t.hits + t.misses ? `${(t.hits / (t.hits + t.misses) * 100).toFixed(1)}%` : "-";
  out.push(
    "",
    `${t.cells} builds, ${t.cells - t.failed} ok, ${t.failed} failed; cache ${t.hits} hits, ${t.misses} misses (hit rate ${rate}); took ${secs(report.durationMs)}`
  );
  return out.join("\n") + "\n";
}

// src/cli/examples.ts
var fail = (message) => new UserError(`fbuild examples: ${message}`);
function parseExamplesArgs(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        boards: { type: "string", short: "b", multiple: true },
        examples: { type: "string", multiple: true },
        exclude: { type: "string", multiple: true },
        "lib-deps": { type: "string", multiple: true },
        jobs: { type: "string", short: "j" },
        "cache-dir": { type: "string" },
        "no-cache": { type: "boolean", default: false },
        toolchain: { type: "string" },
        offline: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        "keep-going": { type: "boolean", default: true },
        "fail-fast": { type: "boolean", default: false },
        base: { type: "string" },
        report: { type: "string" },
        "sketches-report": { type: "string" }
      }
    });
  } catch (e) {
    throw fail(`${e.message.split("\n")[0]}; usage: ${EXAMPLES_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw fail(`one library directory at most; usage: ${EXAMPLES_USAGE}`);
  const boards = (values.boards ?? []).flatMap((b) => b.split(/[\s,]+/)).filter(Boolean);
  if (!boards.length) throw fail("name the boards, e.g. --boards uno,megaatmega2560");
  let jobs;
  if (values.jobs !== void 0) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw fail(`--jobs takes a whole number of 1 or more, not '${values.jobs}'`);
  }
  const toolchain = values.toolchain ?? process.env.FBUILD_TOOLCHAIN ?? "auto";
  if (toolchain !== "auto" && toolchain !== "pinned" && toolchain !== "system")
    throw fail(`--toolchain is auto, pinned or system, not '${toolchain}'`);
  return {
    libraryDir: resolve(positionals[0] ?? "."),
    boards: [...new Set(boards)],
    examples: values.examples ?? [],
    exclude: values.exclude ?? [],
    // A spec may hold a comma (`Foo@>=1,<2`): one per --lib-deps, or one per line.
    libDeps: (values["lib-deps"] ?? []).flatMap((d) => d.split("\n")).map((d) => d.trim()).filter(Boolean),
    ...jobs !== void 0 ? { jobs } : {},
    ...values["cache-dir"] !== void 0 ? { cacheDir: resolve(values["cache-dir"]) } : {},
    noCache: values["no-cache"],
    toolchain,
    offline: values.offline || offlineFromEnv(process.env),
    json: values.json,
    failFast: values["fail-fast"],
    ...values.base !== void 0 ? { base: resolve(values.base) } : {},
    ...values.report !== void 0 ? { report: resolve(values.report) } : {},
    ...values["sketches-report"] !== void 0 ? { sketchesReport: resolve(values["sketches-report"]) } : {}
  };
}
function readBaseReport(path) {
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw fail(`cannot read the base report ${path} (${e.message.split("\n")[0]}); pass a file written by --json or --report`);
  }
  if (!isExamplesReport(parsed)) throw fail(`${path} is not an 'fbuild examples --json' report; pass a file written by --json or --report`);
  return parsed;
}
function headCommit(dir) {
  if (process.env.GITHUB_SHA) return process.env.GITHUB_SHA;
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}
function examplesDocument(report, base) {
  if (!base) return report;
  const deltas = sizeDeltas(report, base);
  return {
    ...report,
    results: report.results.map((r, i) => ({ ...r, flashDelta: deltas[i].flashDelta, ramDelta: deltas[i].ramDelta }))
  };
}
async function runExamplesCommand(argv) {
  const opts = parseExamplesArgs(argv);
  const base = opts.base ? readBaseReport(opts.base) : void 0;
  const session = await BuildSession.open({
    ...opts.cacheDir ? { cacheDir: opts.cacheDir } : {},
    ...opts.jobs ? { jobs: opts.jobs } : {},
    cache: !opts.noCache,
    toolchain: opts.toolchain,
    toolchainsDir: toolchainsDirFor(process.env, opts.cacheDir),
    fbuildCommand: [process.execPath, ...process.execArgv, process.argv[1]],
    wrapperEnv: () => ({ FBUILD_CACHE_DIR: opts.cacheDir ?? defaultCacheDir() }),
    onNotice: (m) => process.stderr.write(`fbuild: notice: ${m}
`)
  });
  const cancel = new AbortController();
  let stoppedBy;
  const removeHandlers = onStopSignal((signal) => {
    stoppedBy = signal;
    cancel.abort();
  });
  const progress = new ProgressLine(process.stderr, !opts.json);
  const onEvent = (e) => {
    if (e.type === "plan") {
      progress.start(e.cells);
      progress.update(0, `${e.examples.length} examples x ${e.boards.length} boards`);
    } else if (e.type === "cell") {
      const r = e.result;
      if (!r.ok) {
        progress.clear();
        process.stderr.write(`--- ${r.example} for ${r.board}: failed
${e.diagnostics}`);
        if (opts.failFast) cancel.abort();
      }
      progress.update(e.done, `${r.ok ? "ok" : "FAILED"} ${r.example} (${r.board})`);
    } else {
      progress.clear();
      process.stderr.write(`fbuild: warning: ${e.message}
`);
    }
  };
  let report;
  try {
    report = await runExamples(
      session,
      {
        libraryDir: opts.libraryDir,
        boards: opts.boards,
        examples: opts.examples,
        exclude: opts.exclude,
        libDeps: opts.libDeps,
        toolchain: opts.toolchain,
        offline: opts.offline,
        signal: cancel.signal
      },
      onEvent
    );
  } finally {
    progress.clear();
    removeHandlers();
    for (const w of (await session.close("graceful")).warnings) process.stderr.write(`fbuild: warning: ${w}
`);
  }
  const document = examplesDocument(report, base);
  if (opts.report) writeJson(opts.report, document);
  if (opts.sketchesReport) {
    const hash = headCommit(opts.libraryDir);
    const repo = process.env.GITHUB_REPOSITORY;
    const url = hash && repo ? `${process.env.GITHUB_SERVER_URL ?? "https://github.com"}/${repo}/commit/${hash}` : "";
    for (const f of toSketchesReports(report, { hash, url }, base)) writeJson(join(opts.sketchesReport, f.file), f.json);
  }
  if (opts.json) process.stdout.write(JSON.stringify(document) + "\n");
  else process.stdout.write(formatExamplesTable(report, base ? sizeDeltas(report, base) : void 0));
  if (stoppedBy && !opts.failFast) return signalExitCode(stoppedBy);
  return report.totals.failed ? 1 : 0;
}
function writeJson(path, value) {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, JSON.stringify(value, null, 2) + "\n");
}
export {
  EXAMPLES_USAGE,
  examplesDocument,
  parseExamplesArgs,
  readBaseReport,
  runExamplesCommand
};
