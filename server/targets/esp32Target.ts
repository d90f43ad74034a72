import { platformNotice } from '../project/platformSpec.js';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { UserError } from '../util/errors.js';
import type { Esp32Board } from './boards.js';
import type { Esp32Packages } from '../toolchains/esp32Packages.js';
import { defineFlag, readBuildScript, shellWord, stringList, substitute, type BuildScriptEnv } from './esp32BuildScript.js';
import { esp32ImagePlan, writeEsp32Images } from './esp32Image.js';
import { linkerOverflow, parseEsp32Size } from './firmwareSize.js';
import { compilerVersion, linkDebugPrefixMap, macroPrefixMap, type CompilerVersion } from './prefixMaps.js';
import type { EnvConfig, ProjectDirs } from '../project/platformioIni.js';
import { listFiles, SOURCE_EXTENSIONS } from '../project/sourceFilter.js';
import {
  archiveSteps,
  libraryUnits,
  objectPath,
  projectSources,
  sourceUnits,
  splitBuildFlags,
  type BuildTarget,
  type Unit,
  type UnitExtra,
  libraryLinkFlags,
  type LibraryLinkFlags,
} from './target.js';

/**
 * The flags of an esp32 Arduino build, put together as PlatformIO does it: the libs package's
 * pioarduino-build.py (read from the installed package), then the framework's own additions from
 * arduino-esp32's tools/pioarduino-build.py (`-Werror=return-type` for C and C++, the variant
 * directory on the include path, `ARDUINO_CORE_BUILD` for the core only), then the board and the
 * project (board extra_flags and `build_flags` defines come before the framework's defines, as
 * PlatformIO processes them first).
 */
export interface Esp32Flags {
  cc: string;
  cxx: string;
  ar: string;
  size: string;
  cflags: string[];
  cxxflags: string[];
  ccflags: string[];
  asppflags: string[];
  defines: string[];
  includes: string[];
  linkflags: string[];
  libpath: string[];
  libs: string[];
  script: BuildScriptEnv;
}

export function esp32Flags(opts: {
  board: Esp32Board;
  env: EnvConfig;
  packages: Esp32Packages;
  buildDir: string;
  projectDir: string;
}): Esp32Flags {
  const { board, env, packages } = opts;
  const user = splitBuildFlags(env.buildFlags);
  const partitions = env.raw['board_build.partitions']?.[0];
  const boardConfig: Record<string, string> = {
    name: board.name,
    'build.mcu': board.mcu,
    'build.core': board.core,
    'build.variant': board.variant,
    'build.f_cpu': board.fCpu,
    'build.f_flash': board.fFlash,
    'build.flash_mode': env.raw['board_build.flash_mode']?.[0] ?? board.flashMode,
    ...(partitions ? { 'build.partitions': partitions } : {}),
  };
  const userDefineNames = user.defines.flatMap((d) => d.slice(2).split('=', 2));
  const script = readBuildScript(
    { frameworkDir: packages.frameworkDir, sdkDir: packages.sdkDir, board: boardConfig, cppdefines: userDefineNames },
    board.mcu,
  );
  const file = join(packages.sdkDir, board.mcu, 'pioarduino-build.py');
  const vars: Record<string, string> = {
    BUILD_DIR: opts.buildDir,
    PROGNAME: 'firmware',
    BOARD_F_CPU: board.fCpu,
    PROJECT_DIR: opts.projectDir,
  };
  const flags = (key: string) => stringList(script, key).map((f) => shellWord(substitute(f, vars, file)));
  const bin = (tool: string) => join(packages.toolchainDir, 'bin', `xtensa-${board.mcu}-elf-${tool}`);
  const variantDir = join(packages.frameworkDir, 'variants', board.variant);
  return {
    cc: bin('gcc'),
    cxx: bin('g++'),
    ar: bin('gcc-ar'),
    size: bin('size'),
    cflags: [...user.cflags, ...flags('CFLAGS'), '-Werror=return-type'],
    cxxflags: [...user.cxxflags, ...flags('CXXFLAGS'), '-Werror=return-type'],
    // The framework's flags ask for debug info, which would name the checkout in every object and
    // keep another checkout (another runner's path) from hitting; the map makes objects relocatable.
    ccflags: [...user.ccflags, ...flags('CCFLAGS'), `-fdebug-prefix-map=${opts.projectDir}=.`],
    asppflags: flags('ASPPFLAGS'),
    defines: [
      ...board.extraFlags,
      ...user.defines,
      ...(script.CPPDEFINES ?? []).map((d) => shellWord(substitute(defineFlag(d), vars, file))),
    ],
    includes: [...user.includes, ...flags('CPPPATH').map((p) => `-I${p}`), `-I${variantDir}`],
    linkflags: [...flags('LINKFLAGS'), ...user.linkflags],
    libpath: [opts.buildDir, ...flags('LIBPATH')].map((p) => `-L${p}`),
    libs: [...flags('LIBS').map((l) => (l.startsWith('-') ? l : `-l${l}`)), ...user.libs],
    script,
  };
}

