export const BUILD_USAGE =
  'fbuild build [PROJECT_DIR] -e ENV [--cache-dir DIR] [--jobs N] [--no-cache] [--force] [--backend embedded|wrapped] [--toolchain auto|pinned|system] [--server URL] [--remote-cache URL] [--remote-cache-mode read|read-write] [--offline] [--verbose] [--json]';
export const LIBS_USAGE = 'fbuild libs resolve [PROJECT_DIR] -e ENV [--offline] [--json]';
export const SERVE_USAGE =
  'fbuild serve [--cache-dir DIR] [--port N | --socket PATH] [--token-file F] [--allow-root DIR]... [--jobs N] [--wait-for FILE] [--remote-cache URL] [--remote-cache-mode read|read-write]';
export const TOOLCHAINS_USAGE = 'fbuild toolchains list | install ENV_OR_BOARD | path ENV_OR_BOARD';
export const CACHE_USAGE = 'fbuild cache prune [--cache-dir DIR] --max-size SIZE [--evict-unused-since TIME]';
