import { dirname } from 'node:path';
import { findBoard, knownBoards } from '../../server/build/boards.js';
import { readProjectConfig } from '../../server/build/platformioIni.js';
import { systemAvrToolchain } from '../../server/build/toolchain.js';
import { hostTriple, installedPackage } from '../../server/toolchains/installer.js';
import { loadManifest } from '../../server/toolchains/manifest.js';
import { ARDUINO_AVR_CORE, AVR_GCC, resolveAvrToolchain, toolchainsDirFor } from '../../server/toolchains/resolveAvr.js';
import { UserError } from '../errors.js';
import { TOOLCHAINS_USAGE } from './usage.js';

/** A board id (`uno`), or an environment of the platformio.ini in the current directory. */
function boardFor(arg: string | undefined): string {
  if (!arg) throw new UserError(`fbuild toolchains: name an environment or a board; usage: ${TOOLCHAINS_USAGE}`);
  if (findBoard(arg)) return arg;
  const env = readProjectConfig(process.cwd()).env(arg);
  if (!env.board || !findBoard(env.board)) throw new UserError(`env '${arg}' has board '${env.board ?? ''}'; supported boards: ${knownBoards().join(', ')}`);
  return env.board;
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
      boardFor(arg); // every supported board is AVR today
      const tc = await resolveAvrToolchain({
        mode: 'pinned',
        env,
        onProgress: (p) => process.stderr.isTTY && process.stderr.write(`\r${p.name}: ${Math.round((p.received / p.total) * 100)}%\x1b[K`),
      });
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
      process.stdout.write(`${tc.description}\n`);
      return 0;
    }
    case 'path': {
      boardFor(arg);
      // No download here: the installed pinned toolchain if there is one, else the system's.
      const specs = loadManifest(env);
      const pinned = [AVR_GCC, ARDUINO_AVR_CORE].map((n) => specs.find((s) => s.name === n)).every((s) => s && installedPackage(toolchainsDir, s));
      const tc = await resolveAvrToolchain({ mode: pinned ? 'pinned' : 'system', env });
      process.stdout.write(`${dirname(tc.gcc)}\n`);
      return 0;
    }
    default:
      throw new UserError(`fbuild toolchains: unknown subcommand '${sub ?? ''}'; usage: ${TOOLCHAINS_USAGE}`);
  }
}
