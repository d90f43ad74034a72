// Bounding the store before the action archives it: `fbuild cache prune` and the save step's prune.
import assert from 'node:assert/strict';
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { LocalStore } from '../server/cache/localStore.ts';
import type { EntryToStore } from '../server/cache/store.ts';
import { entriesWrittenSince, pruneStore } from '../server/cache/storePrune.ts';
import { fbuild } from './helpers/buildCli.ts';
import { tempDir } from './helpers/fixtures.ts';

const entry = (i: number, bytes = 10_000): EntryToStore => ({
  contextKey: `${i.toString(16).padStart(2, '0')}${'a'.repeat(62)}`,
  source: `src/f${i}.c`,
  compiler: 'cc',
  flags: 'f',
  results: [
    {
      resultKey: `r${i}`,
      files: [],
      // Distinct objects: identical ones would share one blob.
      object: new Uint8Array(bytes).fill(i),
      stdout: new Uint8Array(),
      stderr: new Uint8Array(),
      compileMs: 1,
      createdAt: 0,
    },
  ],
});

async function storeWith(dir: string, n: number): Promise<void> {
  const store = LocalStore.open({ dir, maxBytes: 1024 ** 3 });
  for (let i = 0; i < n; i++) await store.put(entry(i));
  await store.close();
}

test('prune keeps the store under the size, least recently used out first; evict-unused drops what this job did not use', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  await storeWith(dir, 10);
  const jobStart = Date.now() + 1;
  await new Promise((r) => setTimeout(r, 5));
  const store = LocalStore.open({ dir, maxBytes: 1024 ** 3 });
  for (const i of [2, 5]) store.touch(entry(i).contextKey); // "used by this job"
  await store.close();

  const bounded = await pruneStore({ cacheDir: dir, maxBytes: 60_000 });
  assert.equal(bounded.before.entries, 10);
  assert.ok(bounded.after.bytes <= 54_000, `evicted to 90% of the limit: ${bounded.after.bytes}`);
  const left = LocalStore.open({ dir, maxBytes: 1024 ** 3 });
  for (const i of [2, 5]) assert.equal(left.get(entry(i).contextKey).status, 'found', 'the recently used ones stay');

  const unused = await pruneStore({ cacheDir: dir, maxBytes: 1024 ** 3, unusedBefore: jobStart });
  assert.equal(unused.after.entries, 2);
  assert.equal(unused.unused, bounded.after.entries - 2);
});

test('entries written since a time: new files count, restored ones (older mtimes) do not', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  await storeWith(dir, 3);
  const store = LocalStore.open({ dir, maxBytes: 1024 ** 3 });
  const old = new Date(Date.now() - 3600_000);
  for (let i = 0; i < 3; i++) utimesSync(join(dir, 'v2', 'manifests', entry(i).contextKey.slice(0, 2), entry(i).contextKey), old, old);
  const restoredAt = Date.now() - 1000;
  assert.equal(store.writtenSince(restoredAt), 0);
  await store.put(entry(7));
  await store.close(); // as the server's shutdown does
  assert.equal(entriesWrittenSince(dir, restoredAt), 1);
});

test('fbuild cache prune: the CLI, and its one-line errors', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  await storeWith(dir, 4);
  const ok = fbuild(['cache', 'prune', '--cache-dir', dir, '--max-size', '25000']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^store: 4 entries \(\d+ KiB\) -> 2 entries \(\d+ KiB\)\n$/);
  const bad = fbuild(['cache', 'prune', '--cache-dir', dir, '--max-size', 'big']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr.trim(), "fbuild cache prune: --max-size takes a size such as 1G or 500M, not 'big'");
});
