// Issue 27's rows: whole processes as a user runs them (`node dist/cli.js …` from a fresh bundle), on a
// 240-unit uno project: cold, warm from another checkout (clean build dir), an unchanged rebuild, and
// the floors they are held to: `cp -r` of a full build dir, and a process that does nothing else
// (`fbuild --version`). Interleaved; medians; ratios within this run. As a user's: the cold build
// starts the resident server (src/cli/residentServer.ts) and the builds after it ask that server;
// the same warm build in its own process (`--no-daemon`) is shown beside them.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { generateProject } from '../test/helpers/generateProject.ts';
import { addTarget, fmtMs, median, table } from './harness.ts';

function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return ms;
}

export async function processBench(root: string, iterations: number): Promise<string> {
  const dist = join(root, 'dist');
  execFileSync(process.execPath, [join(import.meta.dirname, '..', 'scripts', 'build.mjs'), '--outdir', dist], {
    cwd: join(import.meta.dirname, '..'),
  });
  const cli = join(dist, 'cli.js');
  const a = join(root, 'checkout-a');
  const b = join(root, 'checkout-b');
  const c = join(root, 'checkout-c');
  generateProject(a, 240);
  cpSync(a, b, { recursive: true });
  cpSync(a, c, { recursive: true });
  const cacheDir = join(root, 'process-cache');
  const env = { ...process.env, FBUILD_CACHE_DIR: cacheDir, FBUILD_TOOLCHAIN: 'system', FBUILD_OFFLINE: '1', FBUILD_DAEMON: '1' };
  const build = (dir: string, ...more: string[]) => timed(process.execPath, [cli, 'build', dir, '-e', 'uno', ...more], env);
  const t: Record<string, number[]> = { cold: [], warm: [], noop: [], again: [], inProcess: [], copy: [], floor: [] };
  const load: number[] = [];
  for (let i = 0; i < iterations; i++) {
    load.push(loadavg()[0]!);
    rmSync(cacheDir, { recursive: true, force: true });
    rmSync(join(a, '.fbuild'), { recursive: true, force: true });
    t.cold!.push(build(a));
    rmSync(join(b, '.fbuild'), { recursive: true, force: true });
    t.warm!.push(build(b));
    t.noop!.push(build(b));
    rmSync(join(c, '.fbuild'), { recursive: true, force: true });
    t.again!.push(build(c));
    rmSync(join(b, '.fbuild'), { recursive: true, force: true });
    t.inProcess!.push(build(b, '--no-daemon'));
    // The floor of a warm build: copying a full build dir (the cold build's objects, depfiles, archives, firmware).
    rmSync(join(root, 'copy'), { recursive: true, force: true });
    t.copy!.push(timed('cp', ['-r', join(a, '.fbuild'), join(root, 'copy')], env));
    t.floor!.push(timed(process.execPath, [cli, '--version'], env));
  }
  // The resident server the last cold build started: stopped, not left to its idle time.
  timed(process.execPath, [cli, 'stop', '--cache-dir', cacheDir], env);
  const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)])) as Record<string, number>;
  const out = [
    `## Whole processes (issue 27): 240-unit uno project, medians of ${iterations}, load average ${load.map((l) => l.toFixed(1)).join(', ')}\n`,
    table(
      ['process', 'wall time (median)'],
      [
        ['fbuild build, cold (empty store)', fmtMs(m.cold!)],
        ['fbuild build, warm from another checkout (clean build dir)', fmtMs(m.warm!)],
        ['fbuild build, unchanged rebuild (up to date)', fmtMs(m.noop!)],
        ['fbuild build, warm from a third checkout (not the resident server’s first build)', fmtMs(m.again!)],
        ['fbuild build --no-daemon, warm from another checkout (in its own process)', fmtMs(m.inProcess!)],
        ['cp -r of the cold build dir', fmtMs(m.copy!)],
        ['fbuild --version (a process that does nothing else)', fmtMs(m.floor!)],
      ],
    ),
    '',
  ];
  addTarget(
    'warm build from another checkout / cp -r of its outputs (whole processes)',
    '≤ 3',
    m.warm! / m.copy!,
    (v) => v.toFixed(2),
    (v) => v <= 3,
  );
  addTarget(
    'warm / cold (whole processes, 240 units)',
    '≤ 0.01',
    m.warm! / m.cold!,
    (v) => v.toFixed(4),
    (v) => v <= 0.01,
  );
  addTarget(
    'unchanged rebuild / fbuild --version',
    '≤ 1.5',
    m.noop! / m.floor!,
    (v) => v.toFixed(2),
    (v) => v <= 1.5,
  );
  return out.join('\n');
}
