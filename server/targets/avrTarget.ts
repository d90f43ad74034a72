import { join } from 'node:path';
import { UserError } from '../util/errors.js';
import { findBoard, knownBoards, type AvrBoard } from './boards.js';
import { parseAvrSize } from './firmwareSize.js';
import type { EnvConfig } from '../project/platformioIni.js';
import { listFiles, SOURCE_EXTENSIONS } from '../project/sourceFilter.js';
import { libraryUnits, objectPath, projectSources, sourceUnits, unflagsOf, type BuildTarget, type Unit } from './target.js';
import { systemAvrToolchain, type AvrToolchain } from '../toolchains/avrToolchain.js';

function checkBoard(env: EnvConfig): AvrBoard {
  if (!env.board) throw new UserError(`env '${env.name}' has no board; add e.g. board = uno to [env:${env.name}]`);
  const board = findBoard(env.board);
  if (!board) throw new UserError(`unknown board '${env.board}' in env '${env.name}'; supported boards: ${knownBoards().join(', ')}`);
  if (env.platform && env.platform !== board.platform) {
    throw new UserError(`env '${env.name}': platform '${env.platform}' does not match board '${board.id}' (platform ${board.platform}); set platform = ${board.platform}`);
  }
  if (env.framework && env.framework !== 'arduino') {
    throw new UserError(`env '${env.name}': framework '${env.framework}' is not supported; set framework = arduino`);
  }
  return board;
}

/** An Arduino AVR board (uno): the core, the variant, framework libraries, an LTO link, a .hex. */
export function avrTarget(opts: { projectDir: string; buildDir: string; env: EnvConfig; toolchain: AvrToolchain | undefined; processEnv: NodeJS.ProcessEnv }): BuildTarget {
  const { projectDir, buildDir, env } = opts;
  const board = checkBoard(env);
  const tc = opts.toolchain ?? systemAvrToolchain(opts.processEnv);
  const elf = `${buildDir}/firmware.elf`;
  const hex = `${buildDir}/firmware.hex`;
  return {
    description: tc.description,
    tools: [tc.gcc, tc.gxx, tc.objcopy, tc.size],
    fingerprintParts: [board.id, ...tc.extraFlags],
    artifacts: { elf, hex },
    limits: { name: board.name, flashMax: board.flashMax, ramMax: board.ramMax },
    planUnits(): Unit[] {
      const ps = projectSources({ projectDir, buildDir, env, frameworkLibrariesDir: join(tc.frameworkDir, 'libraries'), allowIno: true });
      const core = join(tc.frameworkDir, 'cores', board.core);
      const variant = join(tc.frameworkDir, 'variants', board.variant);
      const frameworkIncludes = [core, variant].map((p) => `-I${p}`);
      const common = [
        `-mmcu=${board.mcu}`, `-DF_CPU=${board.fCpu}`, '-DARDUINO=10808', `-D${board.boardDefine}`, '-DARDUINO_ARCH_AVR',
        '-Os', '-w', '-ffunction-sections', '-fdata-sections', '-MMD', '-flto', ...tc.extraFlags,
      ];
      const unflags = unflagsOf(env);
      const unit = (source: string, object: string, includes: string[]): Unit => {
        const isC = source.endsWith('.c');
        const isAsm = source.endsWith('.S');
        const lang = isC ? ['-std=gnu11', '-fno-fat-lto-objects'] : isAsm ? ['-x', 'assembler-with-cpp'] : ['-std=gnu++11', '-fpermissive', '-fno-exceptions', '-fno-threadsafe-statics'];
        return {
          source,
          object,
          compiler: isC || isAsm ? tc.gcc : tc.gxx,
          // -frandom-seed: GCC's LTO objects differ on every compile without it.
          args: ['-c', ...[...common, ...lang].filter((f) => !unflags.has(f)), ...env.buildFlags, `-frandom-seed=${object}`, ...includes, source, '-o', object],
        };
      };
      const frameworkUnits = (dir: string, group: string) =>
        listFiles(dir)
          .filter((f) => SOURCE_EXTENSIONS.some((e) => f.endsWith(e)))
          .map((f) => unit(join(dir, f), objectPath(buildDir, group, f), frameworkIncludes));
      return [
        ...sourceUnits(ps, buildDir, unit, frameworkIncludes),
        ...libraryUnits(ps, buildDir, unit, frameworkIncludes),
        ...frameworkUnits(core, 'core'),
        ...frameworkUnits(variant, 'variant'),
      ];
    },
    linkSteps: (objects) => [
      { command: tc.gcc, args: ['-Os', '-flto', '-fuse-linker-plugin', '-Wl,--gc-sections', `-mmcu=${board.mcu}`, '-o', elf, ...objects, '-lm'] },
      { command: tc.objcopy, args: ['-O', 'ihex', '-R', '.eeprom', elf, hex] },
      { command: tc.size, args: ['-A', elf] },
    ],
    size(stdout) {
      const s = parseAvrSize(stdout[2]?.toString() ?? '');
      return { flash: s.flash, ram: s.ram, flashMax: board.flashMax, ramMax: board.ramMax };
    },
    explainLinkFailure(stderr) {
      const overflow = /region [`']?(\w+)'? overflowed by (\d+) bytes/.exec(stderr);
      if (!overflow) return undefined;
      return `firmware too big for ${board.name}: it does not fit in ${overflow[1] === 'text' ? 'flash' : 'RAM'} (over by ${overflow[2]} bytes, says the linker); make the code or its data smaller`;
    },
  };
}
