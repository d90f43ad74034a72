import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CacheService } from '../server/cache/cacheService.ts';
import { LocalStore } from '../server/cache/localStore.ts';
import { helperScript } from './helpers/bundle.ts';
import { copyArduinoCore, runDirect, tempDir, writeFiles } from './helpers/fixtures.ts';

/** The store's files of one kind: `manifests` (one per context key) or `blobs` (one per distinct result). */
function storeFiles(cacheDir: string, kind: 'manifests' | 'blobs'): string[] {
  const root = join(cacheDir, 'v2', kind);
  return readdirSync(root).flatMap((shard) => readdirSync(join(root, shard)).map((n) => join(root, shard, n)));
}
const entryFiles = (cacheDir: string) => storeFiles(cacheDir, 'manifests');

const ARGS = ['-c', '-mmcu=atmega328p', '-Os', '-MMD', 'a.c', '-o', 'a.o'];

for (const [part, damage] of (['manifest', 'blob'] as const).flatMap((p) =>
  (['flipped bytes', 'truncated'] as const).map((d) => [p, d] as const),
)) {
  test(`a store ${part} with ${damage} gives a correct object and a counted miss`, async () => {
    const t = tempDir();
    try {
      const ws = join(t.dir, 'ws');
      const cacheDir = join(t.dir, 'cache');
      writeFiles(ws, { 'a.c': 'int a(int x) { return x * 3; }\n' });
      const direct = runDirect('avr-gcc', ARGS, ws);
      assert.equal(direct.exitCode, 0);
      const expected = readFileSync(join(ws, 'a.o'));

      let svc = await CacheService.start({ cacheDir });
      assert.equal((await svc.compile({ compiler: 'avr-gcc', args: ARGS, cwd: ws, workspaceRoot: ws })).outcome, 'miss');
      await svc.shutdown();
      const files = storeFiles(cacheDir, part === 'manifest' ? 'manifests' : 'blobs');
      assert.equal(files.length, 1);
      const file = files[0]!;
      const bytes = readFileSync(file);
      if (damage === 'truncated') truncateSync(file, Math.floor(bytes.length / 2));
      else {
        for (const at of [bytes.length - 10, Math.floor(bytes.length / 2)]) bytes[at] = bytes[at]! ^ 0xff;
        writeFileSync(file, bytes);
      }
      rmSync(join(ws, 'a.o'));

      svc = await CacheService.start({ cacheDir });
      const r = await svc.compile({ compiler: 'avr-gcc', args: ARGS, cwd: ws, workspaceRoot: ws });
      assert.equal(r.outcome, 'miss');
      assert.equal(r.reason, 'damaged entry');
      assert.equal(r.exitCode, 0);
      assert.ok(readFileSync(join(ws, 'a.o')).equals(expected), 'the object must be the compiler’s, not the damaged one');
      assert.equal(svc.stats().missReasons['damaged entry'], 1);
      // The damaged entry was replaced by a good one.
      assert.equal((await svc.compile({ compiler: 'avr-gcc', args: ARGS, cwd: ws, workspaceRoot: ws })).outcome, 'hit');
      assert.ok(readFileSync(join(ws, 'a.o')).equals(expected), 'the hit wrote the rebuilt object');
      await svc.shutdown();
      assert.equal(entryFiles(cacheDir).length, 1);
      assert.equal(storeFiles(cacheDir, 'blobs').length, 1, 'the damaged blob was not left beside the new one');
    } finally {
      t.cleanup();
    }
  });
}

test('a manifest whose blob is missing is a counted miss: the compiler runs and the result is stored again', async () => {
  const t = tempDir();
  try {
    const ws = join(t.dir, 'ws');
    const cacheDir = join(t.dir, 'cache');
    writeFiles(ws, { 'a.c': 'int a(int x) { return x * 5; }\n' });
    let svc = await CacheService.start({ cacheDir });
    assert.equal((await svc.compile({ compiler: 'avr-gcc', args: ARGS, cwd: ws, workspaceRoot: ws })).outcome, 'miss');
    await svc.shutdown();
    const expected = readFileSync(join(ws, 'a.o'));
    const [blob] = storeFiles(cacheDir, 'blobs');
    rmSync(blob!);
    rmSync(join(ws, 'a.o'));

    svc = await CacheService.start({ cacheDir });
    const r = await svc.compile({ compiler: 'avr-gcc', args: ARGS, cwd: ws, workspaceRoot: ws });
    assert.deepEqual([r.outcome, r.reason, r.exitCode], ['miss', 'damaged entry', 0]);
    assert.ok(readFileSync(join(ws, 'a.o')).equals(expected));
    await svc.flush();
    assert.equal(storeFiles(cacheDir, 'blobs').length, 1, 'the blob was written again');
    assert.equal((await svc.compile({ compiler: 'avr-gcc', args: ARGS, cwd: ws, workspaceRoot: ws })).outcome, 'hit');
    const totals = svc.stats();
    await svc.shutdown();
    const onDisk = [...entryFiles(cacheDir), ...storeFiles(cacheDir, 'blobs')].reduce((n, f) => n + statSync(f).size, 0);
    assert.equal(totals.bytes, onDisk, 'the index counts the blob once again');
  } finally {
    t.cleanup();
  }
});

