// esp32dev's compile and link pipeline. No Xtensa toolchain runs here: the flags come from a libs
// build script written in the generator's format with the golden lists, and the tools are
// recording STAND-INS (test/helpers/esp32Packages.ts). What is checked is what fbuild decides: the
// command lines, their order, the caching of every step, the size check. Whether the real compiler
// accepts them is not verified here (see the README).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { manifestEntry, startMirror, tempDir } from './helpers/fixtures.ts';
import { fbuild, fbuildAsync } from './helpers/buildCli.ts';
import { execFileSync } from 'node:child_process';
import { hostTriple } from '../server/toolchains/installer.ts';
import { facts, makeEsp32Packages, recordedCalls, SDK_INCLUDES, SDK_LIBS } from './helpers/esp32Packages.ts';
import { evaluateBuildScript, shellWord } from '../server/targets/esp32BuildScript.ts';
import { esp32Flags } from '../server/targets/esp32Target.ts';
import { findEsp32Board } from '../server/targets/boards.ts';
import { readProjectConfig } from '../server/project/platformioIni.ts';

const BUILD = '.fbuild/build/esp32dev';

function project(dir: string, extraIni = ''): string {
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'platformio.ini'), `[env:esp32dev]\nplatform = espressif32\nboard = esp32dev\nframework = arduino\n${extraIni}`);
  writeFileSync(
    join(dir, 'src', 'main.cpp'),
    '#include <Arduino.h>\n#include <Preferences.h>\nvoid setup() { prefs(); }\nvoid loop() {}\n',
  );
  return dir;
}

/** What the golden lists say the flags are, once SCons and the shell have had them. */
function goldenFlags(sdk: string, fw: string, projectDir: string) {
  const c = facts.compile;
  const defines = (c.defines as string[]).slice(0, c.defines.indexOf('ARDUINO_ARCH_ESP32')).map((d) => shellWord(`-D${d}`));
  return {
    cxxflags: [...c.cxxflags, '-Werror=return-type'],
    cflags: [...c.cflags, '-Werror=return-type'],
    // fbuild's one addition: debug info without the checkout's path (see esp32Target.ts).
    ccflags: [...(c.ccflags as string[]).map(shellWord), `-fdebug-prefix-map=${projectDir}=.`],
    defines: [
      ...facts.board.extra_flags,
      ...defines,
      '-DARDUINO_ARCH_ESP32',
      '-DESP32=ESP32',
      `-DF_CPU=${facts.board.f_cpu}`,
      '-DARDUINO=10812',
      '-DARDUINO_VARIANT="esp32"',
      `-DARDUINO_BOARD="${facts.board.name}"`,
      '-DARDUINO_PARTITION_default',
    ],
    includes: [
      ...SDK_INCLUDES.map((p) => `-I${join(sdk, 'esp32', 'include', ...p)}`),
      `-I${join(sdk, 'esp32', 'dio_qspi', 'include')}`,
      `-I${join(fw, 'cores', 'esp32')}`,
      `-I${join(fw, 'variants', 'esp32')}`,
    ],
    linkflags: (facts.link.linkflags as string[]).map((f) => (f.startsWith('-Wl,-Map=') ? `-Wl,-Map=${BUILD}/firmware.map` : f)),
    libpath: [`-L${BUILD}`, ...['lib', 'ld', 'dio_qspi'].map((d) => `-L${join(sdk, 'esp32', d)}`)],
  };
}

