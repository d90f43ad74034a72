// What "the store is valid" means for the fault tests, checked from the outside: the store opens,
// every entry file decodes and verifies under its own key, and no writer's temporary file is left.
// The one place that knows the store's layout (v1/entries/<2 hex>/<key>), should it change.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeEntry } from '../../server/cache/entryCodec.ts';
import { LocalStore } from '../../server/cache/localStore.ts';

export interface StoreCheck {
  entries: number;
  /** Entry files that do not decode or verify (should be none). */
  damaged: string[];
  /** Temporary files of writers (should be none once no writer runs). */
  temps: string[];
}

export function checkStore(cacheDir: string): StoreCheck {
  LocalStore.open({ dir: cacheDir, maxBytes: Number.MAX_SAFE_INTEGER }); // opens (sweeps dead writers' temp files)
  const root = join(cacheDir, 'v1');
  const entriesDir = join(root, 'entries');
  const result: StoreCheck = { entries: 0, damaged: [], temps: [] };
  if (!existsSync(root)) return result;
  result.temps = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.tmp'));
  for (const shard of existsSync(entriesDir) ? readdirSync(entriesDir) : []) {
    for (const name of readdirSync(join(entriesDir, shard))) {
      if (name.includes('.')) continue;
      const decoded = decodeEntry(readFileSync(join(entriesDir, shard, name)), name);
      if (decoded === 'damaged') result.damaged.push(`${shard}/${name}`);
      else result.entries++;
    }
  }
  return result;
}
