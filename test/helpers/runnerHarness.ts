// Runs the action's files as a GitHub runner does, close enough to test them: a job is a list of
// steps; `uses:` a composite action runs its steps with `${{ }}` expressions (inputs, env, steps,
// github, runner, toJSON) and step `if:` (always/success/failure); a node24 action runs its main with
// INPUT_* variables and, at the end of the job, its post (post-if). Each step gets GITHUB_OUTPUT,
// GITHUB_ENV, GITHUB_PATH, GITHUB_STATE and GITHUB_STEP_SUMMARY files, cwd = GITHUB_WORKSPACE, and
// its output is scanned for workflow commands: ::add-mask:: (later lines are masked, as a runner
// masks them), ::warning::, ::error::, ::notice::.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { freshDist } from './bundle.ts';

const REPO = resolve(import.meta.dirname, '..', '..');

/**
 * A copy of the action in `dir`: its .yml files and dist/ bundled from the current sources (the run's
 * shared bundle, see bundle.ts, copied so that a job can never touch another file's action).
 */
export async function prepareAction(dir: string): Promise<string> {
  for (const f of ['action.yml', 'setup/action.yml', 'save/action.yml', 'report/action.yml']) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    cpSync(join(REPO, f), join(dir, f));
  }
  cpSync(freshDist(), join(dir, 'dist'), { recursive: true });
  return dir;
}

export interface Job {
  /** The job's own directories: HOME, the workspace (work/repo/repo, as on a hosted runner), RUNNER_TEMP. */
  root: string;
  home: string;
  workspace: string;
  temp: string;
  /** Variables of the job (the emulator's, GITHUB_RUN_ID, ...); the runner's own are added. */
  env: Record<string, string>;
}

/** Directories for a job under `root`, laid out like a hosted runner's. */
export function newJob(root: string, env: Record<string, string>): Job {
  const home = join(root, 'home');
  const workspace = join(root, 'work', 'repo', 'repo');
  const temp = join(root, 'work', '_temp');
  for (const d of [home, workspace, temp]) mkdirSync(d, { recursive: true });
  return { root, home, workspace, temp, env };
}

export type Step =
  | { id?: string; if?: string; uses: string; with?: Record<string, string> }
  | { id?: string; if?: string; run: string; env?: Record<string, string> };

export interface StepRecord {
  name: string;
  id?: string;
  conclusion: 'success' | 'failure' | 'skipped';
  outputs: Record<string, string>;
  /** Wall time of the step, ms. */
  ms?: number;
  /** A composite action's own steps. */
  inner?: StepRecord[];
}

export interface JobResult {
  conclusion: 'success' | 'failure';
  steps: StepRecord[];
  /** Everything the steps printed, masked as the runner masks it. */
  log: string;
  masks: string[];
  annotations: { level: 'warning' | 'error' | 'notice'; message: string }[];
  /** Every step's GITHUB_STEP_SUMMARY, in order. */
  summary: string;
  /** The job's environment at its end (GITHUB_ENV applied). */
  env: Record<string, string>;
  /** Processes still running when the job ended (killed then, as a runner does). */
  orphans: number[];
  outputs(id: string): Record<string, string>;
}

interface Ctx {
  job: Job;
  env: Record<string, string>;
  path: string[];
  failed: boolean;
  log: string[];
  masks: string[];
  annotations: JobResult['annotations'];
  summary: string[];
  records: StepRecord[];
  posts: (() => Promise<void>)[];
  github: Record<string, string>;
  seq: number;
}

/** Runs the steps as one job; never throws for a failed step (see `conclusion`). */
export async function runJob(job: Job, steps: Step[]): Promise<JobResult> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] => e[1] !== undefined && !/^(GITHUB_|RUNNER_|ACTIONS_|INPUT_|STATE_|FBUILD_|XDG_)/.test(e[0]),
    ),
  );
  const github = {
    token: job.env.GITHUB_TOKEN_FOR_TEST ?? 'ghs_none',
    run_id: job.env.GITHUB_RUN_ID ?? '1',
    run_attempt: job.env.GITHUB_RUN_ATTEMPT ?? '1',
    ref: job.env.GITHUB_REF ?? 'refs/heads/main',
    sha: job.env.GITHUB_SHA ?? '0'.repeat(40),
    repository: job.env.GITHUB_REPOSITORY ?? 'owner/repo',
    workspace: job.workspace,
  };
  const ctx: Ctx = {
    job,
    env: {
      ...base,
      HOME: job.home,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: job.workspace,
      RUNNER_TEMP: job.temp,
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: process.arch === 'x64' ? 'X64' : process.arch.toUpperCase(),
      GITHUB_RUN_ID: github.run_id,
      GITHUB_RUN_ATTEMPT: github.run_attempt,
      GITHUB_REF: github.ref,
      GITHUB_SHA: github.sha,
      GITHUB_REPOSITORY: github.repository,
      // As a runner does: processes a job leaves behind carry this and are killed when it ends.
      RUNNER_TRACKING_ID: `harness_${process.pid}_${Math.random().toString(36).slice(2)}`,
      ...job.env,
    },
    path: [],
    failed: false,
    log: [],
    masks: [],
    annotations: [],
    summary: [],
    records: [],
    posts: [],
    github,
    seq: 0,
  };
  for (const step of steps) await runStep(ctx, step, { inputs: {}, steps: {} }, undefined);
  // Post steps run last, in the reverse order of their mains.
  for (const post of ctx.posts.reverse()) await post();
  const orphans = killOrphans(ctx.env.RUNNER_TRACKING_ID!);
  const masked = ctx.log.join('');
  return {
    conclusion: ctx.failed ? 'failure' : 'success',
    steps: ctx.records,
    log: masked,
    masks: ctx.masks,
    annotations: ctx.annotations,
    summary: ctx.summary.join('\n'),
    env: ctx.env,
    orphans,
    outputs: (id) => ctx.records.find((r) => r.id === id)?.outputs ?? {},
  };
}

