import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Packr } from 'msgpackr';
import { embeddedBackend } from '../server/engine/buildSession.ts';
import { CacheService } from '../server/cache/cacheService.ts';
import { build } from '../server/engine/orchestrator.ts';
import { tempDir } from './helpers/fixtures.ts';

/**
 * A damaged store index (issue 10, defect 4): a document that unpacks but holds a row that is not a
 * record, or a row that claims 5 GB. Before, the build reported its hits and then eviction deleted
 * every entry; now the index is checked row by row and rebuilt from the entries, and eviction checks
 * each size against its file.
 */

const BLINK = join(import.meta.dirname, '..', 'examples', 'blink');
const packr = new Packr({ useRecords: false, moreTypes: false });

type Row = [string, number, number, number, number, (string | number)[]];
interface Index {
  v: 2;
  strings: string[];
  entries: Record<string, unknown>;
}

const tmp = tempDir();
const projectDir = join(tmp.dir, 'blink');
const coldCache = join(tmp.dir, 'cold-cache');
let goodIndex: Index;
let entryCount: number;

function entryFiles(cacheDir: string): string[] {
  const root = join(cacheDir, 'v2', 'manifests');
  return readdirSync(root).flatMap((shard) => readdirSync(join(root, shard)).filter((n) => !n.includes('.')));
}

async function forcedBuild(cacheDir: string) {
  const svc = await CacheService.start({ cacheDir });
  try {
    return await build({ projectDir, backend: embeddedBackend(svc), force: true, env: { ...process.env, FBUILD_TOOLCHAIN: 'system' } });
  } finally {
    // The shutdown flushes the index, which is when eviction runs.
    await svc.shutdown();
  }
}

before(async () => {
  cpSync(BLINK, projectDir, { recursive: true, filter: (src) => !src.includes('.fbuild') });
  const cold = await forcedBuild(coldCache);
  assert.equal(cold.stats.misses, cold.stats.compiles);
  goodIndex = packr.unpack(readFileSync(join(coldCache, 'v2', 'index.msgpack'))) as Index;
  entryCount = entryFiles(coldCache).length;
  assert.equal(Object.keys(goodIndex.entries).length, entryCount);
});
after(() => tmp.cleanup());

const damages: Record<string, (index: Index, firstKey: string) => void> = {
  'a row that is not a record': (index, key) => (index.entries[key] = 'not a record'),
  'a row of the wrong shape': (index, key) => (index.entries[key] = { size: 100 }),
  'a row with a size that is not a number': (index, key) => ((index.entries[key] as Row)[3] = '12' as unknown as number),
  'a key that is not a context key': (index, key) => (index.entries[`../${key}`] = index.entries[key]),
  // The most recently used: evicting by the recorded sizes would delete every other entry first.
  'a row that claims 5 GB': (index, key) => {
    const row = index.entries[key] as Row;
    row[3] = 5 * 1024 ** 3;
    row[4] = Date.now() + 60_000;
  },
  'a blob that claims 5 GB': (index, key) => {
    const row = index.entries[key] as Row;
    row[5][1] = 5 * 1024 ** 3;
    row[4] = Date.now() + 60_000;
  },
  'a compiler that is not in the string table': (index, key) => ((index.entries[key] as Row)[1] = index.strings.length),
  'a blob name that is not a hash': (index, key) => ((index.entries[key] as Row)[5][0] = '../../x'),
  'a blob without its size': (index, key) => (index.entries[key] as Row)[5].pop(),
};

for (const [what, damage] of Object.entries(damages)) {
  test(`an index with ${what}: every entry survives and the next build hits every unit`, async () => {
    // Each case on its own copy of the cold cache.
    const cacheDir = join(tmp.dir, what.replace(/\W+/g, '-'));
    cpSync(coldCache, cacheDir, { recursive: true });
    const indexPath = join(cacheDir, 'v2', 'index.msgpack');
    const index = structuredClone(goodIndex);
    damage(index, Object.keys(index.entries)[0]!);
    writeFileSync(indexPath, packr.pack(index));

    const r = await forcedBuild(cacheDir);
    assert.equal(r.ok, true);
    assert.equal(r.stats.hits, r.stats.compiles, `all hits: ${JSON.stringify(r.stats.missReasons)}`);
    assert.equal(entryFiles(cacheDir).length, entryCount, 'no entry was evicted');

    // And the index written at shutdown is a good one again: the build after it hits too.
    const again = await forcedBuild(cacheDir);
    assert.equal(again.stats.hits, again.stats.compiles);
    assert.equal(entryFiles(cacheDir).length, entryCount);
    const saved = packr.unpack(readFileSync(indexPath)) as Index;
    assert.deepEqual(Object.keys(saved.entries).sort(), Object.keys(goodIndex.entries).sort());
    for (const row of Object.values(saved.entries) as Row[]) assert.ok(row[3] < 1024 ** 3, `a sane size: ${row[3]}`);
    for (const row of Object.values(saved.entries) as Row[]) assert.ok((row[5][1] as number) < 1024 ** 3, `a sane blob size: ${row[5][1]}`);
  });
}
