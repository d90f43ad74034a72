import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  EXAMPLES_WORK_DIR,
  isExamplesReport,
  runExamples,
  sizeDeltas,
  toSketchesReports
} from "./chunk-6GNURGWH.js";
import {
  projectEnvOf
} from "./chunk-K6BJMG72.js";
import {
  restoreEntry,
  saveEntry
} from "./chunk-QQRZIJHA.js";
import {
  JobClient
} from "./chunk-LHKOCDRA.js";
import {
  ServerUnreachableError
} from "./chunk-N7O5JONP.js";
import {
  DEFAULT_RETRY,
  commentsApi,
  commitSha,
  isRateLimited,
  retryDelay,
  statusOf
} from "./chunk-VGJG4BNB.js";
import {
  thousands
} from "./chunk-76PWITDS.js";
import {
  prContextFromEnv
} from "./chunk-VTAHD6D5.js";
import {
  endGroup,
  error,
  info,
  notice,
  setOutput,
  startGroup,
  summary,
  warning
} from "./chunk-M4NEA4G6.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";

// src/action/examples/examplesPhase.ts
import { availableParallelism } from "node:os";
import { mkdirSync as mkdirSync2, readFileSync as readFileSync2, writeFileSync as writeFileSync2 } from "node:fs";
import { join as join2 } from "node:path";

// src/action/examples/examplesMarkdown.ts
var LARGE_TABLE_CELLS = 40;
var MAX_MARKDOWN = 5e4;
var num = thousands;
var signed = (n) => n > 0 ? `+${num(n)}` : n < 0 ? `\u2212${num(-n)}` : "\xB10";
var clean = (s) => s.replace(/[`|<>\r\n]/g, " ").slice(0, 200);
function cellText(c) {
  if (!c) return "\u2013";
  if (!c.ok) return "\u274C failed";
  const part = (size, delta2) => `${num(size)}${delta2 === null ? "" : ` (${signed(delta2)})`}`;
  return `${part(c.flash, c.flashDelta)} / ${part(c.ram, c.ramDelta)}`;
}
var changed = (c) => !c.ok || c.flashDelta === null || c.flashDelta !== 0 || c.ramDelta !== 0;
function table(examples, boards, cell) {
  return [
    `| example | ${boards.map(clean).join(" | ")} |`,
    `|---|${boards.map(() => "---:").join("|")}|`,
    ...examples.map((e) => `| \`${clean(e)}\` | ${boards.map((b) => cellText(cell(e, b))).join(" | ")} |`)
  ];
}
function examplesMarkdown(cells, meta) {
  const boards = [...new Set(cells.map((c) => c.board))].sort();
  const examples = [...new Set(cells.map((c) => c.example))].sort();
  const byKey = new Map(cells.map((c) => [`${c.board}\0${c.example}`, c]));
  const cell = (e, b) => byKey.get(`${b}\0${e}`);
  const failed = cells.filter((c) => !c.ok);
  const lines = [
    `${meta.library ? `\`${clean(meta.library)}\`: ` : ""}${cells.length} builds, ${cells.length - failed.length} ok, ${failed.length} failed. Flash / RAM in bytes${meta.hasBase ? `, change against \`${clean(meta.baseBranch ?? "the base")}\`` : meta.baseBranch ? ` (no report of \`${clean(meta.baseBranch)}\` to compare with yet)` : ""}.`,
    ""
  ];
  if (cells.length > LARGE_TABLE_CELLS) {
    const shown = examples.filter((e) => boards.some((b) => cell(e, b) && changed(cell(e, b))));
    if (shown.length) lines.push(...table(shown, boards, cell));
    lines.push("", `${examples.length - shown.length} of ${examples.length} examples unchanged on every board.`, "");
    const all = table(examples, boards, cell).join("\n");
    if (all.length < MAX_MARKDOWN) lines.push("<details><summary>Every example</summary>", "", all, "", "</details>");
  } else lines.push(...table(examples, boards, cell));
  if (failed.length) {
    lines.push("", "<details><summary>Failures</summary>", "");
    for (const f of failed.slice(0, 50)) lines.push(`- \`${clean(f.example)}\` on ${clean(f.board)}: \`${clean(f.error ?? "failed")}\``);
    if (failed.length > 50) lines.push(`- and ${failed.length - 50} more`);
    lines.push("", "</details>");
  }
  return lines.join("\n") + "\n";
}