/** Kills the processes whose environment holds the job's RUNNER_TRACKING_ID; returns their pids. */
function killOrphans(trackingId: string): number[] {
  const found: number[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/environ`, 'latin1').includes(`RUNNER_TRACKING_ID=${trackingId}\0`)) continue;
      process.kill(Number(pid), 'SIGKILL');
      found.push(Number(pid));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

interface Scope {
  inputs: Record<string, string>;
  steps: Record<string, { outputs: Record<string, string>; conclusion: string }>;
  actionPath?: string;
}

async function runStep(
  ctx: Ctx,
  step: Step,
  scope: Scope,
  inner: { failed: boolean; records: StepRecord[] } | undefined,
): Promise<StepRecord> {
  const name = 'uses' in step ? `uses ${step.uses}` : `run ${step.run.split('\n')[0]}`;
  const failedSoFar = ctx.failed || (inner?.failed ?? false);
  const go = truthy(evaluate(condition(step.if), exprContext(ctx, scope, failedSoFar)));
  let record: StepRecord;
  const started = performance.now();
  if (!go) record = { name, ...(step.id ? { id: step.id } : {}), conclusion: 'skipped', outputs: {} };
  else if ('run' in step) record = await runScript(ctx, step, scope, name);
  else record = await runAction(ctx, step, scope, name);
  record.ms = performance.now() - started;
  if (record.conclusion === 'failure') {
    if (inner) inner.failed = true;
    else ctx.failed = true;
  }
  if (step.id) scope.steps[step.id] = { outputs: record.outputs, conclusion: record.conclusion };
  if (inner) inner.records.push(record);
  else ctx.records.push(record);
  return record;
}

/** A step's `if:` as evaluated: without a status function it means `success() && (...)`. */
function condition(text: string | undefined): string {
  const expr = (text ?? 'success()').replace(/^\$\{\{\s*|\s*\}\}$/g, '');
  return /\b(always|success|failure|cancelled)\(/.test(expr) ? expr : `success() && (${expr})`;
}

function exprContext(ctx: Ctx, scope: Scope, failed: boolean): ExprContext {
  return {
    values: {
      inputs: scope.inputs,
      env: ctx.env,
      steps: scope.steps,
      github: { ...ctx.github, ...(scope.actionPath ? { action_path: scope.actionPath } : {}) },
      runner: { os: 'Linux', temp: ctx.job.temp, arch: ctx.env.RUNNER_ARCH },
    },
    failed,
  };
}

function substitute(text: string, c: ExprContext): string {
  return text.replace(/\$\{\{(.*?)\}\}/gs, (_, expr: string) => toText(evaluate(expr, c)));
}

async function runScript(ctx: Ctx, step: Extract<Step, { run: string }>, scope: Scope, name: string): Promise<StepRecord> {
  const c = exprContext(ctx, scope, ctx.failed);
  const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(v, c)]));
  if (scope.actionPath) env.GITHUB_ACTION_PATH = scope.actionPath;
  const files = stepFiles(ctx);
  const r = await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', substitute(step.run, c)], {
    cwd: ctx.job.workspace,
    env: { ...stepEnv(ctx, files), ...env },
  });
  return finishStep(ctx, step.id, name, r, files);
}

async function runAction(ctx: Ctx, step: Extract<Step, { uses: string }>, scope: Scope, name: string): Promise<StepRecord> {
  const dir = resolve(ctx.job.workspace, step.uses);
  const meta = parseYaml(readFileSync(join(dir, 'action.yml'), 'utf8')) as ActionMeta;
  const c = exprContext(ctx, scope, ctx.failed);
  const inputs: Record<string, string> = {};
  for (const [k, spec] of Object.entries(meta.inputs ?? {})) {
    const given = step.with?.[k];
    inputs[k] = given !== undefined ? substitute(given, c) : substitute(String(spec.default ?? ''), c);
  }
  if (meta.runs.using === 'composite') {
    const innerScope: Scope = { inputs, steps: {}, actionPath: dir };
    const status = { failed: false, records: [] as StepRecord[] };
    for (const s of meta.runs.steps ?? []) {
      if ('uses' in s && !s.uses.startsWith('.')) {
        // Only the node check's fallback uses another action; on this machine node is there.
        const go = truthy(evaluate(condition(s.if), exprContext(ctx, innerScope, ctx.failed || status.failed)));
        if (go) throw new Error(`the harness cannot run ${s.uses} (its condition ${s.if} was true)`);
        continue;
      }
      await runStep(ctx, s as Step, innerScope, status);
    }
    const oc = exprContext(ctx, innerScope, ctx.failed || status.failed);
    const outputs = Object.fromEntries(Object.entries(meta.outputs ?? {}).map(([k, o]) => [k, substitute(String(o.value ?? ''), oc)]));
    return { name, ...(step.id ? { id: step.id } : {}), conclusion: status.failed ? 'failure' : 'success', outputs, inner: status.records };
  }
  if (meta.runs.using !== 'node24') throw new Error(`the harness runs composite and node24 actions, not ${meta.runs.using}`);
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v]));
  const stateFile = join(mkdtempSync(join(ctx.job.temp, 'state-')), 'state');
  writeFileSync(stateFile, '');
  const files = { ...stepFiles(ctx), state: stateFile };
  const r = await run(process.execPath, [join(dir, meta.runs.main!)], {
    cwd: ctx.job.workspace,
    env: { ...stepEnv(ctx, files), ...inputEnv },
  });
  const record = finishStep(ctx, step.id, name, r, files);
  if (meta.runs.post) {
    const post = meta.runs.post;
    const postIf = meta.runs['post-if'] ?? 'always()';
    ctx.posts.push(async () => {
      const go = truthy(evaluate(postIf, exprContext(ctx, scope, ctx.failed)));
      if (!go) return void ctx.records.push({ name: `post ${name}`, conclusion: 'skipped', outputs: {} });
      const state = Object.fromEntries(Object.entries(parseKeyValues(readFileSync(stateFile, 'utf8'))).map(([k, v]) => [`STATE_${k}`, v]));
      const postFiles = { ...stepFiles(ctx), state: stateFile };
      const pr = await run(process.execPath, [join(dir, post)], {
        cwd: ctx.job.workspace,
        env: { ...stepEnv(ctx, postFiles), ...inputEnv, ...state },
      });
      const rec = finishStep(ctx, undefined, `post ${name}`, pr, postFiles);
      if (rec.conclusion === 'failure') ctx.failed = true;
      ctx.records.push(rec);
    });
  }
  return record;
}

interface ActionMeta {
  inputs?: Record<string, { default?: string }>;
  outputs?: Record<string, { value?: string }>;
  runs: { using: string; main?: string; post?: string; 'post-if'?: string; steps?: (Step & { shell?: string })[] };
}

interface StepFiles {
  output: string;
  env: string;
  path: string;
  summary: string;
  state: string;
}

function stepFiles(ctx: Ctx): StepFiles {
  const dir = join(ctx.job.temp, '_runner_file_commands', String(++ctx.seq));
  mkdirSync(dir, { recursive: true });
  const files = {
    output: join(dir, 'output'),
    env: join(dir, 'env'),
    path: join(dir, 'path'),
    summary: join(dir, 'summary'),
    state: join(dir, 'state'),
  };
  for (const f of Object.values(files)) writeFileSync(f, '');
  return files;
}

function stepEnv(ctx: Ctx, files: StepFiles): Record<string, string> {
  return {
    ...ctx.env,
    PATH: [...ctx.path, ctx.env.PATH ?? ''].join(delimiter),
    GITHUB_OUTPUT: files.output,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
  };
}

function finishStep(ctx: Ctx, id: string | undefined, name: string, r: { code: number; output: string }, files: StepFiles): StepRecord {
  for (const line of r.output.split(/(?<=\n)/)) {
    const cmd = /^::([a-z-]+)(?: [^:]*)?::(.*?)\r?\n?$/.exec(line);
    if (cmd?.[1] === 'add-mask') {
      if (cmd[2]) ctx.masks.push(cmd[2]);
      continue; // the runner does not print the command
    }
    if (cmd?.[1] === 'debug') continue; // shown only when the runner's debug logging is on
    if (cmd && (cmd[1] === 'warning' || cmd[1] === 'error' || cmd[1] === 'notice'))
      ctx.annotations.push({ level: cmd[1], message: mask(ctx, cmd[2]!) });
    ctx.log.push(mask(ctx, line));
  }
  for (const [k, v] of Object.entries(parseKeyValues(readFileSync(files.env, 'utf8')))) ctx.env[k] = v;
  for (const p of readFileSync(files.path, 'utf8').split('\n').filter(Boolean).reverse()) ctx.path.unshift(p);
  ctx.summary.push(readFileSync(files.summary, 'utf8'));
  return {
    name,
    ...(id ? { id } : {}),
    conclusion: r.code === 0 ? 'success' : 'failure',
    outputs: parseKeyValues(readFileSync(files.output, 'utf8')),
  };
}

function mask(ctx: Ctx, text: string): string {
  let out = text;
  for (const m of ctx.masks) out = out.split(m).join('***');
  return out;
}

/** The GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE format: `name=value` or `name<<DELIM` ... `DELIM`. */
export function parseKeyValues(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i]!);
      out[heredoc[1]!] = value.join('\n');
    } else if (line.includes('=')) out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return out;
}

function run(cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ code: number; output: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolveRun({ code: code ?? 1, output }));
  });
}

// ---- expressions: the part of GitHub's expression language our action files use ----

interface ExprContext {
  values: Record<string, unknown>;
  failed: boolean;
}

type Token = { t: 'str' | 'id' | 'op' | 'num'; v: string };

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:'((?:[^']|'')*)'|(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_*][A-Za-z0-9_-]*)*)|(==|!=|&&|\|\||[!(),]))/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < expr.trimEnd().length && (m = re.exec(expr))) {
    if (m[1] !== undefined) tokens.push({ t: 'str', v: m[1].replace(/''/g, "'") });
    else if (m[2] !== undefined) tokens.push({ t: 'num', v: m[2] });
    else if (m[3] !== undefined) tokens.push({ t: 'id', v: m[3] });
    else tokens.push({ t: 'op', v: m[4]! });
  }
  if (re.lastIndex < expr.trimEnd().length) throw new Error(`the harness cannot parse the expression '${expr}'`);
  return tokens;
}

export function evaluate(expr: string, c: ExprContext): unknown {
  const tokens = tokenize(expr);
  let i = 0;
  const peek = () => tokens[i];
  const take = (v?: string) => {
    const t = tokens[i++];
    if (!t || (v !== undefined && t.v !== v)) throw new Error(`expression '${expr}': expected ${v ?? 'more'}`);
    return t;
  };
  const primary = (): unknown => {
    const t = take();
    if (t.t === 'str') return t.v;
    if (t.t === 'num') return Number(t.v);
    if (t.t === 'op' && t.v === '!') return !truthy(primary());
    if (t.t === 'op' && t.v === '(') {
      const v = or();
      take(')');
      return v;
    }
    if (t.t === 'id' && peek()?.v === '(') {
      take('(');
      const args: unknown[] = [];
      while (peek()?.v !== ')') {
        args.push(or());
        if (peek()?.v === ',') take(',');
      }
      take(')');
      return call(t.v, args, c);
    }
    if (t.t === 'id') {
      if (t.v === 'true') return true;
      if (t.v === 'false') return false;
      if (t.v === 'null') return null;
      return t.v
        .split('.')
        .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), c.values);
    }
    throw new Error(`expression '${expr}': unexpected '${t.v}'`);
  };
  const compare = (): unknown => {
    const left = primary();
    const op = peek();
    if (op?.v === '==' || op?.v === '!=') {
      take();
      const right = primary();
      const eq = String(left ?? '').toLowerCase() === String(right ?? '').toLowerCase();
      return op.v === '==' ? eq : !eq;
    }
    return left;
  };
  const and = (): unknown => {
    let v = compare();
    while (peek()?.v === '&&') {
      take();
      const r = compare();
      v = truthy(v) ? r : v;
    }
    return v;
  };
  const or = (): unknown => {
    let v = and();
    while (peek()?.v === '||') {
      take();
      const r = and();
      v = truthy(v) ? v : r;
    }
    return v;
  };
  const v = or();
  if (i < tokens.length) throw new Error(`expression '${expr}': unexpected '${tokens[i]!.v}'`);
  return v;
}

function call(name: string, args: unknown[], c: ExprContext): unknown {
  switch (name) {
    case 'always':
      return true;
    case 'success':
      return !c.failed;
    case 'failure':
      return c.failed;
    case 'cancelled':
      return false;
    case 'toJSON':
      return JSON.stringify(args[0] ?? null, null, 2);
    default:
      throw new Error(`the harness has no function ${name}()`);
  }
}

function truthy(v: unknown): boolean {
  return v !== undefined && v !== null && v !== false && v !== '' && v !== 0;
}

function toText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