test('the libs package’s build script gives the golden flags, in PlatformIO’s order', () => {
  const t = tempDir();
  try {
    const { packagesDir, esptool } = makeEsp32Packages(t.dir);
    const sdk = join(packagesDir, 'framework-arduinoespressif32-libs');
    const fw = join(packagesDir, 'framework-arduinoespressif32');
    const packages = {
      toolchainDir: join(packagesDir, 'toolchain-xtensa-esp-elf'),
      frameworkDir: fw,
      sdkDir: sdk,
      esptool,
      python: 'python3',
      description: 'test',
    };
    const dir = project(join(t.dir, 'p'), 'build_flags = -DZIGBEE_MODE_ED -Wall\n');
    const env = readProjectConfig(dir).env('esp32dev');
    const f = esp32Flags({ board: findEsp32Board('esp32dev')!, env, packages, buildDir: BUILD, projectDir: dir });
    const golden = goldenFlags(sdk, fw, dir);
    assert.deepEqual(f.cxxflags, golden.cxxflags);
    assert.deepEqual(f.cflags, golden.cflags);
    // build_flags that are not defines go before the framework's CCFLAGS, as PlatformIO merges them first.
    assert.deepEqual(f.ccflags, ['-Wall', ...golden.ccflags]);
    assert.ok(
      f.ccflags.includes('-DCHIP_ADDRESS_RESOLVE_IMPL_INCLUDE_HEADER=<lib/address_resolve/AddressResolve_DefaultImpl.h>'),
      'the shell’s quotes are gone',
    );
    assert.deepEqual(f.defines, [golden.defines[0], '-DZIGBEE_MODE_ED', ...golden.defines.slice(1)]);
    assert.ok(f.defines.includes('-DIDF_VER="v5.4.1-245-g6f13ac088f-dirty"'));
    assert.deepEqual(f.includes, golden.includes);
    assert.deepEqual(f.linkflags, golden.linkflags);
    assert.deepEqual(f.libpath, golden.libpath);
    // The zigbee block applies because the project defines ZIGBEE_MODE_ED.
    assert.deepEqual(f.libs, ['-lesp_zb_api.ed', '-lzboss_stack.ed', ...SDK_LIBS]);
    const plain = esp32Flags({
      board: findEsp32Board('esp32dev')!,
      env: readProjectConfig(project(join(t.dir, 'q'))).env('esp32dev'),
      packages,
      buildDir: BUILD,
      projectDir: dir,
    });
    assert.deepEqual(plain.libs, SDK_LIBS);
    const custom = readProjectConfig(project(join(t.dir, 'r'), 'board_build.partitions = min_spiffs.csv\n')).env('esp32dev');
    assert.ok(
      esp32Flags({ board: findEsp32Board('esp32dev')!, env: custom, packages, buildDir: BUILD, projectDir: dir }).defines.includes(
        '-DARDUINO_PARTITION_min_spiffs',
      ),
    );
  } finally {
    t.cleanup();
  }
});

test('a build script outside the supported subset is refused with its file and line, not guessed', () => {
  const ctx = { frameworkDir: '/fw', sdkDir: '/sdk', board: { name: 'x' }, cppdefines: [] };
  assert.throws(
    () => evaluateBuildScript('env = DefaultEnvironment()\n\nenv.Replace(CC="x")\n', 'libs.py', ctx),
    /cannot read libs\.py \(line 3\): method 'Replace' is not supported here; this libs package is not supported/,
  );
  assert.throws(() => evaluateBuildScript('x = os.getcwd()\n', 'libs.py', ctx), /line 1\): unknown name 'os'/);
  assert.throws(() => evaluateBuildScript('x = board_config.get("build.variant")\n', 'libs.py', { ...ctx }), /unknown name 'board_config'/);
  assert.throws(
    () => evaluateBuildScript('env = DefaultEnvironment()\nb = env.BoardConfig()\nx = b.get("build.variant")\n', 'libs.py', ctx),
    /line 3\): the board has no 'build.variant'/,
  );
  assert.throws(() => evaluateBuildScript('x = "open\n', 'libs.py', ctx), /unterminated string/);
});

