// esp32dev's compile, archive, link and image pipeline with a REAL Xtensa compiler (Debian's lx106
// GCC and binutils, behind recording scripts: test/helpers/esp32Packages.ts). The flags come from a
// libs build script written in the generator's format with the golden lists (adapted to lx106 GCC as
// LX106 says); the link uses test linker scripts at ESP32 addresses; fbuild writes the images. What
// is checked: the command lines and their order, that the compiler and linker accept them, the
// caching of every step (another checkout hits everything, the link included), the images against
// esptool's recorded hashes and an independent reader, the size check. No ESP32 firmware runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { manifestEntry, startMirror, tempDir } from './helpers/fixtures.ts';
import { fbuild, fbuildAsync } from './helpers/buildCli.ts';
import { execFileSync } from 'node:child_process';
import { hostTriple } from '../server/toolchains/installer.ts';
import {
  BOOTLOADER_IMAGE_SHA256,
  DEFAULT_CSV,
  facts,
  LX106,
  makeEsp32Packages,
  pathWithout,
  recordedCalls,
  SDK_INCLUDES,
  SDK_LIBS,
} from './helpers/esp32Packages.ts';
import { bytesAt, readImage } from './helpers/esp32ImageReader.ts';
import { evaluateBuildScript, shellWord } from '../server/targets/esp32BuildScript.ts';
import { esp32Flags } from '../server/targets/esp32Target.ts';
import { findEsp32Board } from '../server/targets/boards.ts';
import { readProjectConfig } from '../server/project/platformioIni.ts';
import { listFiles } from '../server/project/sourceFilter.ts';
import type { BuildEvent } from '../server/protocol/wire.ts';
import { startServer } from '../server/http/startServer.ts';
import { CacheClient } from '../src/client/cacheClient.ts';
import { wrappedFbuildCommand } from './helpers/bundle.ts';

const BUILD = '.fbuild/build/esp32dev';

/** A sketch with flash-mapped data across a 64 KiB page, initialized RAM data and an IRAM function. */
const SKETCH = [
  '#include <Arduino.h>',
  '#include <Preferences.h>',
  'static const unsigned char table[70000] = {1, 2, 3, 4};',
  'int counter = 7;',
  'void __attribute__((section(".iram1.blink"))) blink(int on) { digitalWrite(LED_BUILTIN, on); }',
  'void setup() { counter += prefs(); }',
  'void loop() { blink(table[millis() & 0xffff] + counter); }',
  '',
].join('\n');

function project(dir: string, extraIni = ''): string {
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'platformio.ini'), `[env:esp32dev]\nplatform = espressif32\nboard = esp32dev\nframework = arduino\n${extraIni}`);
  writeFileSync(join(dir, 'src', 'main.cpp'), SKETCH);
  return dir;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const forLx106 = (flags: string[]) => flags.filter((f) => !LX106.dropped.includes(f));

/** Section sizes as binutils' readelf reports them (an independent reading of the ELF). */
function elfSections(elf: string): Map<string, { addr: number; size: number; nobits: boolean }> {
  const out = new Map<string, { addr: number; size: number; nobits: boolean }>();
  for (const line of execFileSync('xtensa-lx106-elf-readelf', ['-S', '-W', elf], { encoding: 'utf8' }).split('\n')) {
    const m = /\]\s+(\S+)\s+(\S+)\s+([0-9a-f]{8})\s+[0-9a-f]+\s+([0-9a-f]+)/.exec(line);
    if (m) out.set(m[1]!, { addr: Number.parseInt(m[3]!, 16), size: Number.parseInt(m[4]!, 16), nobits: m[2] === 'NOBITS' });
  }
  return out;
}

