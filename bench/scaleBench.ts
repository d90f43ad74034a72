// Issue 16's scale rows: a hit's cost with 100,000 entries in the store against 1,000 (two stores side
// by side in this process, their hit rounds taken in turns so the machine's load falls on both alike),
// and the index load at 100,000 entries (LocalStore.open, the start of every server and `fbuild build`).
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CacheService, type CompileRequest } from '../server/cache/cacheService.ts';
import { LocalStore } from '../server/cache/localStore.ts';
import { copyArduinoCore, unoCompileArgs } from '../test/helpers/fixtures.ts';
import { addTarget, fmtMs, median, table } from './harness.ts';

/** `count` entries of made-up sources and keys, each with a small object, put the way compiles put theirs. */
export async function fillStore(dir: string, count: number, objectBytes = 64): Promise<void> {
  const store = LocalStore.open({ dir, maxBytes: 2 ** 40 });
  const object = Buffer.alloc(objectBytes, 7);
  for (let i = 0; i < count; i++) {
    const key = i.toString(16).padStart(64, '0');
    await store.put({
      contextKey: key,
      source: `$WS/src/unit${i}.cpp`,
      compiler: 'c'.repeat(64),
      flags: (i % 50).toString(16).padStart(64, 'f'),
      results: [
        {
          resultKey: key,
          files: [[`$WS/src/unit${i}.cpp`, key]],
          object,
          stdout: new Uint8Array(),
          stderr: new Uint8Array(),
          compileMs: 10,
          createdAt: 0,
        },
      ],
    });
  }
  await store.close();
}

export async function scaleBench(root: string, iterations: number): Promise<string> {
  const out: string[] = ['## Scale (issue 16): the store at 1,000 and 100,000 entries\n'];
  const ws = join(root, 'scale-ws');
  copyArduinoCore(ws);
  mkdirSync(join(ws, 'build'), { recursive: true });
  const bodies: CompileRequest[] = readdirSync(join(ws, 'core'))
    .filter((f) => /\.(c|cpp)$/.test(f))
    .map((f) => ({ compiler: 'avr-gcc', args: unoCompileArgs(`core/${f}`, `build/${f}.o`), cwd: ws, workspaceRoot: ws }));

  const sizes = [1_000, 100_000] as const;
  const dirs = sizes.map((n) => join(root, `scale-store-${n}`));
  const fillMs: number[] = [];
  for (const [i, n] of sizes.entries()) {
    const t0 = performance.now();
    await fillStore(dirs[i]!, n);
    fillMs.push(performance.now() - t0);
  }

  // The index load: LocalStore.open on the 100,000-entry store (the index file is in the page cache).
  const loads: number[] = [];
  for (let i = 0; i < Math.max(3, iterations); i++) {
    const t0 = performance.now();
    const store = LocalStore.open({ dir: dirs[1]!, maxBytes: 2 ** 40 });
    loads.push(performance.now() - t0);
    if (store.totals().entries !== 100_000) throw new Error(`the big store holds ${store.totals().entries} entries`);
    await store.close();
  }

  // The same 31 units stored in both (misses), then rounds of hits in turns.
  const services = await Promise.all(dirs.map((cacheDir) => CacheService.start({ cacheDir })));
  try {
    for (const s of services) for (const b of bodies) await s.compile(b);
    for (const s of services) await s.flush();
    const rounds = Math.max(10, iterations * 4);
    for (let r = 0; r < rounds; r++) {
      for (const s of services) {
        for (const b of bodies) {
          const res = await s.compile(b);
          if (res.outcome !== 'hit') throw new Error(`a scale-bench compile was a ${res.outcome} (${res.reason ?? ''})`);
        }
      }
    }
    const [small, big] = services.map((s) => s.stats());
    out.push(
      table(
        ['entries', 'fill', 'hits', 'per-hit service time (median)', 'lookup (median)'],
        sizes.map((n, i) => {
          const st = i === 0 ? small! : big!;
          return [n.toLocaleString('en'), fmtMs(fillMs[i]!), st.hits, fmtMs(st.hitServiceMs.median), fmtMs(st.hitLookupMs.median)];
        }),
      ),
    );
    out.push('');
    out.push(`- index load (LocalStore.open) at 100,000 entries: median ${fmtMs(median(loads))} of ${loads.length}`);
    const ratio = big!.hitServiceMs.median / small!.hitServiceMs.median;
    addTarget(
      'per-hit time, 100,000 entries / 1,000',
      '≤ 1.2',
      ratio,
      (v) => v.toFixed(2),
      (v) => v <= 1.2,
    );
    addTarget('index load at 100,000 entries', '≤ 100 ms', median(loads), fmtMs, (v) => v <= 100);
  } finally {
    for (const s of services) await s.shutdown('graceful');
  }
  return out.join('\n') + '\n';
}
