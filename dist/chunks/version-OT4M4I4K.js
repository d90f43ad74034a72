import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import "./chunk-ZATFCR4X.js";

// src/cli/version.ts
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
function fbuildVersion() {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      if (pkg.name === "fbuild-build-action" && pkg.version) return pkg.version;
    } catch {
    }
    if (dirname(dir) === dir) return "unknown";
  }
}
export {
  fbuildVersion
};
