import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Packr } from 'msgpackr';
import { decodeEntry } from './entryCodec.js';
import { safeReaddir, safeRmdir, safeUnlink } from '../util/quietFs.js';
import type { FullEntry } from './store.js';

/**
 * Moves a store of format v1 (`<dir>/v1/entries/<2 hex>/<context key>`, each file a whole entry with
 * its results' outputs) into the current store, once: each entry that verifies is handed to `write`
 * with its last use, then its file is deleted; a damaged one is only deleted. A failed write (a full
 * disk) stops the import with the rest left in place for the next open. The v1 directory keeps what
 * is not the store's (the compiler identities, the server's lock).
 */
export function importV1Store(cacheDir: string, write: (entry: FullEntry, lastUse: number) => void): number {
  const v1 = join(cacheDir, 'v1');
  const entriesDir = join(v1, 'entries');
  const shards = safeReaddir(entriesDir);
  if (shards.length === 0) return 0;
  const lastUses = v1LastUses(join(v1, 'index.msgpack'));
  let imported = 0;
  for (const shard of shards) {
    const shardDir = join(entriesDir, shard);
    for (const name of safeReaddir(shardDir)) {
      if (name.includes('.')) continue; // a writer's temporary file: swept by v1's own rules, or left
      const path = join(shardDir, name);
      let data: Buffer;
      let mtime: number;
      try {
        data = readFileSync(path);
        mtime = statSync(path).mtimeMs;
      } catch {
        continue; // imported by another process meanwhile
      }
      const entry = decodeEntry(data, name);
      if (entry !== 'damaged') {
        try {
          write(entry, lastUses.get(name) ?? mtime);
        } catch {
          return imported;
        }
        imported++;
      }
      safeUnlink(path);
    }
    safeRmdir(shardDir);
  }
  safeRmdir(entriesDir);
  safeUnlink(join(v1, 'index.msgpack'));
  return imported;
}

/** Last use per context key from a v1 index (`{v: 1, entries: {key: [source, compiler, flags, size, lastUse]}}`), best effort. */
function v1LastUses(indexPath: string): Map<string, number> {
  const uses = new Map<string, number>();
  try {
    const doc = new Packr({ useRecords: false, moreTypes: false }).unpack(readFileSync(indexPath)) as { entries?: Record<string, unknown> };
    for (const [key, row] of Object.entries(doc.entries ?? {})) {
      if (Array.isArray(row) && Number.isFinite(row[4])) uses.set(key, row[4] as number);
    }
  } catch {
    // no index, or not one: the files' times stand in
  }
  return uses;
}
