import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../util/errors.js';
import { platformNotice } from '../project/platformSpec.js';
import { BoardFileError, findBoard, unknownBoardHint, sketchFlashMax, withBoardOptions, type AvrBoard } from './boards.js';
import { localAvrFramework, resolveAvrFramework, type AvrFramework } from './avrFramework.js';
import { corePackages, GNU17_CORES } from '../toolchains/avrCores.js';
import { toolchainsDirFor } from '../toolchains/resolveAvr.js';
import { linkerOverflow, parseAvrSize } from './firmwareSize.js';
import type { EnvConfig, ProjectDirs } from '../project/platformioIni.js';
import { listFiles, SOURCE_EXTENSIONS } from '../project/sourceFilter.js';
import {
  archiveSteps,
  libraryUnits,
  objectPath,
  projectSources,
  sourceUnits,
  splitBuildFlags,
  unflagsOf,
  type BuildTarget,
  type Unit,
  type UnitExtra,
  libraryLinkFlags,
  type LibraryLinkFlags,
} from './target.js';
import { systemAvrToolchain, type AvrToolchain } from '../toolchains/avrToolchain.js';
import { compilerVersion, linkDebugPrefixMap, macroPrefixMap, type CompilerVersion } from './prefixMaps.js';

/** PlatformIO Core 6.1.18 defines `PLATFORMIO` as its version, `{major:02}{minor:02}{patch:02}`. */
export const PLATFORMIO_VERSION_DEFINE = '-DPLATFORMIO=60118';

function checkBoard(env: EnvConfig, boardsDir: string | undefined): AvrBoard {
  if (!env.board) throw new UserError(`env '${env.name}' has no board; add e.g. board = uno to [env:${env.name}]`);
  let board: AvrBoard | undefined;
  try {
    board = findBoard(env.board, boardsDir);
  } catch (e) {
    if (e instanceof BoardFileError) throw new UserError(`env '${env.name}': ${e.message}`);
    throw e;
  }
  if (!board) throw new UserError(`unknown board '${env.board}' in env '${env.name}'; ${unknownBoardHint(env.board)}`);
  if (env.platform && env.platform !== board.platform) {
    throw new UserError(
      `env '${env.name}': platform '${env.platform}' does not match board '${board.id}' (platform ${board.platform}); set platform = ${board.platform}`,
    );
  }
  if (env.framework && env.framework !== 'arduino') {
    throw new UserError(`env '${env.name}': framework '${env.framework}' is not supported; set framework = arduino`);
  }
  const custom = withBoardOptions(board, env.raw);
  if (typeof custom === 'string') throw new UserError(`env '${env.name}': ${custom}`);
  return custom;
}

/** The platform-atmelavr release whose rules the avr target follows. */
const AVR_PLATFORM_VERSION = '5.2.0';

/** The flags of an atmelavr Arduino build, in PlatformIO's lists (platform-atmelavr 5.2.0 builder/frameworks/arduino.py). */
export function avrFlags(board: AvrBoard, userDefines: string[] = []) {
  return {
    ccflags: [`-mmcu=${board.mcu}`, '-Os', '-Wall', '-ffunction-sections', '-fdata-sections', '-flto'],
    cflags: ['-std=gnu11', '-fno-fat-lto-objects'],
    // The MCUdude cores are C++17; every other core C++11.
    cxxflags: ['-fno-exceptions', '-fno-threadsafe-statics', '-fpermissive', GNU17_CORES.has(board.core) ? '-std=gnu++17' : '-std=gnu++11'],
    asppflags: [`-mmcu=${board.mcu}`, '-x', 'assembler-with-cpp'],
    // PLATFORMIO first, then the board's extra_flags; the user's defines go between these and the framework's.
    boardDefines: [PLATFORMIO_VERSION_DEFINE, ...board.extraFlags],
    frameworkDefines: [
      `-DF_CPU=${board.fCpu}`,
      '-DARDUINO_ARCH_AVR',
      '-DARDUINO=10808',
      // Boards with native USB name themselves to the host (the core's USBCore.cpp).
      ...(board.usb
        ? [
            `-DUSB_VID=${board.usb.vid}`,
            `-DUSB_PID=${board.usb.pid}`,
            `-DUSB_PRODUCT="${board.usb.product.replaceAll('"', '')}"`,
            `-DUSB_MANUFACTURER="${board.usb.vendor.replaceAll('"', '')}"`,
          ]
        : []),
      ...tinyDefines(board, [...board.extraFlags, ...userDefines]),
    ],
    linkflags: [`-mmcu=${board.mcu}`, '-Os', '-Wl,--gc-sections', '-flto', '-fuse-linker-plugin'],
  };
}

