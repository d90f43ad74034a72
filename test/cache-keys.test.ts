import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CacheService, type CompileResult } from '../server/cache/cacheService.ts';
import { makeOtherCompiler, runDirect, tempDir, writeFiles } from './helpers/fixtures.ts';

const FILES = {
  'include/a.h': '#pragma once\n#define A_VALUE 1\n',
  'include/b.h': '#pragma once\n#define B_VALUE 2\n',
  'src/x.c': '#include "a.h"\nint x(void) { return A_VALUE; }\n',
  'src/y.c': '#include "b.h"\nint y(void) { return B_VALUE; }\n',
  'src/z.c': '#include "a.h"\n#include "b.h"\nint z(void) { return A_VALUE + B_VALUE; }\n',
};
const UNITS = ['x', 'y', 'z'];

function args(unit: string, extra: string[] = []): string[] {
  return ['-c', '-mmcu=atmega328p', '-Os', '-MMD', '-Iinclude', ...extra, `src/${unit}.c`, '-o', `${unit}.o`];
}

async function buildAll(
  svc: CacheService,
  ws: string,
  opts: { compiler?: string; extra?: string[] } = {},
): Promise<Record<string, CompileResult>> {
  const out: Record<string, CompileResult> = {};
  for (const u of UNITS) {
    out[u] = await svc.compile({ compiler: opts.compiler ?? 'avr-gcc', args: args(u, opts.extra), cwd: ws, workspaceRoot: ws });
    assert.equal(out[u]!.exitCode, 0, String(out[u]!.stderr));
  }
  return out;
}

function outcomes(r: Record<string, CompileResult>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.reason ? `${v.outcome}: ${v.reason}` : v.outcome]));
}

test('key sensitivity: each change misses only what it should, with the right reason', async () => {
  const t = tempDir();
  try {
    const ws = join(t.dir, 'ws');
    writeFiles(ws, FILES);
    const svc = await CacheService.start({ cacheDir: join(t.dir, 'cache') });
    try {
      assert.deepEqual(outcomes(await buildAll(svc, ws)), { x: 'miss: new', y: 'miss: new', z: 'miss: new' });
      assert.deepEqual(outcomes(await buildAll(svc, ws)), { x: 'hit', y: 'hit', z: 'hit' });

      // Touching only mtimes: content is what counts.
      const later = new Date(Date.now() + 5000);
      for (const f of Object.keys(FILES)) utimesSync(join(ws, f), later, later);
      assert.deepEqual(outcomes(await buildAll(svc, ws)), { x: 'hit', y: 'hit', z: 'hit' });

      // A header edit misses exactly its includers.
      writeFileSync(join(ws, 'include/a.h'), '#pragma once\n#define A_VALUE 10\n');
      assert.deepEqual(outcomes(await buildAll(svc, ws)), {
        x: 'miss: header changed: include/a.h',
        y: 'hit',
        z: 'miss: header changed: include/a.h',
      });
      // Going back to the old header hits the older result kept under the same context.
      writeFileSync(join(ws, 'include/a.h'), FILES['include/a.h']);
      assert.deepEqual(outcomes(await buildAll(svc, ws)), { x: 'hit', y: 'hit', z: 'hit' });

      // A whitespace edit in a source is still a source change.
      writeFileSync(join(ws, 'src/y.c'), FILES['src/y.c'] + '\n');
      assert.deepEqual(outcomes(await buildAll(svc, ws)), { x: 'hit', y: 'miss: source changed', z: 'hit' });

      // Another -D: every unit misses with "flags changed".
      assert.deepEqual(outcomes(await buildAll(svc, ws, { extra: ['-DEXTRA=1'] })), {
        x: 'miss: flags changed',
        y: 'miss: flags changed',
        z: 'miss: flags changed',
      });

      // Another compiler binary (same version, different bytes): "compiler changed".
      const other = makeOtherCompiler(join(t.dir, 'toolchain'));
      assert.deepEqual(outcomes(await buildAll(svc, ws, { compiler: other })), {
        x: 'miss: compiler changed',
        y: 'miss: compiler changed',
        z: 'miss: compiler changed',
      });

      const s = svc.stats();
      assert.equal(s.missReasons['header changed'], 2);
      assert.equal(s.missReasons['flags changed'], 3);
      assert.equal(s.missReasons['compiler changed'], 3);
      assert.equal(s.missReasons['source changed'], 1);
      assert.equal(s.missReasons.new, 3);
    } finally {
      await svc.shutdown();
    }
  } finally {
    t.cleanup();
  }
});

