import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);

// server/util/hitRate.ts
function cacheableUnits(c) {
  return c.hits + c.misses + (c.errors ?? 0);
}
function hitRate(c) {
  const n = cacheableUnits(c);
  return n ? c.hits / n : 0;
}
function formatHitRate(c) {
  return cacheableUnits(c) ? `${(c.hits / cacheableUnits(c) * 100).toFixed(1)}%` : "n/a";
}
var HIT_RATE_DEFINITION = "Hit rate = hits / (hits + misses + store errors); uncacheable units are counted apart.";

export {
  hitRate,
  formatHitRate,
  HIT_RATE_DEFINITION
};
