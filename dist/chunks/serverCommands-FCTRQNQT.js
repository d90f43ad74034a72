import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  CacheClient
} from "./chunk-CTQUDFJI.js";
import "./chunk-OJVVGWCJ.js";
import "./chunk-WEUVYVWV.js";
import {
  ServerUnreachableError
} from "./chunk-NCFA66Z3.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";
import "./chunk-3EKYSYMU.js";

// src/cli/serverCommands.ts
function clientOrExplain(command) {
  const client = CacheClient.fromEnv();
  if (!client)
    throw new UserError(
      `fbuild ${command}: FBUILD_CACHE_URL is not set; set it (and FBUILD_CACHE_TOKEN) to the server's address from 'fbuild serve'`
    );
  return client;
}
async function withClient(command, fn) {
  const client = clientOrExplain(command);
  try {
    return await fn(client);
  } catch (e) {
    if (e instanceof ServerUnreachableError) throw new UserError(`fbuild ${command}: ${e.message}; is 'fbuild serve' running?`);
    if (e instanceof Error && e.name !== "UserError" && "status" in e) throw new UserError(`fbuild ${command}: ${e.message}`);
    throw e;
  } finally {
    await client.close();
  }
}
async function runStats(argv) {
  const json = argv.includes("--json");
  const stats = await withClient("stats", (c) => c.stats());
  if (json) process.stdout.write(JSON.stringify(stats) + "\n");
  else {
    const reasons = Object.entries(stats.missReasons).map(([k, v]) => `${v} ${k}`).join(", ") || "none";
    process.stdout.write(
      [
        `compiles ${stats.compiles}: ${stats.hits} hits, ${stats.misses} misses, ${stats.uncacheable} uncacheable, ${stats.errors} errors`,
        `hit rate ${(stats.hitRate * 100).toFixed(1)}%, time saved ${(stats.timeSavedMs / 1e3).toFixed(1)} s`,
        `miss reasons: ${reasons}`,
        `per hit: median ${stats.hitServiceMs.median.toFixed(3)} ms, p95 ${stats.hitServiceMs.p95.toFixed(3)} ms`,
        `store: ${stats.entries} entries, ${(stats.bytes / 1024 / 1024).toFixed(1)} MiB`
      ].join("\n") + "\n"
    );
  }
  return 0;
}
async function runStop(argv) {
  await withClient("stop", (c) => c.shutdown(argv.includes("--force") ? "force" : "graceful"));
  return 0;
}
export {
  runStats,
  runStop
};
