import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BuildSession } from '../../server/engine/buildSession.js';
import { offlineFromEnv } from '../../server/project/libdeps/offline.js';
import type { ToolchainMode } from '../../server/toolchains/resolveAvr.js';
import { toolchainsDirFor } from '../../server/toolchains/resolveAvr.js';
import { UserError } from '../../server/util/errors.js';
import { formatLibraries } from './buildReport.js';
import { BuildPrinter } from './buildPrinter.js';
import { LIBS_USAGE } from './usage.js';

/**
 * `fbuild libs resolve [dir] -e ENV`: installs the env's lib_deps as a build would (downloading only
 * what is missing) and prints what they resolved to, the same list a build's summary and JSON
 * result carry, without compiling anything.
 */
export async function runLibs(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'resolve') throw new UserError(`fbuild libs: unknown subcommand '${sub ?? ''}'; usage: ${LIBS_USAGE}`);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        environment: { type: 'string', short: 'e' },
        'cache-dir': { type: 'string' },
        offline: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        toolchain: { type: 'string' },
      },
    });
  } catch (e) {
    throw new UserError(`fbuild libs: ${(e as Error).message.split('\n')[0]}; usage: ${LIBS_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UserError(`fbuild libs: one project directory at most; usage: ${LIBS_USAGE}`);
  const toolchain = (values.toolchain ?? process.env.FBUILD_TOOLCHAIN ?? 'auto') as ToolchainMode;
  if (!['auto', 'pinned', 'system'].includes(toolchain))
    throw new UserError(`fbuild libs: --toolchain is auto, pinned or system, not '${toolchain}'`);
  const cacheDir = values['cache-dir'] !== undefined ? resolve(values['cache-dir']) : undefined;
  // No store: nothing is compiled. The toolchain is resolved only to find the framework's libraries.
  const session = await BuildSession.open({
    cache: false,
    toolchain,
    toolchainsDir: toolchainsDirFor(process.env, cacheDir),
    fbuildCommand: [process.execPath, ...process.execArgv, process.argv[1]!],
    wrapperEnv: () => ({}),
    onNotice: (m) => process.stderr.write(`fbuild: notice: ${m}\n`),
  });
  const printer = new BuildPrinter({ json: values.json, verbose: false });
  try {
    const { environment, libraries } = await session.resolveLibraries(
      {
        projectDir: resolve(positionals[0] ?? '.'),
        ...(values.environment ? { environment: values.environment } : {}),
        offline: values.offline || offlineFromEnv(process.env),
      },
      (e) => printer.handle(e),
    );
    if (values.json) process.stdout.write(JSON.stringify({ environment, libraries }) + '\n');
    else
      process.stdout.write(
        `${environment}: ${libraries.length ? `${libraries.length} ${libraries.length === 1 ? 'library' : 'libraries'} from lib_deps` : 'no lib_deps'}\n${formatLibraries(
          libraries,
        )
          .map((l) => `${l}\n`)
          .join('')}`,
      );
    return 0;
  } finally {
    await session.close('graceful');
  }
}
