// Issue 4's benchmark, everything through a real `fbuild serve` process (the committed dist/ bundle):
// embedded vs wrapped builds (cold and warm) of examples/blink and the generated project; the
// per-unit cost of the wrapper process; /v1/compile hit lookups per second with 8 concurrent
// clients; and the server's resident memory with 50,000 entries in its store.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CacheClient } from '../src/client/cacheClient.ts';
import type { BuildEvent } from '../server/protocol/wire.ts';
import { copyArduinoCore, unoCompileArgs } from '../test/helpers/fixtures.ts';
import { generateProject } from '../test/helpers/generateProject.ts';
import { ccStartBench } from './ccStartBench.ts';
import { addTarget, fmtMs, median, table } from './harness.ts';
import { fillStore } from './scaleBench.ts';

const DIST_CLI = join(import.meta.dirname, '..', 'dist', 'cli.js');

interface Served {
  child: ChildProcess;
  client: CacheClient;
  pid: number;
}

async function serve(cacheDir: string, root: string): Promise<Served> {
  const child = spawn(process.execPath, [DIST_CLI, 'serve', '--cache-dir', cacheDir, '--allow-root', root], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, FBUILD_CACHE_TOKEN: 'bench', FBUILD_TOOLCHAIN: 'system' },
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b) => {
      out += b;
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.on('exit', (code) => reject(new Error(`fbuild serve exited with ${code}`)));
  });
  const ready = JSON.parse(line) as { url: string; pid: number };
  return { child, client: new CacheClient(ready.url, 'bench'), pid: ready.pid };
}

async function stop(s: Served): Promise<void> {
  const exited = new Promise((r) => s.child.once('exit', r));
  await s.client.shutdown('graceful');
  await s.client.close();
  await exited;
}

async function buildVia(
  client: CacheClient,
  projectDir: string,
  backend: 'embedded' | 'wrapped',
): Promise<{ ms: number; units: number; hits: number }> {
  rmSync(join(projectDir, '.fbuild'), { recursive: true, force: true });
  const t0 = performance.now();
  let result: Extract<BuildEvent, { type: 'done' }>['result'] | undefined;
  for await (const e of client.build({ projectDir, backend })) if (e.type === 'done') result = e.result;
  const ms = performance.now() - t0;
  if (!result || !('stats' in result) || !result.ok) throw new Error(`build failed: ${JSON.stringify(result)}`);
  return { ms, units: result.stats.compiles, hits: result.stats.hits };
}

