// Issue 2's benchmark: raw compiles of the Arduino core and of a generated ~300-unit project with no
// cache, with our embedded cache (cold, warm) and with ccache 4.7 (cold, warm), interleaved so that
// machine noise hits every mode alike; medians reported, ratios taken within this one run.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { CacheService } from '../server/cache/cacheService.ts';
import { CompileSession } from '../server/cache/compileSession.ts';
import type { CacheStats } from '../server/cache/stats.ts';
import { copyArduinoCore, unoCompileArgs } from '../test/helpers/fixtures.ts';
import { generateProject } from '../test/helpers/generateProject.ts';
import pLimit from 'p-limit';
import { addTarget, fmtMs, median, runAll, table } from './harness.ts';

/** Every file a build left in its build dir (objects and depfiles), read into memory. */
function readOutputs(dir: string): [string, Buffer][] {
  return readdirSync(dir).map((f) => [join(dir, f), readFileSync(join(dir, f))]);
}

/**
 * The floor of a warm build: the same outputs written from memory with the same parallelism and the
 * same call the cache makes (writeFileSync), with no key, no lookup and no check.
 */
async function writeOutputs(files: [string, Buffer][], jobs: number): Promise<void> {
  const limit = pLimit(jobs);
  await Promise.all(files.map(([path, data]) => limit(async () => writeFileSync(path, data))));
}

interface Dataset {
  name: string;
  ws: string;
  commands: string[][];
}

function datasets(root: string): Dataset[] {
  const core = join(root, 'core-ws');
  copyArduinoCore(core);
  mkdirSync(join(core, 'build'), { recursive: true });
  const coreSources = readdirSync(join(core, 'core'))
    .filter((f) => /\.(c|cpp|S)$/.test(f))
    .map((f) => `core/${f}`);
  const gen = join(root, 'gen-ws');
  copyArduinoCore(gen);
  const { sources, includeDirs } = generateProject(gen, 300);
  mkdirSync(join(gen, 'build'), { recursive: true });
  const obj = (s: string) => `build/${s.replace(/\//g, '_')}.o`;
  return [
    { name: 'Arduino core', ws: core, commands: coreSources.map((s) => unoCompileArgs(s, obj(s))) },
    {
      name: `generated project (${sources.length} units)`,
      ws: gen,
      commands: sources.map((s) => unoCompileArgs(s, obj(s), ['core', 'variant', ...includeDirs])),
    },
  ];
}

