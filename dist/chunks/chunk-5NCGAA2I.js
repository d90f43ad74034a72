import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);

// src/cli/usage.ts
var BUILD_USAGE = "fbuild build [PROJECT_DIR] -e ENV [--cache-dir DIR] [--jobs N] [--no-cache] [--force] [--backend embedded|wrapped] [--toolchain auto|pinned|system] [--server URL] [--remote-cache URL] [--remote-cache-mode read|read-write] [--offline] [--verbose] [--json]";
var LIBS_USAGE = "fbuild libs resolve [PROJECT_DIR] -e ENV [--offline] [--json]";
var SERVE_USAGE = "fbuild serve [--cache-dir DIR] [--port N | --socket PATH] [--token-file F] [--allow-root DIR]... [--jobs N] [--wait-for FILE] [--remote-cache URL] [--remote-cache-mode read|read-write]";
var TOOLCHAINS_USAGE = "fbuild toolchains list | install ENV_OR_BOARD | path ENV_OR_BOARD";
var CACHE_USAGE = "fbuild cache prune [--cache-dir DIR] --max-size SIZE [--evict-unused-since TIME]";

export {
  BUILD_USAGE,
  LIBS_USAGE,
  SERVE_USAGE,
  TOOLCHAINS_USAGE,
  CACHE_USAGE
};
