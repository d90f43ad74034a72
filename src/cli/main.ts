import { UserError } from '../../server/util/errors.js';
import { exitWith } from './exitWith.js';
import { BUILD_USAGE, CACHE_USAGE, LIBS_USAGE, SERVE_USAGE, TOOLCHAINS_USAGE } from './usage.js';

const HELP = `fbuild: build firmware with a compile cache

usage:
  ${BUILD_USAGE}
                                 build a PlatformIO-style project (embedded cache)
  fbuild test [PROJECT_DIR] -e ENV [build options]
                                 build a platform = native env and run the program
  fbuild examples [LIBRARY_DIR] --boards uno,megaatmega2560 [--examples GLOB]... [--json]
                                 build every example of a library for every board (one cache)
  fbuild cc COMPILER ARGS...     compile one file through the cache (the server's, if FBUILD_CACHE_URL is set)
  ${SERVE_USAGE}
                                 run the cache server
  fbuild stats [--json]          the server's cache statistics
  fbuild stop [--force]          stop the server
  ${TOOLCHAINS_USAGE}
                                 the pinned toolchains: what is installed, install one, where it is
  ${LIBS_USAGE}
                                 install the env's lib_deps (only what is missing) and list them
  ${CACHE_USAGE}
                                 bound the store before archiving it (no server may have it open)
  fbuild help                    this text

environment:
  FBUILD_CACHE_DIR   cache directory (default $XDG_CACHE_HOME/fbuild or ~/.cache/fbuild)
  FBUILD_WORKSPACE   root that paths are keyed relative to (default: nearest .git or platformio.ini)
  FBUILD_CACHE_URL   the server (from 'fbuild serve'); FBUILD_CACHE_TOKEN its token
  FBUILD_BACKEND     embedded (default) or wrapped
  FBUILD_TOOLCHAIN   auto (default), pinned or system
  FBUILD_TOOLCHAINS_DIR, FBUILD_PACKAGE_MIRROR, FBUILD_PACKAGE_MANIFEST
                     where pinned packages go, a mirror serving them by file name, another manifest
  FBUILD_REGISTRY_URL  the PlatformIO registry API (default https://api.registry.platformio.org)
  FBUILD_OFFLINE=1   never download lib_deps (as --offline)
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    // Each command is loaded when it runs: `fbuild cc`, a process per compile, loads only its own code.
    case 'cc':
      return (await import('./cc.js')).runCc(rest);
    case 'build':
      return (await import('./build.js')).runBuild(rest);
    case 'test':
      return (await import('./test.js')).runTest(rest);
    case 'examples':
      return (await import('./examples.js')).runExamplesCommand(rest);
    case 'serve':
      return (await import('./serve.js')).runServe(rest);
    case 'stats':
      return (await import('./serverCommands.js')).runStats(rest);
    case 'stop':
      return (await import('./serverCommands.js')).runStop(rest);
    case 'libs':
      return (await import('./libs.js')).runLibs(rest);
    case 'cache':
      return (await import('./cache.js')).runCache(rest);
    case 'toolchains':
      return (await import('./toolchains.js')).runToolchains(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(HELP);
      return 0;
    default:
      throw new UserError(`fbuild: unknown command '${command}'; run 'fbuild help' for the list`);
  }
}

exitWith(main(process.argv.slice(2)));
