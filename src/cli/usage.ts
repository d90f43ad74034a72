export const BUILD_USAGE =
  'fbuild build [PROJECT_DIR] -e ENV [--cache-dir DIR] [--jobs N] [--no-cache] [--force] [--backend embedded|wrapped] [--server URL] [--verbose] [--json]';
export const SERVE_USAGE = 'fbuild serve [--cache-dir DIR] [--port N | --socket PATH] [--token-file F] [--allow-root DIR]... [--jobs N]';
