import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);

// server/util/pathLookup.ts
import { statSync } from "node:fs";
import { delimiter, join } from "node:path";
function onPath(name, env) {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    try {
      if (statSync(p).isFile()) return p;
    } catch {
    }
  }
  return void 0;
}

export {
  onPath
};
