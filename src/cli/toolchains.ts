import { dirname, join } from 'node:path';
import { findBoard, findEsp32Board, unknownBoardHint } from '../../server/targets/boards.js';
import { readProjectConfig } from '../../server/project/platformioIni.js';
import { systemAvrToolchain } from '../../server/toolchains/avrToolchain.js';
import { hostTriple, installedPackage, type InstallProgress } from '../../server/toolchains/installer.js';
import { esp32PackageDirs, findEsptool } from '../../server/toolchains/resolveEsp32.js';
import { loadManifest } from '../../server/toolchains/manifest.js';
import { ARDUINO_AVR_CORE, AVR_GCC, resolveAvrToolchain, toolchainsDirFor } from '../../server/toolchains/resolveAvr.js';
import { UserError } from '../../server/util/errors.js';
import { TOOLCHAINS_USAGE } from './usage.js';

const known = (board: string) => findBoard(board) ?? findEsp32Board(board);

/** A board id (`uno`), or an environment of the platformio.ini in the current directory. */
function boardFor(arg: string | undefined): string {
  if (!arg) throw new UserError(`fbuild toolchains: name an environment or a board; usage: ${TOOLCHAINS_USAGE}`);
  if (known(arg)) return arg;
  const env = readProjectConfig(process.cwd()).env(arg);
  if (!env.board || !known(env.board))
    throw new UserError(`env '${arg}' has board '${env.board ?? ''}'; ${unknownBoardHint(env.board ?? '')}`);
  return env.board;
}

const progress = (p: InstallProgress) =>
  process.stderr.isTTY && process.stderr.write(`\r${p.name}: ${Math.round((p.received / p.total) * 100)}%\x1b[K`);

/** esp32: the verified packages, then what fbuild cannot install and how to get it. */
async function installEsp32(env: NodeJS.ProcessEnv): Promise<number> {
  const dirs = await esp32PackageDirs({
    mode: 'pinned',
    env,
    onProgress: progress,
    onNotice: (m) => process.stderr.write(`fbuild: ${m}\n`),
  });
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  process.stdout.write(`${dirs.description}\n`);
  try {
    const esptool = findEsptool(env);
    process.stdout.write(`esptool: ${esptool ? `${esptool} (FBUILD_ESPTOOL)` : 'not needed: fbuild writes the images itself'}\n`);
  } catch (e) {
    process.stdout.write(`esptool: ${(e as Error).message}\n`);
    return 1;
  }
  return 0;
}

/** `fbuild toolchains list | install ENV | path ENV`. */
export async function runToolchains(argv: string[]): Promise<number> {
  const [sub, arg] = argv;
  const env = process.env;
  const toolchainsDir = toolchainsDirFor(env);
  switch (sub) {
    case 'list': {
      const host = hostTriple();
      for (const spec of loadManifest(env)) {
        const archive = spec.systems.find((s) => s.host === host) ?? spec.systems.find((s) => s.host === 'any');
        const dir = installedPackage(toolchainsDir, spec, archive);
        const state = dir ? `installed in ${dir}` : archive ? 'not installed' : `no verified archive for ${host}`;
        process.stdout.write(`${spec.name} ${spec.version}: ${state}\n`);
      }
      try {
        process.stdout.write(`system: ${systemAvrToolchain(env).description}\n`);
      } catch (e) {
        process.stdout.write(`system: none (${(e as Error).message})\n`);
      }
      return 0;
    }
    case 'install': {
      if (findEsp32Board(boardFor(arg))) return installEsp32(env);
      const tc = await resolveAvrToolchain({ mode: 'pinned', env, onProgress: progress });
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
      process.stdout.write(`${tc.description}\n`);
      return 0;
    }
    case 'path': {
      if (findEsp32Board(boardFor(arg))) {
        process.stdout.write(`${join((await esp32PackageDirs({ mode: 'system', env })).toolchainDir, 'bin')}\n`);
        return 0;
      }
      // No download here: the installed pinned toolchain if there is one, else the system's.
      const specs = loadManifest(env);
      const pinned = [AVR_GCC, ARDUINO_AVR_CORE]
        .map((n) => specs.find((s) => s.name === n))
        .every((s) => s && installedPackage(toolchainsDir, s));
      const tc = await resolveAvrToolchain({ mode: pinned ? 'pinned' : 'system', env });
      process.stdout.write(`${dirname(tc.gcc)}\n`);
      return 0;
    }
    default:
      throw new UserError(`fbuild toolchains: unknown subcommand '${sub ?? ''}'; usage: ${TOOLCHAINS_USAGE}`);
  }
}
