import { availableParallelism } from 'node:os';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import { JobClient, ServerUnreachableError } from '../../client/jobClient.js';
import { projectEnvOf } from '../../client/projectEnv.js';
import type { BuildSession } from '../../../server/engine/buildSession.js';
import { EXAMPLES_WORK_DIR, runExamples, type CellBuilder, type ExamplesReport } from '../../../server/engine/examplesSession.js';
import { sizeDeltas, toSketchesReports } from '../../../server/engine/examplesReport.js';
import type { BuildEvent } from '../../../server/protocol/wire.js';
import { UserError } from '../../../server/util/errors.js';
import type { ActionInputs } from '../inputs.js';
import { prContextFromEnv } from '../prComment/index.js';
import type { RunnerContext } from '../runnerContext.js';
import type { StateFile } from '../state.js';
import { reportExamplesToPullRequest } from './examplesComment.js';
import { examplesMarkdown, type ReportCell } from './examplesMarkdown.js';
import { reportEntry, restoreBaseReport, saveReport } from './reportEntry.js';

/**
 * The build step in library CI mode (input `boards`): every example of the library (`project-dir`)
 * for every board, each cell a build request to the job's server (one store, one compiler pool, the
 * core compiled once per board). Then: the report and the compile-sketches reports written, the job
 * summary, the PR's one examples comment with the size deltas against the base branch's last report,
 * and this run's report saved for the PRs that come after. Returns false when a cell failed.
 */
export async function runExamplesPhase(inputs: ActionInputs, ctx: RunnerContext, stateFile: StateFile): Promise<boolean> {
  const state = stateFile.read();
  if (!state?.server)
    throw new UserError('fbuild: the setup step did not run in this job (no server); run the action, or fbuild/build-action/setup first');
  const libraryDir = state.projectDir;
  const boards = inputs.boards ?? [];
  const examples = inputs.examples ?? [];
  const entry = reportEntry(ctx, process.env, { boards, examples, libraryDir });
  const base = inputs.cache ? await restoreBaseReport(entry, (m) => core.warning(`fbuild: ${m}`)) : undefined;
  if (entry.baseBranch)
    core.info(
      base
        ? `fbuild: comparing sizes with the last report of ${entry.baseBranch}`
        : `fbuild: no report of ${entry.baseBranch} to compare sizes with yet`,
    );

  const client = new JobClient(state.server.url, readFileSync(state.server.tokenFile, 'utf8').trim());
  const builder = new ServerBuilder(client, inputs, ctx);
  let report: ExamplesReport;
  try {
    report = await runExamples(builder, { libraryDir, boards, examples, toolchain: inputs.toolchain }, (e) => {
      if (e.type === 'plan') core.info(`fbuild: ${e.examples.length} examples x ${e.boards.length} boards = ${e.cells} builds`);
      else if (e.type === 'warning') core.warning(`fbuild: ${e.message}`);
      else {
        const r = e.result;
        core.info(
          `fbuild: [${e.done}/${e.total}] ${r.ok ? 'ok    ' : 'FAILED'} ${r.example} (${r.board}) flash ${r.flash} RAM ${r.ram}, ${r.hits} hits ${r.misses} misses`,
        );
        if (!r.ok) {
          core.startGroup(`${r.example} (${r.board}): the compiler's messages`);
          core.info(e.diagnostics);
          core.endGroup();
          core.error(`${r.example} (${r.board}): ${r.error ?? 'the build failed'}`);
        }
      }
    });
  } finally {
    await client.close();
    await builder.close();
  }

  const outDir = join(libraryDir, ...EXAMPLES_WORK_DIR.split('/'));
  const reportFile = join(outDir, 'report.json');
  const sketchesDir = join(outDir, 'sketches-reports');
  mkdirSync(sketchesDir, { recursive: true });
  writeFileSync(reportFile, JSON.stringify(report, null, 2) + '\n');
  const repoUrl = `${process.env.GITHUB_SERVER_URL ?? 'https://github.com'}/${ctx.repository}`;
  for (const f of toSketchesReports(report, { hash: ctx.sha, url: `${repoUrl}/commit/${ctx.sha}` }, base)) {
    writeFileSync(join(sketchesDir, f.file), JSON.stringify(f.json, null, 2) + '\n');
  }
  core.setOutput('examples-report', reportFile);
  core.setOutput('sketches-report', sketchesDir);
  core.setOutput('hits', String(report.totals.hits));
  core.setOutput('misses', String(report.totals.misses));
  core.setOutput('hit-rate', String(Math.round(report.totals.hitRate * 1000) / 1000));

  const deltas = sizeDeltas(report, base);
  const cells: ReportCell[] = report.results.map((r, i) => ({
    example: r.example,
    board: r.board,
    ok: r.ok,
    flash: r.flash,
    ram: r.ram,
    flashDelta: deltas[i]!.flashDelta,
    ramDelta: deltas[i]!.ramDelta,
    ...(r.error ? { error: r.error } : {}),
  }));
  const meta = { library: report.library, hasBase: base !== undefined, ...(entry.baseBranch ? { baseBranch: entry.baseBranch } : {}) };
  try {
    await core.summary.addRaw(`### fbuild: library examples\n\n${examplesMarkdown(cells, meta)}`).write();
  } catch (e) {
    core.warning(`fbuild: the job summary could not be written: ${(e as Error).message}`);
  }
  const pr = prContextFromEnv(process.env);
  if (pr && inputs.comment) {
    await reportExamplesToPullRequest({
      token: inputs.githubToken,
      context: pr,
      cells,
      meta,
      log: { info: core.info, notice: core.notice, warning: core.warning },
    });
  }
  if (inputs.cache) await saveReport(entry, report, (m) => core.warning(`fbuild: ${m}`));

  stateFile.update({ buildFailed: report.totals.failed > 0 });
  return report.totals.failed === 0;
}