// src/action/examples/examplesComment.ts
var MARKER = "<!-- fbuild-build-action:examples-report -->";
var DATA_OPEN = "<!-- fbuild-examples-data ";
var DATA_CLOSE = " -->";
var isExamplesComment = (body) => typeof body === "string" && body.startsWith(MARKER);
var finite = (x) => typeof x === "number" && Number.isFinite(x) ? x : 0;
var count = (x) => Math.max(0, Math.round(finite(x)));
var delta = (x) => typeof x === "number" && Number.isFinite(x) ? Math.round(x) : null;
var text = (x, max) => typeof x === "string" ? x.slice(0, max) : "";
function parseExamplesComment(body) {
  const empty = { cells: [], meta: { hasBase: false } };
  const start = body.indexOf(DATA_OPEN);
  const end = start < 0 ? -1 : body.indexOf(DATA_CLOSE, start + DATA_OPEN.length);
  if (end < 0) return empty;
  let parsed;
  try {
    parsed = JSON.parse(body.slice(start + DATA_OPEN.length, end));
  } catch {
    return empty;
  }
  const cells = (Array.isArray(parsed.cells) ? parsed.cells : []).flatMap((c) => {
    if (typeof c !== "object" || c === null || !text(c.example, 300) || !text(c.board, 100)) return [];
    return [
      {
        example: text(c.example, 300),
        board: text(c.board, 100),
        ok: c.ok === true,
        flash: count(c.flash),
        ram: count(c.ram),
        flashDelta: delta(c.flashDelta),
        ramDelta: delta(c.ramDelta),
        ...typeof c.error === "string" ? { error: text(c.error, 300) } : {},
        runId: count(c.runId),
        runAttempt: count(c.runAttempt) || 1
      }
    ];
  });
  const m = parsed.meta ?? {};
  const meta = { hasBase: m.hasBase === true };
  if (typeof m.library === "string") meta.library = text(m.library, 100);
  if (typeof m.baseBranch === "string") meta.baseBranch = text(m.baseBranch, 100);
  if (commitSha(m.sha)) meta.sha = commitSha(m.sha);
  return { cells, meta };
}
var newer = (a, b) => a.runId > b.runId || a.runId === b.runId && a.runAttempt > b.runAttempt;
var key = (c) => `${c.board}\0${c.example}`;
function mergeCells(stored, incoming) {
  const by = /* @__PURE__ */ new Map();
  for (const c of stored) if (!by.has(key(c)) || newer(c, by.get(key(c)))) by.set(key(c), c);
  for (const c of incoming) if (!by.has(key(c)) || !newer(by.get(key(c)), c)) by.set(key(c), c);
  return [...by.values()];
}
function render(data) {
  const json = JSON.stringify(data).replace(/</g, "\\u003c").replace(/>/g, "\\u003e");
  return `${MARKER}
### fbuild: library examples

${examplesMarkdown(data.cells, data.meta)}
${DATA_OPEN}${json}${DATA_CLOSE}
`;
}
async function reportExamplesToPullRequest(opts) {
  const { context: ctx, log, token } = opts;
  const pr = `pull request #${ctx.number}`;
  if (!token) {
    log.notice(`examples report: no github-token, so no comment on ${pr}; the report is in the job summary.`);
    return { posted: false };
  }
  if (ctx.fork && ctx.eventName === "pull_request") {
    log.notice(`examples report: ${pr} comes from a fork, whose token cannot comment; the report is in the job summary.`);
    return { posted: false };
  }
  const policy = { ...DEFAULT_RETRY, ...opts.retry };
  const incoming = opts.cells.map((c) => ({ ...c, runId: ctx.runId, runAttempt: ctx.runAttempt }));
  const meta = { ...opts.meta, ...commitSha(ctx.headSha) ? { sha: commitSha(ctx.headSha) } : {} };
  try {
    const api = commentsApi(token, ctx, policy, isExamplesComment);
    const url = await upsert(api, incoming, meta, opts.timing ?? { attempts: 8, settleMs: 1e3, jitterMs: 1500 }, policy);
    if (url) {
      log.info(`examples report: ${url}`);
      return { posted: true, url };
    }
    log.warning(`examples report: other jobs kept overwriting the comment on ${pr}; this job's cells may be missing from it.`);
    return { posted: false };
  } catch (err) {
    const status = statusOf(err);
    if ((status === 401 || status === 403 || status === 404) && !isRateLimited(err)) {
      log.notice(
        `examples report: GitHub answered ${status} to a comment on ${pr}; give the job "permissions: pull-requests: write". The report is in the job summary.`
      );
      return { posted: false };
    }
    const why = String(status ? `HTTP ${status}` : err?.message ?? err).split(token).join("***");
    log.warning(`examples report: could not comment on ${pr} (${why}); the report is in the job summary.`);
    return { posted: false };
  }
}
async function upsert(api, incoming, meta, timing, policy) {
  let failedWrites = 0;
  for (let round = 1; round <= timing.attempts; round++) {
    if (round > 1) await sleep(Math.random() * timing.jitterMs * round);
    const started = performance.now();
    const [canonical, ...extras] = await api.listReports();
    const stored = [canonical, ...extras].flatMap((c) => c ? parseExamplesComment(c.body).cells : []);
    const body = render({ cells: mergeCells(stored, incoming), meta });
    try {
      if (!canonical) await api.create(body);
      else if (canonical.body !== body) await api.update(canonical.id, body);
    } catch (err) {
      if (canonical && statusOf(err) === 404) continue;
      const wait = retryDelay(err, failedWrites++, policy);
      if (wait === void 0) throw err;
      await sleep(wait);
      continue;
    }
    for (const extra of extras) await api.remove(extra.id).catch(() => void 0);
    await sleep(Math.max(timing.settleMs, 2 * (performance.now() - started)));
    const [head, ...rest] = await api.listReports();
    if (!head) continue;
    const there = parseExamplesComment(head.body).cells;
    const holds = incoming.every((ours) => there.some((c) => key(c) === key(ours) && !newer(ours, c)));
    if (holds && rest.length === 0) return head.url;
  }
  return void 0;
}
var sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// src/action/examples/reportEntry.ts
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
var safe = (s) => s.replace(/[^A-Za-z0-9._/-]+/g, "_");
function reportEntry(ctx, env, leg) {
  const legId = createHash("sha256").update([[...leg.boards].sort().join(","), leg.examples.join("\n"), relative(ctx.workspace, leg.libraryDir) || "."].join("\0")).digest("hex").slice(0, 12);
  const branch = safe(env.GITHUB_HEAD_REF || ctx.ref.replace(/^refs\/(heads|tags)\//, "") || "unknown");
  const prefix = `fbuild-examples-report-v1-${legId}-`;
  const dir = join(leg.libraryDir, ...EXAMPLES_WORK_DIR.split("/"), "report-entry");
  const baseBranch = env.GITHUB_BASE_REF ? safe(env.GITHUB_BASE_REF) : void 0;
  return {
    key: `${prefix}${branch}-${ctx.sha.slice(0, 12) || "nosha"}-${ctx.runId}-${ctx.runAttempt}`,
    ...baseBranch ? { basePrefix: `${prefix}${baseBranch}-`, baseBranch } : {},
    file: join(dir, "report.json"),
    archive: { root: dir, name: "fbuild-examples-report", paths: ["report.json"] }
  };
}
async function restoreBaseReport(entry, log) {
  if (!entry.basePrefix) return void 0;
  rmSync(entry.file, { force: true });
  const r = await restoreEntry("examples report", entry.archive, `${entry.basePrefix}latest`, [entry.basePrefix]);
  if (r.warning) log(r.warning);
  if (!r.matchedKey || !existsSync(entry.file)) return void 0;
  try {
    const parsed = JSON.parse(readFileSync(entry.file, "utf8"));
    return isExamplesReport(parsed) ? parsed : void 0;
  } catch {
    return void 0;
  }
}
async function saveReport(entry, report, log) {
  mkdirSync(join(entry.file, ".."), { recursive: true });
  writeFileSync(entry.file, JSON.stringify(report));
  const r = await saveEntry("examples report", entry.archive, entry.key);
  if (r.warning) log(r.warning);
  return r.saved;
}

// src/action/examples/examplesPhase.ts
async function runExamplesPhase(inputs, ctx, stateFile) {
  const state = stateFile.read();
  if (!state?.server)
    throw new UserError("fbuild: the setup step did not run in this job (no server); run the action, or fbuild/build-action/setup first");
  const libraryDir = state.projectDir;
  const boards = inputs.boards ?? [];
  const examples = inputs.examples ?? [];
  const entry = reportEntry(ctx, process.env, { boards, examples, libraryDir });
  const base = inputs.cache ? await restoreBaseReport(entry, (m) => warning(`fbuild: ${m}`)) : void 0;
  if (entry.baseBranch)
    info(
      base ? `fbuild: comparing sizes with the last report of ${entry.baseBranch}` : `fbuild: no report of ${entry.baseBranch} to compare sizes with yet`
    );
  const client = new JobClient(state.server.url, readFileSync2(state.server.tokenFile, "utf8").trim());
  const builder = new ServerBuilder(client, inputs, ctx);
  let report;
  try {
    report = await runExamples(builder, { libraryDir, boards, examples, toolchain: inputs.toolchain }, (e) => {
      if (e.type === "plan") info(`fbuild: ${e.examples.length} examples x ${e.boards.length} boards = ${e.cells} builds`);
      else if (e.type === "warning") warning(`fbuild: ${e.message}`);
      else {
        const r = e.result;
        info(
          `fbuild: [${e.done}/${e.total}] ${r.ok ? "ok    " : "FAILED"} ${r.example} (${r.board}) flash ${r.flash} RAM ${r.ram}, ${r.hits} hits ${r.misses} misses`
        );
        if (!r.ok) {
          startGroup(`${r.example} (${r.board}): the compiler's messages`);
          info(e.diagnostics);
          endGroup();
          error(`${r.example} (${r.board}): ${r.error ?? "the build failed"}`);
        }
      }
    });
  } finally {
    await client.close();
    await builder.close();
  }
  const outDir = join2(libraryDir, ...EXAMPLES_WORK_DIR.split("/"));
  const reportFile = join2(outDir, "report.json");
  const sketchesDir = join2(outDir, "sketches-reports");
  mkdirSync2(sketchesDir, { recursive: true });
  writeFileSync2(reportFile, JSON.stringify(report, null, 2) + "\n");
  const repoUrl = `${process.env.GITHUB_SERVER_URL ?? "https://github.com"}/${ctx.repository}`;
  for (const f of toSketchesReports(report, { hash: ctx.sha, url: `${repoUrl}/commit/${ctx.sha}` }, base)) {
    writeFileSync2(join2(sketchesDir, f.file), JSON.stringify(f.json, null, 2) + "\n");
  }
  setOutput("examples-report", reportFile);
  setOutput("sketches-report", sketchesDir);
  setOutput("hits", String(report.totals.hits));
  setOutput("misses", String(report.totals.misses));
  setOutput("hit-rate", String(Math.round(report.totals.hitRate * 1e3) / 1e3));
  const deltas = sizeDeltas(report, base);
  const cells = report.results.map((r, i) => ({
    example: r.example,
    board: r.board,
    ok: r.ok,
    flash: r.flash,
    ram: r.ram,
    flashDelta: deltas[i].flashDelta,
    ramDelta: deltas[i].ramDelta,
    ...r.error ? { error: r.error } : {}
  }));
  const meta = { library: report.library, hasBase: base !== void 0, ...entry.baseBranch ? { baseBranch: entry.baseBranch } : {} };
  try {
    await summary.addRaw(`### fbuild: library examples

${examplesMarkdown(cells, meta)}`).write();
  } catch (e) {
    warning(`fbuild: the job summary could not be written: ${e.message}`);
  }
  const pr = prContextFromEnv(process.env);
  if (pr && inputs.comment) {
    await reportExamplesToPullRequest({
      token: inputs.githubToken,
      context: pr,
      cells,
      meta,
      log: { info, notice, warning }
    });
  }
  if (inputs.cache) await saveReport(entry, report, (m) => warning(`fbuild: ${m}`));
  stateFile.update({ buildFailed: report.totals.failed > 0 });
  return report.totals.failed === 0;
}
var ServerBuilder = class {
  constructor(client, inputs, ctx) {
    this.client = client;
    this.inputs = inputs;
    this.ctx = ctx;
    this.jobs = inputs.jobs ?? availableParallelism();
  }
  client;
  inputs;
  ctx;
  jobs;
  local;
  lost = false;
  async run(req, emit) {
    if (!this.lost) {
      let code = 0;
      try {
        for await (const e of this.client.build({
          projectDir: req.projectDir,
          ...req.environment ? { environment: req.environment } : {},
          toolchain: this.inputs.toolchain,
          projectEnv: projectEnvOf(req.projectDir)
        })) {
          if (e.type === "error") code = e.exitCode;
          emit(e);
        }
        return code;
      } catch (e) {
        if (!(e instanceof ServerUnreachableError)) throw e;
        this.lost = true;
        warning(`fbuild: the cache server is gone (${e.message}); building the remaining examples without the cache`);
      }
    }
    const session = await (this.local ??= this.openLocal());
    return session.run({ ...req, noCache: true }, emit);
  }
  async openLocal() {
    const { BuildSession } = await import("./buildSession-TZGU74Z3.js");
    const { toolchainsDirFor } = await import("./resolveAvr-2DXPIPH3.js");
    return BuildSession.open({
      cache: false,
      jobs: this.jobs,
      toolchain: this.inputs.toolchain,
      toolchainsDir: toolchainsDirFor(process.env, this.ctx.cacheDir),
      fbuildCommand: [process.execPath, this.ctx.cliPath],
      wrapperEnv: () => ({})
    });
  }
  async close() {
    if (this.local) await (await this.local).close("force");
  }
};

export {
  runExamplesPhase
};
