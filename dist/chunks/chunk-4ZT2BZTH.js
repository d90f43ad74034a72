import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  LocalStore
} from "./chunk-FGIXBREX.js";

// server/cache/storePrune.ts
async function pruneStore(opts) {
  const store = LocalStore.open({ dir: opts.cacheDir, maxBytes: opts.maxBytes });
  const before = store.totals();
  const unused = opts.unusedBefore === void 0 ? 0 : store.evictUnusedBefore(opts.unusedBefore);
  store.sweepOrphanBlobs();
  store.sweepShardTemps();
  await store.close();
  return { before, after: store.totals(), unused };
}
function entriesWrittenSince(cacheDir, time) {
  return LocalStore.open({ dir: cacheDir, maxBytes: Number.MAX_SAFE_INTEGER }).writtenSince(time);
}

export {
  pruneStore,
  entriesWrittenSince
};