/** CPU time (user + system) a process has used, in ms, from /proc (10 ms clock ticks). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssKiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

export async function serverBench(root: string, iterations: number): Promise<string> {
  if (!existsSync(DIST_CLI)) throw new Error('dist/cli.js is missing: run npm run build first');
  const out: string[] = [`## Cache server (issue 4): through \`fbuild serve\` (dist/cli.js), medians of ${iterations} runs\n`];
  const blink = join(root, 'srv-blink');
  cpSync(join(import.meta.dirname, '..', 'examples', 'blink'), blink, { recursive: true, filter: (s) => !s.includes('.fbuild') });
  const gen = join(root, 'srv-generated');
  generateProject(gen, 300);

  const rows: (string | number)[][] = [];
  const notes: string[] = [];
  for (const [name, dir] of [
    ['examples/blink', blink],
    ['generated project', gen],
  ] as const) {
    const t: Record<string, number[]> = { embCold: [], embWarm: [], wrapCold: [], wrapWarm: [] };
    let units = 0;
    for (let i = 0; i < iterations; i++) {
      for (const backend of ['embedded', 'wrapped'] as const) {
        const cacheDir = join(root, `srv-cache-${backend}`);
        rmSync(cacheDir, { recursive: true, force: true });
        const s = await serve(cacheDir, root);
        try {
          const cold = await buildVia(s.client, dir, backend);
          const warm = await buildVia(s.client, dir, backend);
          if (warm.hits !== warm.units) throw new Error(`${backend} warm build was not all hits`);
          units = warm.units;
          t[backend === 'embedded' ? 'embCold' : 'wrapCold']!.push(cold.ms);
          t[backend === 'embedded' ? 'embWarm' : 'wrapWarm']!.push(warm.ms);
        } finally {
          await stop(s);
        }
      }
    }
    const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)])) as Record<string, number>;
    rows.push([
      name,
      units,
      fmtMs(m.embCold!),
      fmtMs(m.wrapCold!),
      fmtMs(m.embWarm!),
      fmtMs(m.wrapWarm!),
      (m.wrapWarm! / m.embWarm!).toFixed(1),
    ]);
    // Units other than the link go through the wrapper: the difference per unit is its cost.
    const perUnit = (m.wrapWarm! - m.embWarm!) / (units - 1);
    notes.push(`- ${name}: wrapper cost per translation unit (warm, wall time, 2 jobs) ${fmtMs(perUnit)}`);
    if (units > 100) addTarget(`wrapped per-unit cost, ${name}`, '≤ 20 ms', perUnit, fmtMs, (v) => v <= 20);
  }
  out.push(table(['project', 'units', 'embedded cold', 'wrapped cold', 'embedded warm', 'wrapped warm', 'wrapped/embedded warm'], rows));
  out.push('');
  out.push(...notes);
  out.push('');

  // Hit lookups per second through /v1/compile with 8 concurrent clients.
  const ws = join(root, 'srv-lookups');
  copyArduinoCore(ws);
  mkdirSync(join(ws, 'build'), { recursive: true });
  const sources = readdirSync(join(ws, 'core'))
    .filter((f) => /\.(c|cpp)$/.test(f))
    .map((f) => `core/${f}`);
  const cacheDir = join(root, 'srv-cache-lookups');
  const s = await serve(cacheDir, root);
  try {
    const bodies = sources.map((src) => ({
      compiler: 'avr-gcc',
      args: unoCompileArgs(src, `build/${src.replace(/\//g, '_')}.o`),
      cwd: ws,
      workspaceRoot: ws,
      env: { PATH: process.env.PATH ?? '' },
    }));
    for (const b of bodies) await s.client.compile(b); // fill the cache
    const clients = Array.from({ length: 8 }, () => new CacheClient(s.client.url, 'bench'));
    const seconds = 3;
    const deadline = performance.now() + seconds * 1000;
    let done = 0;
    let misses = 0;
    const serverCpu0 = cpuMs(s.pid);
    await Promise.all(
      clients.map(async (c, k) => {
        for (let i = k; performance.now() < deadline; i += 8) {
          const r = await c.compile(bodies[i % bodies.length]!);
          if (r.outcome !== 'hit') misses++;
          done++;
        }
      }),
    );
    const serverCpu = cpuMs(s.pid) - serverCpu0;
    await Promise.all(clients.map((c) => c.close()));
    if (misses) throw new Error(`${misses} lookups were not hits`);
    // The server's own CPU per hit is what its code decides; hits/s also depends on the clients (this
    // process) and on whatever else the 2 cores run.
    out.push(
      `- /v1/compile hits with 8 concurrent clients: ${Math.round(done / seconds)} lookups/s (${done} in ${seconds} s); ` +
        `server CPU ${fmtMs(serverCpu / done)} per hit, ${((serverCpu / (seconds * 1000)) * 100).toFixed(0)}% of one core`,
    );
    addTarget(
      '/v1/compile hits with 8 clients',
      '≥ 5,000/s',
      done / seconds,
      (v) => `${Math.round(v)}/s`,
      (v) => v >= 5000,
    );
    out.push('', "### What Node's start leaves: one process per wrapped compile (a hit), medians, in turns\n");
    out.push(await ccStartBench(root, s.client.url, 'bench', Math.max(10, iterations * 4)));
  } finally {
    await stop(s);
  }

  // Resident memory with 50,000 entries in the store.
  const bigDir = join(root, 'srv-cache-50k');
  await fillStore(bigDir, 50_000, 2048);
  const big = await serve(bigDir, root);
  try {
    const stats = await big.client.stats();
    const rssMiB = rssKiB(big.pid) / 1024;
    out.push(`- resident memory of the server with ${stats.entries} entries in the store: ${rssMiB.toFixed(0)} MiB`);
    addTarget(
      `server RSS at ${stats.entries} entries`,
      '≤ 100 MiB',
      rssMiB,
      (v) => `${v.toFixed(0)} MiB`,
      (v) => v <= 100,
    );
  } finally {
    await stop(big);
  }
  return out.join('\n') + '\n';
}