/** What the golden lists say the flags are, once SCons and the shell have had them. */
function goldenFlags(sdk: string, fw: string, projectDir: string) {
  const c = facts.compile;
  const defines = (c.defines as string[]).slice(0, c.defines.indexOf('ARDUINO_ARCH_ESP32')).map((d) => shellWord(`-D${d}`));
  return {
    cxxflags: [...forLx106(c.cxxflags), '-Werror=return-type'],
    cflags: [...forLx106(c.cflags), '-Werror=return-type'],
    // fbuild's one addition: debug info without the checkout's path (see esp32Target.ts).
    ccflags: [...forLx106(c.ccflags).map(shellWord), `-fdebug-prefix-map=${projectDir}=.`],
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
    linkflags: [...forLx106((facts.link.linkflags as string[]).slice(0, -1)), ...LX106.linkAdded, `-Wl,-Map=${BUILD}/firmware.map`],
    libpath: [`-L${BUILD}`, ...['lib', 'ld', 'dio_qspi'].map((d) => `-L${join(sdk, 'esp32', d)}`)],
  };
}

test('the libs package’s build script gives the golden flags, in PlatformIO’s order', () => {
  const t = tempDir();
  try {
    const { packagesDir } = makeEsp32Packages(t.dir);
    const sdk = join(packagesDir, 'framework-arduinoespressif32-libs');
    const fw = join(packagesDir, 'framework-arduinoespressif32');
    const packages = { toolchainDir: join(packagesDir, 'toolchain-xtensa-esp-elf'), frameworkDir: fw, sdkDir: sdk, description: 'test' };
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

test('esp32dev builds real Xtensa objects through the cache with the golden command lines, then hits everything from another checkout', (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const { packagesDir, logDir } = makeEsp32Packages(tmp.dir);
  const sdk = join(packagesDir, 'framework-arduinoespressif32-libs');
  const fw = join(packagesDir, 'framework-arduinoespressif32');
  const tc = join(packagesDir, 'toolchain-xtensa-esp-elf', 'bin');
  const cache = join(tmp.dir, 'cache');
  const env = { FBUILD_ESP32_PACKAGES_DIR: packagesDir, FBUILD_TEST_TOOL_LOG: logDir };
  const a = project(join(tmp.dir, 'a'));
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
  // Real Xtensa objects (ELF e_machine 0x5e), from the real compiler.
  const object = readFileSync(join(a, BUILD, 'src', 'main.cpp.o'));
  assert.equal(object.toString('latin1', 1, 4), 'ELF');
  assert.equal(object.readUInt16LE(18), 0x5e, 'an Xtensa object');
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
  // No esptool and no Python: the tools that ran are the toolchain's.
  assert.deepEqual(
    new Set(calls.map((c) => c[0]!.slice(tc.length + 1))),
    new Set(['xtensa-esp32-elf-g++', 'xtensa-esp32-elf-gcc', 'xtensa-esp32-elf-gcc-ar', 'xtensa-esp32-elf-size']),
  );

  // The ELF is laid out at ESP32 addresses, the app descriptor first in flash, the table across a page.
  const elfPath = join(a, BUILD, 'firmware.elf');
  const sections = elfSections(elfPath);
  assert.equal(sections.get('.flash.appdesc')!.addr, 0x3f400020);
  assert.ok(sections.get('.flash.rodata')!.size > 0x10000, 'the 70000-byte table crosses a 64 KiB page');
  assert.equal(sections.get('.flash.text')!.addr, 0x400d0020);
  assert.equal(sections.get('.iram0.vectors')!.addr, 0x40080000);
  // The images, written by fbuild: the bootloader and the table byte-identical to esptool's and
  // gen_esp32part's recorded output; the app parsed back, every loaded section at its address.
  assert.equal(sha256(readFileSync(join(a, BUILD, 'bootloader.bin'))), BOOTLOADER_IMAGE_SHA256);
  assert.equal(sha256(readFileSync(join(a, BUILD, 'partitions.bin'))), DEFAULT_CSV.sha256);
  const elfBytes = readFileSync(elfPath);
  const app = readImage(readFileSync(join(a, BUILD, 'firmware.bin')));
  assert.deepEqual([app.flashMode, app.flashSize, app.flashFreq], [2, 2, 0], 'dio, 4MB, 40m');
  assert.equal(app.entry, elfBytes.readUInt32LE(24));
  for (const [name, s] of sections) {
    if (!s.addr || s.nobits || !s.size) continue;
    assert.ok(bytesAt(app, s.addr, s.size), `${name} is in the image`);
  }
  for (const s of app.segments.filter((x) => x.addr >= 0x3f400000 && x.addr < 0x3f800000))
    assert.equal(s.fileOffset % 0x10000, s.addr % 0x10000, 'flash data on its MMU page');
  assert.equal(
    readFileSync(join(a, BUILD, 'firmware.bin'))
      .subarray(0xb0, 0xd0)
      .toString('hex'),
    sha256(elfBytes),
    'the ELF SHA-256 at 0xb0',
  );

  // Size as pioarduino counts it (from the real size tool), against the app partition.
  const sz = (n: string) => sections.get(n)?.size ?? 0;
  assert.deepEqual(run.json!.size, {
    flash: sz('.iram0.text') + sz('.iram0.vectors') + sz('.dram0.data') + sz('.flash.text') + sz('.flash.rodata'),
    ram: sz('.dram0.data') + sz('.dram0.bss') + sz('.noinit'),
    flashMax: facts.board.maximum_size,
    ramMax: facts.board.maximum_ram_size,
  });
  assert.equal(run.json!.artifacts.hex, join(a, BUILD, 'firmware.bin'));
  assert.deepEqual(run.json!.artifacts.flash, [
    { offset: '0x1000', file: join(a, BUILD, 'bootloader.bin') },
    { offset: '0x8000', file: join(a, BUILD, 'partitions.bin') },
    { offset: '0xe000', file: join(fw, 'tools', 'partitions', 'boot_app0.bin') },
    { offset: '0x10000', file: join(a, BUILD, 'firmware.bin') },
  ]);
  assert.equal(run.json!.stats.misses, 6, 'main, Preferences, 3 core units and the link');

  // Another checkout: every unit and the link hit; no tool runs; every output is the same.
  rmSync(logDir, { recursive: true });
  mkdirSync(logDir);
  const b = join(tmp.dir, 'checkout-b');
  cpSync(a, b, { recursive: true });
  rmSync(join(b, '.fbuild'), { recursive: true });
  const again = fbuild(['build', b, '--cache-dir', cache, '--json'], { env });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(again.json!.stats.hitRate, 1);
  assert.equal(again.json!.stats.hits, 6, 'five units and the link');
  assert.deepEqual(recordedCalls(logDir), []);
  for (const f of ['firmware.elf', 'firmware.bin', 'bootloader.bin', 'partitions.bin']) {
    assert.deepEqual(readFileSync(join(b, BUILD, f)), readFileSync(join(a, BUILD, f)), f);
  }
  // Built without the bytes: the objects and archives stay in the store until something asks.
  for (const f of ['src/main.cpp.o', 'libFrameworkArduino.a']) assert.equal(existsSync(join(b, BUILD, f)), false, f);
  const materialized = fbuild(['materialize', b, '--cache-dir', cache], { env });
  assert.equal(materialized.code, 0, materialized.stderr);
  assert.deepEqual(recordedCalls(logDir), [], 'materialize runs no tool either');
  for (const f of ['src/main.cpp.o', 'libFrameworkArduino.a', 'firmware.elf', 'firmware.bin', 'bootloader.bin', 'partitions.bin']) {
    assert.deepEqual(readFileSync(join(b, BUILD, f)), readFileSync(join(a, BUILD, f)), f);
  }
  assert.deepEqual(again.json!.size, run.json!.size);
  const printed = fbuild(['build', b, '--cache-dir', cache], { env });
  assert.match(
    printed.stdout,
    /^flash layout: 0x1000 \S+bootloader\.bin, 0x8000 \S+partitions\.bin, 0xe000 \S+boot_app0\.bin, 0x10000 \S+firmware\.bin$/m,
  );

  // A firmware over its app partition (a project's own table, 64 KiB for the app) fails with the numbers.
  const small = project(join(tmp.dir, 'small'), 'board_build.partitions = small.csv\n');
  writeFileSync(join(small, 'small.csv'), 'nvs, data, nvs, 0x9000, 0x5000,\nfactory, app, factory, 0x10000, 64K,\n');
  const big = fbuild(['build', small, '--cache-dir', cache, '--json'], { env });
  assert.equal(big.code, 1);
  const flash = run.json!.size.flash as number;
  assert.match(
    big.stderr,
    new RegExp(
      `firmware too big for Espressif ESP32 Dev Module: flash ${flash} of 65536 bytes \\(${Math.round((flash / 65536) * 100)}%\\)`,
    ),
  );
});

test('parity gate: esp32dev built with the embedded and the wrapped backends gives identical files and outcomes', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const { packagesDir, logDir } = makeEsp32Packages(tmp.dir);
  // The server runs in this process and reads the packages dir from its environment.
  const saved = { dir: process.env.FBUILD_ESP32_PACKAGES_DIR, log: process.env.FBUILD_TEST_TOOL_LOG };
  process.env.FBUILD_ESP32_PACKAGES_DIR = packagesDir;
  process.env.FBUILD_TEST_TOOL_LOG = logDir;
  t.after(() => {
    for (const [key, value] of [
      ['FBUILD_ESP32_PACKAGES_DIR', saved.dir],
      ['FBUILD_TEST_TOOL_LOG', saved.log],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
  const records: Record<string, unknown>[] = [];
  for (const backend of ['embedded', 'wrapped'] as const) {
    const server = await startServer({
      cacheDir: join(tmp.dir, `cache-${backend}`),
      port: 0,
      token: 'parity',
      allowRoots: [tmp.dir],
      fbuildCommand: wrappedFbuildCommand(),
    });
    t.after(() => server.shutdown('graceful'));
    const dir = project(join(tmp.dir, backend, 'p'));
    for (const force of [false, true]) {
      const client = new CacheClient(server.url, server.token);
      const record: { units: Record<string, string>; link?: string; ok?: boolean; files: Record<string, string> } = {
        units: {},
        files: {},
      };
      for await (const e of client.build({
        projectDir: dir,
        backend,
        force,
        keepObjects: true,
        toolchain: 'system',
      }) as AsyncGenerator<BuildEvent>) {
        if (e.type === 'unit') record.units[e.unit.source] = `${e.unit.outcome} ${e.unit.exitCode}`;
        else if (e.type === 'link') record.link = `${e.outcome} ${e.exitCode}`;
        else if (e.type === 'done') record.ok = e.result.ok;
      }
      await client.close();
      for (const f of listFiles(join(dir, BUILD)))
        if (f !== 'fingerprint.json') record.files[f] = sha256(readFileSync(join(dir, BUILD, f)));
      records.push(record);
    }
  }
  const [embeddedCold, embeddedWarm, wrappedCold, wrappedWarm] = records as {
    units: Record<string, string>;
    link: string;
    ok: boolean;
    files: Record<string, string>;
  }[];
  assert.equal(embeddedCold!.ok, true);
  assert.equal(embeddedCold!.units['src/main.cpp'], 'miss 0');
  assert.equal(embeddedWarm!.units['src/main.cpp'], 'hit 0');
  assert.equal(embeddedWarm!.link, 'hit 0');
  assert.ok(embeddedCold!.files['firmware.bin'] && embeddedCold!.files['src/main.cpp.o']);
  assert.deepEqual(wrappedCold, embeddedCold);
  assert.deepEqual(wrappedWarm, embeddedWarm);
});

test('esp32dev with a bad FBUILD_ESPTOOL, a bad partition table or missing packages: one line that says what to do', (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const { packagesDir, logDir } = makeEsp32Packages(tmp.dir);
  const dir = project(join(tmp.dir, 'p'));
  const cache = join(tmp.dir, 'cache');
  const noEsptool = fbuild(['build', dir, '--cache-dir', cache], {
    env: { FBUILD_ESP32_PACKAGES_DIR: packagesDir, FBUILD_TEST_TOOL_LOG: logDir, FBUILD_ESPTOOL: join(tmp.dir, 'nope') },
  });
  assert.equal(noEsptool.code, 2);
  assert.match(
    noEsptool.stderr,
    /^FBUILD_ESPTOOL is '.*nope', which is not an executable; point it at esptool 5\.1\.0, or unset it and fbuild writes the images itself\n$/,
  );
  // A project's own partition table that does not parse: the file, the line, the fix.
  const custom = project(join(tmp.dir, 'custom'), 'board_build.partitions = parts.csv\n');
  writeFileSync(join(custom, 'parts.csv'), 'nvs, data, nvs, 0x9000, 0x5000\napp0, app, ota_0, 0x10000, lots\n');
  const badTable = fbuild(['build', custom, '--cache-dir', cache], {
    env: { FBUILD_ESP32_PACKAGES_DIR: packagesDir, FBUILD_TEST_TOOL_LOG: logDir },
  });
  assert.equal(badTable.code, 2);
  assert.equal(
    badTable.stderr,
    `partition table ${join(custom, 'parts.csv')} line 2: 'lots' is not a number; fix it or board_build.partitions\n`,
  );
  writeFileSync(
    join(custom, 'parts.csv'),
    'nvs, data, nvs, 0x9000, 0x6000\napp0, app, ota_0, 0x10000, 1M\napp1, app, ota_1, 0x100000, 1M\n',
  );
  const overlap = fbuild(['build', custom, '--cache-dir', cache], {
    env: { FBUILD_ESP32_PACKAGES_DIR: packagesDir, FBUILD_TEST_TOOL_LOG: logDir },
  });
  assert.equal(overlap.code, 2);
  assert.match(
    overlap.stderr,
    /^partition table .*parts\.csv line 3: offset 0x100000 overlaps the previous partition, which ends at 0x110000; fix it or board_build\.partitions\n$/,
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
    env: { FBUILD_TOOLCHAINS_DIR: join(tmp.dir, 'toolchains') },
  });
  assert.equal(offline.code, 2);
  assert.match(
    offline.stderr,
    /^xtensa-esp-elf esp-14\.2\.0_20241119 is not installed and --toolchain system does not download; run 'fbuild toolchains install esp32dev'/,
  );
  assert.equal(offline.stderr.split('\n').filter(Boolean).length, 1, offline.stderr);
});

// Needs a real esptool 5.1.0 OUTSIDE this repository (e.g. `pip install esptool==5.1.0`, or
// espressif/esptool at v5.1.0 run with python3 -m esptool): set FBUILD_TEST_ESPTOOL to a command
// that runs it. Without it this one test is skipped and says so; the same bytes are still checked
// on every run against the hashes recorded from esptool (test/esp32-images.test.ts and the
// bootloader above).
const esptool = process.env.FBUILD_TEST_ESPTOOL;
test(
  'FBUILD_ESPTOOL: a user’s esptool writes the same firmware.bin and bootloader.bin as fbuild',
  {
    skip: esptool
      ? false
      : 'FBUILD_TEST_ESPTOOL is not set: no esptool outside the repo to compare with (the recorded hashes are checked instead)',
  },
  (t) => {
    const tmp = tempDir();
    t.after(tmp.cleanup);
    const { packagesDir, logDir } = makeEsp32Packages(tmp.dir);
    const env = { FBUILD_ESP32_PACKAGES_DIR: packagesDir, FBUILD_TEST_TOOL_LOG: logDir };
    const own = project(join(tmp.dir, 'own'));
    const withEsptool = project(join(tmp.dir, 'esptool'));
    assert.equal(fbuild(['build', own, '--cache-dir', join(tmp.dir, 'c1')], { env }).code, 0);
    // The user's esptool, behind a script that records its calls like the toolchain's.
    const recording = join(tmp.dir, 'recording-esptool');
    writeFileSync(
      recording,
      `#!/bin/sh\nrec=$(mktemp "$FBUILD_TEST_TOOL_LOG/call.XXXXXX"); printf '%s\\0' "$0" "$@" > "$rec"\nexec ${esptool} "$@"\n`,
      { mode: 0o755 },
    );
    rmSync(logDir, { recursive: true });
    mkdirSync(logDir);
    const r = fbuild(['build', withEsptool, '--cache-dir', join(tmp.dir, 'c2'), '--json'], { env: { ...env, FBUILD_ESPTOOL: recording } });
    assert.equal(r.code, 0, r.stderr);
    const images = recordedCalls(logDir).filter((c) => c[0] === recording && c.includes('elf2image'));
    assert.deepEqual(images.map((c) => c.at(-1)!.replace(/.*\//, '')).sort(), ['bootloader_dio_40m.elf', 'firmware.elf']);
    // The same objects linked alike give the same ELF, so the images must be the same bytes.
    assert.equal(sha256(readFileSync(join(withEsptool, BUILD, 'firmware.elf'))), sha256(readFileSync(join(own, BUILD, 'firmware.elf'))));
    assert.equal(sha256(readFileSync(join(withEsptool, BUILD, 'firmware.bin'))), sha256(readFileSync(join(own, BUILD, 'firmware.bin'))));
    assert.equal(sha256(readFileSync(join(withEsptool, BUILD, 'bootloader.bin'))), BOOTLOADER_IMAGE_SHA256);
    assert.equal(sha256(readFileSync(join(withEsptool, BUILD, 'partitions.bin'))), DEFAULT_CSV.sha256);
  },
);

test('toolchains install esp32dev: the verified packages from a mirror, then a pinned build that downloads nothing more', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const mirror = await startMirror();
  t.after(() => mirror.close());
  const { files, requests } = mirror;
  // Archives with one top directory each, as Espressif and the lib-builder publish them.
  const { packagesDir, logDir } = makeEsp32Packages(tmp.dir);
  const archive = (name: string, top: string, from: string) => {
    const stage = join(tmp.dir, 'stage', name);
    mkdirSync(stage, { recursive: true });
    cpSync(join(packagesDir, from), join(stage, top), { recursive: true });
    const file = join(tmp.dir, `${name}.tar.gz`);
    execFileSync('tar', ['-czf', file, '-C', stage, top]);
    files[`${name}.tar.gz`] = readFileSync(file);
    return file;
  };
  const manifest = join(tmp.dir, 'manifest.json');
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
    }),
  );
  // No esptool and no Python anywhere on PATH.
  const env = {
    FBUILD_PACKAGE_MANIFEST: manifest,
    FBUILD_PACKAGE_MIRROR: mirror.url('/mirror'),
    FBUILD_TOOLCHAINS_DIR: join(tmp.dir, 'toolchains'),
    FBUILD_TEST_TOOL_LOG: logDir,
    FBUILD_ESPTOOL: '',
    PATH: pathWithout(['esptool', 'esptool.py', 'python', 'python3'], join(tmp.dir, 'no-python')),
  };
  const install = await fbuildAsync(['toolchains', 'install', 'esp32dev'], { env });
  assert.equal(install.code, 0, install.stderr + install.stdout);
  assert.match(
    install.stdout,
    /^pinned xtensa-esp-elf esp-14\.2\.0_20241119, framework-arduinoespressif32 3\.3\.1, framework-arduinoespressif32-libs idf-test, in /,
  );
  assert.match(install.stdout, /^esptool: not needed: fbuild writes the images itself$/m);
  assert.equal(requests.length, 3);
  const path = await fbuildAsync(['toolchains', 'path', 'esp32dev'], { env });
  assert.equal(path.stdout, `${join(tmp.dir, 'toolchains', 'xtensa-esp-elf-esp-14.2.0_20241119', 'bin')}\n`);

  const dir = project(join(tmp.dir, 'p'));
  const built = await fbuildAsync(['build', dir, '--toolchain', 'pinned', '--cache-dir', join(tmp.dir, 'cache'), '--json'], { env });
  assert.equal(built.code, 0, built.stderr);
  assert.equal(built.json!.ok, true);
  assert.equal(requests.length, 3, 'nothing downloaded again');
  const main = recordedCalls(logDir).find((c) => c.at(-1) === 'src/main.cpp')!;
  assert.equal(main[0], join(tmp.dir, 'toolchains', 'xtensa-esp-elf-esp-14.2.0_20241119', 'bin', 'xtensa-esp32-elf-g++'));
  assert.ok(main.includes(`-I${join(tmp.dir, 'toolchains', 'framework-arduinoespressif32-3.3.1', 'cores', 'esp32')}`));
  assert.equal(sha256(readFileSync(join(dir, BUILD, 'partitions.bin'))), DEFAULT_CSV.sha256);
});
