import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  CacheService
} from "./chunks/chunk-PCLV3DKP.js";
import "./chunks/chunk-FGIXBREX.js";
import "./chunks/chunk-P32HW7BB.js";
import "./chunks/chunk-2PEVJB5Z.js";
import "./chunks/chunk-I7BTEATM.js";
import "./chunks/chunk-FRALOBSX.js";
import "./chunks/chunk-GTAT4FI5.js";
import "./chunks/chunk-RRNSNA4T.js";
import "./chunks/chunk-CZYVUOHA.js";
import "./chunks/chunk-OA4IFKWM.js";
import "./chunks/chunk-WDI3OBGI.js";
import "./chunks/chunk-6RGQGRVI.js";
import "./chunks/chunk-AR4QESZK.js";
import "./chunks/chunk-ARH6VGVS.js";
import "./chunks/chunk-K5XHDEBM.js";
import "./chunks/chunk-ZATFCR4X.js";

// src/cli/ccLocal.ts
async function compileInProcess(req) {
  const service = await CacheService.start({ jobs: 1 });
  try {
    return await service.compile(req);
  } finally {
    for (const w of (await service.shutdown("graceful")).warnings) process.stderr.write(`fbuild cc: warning: ${w}
`);
  }
}
export {
  compileInProcess
};