test('a lost index is rebuilt from the entries', async () => {
  const t = tempDir();
  try {
    const ws = join(t.dir, 'ws');
    const cacheDir = join(t.dir, 'cache');
    writeFiles(ws, { 'a.c': 'int a(void) { return 1; }\n' });
    let svc = await CacheService.start({ cacheDir });
    await svc.compile({ compiler: 'avr-gcc', args: ARGS, cwd: ws, workspaceRoot: ws });
    await svc.shutdown();
    writeFileSync(join(cacheDir, 'v2', 'index.msgpack'), 'garbage');
    svc = await CacheService.start({ cacheDir });
    assert.equal(svc.stats().entries, 1);
    const onDisk = [...entryFiles(cacheDir), ...storeFiles(cacheDir, 'blobs')].reduce((n, f) => n + statSync(f).size, 0);
    assert.equal(svc.stats().bytes, onDisk, 'manifest and blob sizes, from the files');
    // The rebuilt index still explains misses.
    const r = await svc.compile({ compiler: 'avr-gcc', args: ['-DX', ...ARGS], cwd: ws, workspaceRoot: ws });
    assert.equal(r.reason, 'flags changed');
    await svc.shutdown();
  } finally {
    t.cleanup();
  }
});

test('over its size limit the store evicts least recently used entries down to 90%', async () => {
  const t = tempDir();
  try {
    const ws = join(t.dir, 'ws');
    const cacheDir = join(t.dir, 'cache');
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`u${i}.c`] = `int u${i}(int x) { return x + ${i}; }\n`;
    writeFiles(ws, files);
    const compile = (svc: CacheService, i: number) =>
      svc.compile({ compiler: 'avr-gcc', args: ['-c', '-mmcu=atmega328p', `u${i}.c`, '-o', `u${i}.o`], cwd: ws, workspaceRoot: ws });

    // Measure one entry, then allow about 8 of them.
    let svc = await CacheService.start({ cacheDir });
    await compile(svc, 0);
    await svc.flush(); // the result is written behind the compile
    const one = svc.stats().bytes;
    await svc.shutdown();
    rmSync(cacheDir, { recursive: true });

    const maxBytes = Math.floor(one * 8.5);
    svc = await CacheService.start({ cacheDir, maxBytes });
    for (let i = 0; i < 8; i++) await compile(svc, i);
    await new Promise((r) => setTimeout(r, 5));
    assert.equal((await compile(svc, 0)).outcome, 'hit'); // u0 is now the most recently used
    for (let i = 8; i < 12; i++) await compile(svc, i);
    await svc.flush();
    const s = svc.stats();
    assert.ok(s.bytes <= maxBytes, `${s.bytes} > ${maxBytes}`);
    assert.ok(s.entries < 12, 'something was evicted');
    assert.equal(entryFiles(cacheDir).length, s.entries);
    assert.equal((await compile(svc, 0)).outcome, 'hit', 'the recently used entry survives');
    assert.equal((await compile(svc, 1)).outcome, 'miss', 'the least recently used entry is gone');
    await svc.shutdown();
  } finally {
    t.cleanup();
  }
});

function runWorker(ws: string, cacheDir: string): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...helperScript('compileWorker'), ws, cacheDir]);
    let out = '';
    let err = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (err += b));
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

