import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { CacheService } from '../server/cache/cacheService.ts';
import { copyArduinoCore, runDirect, tempDir, unoCompileArgs } from './helpers/fixtures.ts';

function coreSources(ws: string): string[] {
  return readdirSync(join(ws, 'core'))
    .filter((f) => /\.(c|cpp|S)$/.test(f))
    .sort()
    .map((f) => `core/${f}`);
}

function objectFor(source: string): string {
  return `build/${source.replace(/\//g, '_')}.o`;
}

test('the Arduino core compiled again from another checkout: all hits, byte-identical outputs', async () => {
  const t = tempDir();
  try {
    const wsA = join(t.dir, 'a');
    const wsB = join(t.dir, 'checkout-at-another-path');
    copyArduinoCore(wsA);
    cpSync(wsA, wsB, { recursive: true });
    mkdirSync(join(wsA, 'build'));
    mkdirSync(join(wsB, 'build'));
    const cacheDir = join(t.dir, 'cache');
    const sources = coreSources(wsA);
    assert.ok(sources.length >= 20, `expected the whole core, found ${sources.length} sources`);

    const first = await CacheService.start({ cacheDir });
    const cold = await Promise.all(
      sources.map((s) => first.compile({ compiler: 'avr-gcc', args: unoCompileArgs(s, objectFor(s)), cwd: wsA, workspaceRoot: wsA })),
    );
    for (const [i, r] of cold.entries()) {
      assert.equal(r.exitCode, 0, `${sources[i]}: ${r.stderr}`);
      assert.equal(r.outcome, 'miss', sources[i]);
      assert.equal(r.reason, 'new');
    }
    await first.shutdown();

    // A new service (a new process in real life) on the same store, from the other checkout.
    const second = await CacheService.start({ cacheDir });
    const warm = await Promise.all(
      sources.map((s) => second.compile({ compiler: 'avr-gcc', args: unoCompileArgs(s, objectFor(s)), cwd: wsB, workspaceRoot: wsB })),
    );
    const stats = second.stats();
    await second.shutdown();
    for (const [i, r] of warm.entries()) assert.equal(r.outcome, 'hit', `${sources[i]}: ${r.reason}`);
    assert.equal(stats.hits, sources.length);
    assert.equal(stats.hitRate, 1);
    assert.ok(stats.timeSavedMs > 0);
    assert.ok(stats.hitServiceMs.median > 0 && stats.hitServiceMs.p95 >= stats.hitServiceMs.median);

    // What the hits wrote, against what the compiler itself writes for the same commands there.
    for (const s of sources) {
      const obj = join(wsB, objectFor(s));
      const dep = obj.replace(/\.o$/, '.d');
      const cachedObj = readFileSync(obj);
      const cachedDep = readFileSync(dep, 'utf8');
      const direct = runDirect('avr-gcc', unoCompileArgs(s, objectFor(s)), wsB);
      assert.equal(direct.exitCode, 0);
      assert.ok(readFileSync(obj).equals(cachedObj), `${s}: object differs from an uncached compile`);
      assert.equal(cachedDep, readFileSync(dep, 'utf8'), `${s}: depfile differs from an uncached compile`);
    }
  } finally {
    t.cleanup();
  }
});

test('depfiles with absolute paths point at the new checkout on a hit', async () => {
  const t = tempDir();
  try {
    const wsA = join(t.dir, 'a');
    const wsB = join(t.dir, 'another-much-longer-checkout-path-so-that-lines-wrap-differently');
    copyArduinoCore(wsA);
    cpSync(wsA, wsB, { recursive: true });
    const cacheDir = join(t.dir, 'cache');
    const src = 'core/HardwareSerial0.cpp';
    const argsFor = (ws: string) =>
      unoCompileArgs(join(ws, src), join(ws, 'out.o'), [join(ws, 'core'), join(ws, 'variant')]).map((a) =>
        a.startsWith('-frandom-seed=') ? '-frandom-seed=out.o' : a,
      );
    const svc = await CacheService.start({ cacheDir });
    assert.equal((await svc.compile({ compiler: 'avr-gcc', args: argsFor(wsA), cwd: wsA, workspaceRoot: wsA })).outcome, 'miss');
    const hit = await svc.compile({ compiler: 'avr-gcc', args: argsFor(wsB), cwd: wsB, workspaceRoot: wsB });
    await svc.shutdown();
    assert.equal(hit.outcome, 'hit');
    const cachedDep = readFileSync(join(wsB, 'out.d'), 'utf8');
    assert.ok(cachedDep.includes(join(wsB, 'core', 'HardwareSerial.h')));
    assert.ok(!cachedDep.includes(wsA + '/'));
    runDirect('avr-gcc', argsFor(wsB), wsB);
    assert.equal(cachedDep, readFileSync(join(wsB, 'out.d'), 'utf8'));
  } finally {
    t.cleanup();
  }
});
