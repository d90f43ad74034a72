// Store format v2: manifests apart from content-addressed blobs. Shared blobs and their eviction,
// orphaned blobs, and a store of the previous format (v1) moved over when it opens.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CacheService } from '../server/cache/cacheService.ts';
import { encodeEntry } from '../server/cache/entryCodec.ts';
import { LocalStore } from '../server/cache/localStore.ts';
import type { CachedResult, FullEntry } from '../server/cache/store.ts';
import { pruneStore } from '../server/cache/storePrune.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';

const key = (i: number) => i.toString(16).padStart(64, 'c');

function result(fill: number, resultKey = `r${fill}`): CachedResult {
  return {
    resultKey,
    files: [[`$WS/src/f${fill}.c`, 'a'.repeat(64)]],
    object: new Uint8Array(4000).fill(fill),
    depfile: { kind: 'deps', deps: [`$WS/src/f${fill}.c`], phony: false },
    stdout: new Uint8Array(),
    stderr: Buffer.from(`warning ${fill}`),
    compileMs: 12,
    createdAt: 1,
  };
}

const entry = (i: number, results: CachedResult[]): FullEntry => ({
  contextKey: key(i),
  source: `$WS/src/f${i}.c`,
  compiler: 'cc',
  flags: 'f',
  results,
});

function blobFiles(dir: string): string[] {
  const root = join(dir, 'v2', 'blobs');
  return readdirSync(root).flatMap((s) => readdirSync(join(root, s)).map((n) => join(root, s, n)));
}

/** The object of a context's newest result, as a Buffer, or why there is none. */
function loadObject(store: LocalStore, contextKey: string): Buffer | string {
  const read = store.get(contextKey);
  if (read.status !== 'found') return read.status;
  const loaded = store.load(read.entry.results[0]!);
  return loaded.status === 'found' ? Buffer.from(loaded.outputs.object) : loaded.status;
}

const filled = (n: number) => Buffer.alloc(4000, n);

test('identical results of two contexts share one blob, which outlives the eviction of either context', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  let store = LocalStore.open({ dir, maxBytes: 1024 ** 3 });
  await store.put(entry(1, [result(7)]));
  await store.put(entry(2, [result(7)]));
  await store.put(entry(3, [result(8)]));
  assert.equal(blobFiles(dir).length, 2, 'one blob per distinct result');
  const onDisk = () =>
    [
      ...blobFiles(dir),
      ...readdirSync(join(dir, 'v2', 'manifests'), { recursive: true, encoding: 'utf8' })
        .map((p) => join(dir, 'v2', 'manifests', p))
        .filter((p) => statSync(p).isFile()),
    ].reduce((n, p) => n + statSync(p).size, 0);
  assert.equal(store.totals().bytes, onDisk(), 'the shared blob is counted once');
  await store.close();

  // Reopened from the index: context 2 was used by "this job", 1 and 3 were not.
  const jobStart = Date.now() + 1;
  await new Promise((r) => setTimeout(r, 5));
  store = LocalStore.open({ dir, maxBytes: 1024 ** 3 });
  store.touch(key(2));
  assert.equal(store.evictUnusedBefore(jobStart), 2);
  assert.deepEqual(loadObject(store, key(2)), filled(7), 'the shared blob survived');
  assert.equal(loadObject(store, key(1)), 'absent');
  assert.equal(blobFiles(dir).length, 1, "context 3's blob, named by no manifest now, was deleted");
  assert.equal(store.totals().bytes, onDisk());
  await store.close();

  // The last context that names it goes: so does the blob.
  store = LocalStore.open({ dir, maxBytes: 1024 ** 3 });
  assert.equal(store.evictUnusedBefore(Date.now() + 1), 1);
  await store.close();
  assert.deepEqual(blobFiles(dir), []);
  assert.equal(LocalStore.open({ dir, maxBytes: 1024 ** 3 }).totals().bytes, 0);
});

test('least-recently-used eviction keeps a blob that a kept context still names', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = LocalStore.open({ dir, maxBytes: 1024 ** 3 });
  await store.put(entry(1, [result(7)]));
  for (let i = 2; i < 8; i++) await store.put(entry(i, [result(i + 20)]));
  await new Promise((r) => setTimeout(r, 5));
  await store.put(entry(9, [result(7)])); // the newest names the oldest's blob
  await store.close();

  // Room for about three distinct results: the oldest contexts go, context 1 among them.
  await pruneStore({ cacheDir: dir, maxBytes: 15_000 });
  const left = LocalStore.open({ dir, maxBytes: 1024 ** 3 });
  assert.equal(left.get(key(1)).status, 'absent');
  assert.deepEqual(loadObject(left, key(9)), filled(7));
  assert.ok(left.totals().bytes <= 13_500, `${left.totals().bytes}`);
});

