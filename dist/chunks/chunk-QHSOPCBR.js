import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);

// src/cli/usage.ts
var REMOTE_OPTIONS = [
  ["--remote-cache URL", "a shared remote tier behind the local store (redis://\u2026, rediss://\u2026)"],
  ["--remote-cache-mode MODE", "read or read-write (default read-write)"]
];
var MAX_SIZE_OPTION = [
  "--max-size SIZE",
  "bound the store (1G, 500M, \u2026; default 2G, or FBUILD_CACHE_MAX_SIZE); least recently used out first"
];
var BUILD_HELP = {
  name: "build",
  usage: "fbuild build [PROJECT_DIR] -e ENV [--cache-dir DIR] [--max-size SIZE] [--jobs N] [--no-cache] [--force] [--keep-objects] [--backend embedded|wrapped] [--toolchain auto|pinned|system] [--server URL] [--no-daemon] [--remote-cache URL] [--remote-cache-mode read|read-write] [--offline] [--verbose] [--json]",
  summary: "build a PlatformIO-style project through the cache (embedded: no server needed)",
  options: [
    ["-e, --environment ENV", "the [env:ENV] to build (default: default_envs, or the only env)"],
    ["--cache-dir DIR", "the cache directory (default FBUILD_CACHE_DIR, $XDG_CACHE_HOME/fbuild or ~/.cache/fbuild)"],
    MAX_SIZE_OPTION,
    ["-j, --jobs N", "compilers run at once (default: the number of cores)"],
    ["--no-cache", "compile everything, read and write nothing in the store"],
    ["--force", "build even when nothing changed (every unit goes through the cache)"],
    ["--keep-objects", "write every object, depfile and archive into the build dir, even when the link hits"],
    ["--backend embedded|wrapped", "compile in this process (default) or through an `fbuild cc` process per unit"],
    ["--toolchain auto|pinned|system", "the pinned packages, the system toolchain, or pinned when it can be had (default)"],
    ["--server URL", "build through a running server (as FBUILD_CACHE_URL); the server's token from FBUILD_CACHE_TOKEN"],
    ["--no-daemon", "build in this process only: neither use nor start the resident server (as FBUILD_DAEMON=0)"],
    ...REMOTE_OPTIONS,
    ["--offline", "never download lib_deps or toolchains (as FBUILD_OFFLINE=1)"],
    ["-v, --verbose", "each unit's outcome and why it missed"],
    ["--json", "one JSON document on stdout"]
  ]
};
var TEST_HELP = {
  name: "test",
  usage: "fbuild test [PROJECT_DIR] -e ENV [build options]",
  summary: "build a platform = native env through the cache and run the program; its exit code is the command\u2019s",
  options: [["build options", "as `fbuild build --help` lists them"]]
};
var CC_HELP = {
  name: "cc",
  usage: "fbuild cc COMPILER ARGS...",
  summary: "compile one file through the cache (the server's when FBUILD_CACHE_URL is set), e.g. make CC='fbuild cc avr-gcc'",
  options: [
    ["COMPILER", "the compiler to run (a name on PATH or a path)"],
    ["ARGS...", "the compiler's own arguments, passed unchanged"]
  ]
};
var SERVE_HELP = {
  name: "serve",
  usage: "fbuild serve [--cache-dir DIR] [--max-size SIZE] [--port N | --socket PATH] [--token-file F] [--allow-root DIR]... [--jobs N] [--wait-for FILE] [--shared-cache-dir] [--idle-exit SECONDS] [--ready-file FILE] [--remote-cache URL] [--remote-cache-mode read|read-write] | fbuild serve --args-from FILE [--parent-pid PID]",
  summary: "run the cache server in the foreground (prints one JSON line with its url when ready)",
  options: [
    ["--cache-dir DIR", "the cache directory it owns"],
    MAX_SIZE_OPTION,
    ["--port N", "listen on 127.0.0.1:N (default: a free port)"],
    ["--socket PATH", "listen on a Unix socket instead"],
    ["--token-file F", "write the bearer token there (mode 0600) instead of printing it"],
    ["--allow-root DIR", "a directory builds may read and write (repeatable; default: the current directory)"],
    ["--jobs N", "compilers run at once"],
    ["--wait-for FILE", "load now, open the store only once FILE exists (the action restores meanwhile)"],
    ["--shared-cache-dir", "share the cache dir with other fbuild processes instead of refusing them"],
    ["--idle-exit SECONDS", "stop after that long without a request or a build"],
    ["--ready-file FILE", "also write the ready line to FILE (0600); stop when FILE is removed"],
    ...REMOTE_OPTIONS,
    ["--args-from FILE", 'alone: load now, then take the options from FILE once it exists (JSON {"args": [...], "env": {...}})'],
    ["--parent-pid PID", "with --args-from: stop waiting when that process ends (default: the parent)"]
  ]
};
var STATS_HELP = {
  name: "stats",
  usage: "fbuild stats [--cache-dir DIR] [--json]",
  summary: "the server's cache statistics (the server of FBUILD_CACHE_URL, else the one that holds the cache dir, else the cache dir's newest resident server)",
  options: [
    ["--cache-dir DIR", "find the server that holds or uses this cache dir (default FBUILD_CACHE_DIR or the default dir)"],
    ["--json", "one JSON document"]
  ]
};
var STOP_HELP = {
  name: "stop",
  usage: "fbuild stop [--cache-dir DIR] [--force]",
  summary: "stop the server (graceful: running builds finish, the store is flushed), else the cache dir's resident build servers",
  options: [
    ["--cache-dir DIR", "find the server that holds this cache dir"],
    ["--force", "cancel running builds instead of waiting for them"]
  ]
};
var TOOLCHAINS_HELP = {
  name: "toolchains",
  usage: "fbuild toolchains list | install ENV_OR_BOARD | path ENV_OR_BOARD",
  summary: "the pinned toolchains: what is installed, install one, where it is",
  options: [
    ["list", "the pinned packages and whether each is installed"],
    ["install ENV_OR_BOARD", "download and verify what that env or board needs"],
    ["path ENV_OR_BOARD", "where its compiler is"]
  ]
};
var LIBS_HELP = {
  name: "libs",
  usage: "fbuild libs resolve [PROJECT_DIR] -e ENV [--cache-dir DIR] [--toolchain MODE] [--offline] [--json]",
  summary: "install the env's lib_deps (only what is missing) and list them",
  options: [
    ["-e, --environment ENV", "the env whose lib_deps to resolve"],
    ["--cache-dir DIR", "the cache directory (its toolchains give the framework libraries)"],
    ["--toolchain MODE", "auto, pinned or system, as for fbuild build"],
    ["--offline", "use only what is installed"],
    ["--json", "one JSON document"]
  ]
};
var CACHE_HELP = {
  name: "cache",
  usage: "fbuild cache prune [--cache-dir DIR] --max-size SIZE [--evict-unused-since TIME]",
  summary: "bound the store before archiving it (no server may have it open)",
  options: [
    ["--cache-dir DIR", "the cache directory"],
    ["--max-size SIZE", "the size to bring the store under (1G, 500M, \u2026)"],
    ["--evict-unused-since TIME", "also drop what was not used since TIME (ISO 8601, or ms since 1970)"]
  ]
};
var EXAMPLES_HELP = {
  name: "examples",
  usage: "fbuild examples [LIBRARY_DIR] --boards uno,megaatmega2560 [--examples GLOB]... [--exclude GLOB]... [--lib-deps SPEC]... [--jobs N] [--cache-dir DIR] [--no-cache] [--toolchain auto|pinned|system] [--offline] [--base REPORT.json] [--report FILE] [--sketches-report DIR] [--fail-fast] [--json]",
  summary: "build every example of an Arduino library for every board, in one process through one cache (library CI)",
  options: [
    ["-b, --boards LIST", "the boards, comma-separated (repeatable)"],
    ["--examples GLOB", "only the examples whose path in the library matches (repeatable)"],
    ["--exclude GLOB", "leave out the examples whose path matches (repeatable)"],
    ["--lib-deps SPEC", "another library the examples need, as a lib_deps spec (repeatable)"],
    ["-j, --jobs N", "compilers run at once"],
    ["--cache-dir DIR", "the cache directory"],
    ["--no-cache", "compile everything, read and write nothing in the store"],
    ["--toolchain auto|pinned|system", "as for fbuild build"],
    ["--offline", "never download the library\u2019s dependencies"],
    ["--base REPORT.json", "an earlier --report to give flash and RAM deltas against"],
    ["--report FILE", "write the results (the --json document) to FILE"],
    ["--sketches-report DIR", "write arduino/compile-sketches' sketches-report files there (for report-size-deltas)"],
    ["--keep-going", "try every cell (the default); the exit code says whether any failed"],
    ["--fail-fast", "stop at the first failed cell"],
    ["--json", "one JSON document with a results array"]
  ]
};
var BOARDS_HELP = {
  name: "boards",
  usage: "fbuild boards [FILTER] [--json]",
  summary: "the AVR boards PlatformIO defines: mcu, clock, core, and whether each can be built here (as pio boards)",
  options: [
    ["FILTER", "only boards whose id, name, vendor, mcu or core contains it"],
    ["--json", "one JSON document"]
  ]
};
var ELF2IMAGE_HELP = {
  name: "elf2image",
  usage: "fbuild elf2image --chip esp32 --flash-mode MODE --flash-freq FREQ --flash-size SIZE [--elf-sha256-offset N] -o OUT.bin IN.elf",
  summary: "an ESP32 firmware image, byte for byte as esptool 5.1.0's elf2image writes it (no Python)",
  options: [
    ["--chip esp32", "the chip (only esp32)"],
    ["--flash-mode MODE", "qio, qout, dio or dout (default qio, as esptool)"],
    ["--flash-freq FREQ", "80m, 40m, 26m or 20m"],
    ["--flash-size SIZE", "1MB, 2MB, 4MB, 8MB or 16MB (default 1MB, as esptool)"],
    ["--elf-sha256-offset N", "write the ELF's SHA-256 at offset N of the image (0xb0 for an app)"],
    ["-o, --output OUT.bin", "the image to write"]
  ]
};
var PARTITIONS_HELP = {
  name: "partitions",
  usage: "fbuild partitions IN.csv OUT.bin",
  summary: "an ESP32 partition table from its CSV, as gen_esp32part.py writes it; a bad line is one error naming it",
  options: [
    ["IN.csv", "the partition CSV (name, type, subtype, offset, size, flags)"],
    ["OUT.bin", "the binary table to write"]
  ]
};
var MATERIALIZE_HELP = {
  name: "materialize",
  usage: "fbuild materialize [PROJECT_DIR] -e ENV [build options]",
  summary: "write the objects, depfiles and archives a warm build left in the store (a build with --keep-objects)",
  options: [["build options", "as `fbuild build --help` lists them"]]
};
var HELP_HELP = {
  name: "help",
  usage: "fbuild help [COMMAND]",
  summary: "this list, or one command\u2019s usage and options (as fbuild COMMAND --help)",
  options: []
};
var COMMANDS = [
  BUILD_HELP,
  TEST_HELP,
  CC_HELP,
  SERVE_HELP,
  STATS_HELP,
  STOP_HELP,
  TOOLCHAINS_HELP,
  LIBS_HELP,
  CACHE_HELP,
  EXAMPLES_HELP,
  BOARDS_HELP,
  ELF2IMAGE_HELP,
  PARTITIONS_HELP,
  MATERIALIZE_HELP,
  HELP_HELP
];
var BUILD_USAGE = BUILD_HELP.usage;
var LIBS_USAGE = LIBS_HELP.usage;
var SERVE_USAGE = SERVE_HELP.usage;
var TOOLCHAINS_USAGE = TOOLCHAINS_HELP.usage;
var CACHE_USAGE = CACHE_HELP.usage;
var BOARDS_USAGE = BOARDS_HELP.usage;
var EXAMPLES_USAGE = EXAMPLES_HELP.usage;
var ELF2IMAGE_USAGE = ELF2IMAGE_HELP.usage;
var PARTITIONS_USAGE = PARTITIONS_HELP.usage;
var ENVIRONMENT = `environment:
  FBUILD_CACHE_DIR        cache directory (default $XDG_CACHE_HOME/fbuild or ~/.cache/fbuild)
  FBUILD_CACHE_MAX_SIZE   the store's size limit for build and serve (default 2G)
  FBUILD_WORKSPACE        root that paths are keyed relative to (default: nearest .git or platformio.ini)
  FBUILD_CACHE_URL        the server (from 'fbuild serve'); FBUILD_CACHE_TOKEN its token
  FBUILD_BACKEND          embedded (default) or wrapped
  FBUILD_TOOLCHAIN        auto (default), pinned or system
  FBUILD_TOOLCHAINS_DIR, FBUILD_PACKAGE_MIRROR, FBUILD_PACKAGE_MANIFEST
                          where pinned packages go, a mirror serving them by file name, another manifest
  FBUILD_REGISTRY_URL     the PlatformIO registry API (default https://api.registry.platformio.org)
  FBUILD_OFFLINE=1        never download lib_deps (as --offline)
  FBUILD_DAEMON=0         no resident server for fbuild build (as --no-daemon)
  FBUILD_DAEMON_IDLE      seconds the resident server stays without a build (default 600)
`;
function generalHelp() {
  const lines = ["fbuild: build firmware with a compile cache", "", "usage:"];
  for (const c of COMMANDS) lines.push(`  ${c.usage}`, `      ${c.summary}`);
  lines.push("  fbuild --version", "      the version", "", "Run fbuild COMMAND --help for its options.", "");
  return lines.join("\n") + "\n" + ENVIRONMENT;
}
function commandHelp(c) {
  const width = Math.max(0, ...c.options.map(([f]) => f.length));
  const lines = [`usage: ${c.usage}`, "", c.summary];
  if (c.options.length) {
    lines.push("", "options:");
    for (const [flag, what] of c.options) lines.push(`  ${flag.padEnd(width)}  ${what}`);
  }
  return lines.join("\n") + "\n";
}

export {
  COMMANDS,
  BUILD_USAGE,
  LIBS_USAGE,
  SERVE_USAGE,
  TOOLCHAINS_USAGE,
  CACHE_USAGE,
  BOARDS_USAGE,
  EXAMPLES_USAGE,
  ELF2IMAGE_USAGE,
  PARTITIONS_USAGE,
  generalHelp,
  commandHelp
};
