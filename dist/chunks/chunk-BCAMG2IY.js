import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  parseByteSize
} from "./chunk-4RDXSJGU.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";

// src/cli/maxSize.ts
function storeMaxBytes(command, option, env = process.env) {
  const [text, from] = option !== void 0 ? [option, "--max-size"] : [env.FBUILD_CACHE_MAX_SIZE, "FBUILD_CACHE_MAX_SIZE"];
  if (text === void 0 || text === "") return void 0;
  const bytes = parseByteSize(text);
  if (!bytes) throw new UserError(`${command}: ${from} takes a size such as 2G or 500M, not '${text}'`);
  return bytes;
}

export {
  storeMaxBytes
};