test('a blob no manifest names is swept by prune once it is old, and a fresh one is left to its writer', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = LocalStore.open({ dir, maxBytes: 1024 ** 3 });
  await store.put(entry(1, [result(1)]));
  await store.close();
  const shard = join(dir, 'v2', 'blobs', 'ee');
  mkdirSync(shard, { recursive: true });
  const old = join(shard, 'e'.repeat(64));
  const fresh = join(shard, 'ee'.padEnd(64, 'f'));
  writeFileSync(old, 'a writer died before its manifest');
  writeFileSync(fresh, 'a writer about to write its manifest');
  const hourAgo = (Date.now() - 3600_000) / 1000;
  utimesSync(old, hourAgo, hourAgo);

  await pruneStore({ cacheDir: dir, maxBytes: 1024 ** 3 });
  assert.equal(existsSync(old), false);
  assert.equal(existsSync(fresh), true);
  assert.deepEqual(loadObject(LocalStore.open({ dir, maxBytes: 1024 ** 3 }), key(1)), filled(1));
});

test('a store of format v1 is moved into v2 when it opens: every good entry hits, a damaged one is dropped', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const v1 = join(dir, 'v1');
  const write = (e: FullEntry, bytes: Buffer) => {
    mkdirSync(join(v1, 'entries', e.contextKey.slice(0, 2)), { recursive: true });
    writeFileSync(join(v1, 'entries', e.contextKey.slice(0, 2), e.contextKey), bytes);
  };
  const two = entry(1, [result(1), result(2, 'older')]);
  write(two, encodeEntry(two));
  const steps: CachedResult = {
    ...result(3),
    steps: { outputs: [{ path: '$WS/fw.elf', mode: 0o755, content: Buffer.from('elf') }], stdout: [] },
  };
  write(entry(2, [steps]), encodeEntry(entry(2, [steps])));
  const damaged = encodeEntry(entry(3, [result(4)]));
  damaged[damaged.length - 5]! ^= 0xff;
  write(entry(3, []), damaged);
  writeFileSync(join(v1, 'compilers.msgpack'), 'kept');

  const store = LocalStore.open({ dir, maxBytes: 1024 ** 3 });
  assert.equal(store.totals().entries, 2);
  const read = store.get(key(1));
  assert.equal(read.status, 'found');
  const results = read.status === 'found' ? read.entry.results : [];
  assert.deepEqual(
    results.map((r) => r.resultKey),
    ['r1', 'older'],
    'every result, newest first',
  );
  const loaded = store.load(results[1]!);
  assert.equal(loaded.status, 'found');
  if (loaded.status === 'found') {
    assert.deepEqual(Buffer.from(loaded.outputs.object), filled(2));
    assert.deepEqual(loaded.outputs.depfile, result(2).depfile);
    assert.equal(Buffer.from(loaded.outputs.stderr).toString(), 'warning 2');
  }
  const link = store.get(key(2));
  const linkOut = link.status === 'found' ? store.load(link.entry.results[0]!) : link;
  assert.equal(linkOut.status === 'found' && Buffer.from(linkOut.outputs.steps!.outputs[0]!.content).toString(), 'elf');
  assert.equal(store.get(key(3)).status, 'absent');
  assert.equal(existsSync(join(v1, 'entries')), false, 'the v1 entries are gone');
  assert.equal(existsSync(join(v1, 'compilers.msgpack')), true, "what is not the store's stays");
  await store.close();
  assert.equal(LocalStore.open({ dir, maxBytes: 1024 ** 3 }).totals().entries, 2, 'and the index recorded them');
});

test('a real compile stored in format v1 (an older fbuild) hits after the store is moved into v2', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const ws = join(dir, 'ws');
  const cacheDir = join(dir, 'cache');
  writeFiles(ws, { 'a.c': 'int a(int x) { return x * 7; }\n' });
  const args = ['-c', '-mmcu=atmega328p', '-Os', '-MMD', 'a.c', '-o', 'a.o'];
  let svc = await CacheService.start({ cacheDir });
  assert.equal((await svc.compile({ compiler: 'avr-gcc', args, cwd: ws, workspaceRoot: ws })).outcome, 'miss');
  await svc.shutdown();
  const object = readFileSync(join(ws, 'a.o'));

  // The same entry as v1 wrote it: one file with the outputs inside, and no v2 directory.
  const store = LocalStore.open({ dir: cacheDir, maxBytes: 1024 ** 3 });
  const [contextKey] = readdirSync(join(cacheDir, 'v2', 'manifests'), { recursive: true, encoding: 'utf8' }).filter((p) => p.includes('/'));
  const name = contextKey!.split('/')[1]!;
  const read = store.get(name);
  assert.equal(read.status, 'found');
  if (read.status !== 'found') return;
  const results = read.entry.results.map((r) => {
    const loaded = store.load(r);
    assert.equal(loaded.status, 'found');
    const { resultKey, files, compileMs, createdAt } = r;
    return { resultKey, files, compileMs, createdAt, ...(loaded.status === 'found' ? loaded.outputs : { object: new Uint8Array() }) };
  });
  mkdirSync(join(cacheDir, 'v1', 'entries', name.slice(0, 2)), { recursive: true });
  writeFileSync(join(cacheDir, 'v1', 'entries', name.slice(0, 2), name), encodeEntry({ ...read.entry, results } as FullEntry));
  rmSync(join(cacheDir, 'v2'), { recursive: true });
  rmSync(join(ws, 'a.o'));

  svc = await CacheService.start({ cacheDir });
  const hit = await svc.compile({ compiler: 'avr-gcc', args, cwd: ws, workspaceRoot: ws });
  assert.equal(hit.outcome, 'hit', hit.reason);
  assert.ok(readFileSync(join(ws, 'a.o')).equals(object));
  await svc.shutdown();
});