test('two processes compiling the same sources into one store at once both succeed', async () => {
  const t = tempDir();
  try {
    const cacheDir = join(t.dir, 'cache');
    const wss = ['p1', 'p2', 'p3'].map((n) => join(t.dir, n));
    copyArduinoCore(wss[0]!);
    for (const ws of wss.slice(1)) cpSync(wss[0]!, ws, { recursive: true });
    for (const ws of wss) mkdirSync(join(ws, 'build'));

    const [a, b] = await Promise.all([runWorker(wss[0]!, cacheDir), runWorker(wss[1]!, cacheDir)]);
    for (const r of [a, b]) {
      assert.equal(r.code, 0, r.err);
      const outcomes = JSON.parse(r.out) as { exitCode: number; outcome: string }[];
      assert.ok(outcomes.length > 20);
      for (const o of outcomes) {
        assert.equal(o.exitCode, 0);
        assert.ok(o.outcome === 'miss' || o.outcome === 'hit', o.outcome);
      }
    }
    // The store is valid: every entry verifies, the index agrees with the files, and a third
    // checkout hits everything.
    const store = LocalStore.open({ dir: cacheDir, maxBytes: 2 ** 31 });
    const files = entryFiles(cacheDir).filter((f) => !f.endsWith('.tmp'));
    assert.equal(entryFiles(cacheDir).length, files.length, 'no temporary files left behind');
    assert.equal(store.totals().entries, files.length);
    for (const f of files) {
      const read = store.get(f.split('/').pop()!);
      assert.equal(read.status, 'found');
      for (const result of read.status === 'found' ? read.entry.results : []) assert.equal(store.load(result).status, 'found');
    }
    // The two processes compiled the same objects: each blob is stored once.
    const blobs = storeFiles(cacheDir, 'blobs');
    assert.ok(blobs.length <= files.length);
    assert.equal(
      store.totals().bytes,
      [...files, ...blobs].reduce((n, f) => n + statSync(f).size, 0),
    );
    const c = await runWorker(wss[2]!, cacheDir);
    assert.equal(c.code, 0, c.err);
    for (const o of JSON.parse(c.out) as { outcome: string }[]) assert.equal(o.outcome, 'hit');
  } finally {
    t.cleanup();
  }
});

test('a store that cannot be saved does not fail the caller: shutdown returns a warning', async () => {
  const t = tempDir();
  try {
    const ws = join(t.dir, 'ws');
    writeFiles(ws, { 'a.c': 'int a(void) { return 1; }\n' });
    const local = LocalStore.open({ dir: join(t.dir, 'cache'), maxBytes: 2 ** 31 });
    // The real store, except that saving its index fails (a full disk, a lost lock).
    const failing = Object.assign(Object.create(local) as LocalStore, {
      close: async () => {
        throw new Error('ENOSPC: no space left on device');
      },
    });
    const svc = await CacheService.start({ cacheDir: join(t.dir, 'cache'), store: failing });
    const r = await svc.compile({ compiler: 'avr-gcc', args: ARGS, cwd: ws, workspaceRoot: ws });
    assert.equal(r.exitCode, 0);
    assert.equal(r.outcome, 'miss');
    const { warnings } = await svc.shutdown();
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /^could not save the cache index: ENOSPC: no space left on device; /);
  } finally {
    t.cleanup();
  }
});

test('a miss is stored behind the compile: flush() waits for it, and a failed write is a warning, not a failed compile', async () => {
  const t = tempDir();
  try {
    const ws = join(t.dir, 'ws');
    writeFiles(ws, { 'a.c': 'int a(void) { return 1; }\n' });
    const svc = await CacheService.start({ cacheDir: join(t.dir, 'cache') });
    const r = await svc.compile({ compiler: 'avr-gcc', args: ARGS, cwd: ws, workspaceRoot: ws });
    assert.equal(r.outcome, 'miss');
    assert.equal(svc.stats().entries, 0, 'the result came back before its entry was written');
    await svc.flush();
    assert.equal(svc.stats().entries, 1, 'flush() waited for the write');
    await svc.shutdown();

    const local = LocalStore.open({ dir: join(t.dir, 'cache2'), maxBytes: 2 ** 31 });
    const failing = Object.assign(Object.create(local) as LocalStore, {
      put: async () => {
        throw new Error('ENOSPC: no space left on device');
      },
    });
    const broken = await CacheService.start({ cacheDir: join(t.dir, 'cache2'), store: failing });
    const miss = await broken.compile({ compiler: 'avr-gcc', args: ARGS, cwd: ws, workspaceRoot: ws });
    assert.equal(miss.exitCode, 0);
    assert.equal(miss.outcome, 'miss');
    const { warnings } = await broken.shutdown();
    assert.deepEqual(warnings.length, 1);
    assert.match(warnings[0]!, /^could not store 1 compile result \(ENOSPC: no space left on device\); the builds succeeded/);
  } finally {
    t.cleanup();
  }
});