export async function cacheBench(root: string, iterations: number): Promise<string> {
  const jobs = availableParallelism();
  const out: string[] = [`## Compile cache (issue 2): ${jobs} parallel jobs, medians of ${iterations} runs\n`];
  for (const ds of datasets(root)) {
    const ours = join(root, `${ds.name}-fbuild`);
    const ccacheDir = join(root, `${ds.name}-ccache`);
    const ccacheEnv = { ...process.env, CCACHE_DIR: ccacheDir, CCACHE_BASEDIR: ds.ws, CCACHE_MAXSIZE: '5G', CCACHE_NOHASHDIR: '1' };
    const t: Record<string, number[]> = { none: [], coldOurs: [], warmOurs: [], floor: [], coldCcache: [], warmCcache: [] };
    const warmStats: CacheStats[] = [];
    // Every run starts from an empty build directory, as a CI build on a fresh checkout does.
    const time = async (into: number[], fn: () => Promise<unknown>) => {
      rmSync(join(ds.ws, 'build'), { recursive: true, force: true });
      mkdirSync(join(ds.ws, 'build'));
      const t0 = performance.now();
      await fn();
      into.push(performance.now() - t0);
    };
    const viaOurs = async (stats?: CacheStats[]) => {
      const svc = await CacheService.start({ cacheDir: ours, jobs });
      const session = new CompileSession(); // one run is one build, as the orchestrator makes it
      const rs = await Promise.all(
        ds.commands.map((args) => svc.compile({ compiler: 'avr-gcc', args, cwd: ds.ws, workspaceRoot: ds.ws, session })),
      );
      if (rs.some((r) => r.exitCode !== 0)) throw new Error(`compile failed: ${rs.find((r) => r.exitCode)!.stderr}`);
      stats?.push(svc.stats());
      await svc.shutdown();
    };
    for (let i = 0; i < iterations; i++) {
      await time(t.none!, () =>
        runAll(
          ds.commands.map((args) => ({ cmd: 'avr-gcc', args })),
          ds.ws,
          jobs,
        ),
      );
      rmSync(ours, { recursive: true, force: true });
      await time(t.coldOurs!, () => viaOurs());
      rmSync(ccacheDir, { recursive: true, force: true });
      await time(t.coldCcache!, () =>
        runAll(
          ds.commands.map((args) => ({ cmd: 'ccache', args: ['avr-gcc', ...args] })),
          ds.ws,
          jobs,
          ccacheEnv,
        ),
      );
      await time(t.warmOurs!, () => viaOurs(warmStats));
      const outputs = readOutputs(join(ds.ws, 'build'));
      await time(t.floor!, () => writeOutputs(outputs, jobs));
      await time(t.warmCcache!, () =>
        runAll(
          ds.commands.map((args) => ({ cmd: 'ccache', args: ['avr-gcc', ...args] })),
          ds.ws,
          jobs,
          ccacheEnv,
        ),
      );
    }
    for (const s of warmStats) if (s.hitRate !== 1) throw new Error(`warm run was not all hits: ${JSON.stringify(s)}`);
    const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)])) as Record<string, number>;
    const perHitMedian = median(warmStats.map((s) => s.hitServiceMs.median));
    const perHitP95 = median(warmStats.map((s) => s.hitServiceMs.p95));
    const lookupMedian = median(warmStats.map((s) => s.hitLookupMs.median));
    const lookupP95 = median(warmStats.map((s) => s.hitLookupMs.p95));
    out.push(`### ${ds.name}: ${ds.commands.length} compiles\n`);
    out.push(
      table(
        ['mode', 'wall time (median)', 'vs no cache'],
        [
          ['no cache', fmtMs(m.none!), '1.00'],
          ['fbuild cold (all misses)', fmtMs(m.coldOurs!), (m.coldOurs! / m.none!).toFixed(3)],
          ['ccache cold', fmtMs(m.coldCcache!), (m.coldCcache! / m.none!).toFixed(3)],
          ['fbuild warm (all hits)', fmtMs(m.warmOurs!), (m.warmOurs! / m.none!).toFixed(4)],
          ['floor (the warm outputs written from memory)', fmtMs(m.floor!), (m.floor! / m.none!).toFixed(4)],
          ['ccache warm', fmtMs(m.warmCcache!), (m.warmCcache! / m.none!).toFixed(4)],
        ],
      ),
    );
    out.push('');
    out.push(`- miss overhead (fbuild cold / no cache - 1): ${((m.coldOurs! / m.none! - 1) * 100).toFixed(1)}% (target ≤ 3%)`);
    out.push(`- per-hit service time: median ${fmtMs(perHitMedian)}, p95 ${fmtMs(perHitP95)} (target median ≤ 0.2 ms)`);
    out.push(
      `  - of which lookup (key, entry read and verified, headers checked): median ${fmtMs(lookupMedian)}, p95 ${fmtMs(lookupP95)}; the rest is creating the object and depfile`,
    );
    out.push(`- fbuild warm / cold: ${(m.warmOurs! / m.coldOurs!).toFixed(4)}`);
    out.push(`- fbuild warm / floor: ${(m.warmOurs! / m.floor!).toFixed(2)} (target ≤ 1.5; the warm run includes start and shutdown)`);
    const name = `${ds.name} (compile bench)`;
    const ratio = (v: number) => v.toFixed(2);
    const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
    addTarget(`warm / floor, ${name}`, '≤ 1.5', m.warmOurs! / m.floor!, ratio, (v) => v <= 1.5);
    addTarget(`floor, ${name}`, '(measured)', m.floor!, fmtMs);
    if (ds.commands.length > 100) {
      addTarget(`per-hit service time median, ${name}`, '≤ 0.2 ms', perHitMedian, fmtMs, (v) => v <= 0.2);
      addTarget(`miss overhead (cold / no cache - 1), ${name}`, '≤ 3%', m.coldOurs! / m.none! - 1, pct, (v) => v <= 0.03);
    }
    out.push(`- fbuild warm / ccache warm: ${(m.warmOurs! / m.warmCcache!).toFixed(3)} (target ≤ 0.3)\n`);
  }
  return out.join('\n');
}