/**
 * Builds a cell through the job's server. Should the server be gone, that cell and every one after it
 * are built in this process without the cache, with one warning: caching never fails the job.
 */
class ServerBuilder implements CellBuilder {
  readonly jobs: number;
  private local: Promise<BuildSession> | undefined;
  private lost = false;

  constructor(
    private readonly client: JobClient,
    private readonly inputs: ActionInputs,
    private readonly ctx: RunnerContext,
  ) {
    this.jobs = inputs.jobs ?? availableParallelism();
  }

  async run(req: Parameters<CellBuilder['run']>[0], emit: (e: BuildEvent) => void): Promise<number> {
    if (!this.lost) {
      let code = 0;
      try {
        for await (const e of this.client.build({
          projectDir: req.projectDir,
          ...(req.environment ? { environment: req.environment } : {}),
          toolchain: this.inputs.toolchain,
          projectEnv: projectEnvOf(req.projectDir),
        })) {
          if (e.type === 'error') code = e.exitCode;
          emit(e);
        }
        return code;
      } catch (e) {
        if (!(e instanceof ServerUnreachableError)) throw e;
        this.lost = true;
        core.warning(`fbuild: the cache server is gone (${e.message}); building the remaining examples without the cache`);
      }
    }
    const session = await (this.local ??= this.openLocal());
    return session.run({ ...req, noCache: true }, emit);
  }

  private async openLocal(): Promise<BuildSession> {
    const { BuildSession } = await import('../../../server/engine/buildSession.js');
    const { toolchainsDirFor } = await import('../../../server/toolchains/resolveAvr.js');
    return BuildSession.open({
      cache: false,
      jobs: this.jobs,
      toolchain: this.inputs.toolchain,
      toolchainsDir: toolchainsDirFor(process.env, this.ctx.cacheDir),
      fbuildCommand: [process.execPath, this.ctx.cliPath],
      wrapperEnv: () => ({}),
    });
  }

  async close(): Promise<void> {
    if (this.local) await (await this.local).close('force');
  }
}
