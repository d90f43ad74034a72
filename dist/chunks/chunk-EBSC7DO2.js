import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  ProgressLine
} from "./chunk-JK4KHLT4.js";
import {
  plural
} from "./chunk-VLCUNX3C.js";
import {
  thousands
} from "./chunk-76PWITDS.js";
import {
  formatHitRate
} from "./chunk-AR4QESZK.js";

// src/cli/buildReport.ts
var num = thousands;
var pct = (a, b) => b ? `${(a / b * 100).toFixed(1)}%` : "-";
var secs = (ms) => ms >= 1e3 ? `${(ms / 1e3).toFixed(1)} s` : `${Math.round(ms)} ms`;
var MAX_UNCACHED_NAMED = 10;
function formatSummary(r) {
  const s = r.stats;
  const lines = [];
  if (r.upToDate) lines.push(`${r.environment}: up to date, nothing compiled (${secs(r.durationMs)})`);
  else {
    const reasons = Object.entries(s.missReasons).map(([k, v]) => `${k}: ${v}`).join(", ");
    lines.push(
      `${r.environment}: ${plural(s.compiles, "unit")} (link included): ${plural(s.hits, "hit")}${s.remoteHits ? ` (${s.remoteHits} from the remote cache)` : ""}, ${plural(s.misses, "miss")}${reasons ? ` (${reasons})` : ""}${s.uncacheable ? `, ${s.uncacheable} uncached` : ""}${s.errors ? `, ${plural(s.errors, "store error")}` : ""}; hit rate ${formatHitRate(s)}; saved ${secs(s.timeSavedMs)}; took ${secs(r.durationMs)}`
    );
    const uncached = (s.uncacheableUnits ?? []).filter((u) => u.reason !== "compile failed");
    for (const u of uncached.slice(0, MAX_UNCACHED_NAMED)) lines.push(`  uncached: ${u.source} (${u.reason})`);
    if (uncached.length > MAX_UNCACHED_NAMED)
      lines.push(`  uncached: ${uncached.length - MAX_UNCACHED_NAMED} more (--verbose lists every unit)`);
    const errored = s.errorUnits ?? [];
    for (const u of errored.slice(0, MAX_UNCACHED_NAMED))
      lines.push(`  store error: ${u.source} (${u.reason}); compiled without the cache`);
    if (errored.length > MAX_UNCACHED_NAMED) lines.push(`  store error: ${errored.length - MAX_UNCACHED_NAMED} more`);
  }
  lines.push(...formatLibraries(r.libraries ?? []));
  if (r.size.flash || r.size.ram) {
    lines.push(
      `flash ${num(r.size.flash)} / ${num(r.size.flashMax)} bytes (${pct(r.size.flash, r.size.flashMax)}), RAM ${num(r.size.ram)} / ${num(r.size.ramMax)} bytes (${pct(r.size.ram, r.size.ramMax)})`
    );
  }
  if (r.ok) lines.push(r.artifacts.hex ? `firmware: ${r.artifacts.hex}` : `program: ${r.artifacts.elf}`);
  if (r.ok && r.artifacts.flash) lines.push(`flash layout: ${r.artifacts.flash.map((f) => `${f.offset} ${f.file}`).join(", ")}`);
  return lines.join("\n") + "\n";
}
function formatLibraries(libraries) {
  return libraries.map((l) => `  library ${l.name} ${l.version} (${l.source})`);
}

// src/cli/buildPrinter.ts
var BuildPrinter = class {
  constructor(opts) {
    this.opts = opts;
    this.progress = new ProgressLine(process.stderr, !opts.json && !opts.verbose);
  }
  opts;
  progress;
  errorLine;
  handle(e) {
    const { json, verbose } = this.opts;
    switch (e.type) {
      case "start":
        if (verbose) process.stderr.write(`${e.environment}: ${e.units} units with ${e.toolchain}
`);
        this.progress.start(e.units);
        break;
      case "unit":
        if (e.stdout || e.stderr) this.progress.clear();
        if (e.stdout && !json) process.stdout.write(e.stdout);
        if (e.stderr) process.stderr.write(e.stderr);
        if (verbose) process.stderr.write(`${e.unit.outcome.padEnd(11)} ${e.unit.source}${e.unit.reason ? `  (${e.unit.reason})` : ""}
`);
        this.progress.update(e.index, e.unit.source);
        break;
      case "link":
        if (e.stderr) {
          this.progress.clear();
          process.stderr.write(e.stderr);
        }
        if (verbose) process.stderr.write(`${e.outcome.padEnd(11)} link${e.reason ? `  (${e.reason})` : ""}
`);
        this.progress.update(Number.POSITIVE_INFINITY, "link");
        break;
      case "warning":
        this.progress.clear();
        process.stderr.write(`fbuild: warning: ${e.message}
`);
        break;
      case "library":
        this.progress.clear();
        if (!json || verbose) process.stderr.write(`fbuild: ${e.action} ${e.library.name} ${e.library.version} (${e.library.source})
`);
        break;
      case "download":
        this.progress.download(e.label, e.received, e.total);
        break;
      case "upToDate":
        if (verbose) process.stderr.write(`${e.environment}: up to date (no input changed since the last successful build)
`);
        break;
      case "waiting":
        this.progress.clear();
        process.stderr.write(`fbuild: waiting for another build of ${e.environment} in ${e.dir}
`);
        break;
      case "notice":
        if (e.repeat && !verbose) break;
        this.progress.clear();
        process.stderr.write(`fbuild: notice: ${e.message}
`);
        if (verbose && e.detail) process.stderr.write(`fbuild: notice: ${e.detail}
`);
        break;
      case "error":
        this.errorLine = e.message;
        break;
      case "done":
        this.progress.clear();
        if (json) process.stdout.write(JSON.stringify(e.result) + "\n");
        else if (!("error" in e.result)) process.stdout.write(formatSummary(e.result));
        if (this.errorLine) process.stderr.write(`${this.errorLine}
`);
        break;
    }
  }
};

export {
  formatLibraries,
  BuildPrinter
};
