// `fbuild cache prune` never empties a store under a live server: it refuses in one line, naming
// the server and how to stop it, for a server that holds the cache dir and for a shared one (the
// action's, started with --shared-cache-dir); once the server is gone, it prunes.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { LocalStore } from '../server/cache/localStore.ts';
import type { EntryToStore } from '../server/cache/store.ts';
import { fbuildAsync } from './helpers/buildCli.ts';
import { tempDir } from './helpers/fixtures.ts';
import { serve } from './helpers/serveProcess.ts';

/** Entry `i`: a distinct 10 kB object. */
const entry = (i: number): EntryToStore => ({
  contextKey: `${i.toString(16).padStart(2, '0')}${'b'.repeat(62)}`,
  source: `src/f${i}.c`,
  compiler: 'cc',
  flags: 'f',
  results: [
    {
      resultKey: `r${i}`,
      files: [],
      object: new Uint8Array(10_000).fill(i),
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

/** Manifests on disk: what a prune deletes. */
const manifests = (dir: string) =>
  readdirSync(join(dir, 'v2', 'manifests'), { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length;

for (const shared of [false, true]) {
  const kind = shared ? 'a shared server (--shared-cache-dir, as the action starts it)' : 'a server';
  test(`fbuild cache prune refuses while ${kind} has the store open, and prunes once it is stopped`, async (t) => {
    const { dir, cleanup } = tempDir('fbuild-prune-');
    t.after(cleanup);
    const cacheDir = join(dir, 'cache');
    await storeWith(cacheDir, 4);
    const server = await serve(['--cache-dir', cacheDir, '--allow-root', dir, ...(shared ? ['--shared-cache-dir'] : [])]);
    t.after(server.stop);
    assert.ok(server.url, server.stderr);

    const refused = await fbuildAsync(['cache', 'prune', '--cache-dir', cacheDir, '--max-size', '1K']);
    assert.notEqual(refused.code, 0, refused.stdout);
    assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr);
    assert.ok(refused.stderr.includes(`pid ${server.pid}`) && refused.stderr.includes(server.url!), refused.stderr);
    assert.match(refused.stderr, /fbuild stop/);
    assert.equal(manifests(cacheDir), 4, 'nothing was pruned under the server');

    await server.stop();
    const pruned = await fbuildAsync(['cache', 'prune', '--cache-dir', cacheDir, '--max-size', '25000']);
    assert.equal(pruned.code, 0, pruned.stderr);
    assert.match(pruned.stdout, /^store: 4 entries .* -> 2 entries/);
    assert.equal(manifests(cacheDir), 2);
  });
}