/**
 * An Arduino esp32 board (esp32dev), built as pioarduino's platform-espressif32 builds it: every
 * unit through the cache, the core archived into libFrameworkArduino.a, a g++ link with the libs
 * package's linker scripts and libraries in a group, then the app and bootloader images and the
 * partition table, written by fbuild itself as esptool and gen_esp32part.py write them (or by a
 * user's esptool, `$FBUILD_ESPTOOL`). docs/ESP32.md says what the tests verify and what they do not.
 */
export function esp32Target(opts: {
  projectDir: string;
  buildDir: string;
  dirs: ProjectDirs;
  env: EnvConfig;
  board: Esp32Board;
  packages: Esp32Packages;
}): BuildTarget {
  const { projectDir, buildDir, env, board, packages, dirs } = opts;
  const f = esp32Flags({ board, env, packages, buildDir, projectDir });
  const elf = `${buildDir}/firmware.elf`;
  const bin = `${buildDir}/firmware.bin`;
  const archive = `${buildDir}/libFrameworkArduino.a`;

  const partitionsCsvPath = findPartitionsCsv(projectDir, packages.frameworkDir, board.variant, env.raw['board_build.partitions']?.[0]);
  const image = imagePlan();
  const notices: string[] = [];
  let libLink: LibraryLinkFlags = { linkflags: [], libpath: [], libs: [] };

  function imagePlan() {
    const csvFile = isAbsolute(partitionsCsvPath) ? partitionsCsvPath : join(projectDir, partitionsCsvPath);
    try {
      return esp32ImagePlan({
        ...(packages.esptool ? { esptool: packages.esptool } : {}),
        frameworkDir: packages.frameworkDir,
        sdkDir: packages.sdkDir,
        buildDir,
        flashMode: env.raw['board_build.flash_mode']?.[0] ?? board.flashMode,
        fFlash: env.raw['board_build.f_flash']?.[0] ?? board.fFlash,
        flashSize: env.raw['board_upload.flash_size']?.[0] ?? board.flashSize,
        partitionsCsvPath: csvFile,
        partitionsCsv: readFileSync(csvFile, 'utf8'),
      });
    } catch (e) {
      // A missing or malformed table (often the project's own): one line, not a stack.
      if (e instanceof UserError) throw new UserError(`${e.message}; fix it or board_build.partitions`);
      throw new UserError(
        `partition table ${csvFile}: ${(e as Error).message.replace(/^partition table: /, '')}; fix it or board_build.partitions`,
      );
    }
  }

  // Once per build and compiler, not per unit.
  const versions = new Map<string, CompilerVersion>();
  const version = (compiler: string) => versions.get(compiler) ?? versions.set(compiler, compilerVersion(compiler)).get(compiler)!;
  const unitFor =
    (defines: string[]) =>
    (source: string, object: string, includes: string[], extra: UnitExtra = { flags: [], unflags: [] }): Unit => {
      // SCons: CCCOM is `$CC -o $TARGET -c $CFLAGS $CCFLAGS $_CCCOMCOM $SOURCES`, CXXCOM the same
      // with $CXX and $CXXFLAGS; _CCCOMCOM is the defines, then the include dirs. A library's own
      // flags (and build_src_flags for the project) come after the env's.
      const own = splitBuildFlags(extra.flags);
      const drop = new Set(extra.unflags);
      const k = (list: string[]) => (drop.size ? list.filter((x) => !drop.has(x)) : list);
      const defs = k([...defines, ...own.defines]);
      const incs = [...own.includes, ...includes];
      // __FILE__ of a header found through an absolute path into the project names no checkout when
      // the compiler has -fmacro-prefix-map (prefixMaps.ts); fbuild's one addition besides the debug map.
      if (source.endsWith('.S')) {
        const asm = [...k(f.asppflags), ...defs, ...incs];
        return {
          source,
          object,
          compiler: f.cc,
          args: ['-o', object, '-c', ...asm, ...macroPrefixMap(version(f.cc), projectDir, asm), source],
        };
      }
      const isC = source.endsWith('.c');
      const lang = isC ? [...f.cflags, ...own.cflags] : [...f.cxxflags, ...own.cxxflags];
      const cc = [...k(lang), ...k([...f.ccflags, ...own.ccflags])];
      const compiler = isC ? f.cc : f.cxx;
      return {
        source,
        object,
        compiler,
        args: [
          '-o',
          object,
          '-c',
          ...cc,
          ...macroPrefixMap(version(compiler), projectDir, [...cc, ...defs, ...incs]),
          ...defs,
          ...incs,
          source,
        ],
      };
    };
  const unit = unitFor(f.defines);

  return {
    description: packages.description,
    tools: [f.cc, f.cxx, f.ar, f.size, ...(packages.esptool ? [packages.esptool] : [])],
    // The table's text too: partitions.bin is made from it, and a changed table must not be "up to date".
    fingerprintParts: [board.id, packages.frameworkDir, packages.sdkDir, partitionsCsvPath, image.partitions.csv],
    artifacts: { elf, hex: bin, flash: image.flash },
    // A user's esptool writes the ELF images inside the cached link; fbuild's own writer runs after
    // every link (a hit too: a few milliseconds), so only the link's own outputs are cached.
    extraOutputs: image.commands.length ? [`${buildDir}/bootloader.bin`] : [],
    afterLink: {
      outputs: [...(image.commands.length ? [] : [bin, `${buildDir}/bootloader.bin`]), `${buildDir}/partitions.bin`],
      write: (path) => writeEsp32Images(image, path),
    },
    extraInputs: isAbsolute(partitionsCsvPath) ? [] : [partitionsCsvPath],
    limits: { name: board.name, flashMax: image.appMax, ramMax: board.ramMax },
    notices,
    frameworkLibrariesDir: join(packages.frameworkDir, 'libraries'),
    planUnits(): Unit[] {
      const ps = projectSources({
        projectDir,
        buildDir,
        env,
        dirs,
        frameworkLibrariesDir: join(packages.frameworkDir, 'libraries'),
        platform: 'espressif32',
        framework: 'arduino',
        allowIno: true,
      });
      notices.splice(0, notices.length, ...ps.notices);
      const platformNote = env.platformSpec ? platformNotice(env.platformSpec, '55.03.31-2') : undefined;
      if (platformNote) notices.push(platformNote);
      libLink = libraryLinkFlags(ps.libraries);
      const coreDir = join(packages.frameworkDir, 'cores', board.core);
      const variantDir = join(packages.frameworkDir, 'variants', board.variant);
      const coreUnit = unitFor([...f.defines, '-DARDUINO_CORE_BUILD']);
      const frameworkUnits = (dir: string, group: string) =>
        listFiles(dir)
          .filter((p) => SOURCE_EXTENSIONS.some((e) => p.endsWith(e)))
          .map((p) => coreUnit(join(dir, p), objectPath(buildDir, group, p), f.includes));
      const core = frameworkUnits(coreDir, 'FrameworkArduino').map((u) => ({ ...u, archive }));
      return [
        ...sourceUnits(ps, buildDir, dirs.src, unit, f.includes),
        ...libraryUnits(ps, buildDir, unit, f.includes),
        ...frameworkUnits(variantDir, 'FrameworkArduinoVariant'),
        ...core,
      ];
    },
    linkSteps(units) {
      const { steps, archives, objects } = archiveSteps(units, { ar: f.ar });
      // SCons LINKCOM: `$LINK -o $TARGET $LINKFLAGS $__RPATH $SOURCES $_LIBDIRFLAGS $_LIBFLAGS`, and
      // PlatformIO wraps $_LIBFLAGS in a --start-group/--end-group for gcc. Libraries come before the core.
      const libs = [...archives.filter((a) => a !== archive), ...archives.filter((a) => a === archive)];
      return {
        // The core's archive too: an intermediate, which a warm build leaves in the store (buildRecord.ts).
        archives: libs,
        steps: [
          ...steps,
          {
            command: f.cxx,
            args: [
              '-o',
              elf,
              ...libLink.linkflags,
              ...f.linkflags,
              // Only for an LTO link with debug info (the framework's link has -fno-lto): see prefixMaps.ts.
              ...linkDebugPrefixMap(projectDir, [...libLink.linkflags, ...f.linkflags]),
              ...objects,
              ...libLink.libpath,
              ...f.libpath,
              '-Wl,--start-group',
              ...libs,
              ...libLink.libs,
              ...f.libs,
              '-Wl,--end-group',
            ],
          },
          ...image.commands.map(([command, ...args]) => ({ command: command!, args })),
          { command: f.size, args: ['-A', '-d', elf] },
        ],
      };
    },
    size(stdout) {
      const s = parseEsp32Size(stdout[stdout.length - 1]?.toString() ?? '');
      return { flash: s.flash, ram: s.ram, flashMax: image.appMax, ramMax: board.ramMax };
    },
    explainLinkFailure(stderr) {
      const overflow = linkerOverflow(stderr);
      if (!overflow) return undefined;
      return `firmware too big for ${board.name}: region ${overflow.region} overflowed by ${overflow.bytes} bytes, says the linker; make the code or its data smaller`;
    },
  };
}

/**
 * The partition table, as arduino-esp32's tools/pioarduino-build.py finds it: a named table in the
 * variant's directory, else in the framework's tools/partitions, else the name as a path (relative
 * to the project); with no name, the variant's partitions.csv, else tools/partitions/default.csv.
 */
export function findPartitionsCsv(projectDir: string, frameworkDir: string, variant: string, name: string | undefined): string {
  const variantDir = join(frameworkDir, 'variants', variant);
  const frameworkPartitions = join(frameworkDir, 'tools', 'partitions');
  if (name) {
    for (const candidate of [join(variantDir, name), join(frameworkPartitions, name)]) if (existsSync(candidate)) return candidate;
    if (existsSync(isAbsolute(name) ? name : join(projectDir, name))) return name;
    throw new UserError(
      `partition table '${name}' not found in ${variantDir}, ${frameworkPartitions} or the project; fix board_build.partitions`,
    );
  }
  const variantCsv = join(variantDir, 'partitions.csv');
  return existsSync(variantCsv) ? variantCsv : join(frameworkPartitions, 'default.csv');
}