test('esp32dev builds through the cache with the golden command lines, then hits everything from another checkout', () => {
  const t = tempDir();
  try {
    const { packagesDir, logDir } = makeEsp32Packages(t.dir);
    const sdk = join(packagesDir, 'framework-arduinoespressif32-libs');
    const fw = join(packagesDir, 'framework-arduinoespressif32');
    const tc = join(packagesDir, 'toolchain-xtensa-esp-elf', 'bin');
    const cache = join(t.dir, 'cache');
    const env = { FBUILD_ESP32_PACKAGES_DIR: packagesDir, FBUILD_TEST_TOOL_LOG: logDir };
    const a = project(join(t.dir, 'a'));
    const run = fbuild(['build', a, '--cache-dir', cache, '--json'], { env });
    assert.equal(run.code, 0, run.stderr + run.stdout);
    // The link steps write their outputs aside and the build renames them into place (issue 10):
    // apart from that directory, the command lines are PlatformIO's.
    const calls = recordedCalls(logDir).map((c) => c.map((arg) => arg.replace(`${BUILD}/.staging/`, `${BUILD}/`)));
    const golden = goldenFlags(sdk, fw, a);

    // The sketch: g++ with CXXFLAGS, CCFLAGS, defines, then the project's and the framework's includes.
    const main = calls.find((c) => c.at(-1) === 'src/main.cpp');
    assert.deepEqual(main, [
      join(tc, 'xtensa-esp32-elf-g++'),
      '-o',
      `${BUILD}/src/main.cpp.o`,
      '-c',
      ...golden.cxxflags,
      ...golden.ccflags,
      ...golden.defines,
      '-Isrc',
      `-I${join(fw, 'libraries', 'Preferences', 'src')}`,
      ...golden.includes,
      'src/main.cpp',
    ]);
    // The core: C with CFLAGS, and ARDUINO_CORE_BUILD for the core alone; into one archive.
    const hal = calls.find((c) => c.at(-1) === join(fw, 'cores', 'esp32', 'esp32-hal-misc.c'));
    assert.deepEqual(hal, [
      join(tc, 'xtensa-esp32-elf-gcc'),
      '-o',
      `${BUILD}/FrameworkArduino/esp32-hal-misc.c.o`,
      '-c',
      ...golden.cflags,
      ...golden.ccflags,
      ...golden.defines,
      '-DARDUINO_CORE_BUILD',
      ...golden.includes,
      join(fw, 'cores', 'esp32', 'esp32-hal-misc.c'),
    ]);
    assert.ok(!main!.includes('-DARDUINO_CORE_BUILD'));
    // The core's archive (a library has its own, before it on the link line).
    const ar = calls.find((c) => c[0]!.endsWith('gcc-ar') && c[2] === `${BUILD}/libFrameworkArduino.a`)!;
    assert.deepEqual(ar.slice(1, 3), ['rc', `${BUILD}/libFrameworkArduino.a`]);
    assert.deepEqual(
      new Set(ar.slice(3)),
      new Set(['esp32-hal-misc.c.o', 'libb64/cencode.c.o', 'main.cpp.o'].map((o) => `${BUILD}/FrameworkArduino/${o}`)),
    );
    // The link: LINKFLAGS, the objects, the library dirs, the libraries in a group: the project's
    // libraries (each its own archive, lib<hash>/lib<Name>.a as PlatformIO names them), then the core.
    const link = calls.find((c) => c[0]!.endsWith('g++') && c.includes(`${BUILD}/firmware.elf`) && !c.includes('-c'))!;
    const prefs = calls.find((c) => c.at(-1)!.endsWith('Preferences.cpp'))!;
    const prefsDir = /^(\.fbuild\/build\/esp32dev\/lib[0-9a-f]{3})\/Preferences\/Preferences\.cpp\.o$/.exec(prefs[2]!)![1]!;
    assert.deepEqual(link, [
      join(tc, 'xtensa-esp32-elf-g++'),
      '-o',
      `${BUILD}/firmware.elf`,
      ...golden.linkflags,
      `${BUILD}/src/main.cpp.o`,
      ...golden.libpath,
      '-Wl,--start-group',
      `${prefsDir}/libPreferences.a`,
      `${BUILD}/libFrameworkArduino.a`,
      ...SDK_LIBS,
      '-Wl,--end-group',
    ]);
    // The images, as checked against the golden command lines in esp32dev.test.ts.
    const images = calls.filter((c) => c.includes('elf2image')).map((c) => c.slice(c.indexOf('-o')));
    assert.deepEqual(images.sort(), [
      ['-o', `${BUILD}/bootloader.bin`, join(sdk, 'esp32', 'bin', 'bootloader_dio_40m.elf')],
      ['-o', `${BUILD}/firmware.bin`, `${BUILD}/firmware.elf`],
    ]);
    // The partition table went through the framework's gen_esp32part.py (a stand-in too).
    assert.equal(
      readFileSync(join(a, BUILD, 'partitions.bin'), 'utf8'),
      `PARTITIONS\n${readFileSync(join(fw, 'tools', 'partitions', 'default.csv'), 'utf8')}`,
    );
    // Size as pioarduino counts it, against the app partition.
    assert.deepEqual(run.json!.size, {
      flash: 1027 + 60000 + 12000 + 190000 + 50000,
      ram: 12000 + 24000,
      flashMax: facts.board.maximum_size,
      ramMax: facts.board.maximum_ram_size,
    });
    assert.equal(run.json!.artifacts.hex, join(a, BUILD, 'firmware.bin'));
    assert.equal(run.json!.stats.misses, 6, 'main, Preferences, 3 core units and the link');

    // Another checkout: every unit and the link hit; no tool runs; every image is restored.
    rmSync(logDir, { recursive: true });
    mkdirSync(logDir);
    const b = join(t.dir, 'checkout-b');
    cpSync(a, b, { recursive: true });
    rmSync(join(b, '.fbuild'), { recursive: true });
    const again = fbuild(['build', b, '--cache-dir', cache, '--json'], { env });
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.json!.stats.hitRate, 1);
    assert.deepEqual(recordedCalls(logDir), []);
    for (const f of ['firmware.elf', 'firmware.bin', 'bootloader.bin', 'partitions.bin']) {
      assert.deepEqual(readFileSync(join(b, BUILD, f)), readFileSync(join(a, BUILD, f)), f);
    }
    assert.deepEqual(again.json!.size, run.json!.size);

    // A firmware over the app partition fails the build with the numbers.
    const big = fbuild(['build', b, '--force', '--cache-dir', join(t.dir, 'cache-2'), '--json'], {
      env: { ...env, FBUILD_TEST_IRAM_TEXT: '1100000' },
    });
    assert.equal(big.code, 1);
    assert.match(big.stderr, /firmware too big for Espressif ESP32 Dev Module: flash 1353027 of 1310720 bytes \(103%\)/);
  } finally {
    t.cleanup();
  }
});