/**
 * ATTinyCore's defines, appended by arduino.py for the tiny cores unless the board's or the user's
 * flags already define them: `CLOCK_SOURCE` (`build.clock_source`, default 0) and `NEOPIXELPORT`
 * (`build.neo_pixel_port`, default PORTA).
 */
function tinyDefines(board: AvrBoard, defines: string[]): string[] {
  if (board.core !== 'tiny' && board.core !== 'tinymodern') return [];
  const has = (name: string) => defines.some((d) => d === `-D${name}` || d.startsWith(`-D${name}=`));
  return [
    ...(has('CLOCK_SOURCE') ? [] : [`-DCLOCK_SOURCE=${board.clockSource ?? '0'}`]),
    ...(has('NEOPIXELPORT') ? [] : [`-DNEOPIXELPORT=${board.neoPixelPort ?? 'PORTA'}`]),
  ];
}

/**
 * An Arduino AVR board (uno), built as `pio run` builds it: PlatformIO's flags and order (SCons'
 * `$CXX -o $TARGET -c $CXXFLAGS $CCFLAGS $_CCCOMCOM $SOURCES`), the core and the variant archived
 * into `libFrameworkArduino.a` and `libFrameworkArduinoVariant.a`, each library into its own
 * `lib<Name>.a`, a g++ link with the archives in one `--start-group` (so a program's own `main` or
 * ISR wins and the core's is never pulled in), then objcopy and size. fbuild adds `-MD` (its cache
 * and fingerprint read the depfiles), `-frandom-seed=<object path in the build dir>` (reproducible
 * LTO objects, the same in every env), `D` to the archive steps (reproducible archives) and, for
 * gcc < 7, `-DDECIMAL_DIG=__DECIMAL_DIG__`.
 */
export interface AvrTargetOptions {
  projectDir: string;
  buildDir: string;
  dirs: ProjectDirs;
  env: EnvConfig;
  toolchain: AvrToolchain | undefined;
  processEnv: NodeJS.ProcessEnv;
  /** Where framework packages are installed; default `toolchainsDirFor(processEnv)`. */
  toolchainsDir?: string;
  /** Never download a framework package; default `$FBUILD_OFFLINE`. */
  offline?: boolean;
}

/** The avr target, with the board's framework package installed first when it needs one. */
export async function prepareAvrTarget(opts: AvrTargetOptions): Promise<BuildTarget> {
  const board = checkBoard(opts.env, boardsDirOf(opts.dirs, opts.projectDir));
  const framework = await resolveAvrFramework({
    board,
    envName: opts.env.name,
    toolchain: opts.toolchain ?? systemAvrToolchain(opts.processEnv),
    toolchainsDir: opts.toolchainsDir ?? toolchainsDirFor(opts.processEnv),
    packages: corePackages(opts.processEnv),
    offline: opts.offline ?? ['1', 'true', 'yes'].includes((opts.processEnv.FBUILD_OFFLINE ?? '').toLowerCase()),
    ...(opts.processEnv.FBUILD_REGISTRY_URL ? { registryUrl: opts.processEnv.FBUILD_REGISTRY_URL } : {}),
    coreOption: (opts.env.raw['board_build.core'] ?? []).join('').trim() !== '',
  });
  return avrTarget({ ...opts, framework });
}