test('warnings are replayed on a hit; errors are passed through and never cached', async () => {
  const t = tempDir();
  try {
    const ws = join(t.dir, 'ws');
    writeFiles(ws, {
      'warn.c': 'int f(int a) { int unused; return a; }\n',
      'bad.c': 'int g(void) { return undeclared_thing; }\n',
    });
    const warnArgs = ['-c', '-Wall', '-mmcu=atmega328p', 'warn.c', '-o', 'warn.o'];
    const badArgs = ['-c', '-Wall', '-mmcu=atmega328p', 'bad.c', '-o', 'bad.o'];
    const directWarn = runDirect('avr-gcc', warnArgs, ws);
    const directBad = runDirect('avr-gcc', badArgs, ws);
    assert.ok(directWarn.stderr.length > 0, 'the fixture must warn');
    assert.notEqual(directBad.exitCode, 0, 'the fixture must fail');

    const svc = await CacheService.start({ cacheDir: join(t.dir, 'cache') });
    try {
      for (const expected of ['miss', 'hit']) {
        const r = await svc.compile({ compiler: 'avr-gcc', args: warnArgs, cwd: ws, workspaceRoot: ws });
        assert.equal(r.outcome, expected);
        assert.equal(r.exitCode, directWarn.exitCode);
        assert.equal(r.stderr.toString(), directWarn.stderr.toString());
        assert.equal(r.stdout.toString(), directWarn.stdout.toString());
      }
      for (let i = 0; i < 2; i++) {
        const r = await svc.compile({ compiler: 'avr-gcc', args: badArgs, cwd: ws, workspaceRoot: ws });
        assert.equal(r.outcome, 'uncacheable');
        assert.equal(r.reason, 'compile failed');
        assert.equal(r.exitCode, directBad.exitCode);
        assert.equal(r.stderr.toString(), directBad.stderr.toString());
      }
      assert.equal(svc.stats().entries, 1, 'only the successful compile is stored');
    } finally {
      await svc.shutdown();
    }
  } finally {
    t.cleanup();
  }
});

test('uncacheable calls are compiled normally and counted with their reason', async () => {
  const t = tempDir();
  try {
    const ws = join(t.dir, 'ws');
    writeFiles(ws, {
      'a.c': 'int a(void) { return 1; }\n',
      'b.c': 'int b(void) { return 2; }\n',
      'clock.c': 'const char *built = __DATE__ " " __TIME__;\n',
      'clock.h': 'static const char when[] = __TIME__;\n',
      'uses_clock_header.c': '#include "clock.h"\nconst char *w(void) { return when; }\n',
    });
    const cases: [string[], string][] = [
      [['-E', 'a.c', '-o', 'a.i'], 'preprocess only (-E)'],
      [['-c', 'a.c', 'b.c'], 'several source files'],
      [['a.c', '-o', 'a.elf'], 'no -c (link or preprocess)'],
      [['-c', '@missing.rsp', '-o', 'a.o'], 'unreadable response file'],
      [['-c', 'clock.c', '-o', 'clock.o'], '__DATE__ or __TIME__ used (clock.c)'],
      [['-c', 'uses_clock_header.c', '-o', 'u.o'], '__DATE__ or __TIME__ used (clock.h)'],
      [['-c', 'a.c'], 'no -o output'],
    ];
    const svc = await CacheService.start({ cacheDir: join(t.dir, 'cache') });
    try {
      for (const [a, reason] of cases) {
        const full = ['-mmcu=atmega328p', ...a];
        const direct = runDirect('avr-gcc', full, ws);
        const r = await svc.compile({ compiler: 'avr-gcc', args: full, cwd: ws, workspaceRoot: ws });
        assert.equal(r.outcome, 'uncacheable', a.join(' '));
        assert.equal(r.reason, reason);
        assert.equal(r.exitCode, direct.exitCode, a.join(' '));
      }
      const s = svc.stats();
      assert.equal(s.uncacheable, cases.length);
      assert.equal(s.entries, 0);
      assert.equal(s.uncacheableReasons['several source files'], 1);
    } finally {
      await svc.shutdown();
    }
  } finally {
    t.cleanup();
  }
});

