import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  REMOTE_CACHE_OPTIONS
} from "./chunk-TAUBCZZV.js";

// src/cli/buildOptions.ts
var BUILD_OPTIONS = {
  environment: { type: "string", short: "e" },
  "cache-dir": { type: "string" },
  "max-size": { type: "string" },
  jobs: { type: "string", short: "j" },
  "no-cache": { type: "boolean", default: false },
  force: { type: "boolean", default: false },
  "keep-objects": { type: "boolean", default: false },
  verbose: { type: "boolean", short: "v", default: false },
  json: { type: "boolean", default: false },
  backend: { type: "string" },
  server: { type: "string" },
  toolchain: { type: "string" },
  offline: { type: "boolean", default: false },
  "no-daemon": { type: "boolean", default: false },
  ...REMOTE_CACHE_OPTIONS
};

export {
  BUILD_OPTIONS
};