test('esp32dev without its packages or esptool: one line that says what to install', () => {
  const t = tempDir();
  try {
    const { packagesDir, logDir } = makeEsp32Packages(t.dir);
    const dir = project(join(t.dir, 'p'));
    const cache = join(t.dir, 'cache');
    const noEsptool = fbuild(['build', dir, '--cache-dir', cache], {
      env: { FBUILD_ESP32_PACKAGES_DIR: packagesDir, FBUILD_TEST_TOOL_LOG: logDir, FBUILD_ESPTOOL: join(t.dir, 'nope') },
    });
    assert.equal(noEsptool.code, 2);
    assert.match(
      noEsptool.stderr,
      /^FBUILD_ESPTOOL is '.*nope', which is not an executable; point it at esptool \(pip install esptool==5\.1\.0\) or unset it\n$/,
    );
    // A project's own partition table that does not parse.
    const custom = project(join(t.dir, 'custom'), 'board_build.partitions = parts.csv\n');
    writeFileSync(join(custom, 'parts.csv'), 'nvs, data, nvs, 0x9000, 0x5000\napp0, app, ota_0, 0x10000, lots\n');
    const badTable = fbuild(['build', custom, '--cache-dir', cache], {
      env: { FBUILD_ESP32_PACKAGES_DIR: packagesDir, FBUILD_ESPTOOL: join(packagesDir, 'tool-esptoolpy', 'esptool') },
    });
    assert.equal(badTable.code, 2);
    assert.equal(
      badTable.stderr,
      `partition table ${join(custom, 'parts.csv')}: size of app0 'lots' is not a number; fix it or board_build.partitions\n`,
    );
    rmSync(join(packagesDir, 'framework-arduinoespressif32-libs', 'esp32', 'pioarduino-build.py'));
    const incomplete = fbuild(['build', dir, '--cache-dir', cache], { env: { FBUILD_ESP32_PACKAGES_DIR: packagesDir } });
    assert.equal(incomplete.code, 2);
    assert.match(
      incomplete.stderr,
      /^framework-arduinoespressif32-libs is incomplete in FBUILD_ESP32_PACKAGES_DIR .*pioarduino-build\.py is missing/,
    );
    // Pinned packages that are not installed, and no download: the command that installs them.
    const offline = fbuild(['build', dir, '--cache-dir', cache, '--toolchain', 'system'], {
      env: { FBUILD_TOOLCHAINS_DIR: join(t.dir, 'toolchains') },
    });
    assert.equal(offline.code, 2);
    assert.match(
      offline.stderr,
      /^xtensa-esp-elf esp-14\.2\.0_20241119 is not installed and --toolchain system does not download; run 'fbuild toolchains install esp32dev'/,
    );
    assert.equal(offline.stderr.split('\n').filter(Boolean).length, 1, offline.stderr);
  } finally {
    t.cleanup();
  }
});