test('a response file is expanded for the key', async () => {
  const t = tempDir();
  try {
    const ws = join(t.dir, 'ws');
    writeFiles(ws, { 'a.c': 'int a(void) { return 1; }\n', 'flags.rsp': '-mmcu=atmega328p "-DNAME=\\"x y\\""\n' });
    const svc = await CacheService.start({ cacheDir: join(t.dir, 'cache') });
    try {
      const req = { compiler: 'avr-gcc', args: ['-c', '@flags.rsp', 'a.c', '-o', 'a.o'], cwd: ws, workspaceRoot: ws };
      assert.equal((await svc.compile(req)).outcome, 'miss');
      assert.equal((await svc.compile(req)).outcome, 'hit');
      writeFileSync(join(ws, 'flags.rsp'), '-mmcu=atmega328p -DNAME=2\n');
      const r = await svc.compile(req);
      assert.equal(r.outcome, 'miss');
      assert.equal(r.reason, 'flags changed');
      assert.ok(readFileSync(join(ws, 'a.o')).length > 0);
    } finally {
      await svc.shutdown();
    }
  } finally {
    t.cleanup();
  }
});

test('debug info: shared across checkouts only when -fdebug-prefix-map takes the checkout out of it', async () => {
  const t = tempDir();
  try {
    const [a, b] = [join(t.dir, 'checkout-a'), join(t.dir, 'checkout-b')];
    writeFiles(a, FILES);
    writeFiles(b, FILES);
    const svc = await CacheService.start({ cacheDir: join(t.dir, 'cache') });
    try {
      const debug = (ws: string, map: boolean) => ['-g', ...(map ? [`-fdebug-prefix-map=${ws}=.`] : [])];
      // Without a map the object names its directory (DW_AT_comp_dir): another checkout must not hit.
      await buildAll(svc, a, { extra: debug(a, false) });
      assert.deepEqual(outcomes(await buildAll(svc, b, { extra: debug(b, false) })), { x: 'miss: new', y: 'miss: new', z: 'miss: new' });
      // With the map the objects are the same from anywhere: a hit, byte for byte an uncached compile's.
      await buildAll(svc, a, { extra: debug(a, true) });
      const hits = await buildAll(svc, b, { extra: debug(b, true) });
      assert.deepEqual(outcomes(hits), { x: 'hit', y: 'hit', z: 'hit' });
      const cached = readFileSync(join(b, 'x.o'));
      assert.ok(!cached.includes(Buffer.from(a)), 'no path of checkout a in the object');
      const direct = runDirect(
        'avr-gcc',
        args('x', debug(b, true)).map((x) => (x === 'x.o' ? 'x-direct.o' : x)),
        b,
      );
      assert.equal(direct.exitCode, 0, String(direct.stderr));
      assert.deepEqual(cached, readFileSync(join(b, 'x-direct.o')));
    } finally {
      await svc.shutdown('graceful');
    }
  } finally {
    t.cleanup();
  }
});