/** An object's path inside the build dir (`FrameworkArduino/wiring.c.o`): its `-frandom-seed`. */
function randomSeed(buildDir: string, object: string): string {
  const prefix = buildDir.endsWith('/') ? buildDir : `${buildDir}/`;
  return object.startsWith(prefix) ? object.slice(prefix.length) : object;
}

export function avrTarget(opts: AvrTargetOptions & { framework?: AvrFramework }): BuildTarget {
  const { projectDir, buildDir, env, dirs } = opts;
  const board = checkBoard(env, boardsDirOf(dirs, projectDir));
  const tc = opts.toolchain ?? systemAvrToolchain(opts.processEnv);
  const toolchainsDir = opts.toolchainsDir ?? toolchainsDirFor(opts.processEnv);
  const framework =
    opts.framework ??
    localAvrFramework({ board, envName: env.name, toolchain: tc, toolchainsDir, packages: corePackages(opts.processEnv) });
  if (!framework) {
    throw new UserError(`env '${env.name}': board '${board.id}' needs its framework package installed first (fbuild build installs it)`);
  }
  // arduino.py: build.variants_dir (relative to the project) instead of the framework's variants/.
  const variantsDir = board.variantsDir ? join(projectDir, board.variantsDir) : join(framework.dir, 'variants');
  if (board.variant && !existsSync(join(variantsDir, board.variant))) {
    throw new UserError(`env '${env.name}': board variant '${board.variant}' is not in ${variantsDir}; fix board_build.variant`);
  }
  const coreDir = join(framework.dir, 'cores', board.core);
  if (!existsSync(coreDir)) {
    throw new UserError(`env '${env.name}': the core '${board.core}' is not in ${join(framework.dir, 'cores')}; fix board_build.core`);
  }
  const flashMax = sketchFlashMax(board);
  const elf = `${buildDir}/firmware.elf`;
  const hex = `${buildDir}/firmware.hex`;
  const user = splitBuildFlags(env.buildFlags);
  const flags = avrFlags(board, user.defines);
  const unflags = unflagsOf(env);
  const keep = (list: string[]) => list.filter((f) => !unflags.has(f));
  const debug = debugBuild(env);
  // What the toolchain's GCC can do (its version, read from its installation): -fmacro-prefix-map from 8.
  const gccVersion: CompilerVersion = tc.gccMajor > 0 ? { kind: 'gcc', major: tc.gccMajor } : compilerVersion(tc.gcc);
  const linkFlags = (list: string[]) => (debug ? [...withoutOptimization(list), ...debug.linkflags] : list);
  const notices: string[] = [...framework.notices];
  const frameworkLibrariesDir = join(framework.dir, 'libraries');
  // Set by planUnits, which finds the libraries; linkSteps always runs after it.
  let libLink: LibraryLinkFlags = { linkflags: [], libpath: [], libs: [] };
  const target: BuildTarget = {
    description: framework.dir === tc.frameworkDir ? tc.description : `${tc.description}; core ${board.core} from ${framework.description}`,
    tools: [tc.gcc, tc.gxx, tc.ar, tc.ranlib, tc.objcopy, tc.size],
    fingerprintParts: [board.id, framework.description, ...tc.extraFlags],
    artifacts: { elf, hex },
    limits: { name: board.name, flashMax, ramMax: board.ramMax },
    notices,
    frameworkLibrariesDir,
    planUnits(): Unit[] {
      const ps = projectSources({
        projectDir,
        buildDir,
        env,
        dirs,
        frameworkLibrariesDir,
        platform: board.platform,
        framework: 'arduino',
        allowIno: true,
      });
      notices.splice(0, notices.length, ...framework.notices, ...ps.notices);
      const platformNote = env.platformSpec ? platformNotice(env.platformSpec, AVR_PLATFORM_VERSION) : undefined;
      if (platformNote) notices.push(platformNote);
      libLink = libraryLinkFlags(ps.libraries);
      const core = coreDir;
      const variant = board.variant ? join(variantsDir, board.variant) : undefined;
      const frameworkIncludes = [core, ...(variant ? [variant] : [])].map((p) => `-I${p}`);
      const unit = (source: string, object: string, includes: string[], extra: UnitExtra): Unit => {
        const own = splitBuildFlags(extra.flags);
        const drop = new Set(extra.unflags);
        const k = (list: string[]) => keep(list).filter((f) => !drop.has(f));
        const defines = k([
          ...flags.boardDefines,
          ...user.defines,
          ...flags.frameworkDefines,
          ...tc.extraFlags,
          ...(debug?.defines ?? []),
          ...own.defines,
        ]);
        // fbuild's own: the depfile its cache and fingerprint read (-MD: system headers too), a stable
        // seed for LTO's random section names, and, when there is debug info, debug info that does
        // not name the checkout. Only then: LTO objects record their options (.gnu.lto_.opts), so
        // the map's absolute path would make every object differ between checkouts. A compiler that
        // has it (GCC ≥ 8) also gets -fmacro-prefix-map when the command line names a project file
        // by its absolute path, so that __FILE__ does not name the checkout (prefixMaps.ts).
        // The seed is the object's path inside the build dir: distinct for every unit of a build and the
        // same in every env and project, so two envs of one board (or two projects of a repository)
        // share the core's entries; the object's bytes do not depend on where it is written.
        const incs = [...new Set([...user.includes, ...own.includes, ...includes])];
        const ours = (rest: string[]) => [
          '-MD',
          `-frandom-seed=${randomSeed(buildDir, object)}`,
          ...(rest.some((a) => /^-g(?!0$)/.test(a)) ? [`-fdebug-prefix-map=${projectDir}=.`] : []),
          ...macroPrefixMap(gccVersion, projectDir, [...rest, ...defines, ...incs]),
        ];
        if (source.endsWith('.S')) {
          return {
            source,
            object,
            compiler: tc.gcc,
            args: [
              ...k([...flags.asppflags, ...(debug?.asflags ?? [])]),
              ...defines,
              ...incs,
              ...ours(k([...flags.asppflags, ...(debug?.asflags ?? [])])),
              '-c',
              '-o',
              object,
              source,
            ],
          };
        }
        const isC = source.endsWith('.c');
        const lang = isC ? [...user.cflags, ...flags.cflags, ...own.cflags] : [...user.cxxflags, ...flags.cxxflags, ...own.cxxflags];
        const cc = debug
          ? [...withoutOptimization([...user.ccflags, ...flags.ccflags]), ...debug.ccflags, ...own.ccflags]
          : [...user.ccflags, ...flags.ccflags, ...own.ccflags];
        return {
          source,
          object,
          compiler: isC ? tc.gcc : tc.gxx,
          args: ['-o', object, '-c', ...k(lang), ...k(cc), ...ours([...k(lang), ...k(cc)]), ...defines, ...incs, source],
        };
      };
      const frameworkUnits = (dir: string, group: string) =>
        listFiles(dir)
          .filter((f) => SOURCE_EXTENSIONS.some((e) => f.endsWith(e)))
          .map((f) => ({
            ...unit(join(dir, f), objectPath(buildDir, group, f), frameworkIncludes, { flags: [], unflags: [] }),
            archive: `${buildDir}/lib${group}.a`,
          }));
      return [
        ...sourceUnits(ps, buildDir, dirs.src, unit, frameworkIncludes),
        ...libraryUnits(ps, buildDir, unit, frameworkIncludes),
        // The order of PlatformIO's LIBS: the variant, then the core.
        ...(variant ? frameworkUnits(variant, 'FrameworkArduinoVariant') : []),
        ...frameworkUnits(core, 'FrameworkArduino'),
      ];
    },
    linkSteps(units) {
      const frameworkArchives = [...(board.variant ? ['FrameworkArduinoVariant'] : []), 'FrameworkArduino'].map(
        (g) => `${buildDir}/lib${g}.a`,
      );
      const { steps, archives, objects } = archiveSteps(units, { ar: tc.ar, ranlib: tc.ranlib, deterministic: true }, frameworkArchives);
      // SCons LINKCOM: `$LINK -o $TARGET $LINKFLAGS $SOURCES $_LIBDIRFLAGS $_LIBFLAGS`; PlatformIO
      // wraps $_LIBFLAGS in a --start-group/--end-group for gcc.
      const linkflags = keep(linkFlags([...libLink.linkflags, ...user.linkflags.filter((f) => !f.startsWith('-L')), ...flags.linkflags]));
      const link = [
        '-o',
        elf,
        ...linkflags,
        // An LTO link with debug info writes the debug info: without the map it names the checkout.
        ...linkDebugPrefixMap(projectDir, linkflags),
        ...objects,
        ...libLink.libpath,
        `-L${buildDir}`,
      ];
      link.push(
        ...user.linkflags.filter((f) => f.startsWith('-L')),
        '-Wl,--start-group',
        ...archives,
        ...libLink.libs,
        ...user.libs,
        '-lm',
        '-Wl,--end-group',
      );
      return {
        archives,
        steps: [
          ...steps,
          { command: tc.gxx, args: link },
          { command: tc.objcopy, args: ['-O', 'ihex', '-R', '.eeprom', elf, hex] },
          { command: tc.size, args: ['-A', '-d', elf] },
        ],
      };
    },
    size(stdout) {
      const s = parseAvrSize(stdout[stdout.length - 1]?.toString() ?? '');
      return { flash: s.flash, ram: s.ram, flashMax, ramMax: board.ramMax };
    },
    explainLinkFailure(stderr) {
      const overflow = linkerOverflow(stderr);
      if (overflow) {
        return `firmware too big for ${board.name}: it does not fit in ${overflow.region === 'text' ? 'flash' : 'RAM'} (over by ${overflow.bytes} bytes, says the linker); make the code or its data smaller`;
      }
      const twice = /multiple definition of [`']([^']+)'/.exec(stderr);
      if (twice) return `link failed: ${twice[1]} is defined twice (see the linker's messages above); remove one of the definitions`;
      return undefined;
    },
  };
  return target;
}

/** What `-O`/`-g` flags PlatformIO's ConfigureDebugTarget removes before it adds the debug ones. */
const OPTIMIZATION_FLAGS = new Set(['-Os', '-g', ...[0, 1, 2, 3].flatMap((n) => [`-O${n}`, `-g${n}`, `-ggdb${n}`])]);
const withoutOptimization = (list: string[]) => list.filter((f) => !OPTIMIZATION_FLAGS.has(f));

/**
 * `build_type = debug`, as PlatformIO's ConfigureDebugTarget makes it: `-Os` and the `-O`/`-g` levels
 * out of the env's compile and link flags, `debug_build_flags` (default `-Og -g2 -ggdb2`) in, the
 * `-O`/`-g` of those on the link and the `-g` on the assembler, and `__PLATFORMIO_BUILD_DEBUG__`.
 */
function debugBuild(env: EnvConfig): { defines: string[]; ccflags: string[]; asflags: string[]; linkflags: string[] } | undefined {
  const type = env.raw.build_type?.join(' ').trim().toLowerCase();
  if (type !== 'debug') return undefined;
  const given = env.raw.debug_build_flags;
  const flags = splitBuildFlags(
    given && given.length > 0 ? given.flatMap((l) => l.split(/\s+/)).filter(Boolean) : ['-Og', '-g2', '-ggdb2'],
  );
  const levels = flags.ccflags.filter((f) => f.startsWith('-O') || f.startsWith('-g'));
  return {
    defines: ['-D__PLATFORMIO_BUILD_DEBUG__', ...flags.defines],
    ccflags: flags.ccflags,
    asflags: levels.filter((f) => f.startsWith('-g')),
    linkflags: levels,
  };
}

/** `[platformio] boards_dir` (default `<project>/boards`), where a project's own board files are. */
function boardsDirOf(dirs: ProjectDirs, projectDir: string): string {
  return dirs.boards ?? join(projectDir, 'boards');
}
