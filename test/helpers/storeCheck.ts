// What "the store is valid" means for the fault tests, checked from the outside: the store opens,
// every manifest verifies under its own key and so does the blob of each of its results, and no
// writer's temporary file is left. The one place that knows the store's layout
// (v2/manifests/<2 hex>/<key>, v2/blobs/<2 hex>/<hash>), should it change.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LocalStore } from '../../server/cache/localStore.ts';

export interface StoreCheck {
  /** Manifests that verify with every blob they name. */
  entries: number;
  /** Manifests or blobs that do not verify, or blobs that are missing (should be none). */
  damaged: string[];
  /** Temporary files of writers (should be none once no writer runs). */
  temps: string[];
}

export function checkStore(cacheDir: string): StoreCheck {
  const store = LocalStore.open({ dir: cacheDir, maxBytes: Number.MAX_SAFE_INTEGER }); // opens (sweeps dead writers' temp files)
  const root = join(cacheDir, 'v2');
  const manifests = join(root, 'manifests');
  const result: StoreCheck = { entries: 0, damaged: [], temps: [] };
  if (!existsSync(root)) return result;
  result.temps = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.tmp'));
  for (const shard of existsSync(manifests) ? readdirSync(manifests) : []) {
    for (const name of readdirSync(join(manifests, shard))) {
      if (name.includes('.')) continue;
      const read = store.get(name);
      if (read instanceof Promise || read.status !== 'found') {
        result.damaged.push(`manifests/${shard}/${name}`);
        continue;
      }
      const bad = read.entry.results.filter((r) => store.load(r).status !== 'found');
      if (bad.length > 0) result.damaged.push(...bad.map((r) => `blobs/${r.blob}`));
      else result.entries++;
    }
  }
  return result;
}
