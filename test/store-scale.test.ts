import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Packr, unpack } from 'msgpackr';
import { LocalStore } from '../server/cache/localStore.ts';
import { tempDir } from './helpers/fixtures.ts';

/**
 * A store past 65,535 entries (issue 16's scale rows use 100,000): msgpackr's default writes a map's
 * size in 16 bits and refused the index, so every flush of such a store failed. The index is grown
 * here by copying one real row under new keys (70,000 puts would take half a minute).
 */

test('a store of 70,001 entries flushes its index and opens with all of them', async () => {
  const tmp = tempDir();
  try {
    const dir = join(tmp.dir, 'cache');
    const store = LocalStore.open({ dir, maxBytes: 2 ** 40 });
    const key = 'a'.repeat(64);
    await store.put({
      contextKey: key,
      source: '$WS/src/a.cpp',
      compiler: 'c'.repeat(64),
      flags: 'f'.repeat(64),
      results: [
        {
          resultKey: key,
          files: [['$WS/src/a.cpp', key]],
          object: Buffer.from('object'),
          stdout: new Uint8Array(),
          stderr: new Uint8Array(),
          compileMs: 1,
          createdAt: 0,
        },
      ],
    });
    await store.close();

    const [version] = readdirSync(dir);
    const indexPath = join(dir, version!, 'index.msgpack');
    const doc = unpack(readFileSync(indexPath)) as { entries: Record<string, unknown> };
    const row = doc.entries[key];
    assert.ok(row, 'the index holds the entry that was put');
    for (let i = 0; i < 70_000; i++) doc.entries[i.toString(16).padStart(64, '0')] = row;
    writeFileSync(indexPath, new Packr({ useRecords: false, variableMapSize: true }).pack(doc));

    const big = LocalStore.open({ dir, maxBytes: 2 ** 40 });
    assert.equal(big.totals().entries, 70_001);
    await big.flush(); // threw "Object is too large to serialize with fast 16-bit map size"
    await big.close();
    const again = LocalStore.open({ dir, maxBytes: 2 ** 40 });
    assert.equal(again.totals().entries, 70_001, 'the flushed index holds every entry');
    assert.equal(again.get(key).status, 'found');
    await again.close();
  } finally {
    tmp.cleanup();
  }
});
