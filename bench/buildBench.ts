// Issue 3's benchmark: whole builds of examples/blink and of a generated ~300-unit project through
// the orchestrator: no cache, cold, warm (all hits, clean build dir), fingerprint no-op, and the same
// orchestrator with ccache-wrapped compiles. Interleaved; medians; ratios within this run.
import { cpSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { embeddedBackend } from '../server/engine/buildSession.ts';
import { CacheService } from '../server/cache/cacheService.ts';
import { build, type BuildResult, type CompileBackend } from '../server/engine/orchestrator.ts';
import { DirectBackend } from '../server/engine/directBackend.ts';
import { generateProject } from '../test/helpers/generateProject.ts';
import { CcacheBackend } from './ccacheBackend.ts';
import { addTarget, fmtMs, median, table } from './harness.ts';

export async function buildBench(root: string, iterations: number): Promise<string> {
  const jobs = availableParallelism();
  const blink = join(root, 'blink');
  cpSync(join(import.meta.dirname, '..', 'examples', 'blink'), blink, { recursive: true, filter: (s) => !s.includes('.fbuild') });
  const gen = join(root, 'generated');
  generateProject(gen, 300);
  const out: string[] = [`## Whole builds (issue 3): ${jobs} parallel jobs, medians of ${iterations} runs\n`];

  for (const [name, dir] of [
    ['examples/blink', blink],
    ['generated project', gen],
  ] as const) {
    const cacheDir = join(root, `${name.replace(/\W/g, '_')}-cache`);
    const ccacheDir = join(root, `${name.replace(/\W/g, '_')}-ccache`);
    const ccacheEnv = { CCACHE_DIR: ccacheDir, CCACHE_BASEDIR: dir, CCACHE_MAXSIZE: '5G' };
    const t: Record<string, number[]> = { none: [], cold: [], warm: [], noop: [], ccacheCold: [], ccacheWarm: [] };
    let units = 0;
    let warmResult: BuildResult | undefined;
    const run = async (
      into: number[],
      backend: () => Promise<CompileBackend & { shutdown?: () => Promise<unknown> }>,
      opts: { clean: boolean },
    ) => {
      if (opts.clean) rmSync(join(dir, '.fbuild'), { recursive: true, force: true });
      const t0 = performance.now();
      const b = await backend();
      const r = await build({ projectDir: dir, backend: b });
      await b.shutdown?.();
      into.push(performance.now() - t0);
      units = Math.max(units, r.stats.compiles);
      return r;
    };
    const ours = async () => {
      const service = await CacheService.start({ cacheDir, jobs });
      return { ...embeddedBackend(service), shutdown: () => service.shutdown() };
    };
    for (let i = 0; i < iterations; i++) {
      await run(t.none!, async () => new DirectBackend(jobs), { clean: true });
      rmSync(cacheDir, { recursive: true, force: true });
      await run(t.cold!, ours, { clean: true });
      warmResult = await run(t.warm!, ours, { clean: true });
      const noop = await run(t.noop!, ours, { clean: false });
      if (!noop.upToDate) throw new Error('the no-op build was not up to date');
      rmSync(ccacheDir, { recursive: true, force: true });
      await run(t.ccacheCold!, async () => new CcacheBackend(ccacheEnv, jobs), { clean: true });
      await run(t.ccacheWarm!, async () => new CcacheBackend(ccacheEnv, jobs), { clean: true });
    }
    if (warmResult?.stats.hitRate !== 1) throw new Error(`warm build was not all hits: ${JSON.stringify(warmResult?.stats)}`);
    const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)])) as Record<string, number>;
    out.push(`### ${name}: ${units} units (link included)\n`);
    out.push(
      table(
        ['build', 'wall time (median)', 'vs cold'],
        [
          ['no cache', fmtMs(m.none!), (m.none! / m.cold!).toFixed(3)],
          ['fbuild cold (empty cache)', fmtMs(m.cold!), '1.000'],
          ['fbuild warm (all hits, clean build dir)', fmtMs(m.warm!), (m.warm! / m.cold!).toFixed(4)],
          ['fbuild no-op (fingerprint)', fmtMs(m.noop!), (m.noop! / m.cold!).toFixed(4)],
          ['ccache cold', fmtMs(m.ccacheCold!), (m.ccacheCold! / m.cold!).toFixed(3)],
          ['ccache warm (compiles hit, link runs)', fmtMs(m.ccacheWarm!), (m.ccacheWarm! / m.cold!).toFixed(4)],
        ],
      ),
    );
    out.push('');
    out.push(`- fbuild warm / fbuild cold: ${(m.warm! / m.cold!).toFixed(4)} (target ≤ 0.05)`);
    out.push(`- fbuild warm / ccache warm: ${(m.warm! / m.ccacheWarm!).toFixed(3)} (target ≤ 0.3)\n`);
    const label = `${name}, ${units} units (whole build)`;
    addTarget(
      `miss overhead (cold / no cache - 1), ${label}`,
      '≤ 3%',
      m.cold! / m.none! - 1,
      (v) => `${(v * 100).toFixed(1)}%`,
      (v) => v <= 0.03,
    );
    if (units > 100)
      addTarget(
        `warm / cold, ${label}`,
        '≤ 0.03',
        m.warm! / m.cold!,
        (v) => v.toFixed(4),
        (v) => v <= 0.03,
      );
  }
  return out.join('\n');
}
