import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { formatDepfile, makeQuote, parseDepfile } from '../server/cache/depfile.ts';
import { keyArguments, parseCompile, PathNormalizer } from '../server/cache/compilerArgs.ts';
import { LocalStore } from '../server/cache/localStore.ts';
import { tempDir } from './helpers/fixtures.ts';

test('depfiles round-trip through parse and GCC-style format, including wrapping and escapes', () => {
  const deps = ['/work/project/src/main.cpp', '/work/project/include/a file with spaces.h', 'rel/dollar$sign.h', 'hash#name.h', 'short.h'];
  const text = formatDepfile([makeQuote('build/main.o')], deps, true);
  assert.ok(text.includes(' \\\n '), 'long lines wrap');
  assert.ok(text.includes('a\\ file\\ with\\ spaces.h'));
  assert.ok(text.includes('dollar$$sign.h'));
  assert.ok(text.includes('hash\\#name.h'));
  const parsed = parseDepfile(text);
  assert.deepEqual(parsed, { targets: ['build/main.o'], deps, phony: true });
  assert.equal(formatDepfile([makeQuote('build/main.o')], parsed!.deps, parsed!.phony), text);
});

test('compiler arguments: the key ignores output and depfile paths and relativizes workspace paths', () => {
  const ws = '/home/u/proj';
  const parse = (args: string[]) => {
    const p = parseCompile(args, ws);
    assert.equal(p.kind, 'cacheable');
    return p.kind === 'cacheable' ? p : assert.fail();
  };
  const a = parse(['-c', '-I/home/u/proj/inc', '-isystem', 'sys', '-DX=1', 'src/a.c', '-o', 'out/a.o', '-MMD', '-MF', 'out/a.d']);
  const b = parse(['-c', '-Iinc', '-isystem', '/home/u/proj/sys', '-DX=1', 'src/a.c', '-o', 'elsewhere/a.o', '-MMD', '-MFx.d']);
  const norm = new PathNormalizer(ws, ws);
  assert.deepEqual(keyArguments(a, norm), keyArguments(b, norm));
  assert.deepEqual(keyArguments(a, norm), ['-c', '-I', '$WS/inc', '-isystem', '$WS/sys', '-DX=1', '#deps=MMD']);
  assert.equal(a.depFile, 'out/a.d');
  assert.deepEqual(a.depTargets, [{ value: 'out/a.o', quoted: true }]);
  const c = parse(['-c', 'x.cpp', '-o', 'x.o', '-MD']);
  assert.equal(c.depFile, 'x.d');
  assert.equal(c.language, 'c++');
  const other = new PathNormalizer('/elsewhere/checkout', '/elsewhere/checkout');
  assert.equal(other.resolve(norm.normalize('/home/u/proj/inc/x.h')), join('/elsewhere/checkout', 'inc/x.h'));
  assert.equal(norm.normalize('/usr/include/stdio.h'), '/usr/include/stdio.h');
});

test('the local store evicts down to 90% of its limit when a flush finds it over', async () => {
  const t = tempDir();
  try {
    const maxBytes = 20_000;
    const store = LocalStore.open({ dir: t.dir, maxBytes });
    for (let i = 0; i < 30; i++) {
      await store.put({
        contextKey: i.toString(16).padStart(64, '0'),
        source: `$WS/s${i}.c`,
        compiler: 'c',
        flags: 'f',
        results: [
          {
            resultKey: 'r',
            files: [],
            object: Buffer.alloc(1000, i),
            stdout: Buffer.alloc(0),
            stderr: Buffer.alloc(0),
            compileMs: 1,
            createdAt: 0,
          },
        ],
      });
    }
    await store.flush();
    const { bytes, entries } = store.totals();
    assert.ok(bytes <= maxBytes * 0.9, `${bytes} bytes left, limit ${maxBytes}`);
    assert.ok(entries > 10 && entries < 30);
    // The newest entries are the ones kept.
    assert.equal((await store.get((29).toString(16).padStart(64, '0'))).status, 'found');
    assert.equal((await store.get((0).toString(16).padStart(64, '0'))).status, 'absent');
  } finally {
    t.cleanup();
  }
});
