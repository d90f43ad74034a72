import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  hitRate
} from "./chunk-AR4QESZK.js";

// src/action/reportRows.ts
var isResult = (r) => !("error" in r);
function reportRow(rec, baseline) {
  const r = rec.result;
  const ok = isResult(r) && r.ok;
  const counts = isResult(r) ? { total: r.stats.compiles, hits: r.stats.hits, misses: r.stats.misses, uncacheable: r.stats.uncacheable, errors: r.stats.errors } : rec.units;
  const reasons = /* @__PURE__ */ new Map();
  for (const m of rec.missed) reasons.set(m.reason, (reasons.get(m.reason) ?? 0) + 1);
  return {
    environment: rec.environment,
    result: !ok ? "failure" : isResult(r) && r.upToDate ? "up to date" : "success",
    units: counts.total,
    hits: counts.hits,
    misses: counts.misses,
    uncacheable: counts.uncacheable,
    errors: counts.errors,
    hitRate: hitRate(counts),
    timeSavedMs: isResult(r) ? r.stats.timeSavedMs : 0,
    buildMs: isResult(r) ? r.durationMs : 0,
    ...rec.link ? { link: rec.link.outcome } : {},
    ...isResult(r) && r.size.flashMax ? { flash: { used: r.size.flash, max: r.size.flashMax }, ram: { used: r.size.ram, max: r.size.ramMax } } : {},
    topMissReasons: [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([reason, count]) => ({ reason, count })),
    storeErrors: rec.storeErrors ?? [],
    ...baseline ? { baseline } : {},
    ...rec.error ? { error: rec.error } : {}
  };
}
function totals(rows) {
  const sum = (f) => rows.reduce((n, r) => n + f(r), 0);
  const hits = sum((r) => r.hits);
  const misses = sum((r) => r.misses);
  const errors = sum((r) => r.errors);
  return {
    hits,
    misses,
    uncacheable: sum((r) => r.uncacheable),
    hitRate: hitRate({ hits, misses, errors }),
    timeSavedMs: sum((r) => r.timeSavedMs)
  };
}
function fraction(x) {
  return String(Math.round(x * 1e3) / 1e3);
}

// src/action/statsFile.ts
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
var statsFilePath = (jobDir) => join(jobDir, "stats.json");
function readStatsFile(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return { environments: {} };
  }
}
function writeStatsFile(path, stats) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(stats, null, 2));
}

export {
  reportRow,
  totals,
  fraction,
  statsFilePath,
  readStatsFile,
  writeStatsFile
};