test('toolchains install esp32dev: the verified packages from a mirror, then a pinned build that downloads nothing more', async () => {
  const t = tempDir();
  const mirror = await startMirror();
  const { files, requests } = mirror;
  try {
    // Archives with one top directory each, as Espressif and the lib-builder publish them.
    const { packagesDir, logDir, esptool } = makeEsp32Packages(t.dir);
    const archive = (name: string, top: string, from: string) => {
      const stage = join(t.dir, 'stage', name);
      mkdirSync(stage, { recursive: true });
      cpSync(join(packagesDir, from), join(stage, top), { recursive: true });
      const file = join(t.dir, `${name}.tar.gz`);
      execFileSync('tar', ['-czf', file, '-C', stage, top]);
      files[`${name}.tar.gz`] = readFileSync(file);
      return file;
    };
    const manifest = join(t.dir, 'manifest.json');
    writeFileSync(
      manifest,
      JSON.stringify({
        packages: [
          manifestEntry(
            'xtensa-esp-elf',
            'esp-14.2.0_20241119',
            archive('xtensa-esp-elf-test', 'xtensa-esp-elf', 'toolchain-xtensa-esp-elf'),
            hostTriple(),
          ),
          manifestEntry(
            'framework-arduinoespressif32',
            '3.3.1',
            archive('esp32-3.3.1-test', 'esp32-3.3.1', 'framework-arduinoespressif32'),
            'any',
          ),
          manifestEntry(
            'framework-arduinoespressif32-libs',
            'idf-test',
            archive('esp32-arduino-libs-test', 'esp32-arduino-libs', 'framework-arduinoespressif32-libs'),
            'any',
          ),
        ],
        missing: ['tool-esptoolpy'],
      }),
    );
    const env = {
      FBUILD_PACKAGE_MANIFEST: manifest,
      FBUILD_PACKAGE_MIRROR: mirror.url('/mirror'),
      FBUILD_TOOLCHAINS_DIR: join(t.dir, 'toolchains'),
      FBUILD_TEST_TOOL_LOG: logDir,
      FBUILD_ESPTOOL: esptool,
    };
    const install = await fbuildAsync(['toolchains', 'install', 'esp32dev'], { env });
    assert.equal(install.code, 0, install.stderr + install.stdout);
    assert.match(
      install.stdout,
      /^pinned xtensa-esp-elf esp-14\.2\.0_20241119, framework-arduinoespressif32 3\.3\.1, framework-arduinoespressif32-libs idf-test, in /,
    );
    assert.equal(requests.length, 3);
    const path = await fbuildAsync(['toolchains', 'path', 'esp32dev'], { env });
    assert.equal(path.stdout, `${join(t.dir, 'toolchains', 'xtensa-esp-elf-esp-14.2.0_20241119', 'bin')}\n`);

    const dir = project(join(t.dir, 'p'));
    const built = await fbuildAsync(['build', dir, '--toolchain', 'pinned', '--cache-dir', join(t.dir, 'cache'), '--json'], { env });
    assert.equal(built.code, 0, built.stderr);
    assert.equal(built.json!.ok, true);
    assert.equal(requests.length, 3, 'nothing downloaded again');
    const main = recordedCalls(logDir).find((c) => c.at(-1) === 'src/main.cpp')!;
    assert.equal(main[0], join(t.dir, 'toolchains', 'xtensa-esp-elf-esp-14.2.0_20241119', 'bin', 'xtensa-esp32-elf-g++'));
    assert.ok(main.includes(`-I${join(t.dir, 'toolchains', 'framework-arduinoespressif32-3.3.1', 'cores', 'esp32')}`));

    // Without esptool, install says what fbuild cannot install and how to get it.
    const noEsptool = await fbuildAsync(['toolchains', 'install', 'esp32dev'], {
      env: { ...env, FBUILD_ESPTOOL: '', PATH: '/usr/bin:/bin' },
    });
    assert.equal(noEsptool.code, 1);
    assert.match(
      noEsptool.stdout,
      /^esptool: esp32dev needs esptool for the firmware image and none was found; install it \(pip install esptool==5\.1\.0\) or set FBUILD_ESPTOOL to its path$/m,
    );
  } finally {
    mirror.close();
    t.cleanup();
  }
});
