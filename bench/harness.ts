import { spawn } from 'node:child_process';
import pLimit from 'p-limit';

/** Runs `count` iterations of `fn` and returns every duration in ms. */
export async function timeRuns(count: number, fn: () => Promise<void>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function runProcess(cmd: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: env ?? process.env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b) => (err += b));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(0) : reject(new Error(`${cmd} ${args.join(' ')} failed (${code}): ${err}`))));
  });
}

/** Runs the commands with at most `jobs` processes at once. */
export async function runAll(
  commands: { cmd: string; args: string[] }[],
  cwd: string,
  jobs: number,
  env?: NodeJS.ProcessEnv,
): Promise<void> {
  const limit = pLimit(jobs);
  await Promise.all(commands.map((c) => limit(() => runProcess(c.cmd, c.args, cwd, env))));
}

export function fmtMs(ms: number): string {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 1 ? `${ms.toFixed(1)} ms` : `${(ms * 1000).toFixed(0)} µs`;
}

export function table(headers: string[], rows: (string | number)[][]): string {
  const lines = [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

/** One target (issues 16 and 27), with the figure this run measured. */
export interface Target {
  target: string;
  goal: string;
  figure: string;
  met: boolean | undefined;
}

/** Every section adds its targets here; run.ts prints them as one table at the end. */
export const targets: Target[] = [];

export function addTarget(target: string, goal: string, value: number, fmt: (v: number) => string, met?: (v: number) => boolean): void {
  targets.push({ target, goal, figure: fmt(value), met: met && Number.isFinite(value) ? met(value) : undefined });
}

export function targetsTable(): string {
  const rows = targets.map((t) => [t.target, t.goal, t.figure, t.met === undefined ? '' : t.met ? 'met' : '**missed**']);
  return ['## Targets (issues 16 and 27), ratios within this run\n', table(['target', 'goal', 'figure', ''], rows), ''].join('\n');
}
