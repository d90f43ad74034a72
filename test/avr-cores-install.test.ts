import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CacheService } from '../server/cache/cacheService.ts';
import { embeddedBackend } from '../server/engine/buildSession.ts';
import { build } from '../server/engine/orchestrator.ts';
import { readProjectConfig } from '../server/project/platformioIni.ts';
import { avrTarget, prepareAvrTarget } from '../server/targets/avrTarget.ts';
import { AVR_CORE_PACKAGES } from '../server/toolchains/avrCores.ts';
import { systemAvrToolchain } from '../server/toolchains/avrToolchain.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';
import { startRegistry } from './helpers/registryEmulator.ts';

/**
 * The other cores of platform-atmelavr 5.2.0, each from its framework package, installed from a
 * PlatformIO registry on loopback that serves stand-in packages written here (the real ones cannot
 * be downloaded on this machine): the package is installed once (size and SHA-256 checked), used
 * offline after, and each core's compile and link command lines are the golden ones below, read
 * from platform-atmelavr 5.2.0's builder/frameworks/arduino.py. The stand-ins compile and link
 * with Debian's avr-gcc.
 */

interface Case {
  board: string;
  core: string;
  pkg: string;
  variant?: string;
  /** The sketch's compile flags as arduino.py makes them (between `-c` and the includes). */
  golden: string[];
  flashMax: number;
}

const common = (mcu: string) => [`-mmcu=${mcu}`, '-Os', '-Wall', '-ffunction-sections', '-fdata-sections', '-flto'];
const cxx = (std: string) => ['-fno-exceptions', '-fno-threadsafe-statics', '-fpermissive', std];
const defines = (extra: string[], fCpu: string, more: string[] = []) => [
  '-DPLATFORMIO=60118',
  ...extra,
  `-DF_CPU=${fCpu}`,
  '-DARDUINO_ARCH_AVR',
  '-DARDUINO=10808',
  ...more,
  // Debian's gcc 5 needs it for the core's WString.cpp (the toolchain's own flag, not the builder's).
  '-DDECIMAL_DIG=__DECIMAL_DIG__',
];

const CASES: Case[] = [
  {
    board: 'ATmega328P',
    core: 'MiniCore',
    pkg: 'framework-arduino-avr-minicore',
    variant: 'standard',
    golden: [...cxx('-std=gnu++17'), ...common('atmega328p'), ...defines(['-DARDUINO_AVR_ATmega328P'], '16000000L')],
    flashMax: 32768 - 384,
  },
  {
    board: 'ATmega2560',
    core: 'MegaCore',
    pkg: 'framework-arduino-avr-megacore',
    variant: '100-pin-arduino-mega',
    golden: [...cxx('-std=gnu++17'), ...common('atmega2560'), ...defines(['-DARDUINO_AVR_ATmega2560'], '16000000L')],
    flashMax: 262144 - 512,
  },
  {
    board: 'ATmega1284P',
    core: 'MightyCore',
    pkg: 'framework-arduino-avr-mightycore',
    variant: 'standard',
    golden: [...cxx('-std=gnu++17'), ...common('atmega1284p'), ...defines(['-DARDUINO_AVR_ATmega1284'], '16000000L')],
    flashMax: 131072 - 512,
  },
  {
    board: 'ATmega162',
    core: 'MajorCore',
    pkg: 'framework-arduino-avr-majorcore',
    variant: 'standard',
    golden: [...cxx('-std=gnu++17'), ...common('atmega162'), ...defines(['-DARDUINO_AVR_ATmega162'], '16000000L')],
    flashMax: 16384 - 384,
  },
  {
    board: 'attiny13',
    core: 'MicroCore',
    pkg: 'framework-arduino-avr-microcore',
    variant: 'attiny13a',
    // MicroCore is not among the gnu++17 cores; its bootloader size is 0 for stk500v1.
    golden: [...cxx('-std=gnu++11'), ...common('attiny13'), ...defines(['-DARDUINO_AVR_ATTINY13'], '9600000L')],
    flashMax: 1024,
  },
  {
    board: 'attiny85',
    core: 'tiny',
    pkg: 'framework-arduino-avr-attiny',
    variant: 'tinyX5',
    golden: [
      ...cxx('-std=gnu++11'),
      ...common('attiny85'),
      ...defines(['-DARDUINO_AVR_ATTINYX5'], '8000000L', ['-DCLOCK_SOURCE=0', '-DNEOPIXELPORT=PORTB']),
    ],
    flashMax: 8192,
  },
  {
    board: 'attiny841',
    core: 'tinymodern',
    pkg: 'framework-arduino-avr-attiny',
    golden: [
      ...cxx('-std=gnu++11'),
      ...common('attiny841'),
      ...defines(['-DARDUINO_AVR_ATTINYX41', '-DLOWERCAL', '-DWIRE_MASTER_ONLY', '-DNEW_PINOUT'], '8000000L', [
        '-DCLOCK_SOURCE=0',
        '-DNEOPIXELPORT=PORTA',
      ]),
    ],
    flashMax: 8192,
  },
];

/** A package laid out as PlatformIO's framework packages are: cores/<core>, variants/<variant>, libraries/. */
function standIn(pkg: string, cores: { core: string; variant?: string }[]): Record<string, string> {
  const files: Record<string, string> = { 'package.json': JSON.stringify({ name: pkg, version: AVR_CORE_PACKAGES[pkg]!.version }) };
  for (const { core, variant } of cores) {
    files[`cores/${core}/Arduino.h`] =
      `#pragma once\n#include <avr/io.h>\n#define STAND_IN_CORE "${core}"\nvoid setup(void);\nvoid loop(void);\n#ifdef __cplusplus\nextern "C" {\n#endif\nint standInTicks(void);\n#ifdef __cplusplus\n}\n#endif\n`;
    files[`cores/${core}/main.cpp`] = '#include "Arduino.h"\nint main(void) { setup(); for (;;) loop(); }\n';
    files[`cores/${core}/ticks.c`] = '#include "Arduino.h"\nint standInTicks(void) { return F_CPU / 1000000L; }\n';
    if (variant) files[`variants/${variant}/pins_arduino.h`] = `#pragma once\n#define STAND_IN_VARIANT "${variant}"\n`;
  }
  files['libraries/.keep'] = '';
  return files;
}

const SKETCH = '#include <Arduino.h>\nvolatile int ticks;\nvoid setup(void) { ticks = standInTicks(); }\nvoid loop(void) { PORTB ^= 1; }\n';

test('each core of platform-atmelavr 5.2.0 installs from the registry, builds with the golden flags, and works offline after', async (t) => {
  const registry = await startRegistry();
  t.after(() => registry.close());
  const work = tempDir();
  t.after(work.cleanup);
  const byPackage = new Map<string, { core: string; variant?: string }[]>();
  for (const c of CASES)
    byPackage.set(c.pkg, [...(byPackage.get(c.pkg) ?? []), { core: c.core, ...(c.variant ? { variant: c.variant } : {}) }]);
  for (const [pkg, cores] of byPackage) registry.publish('platformio', pkg, AVR_CORE_PACKAGES[pkg]!.version, standIn(pkg, cores));
  // The stand-ins are not the published archives: their checksums replace the two pinned ones.
  const pins = join(work.dir, 'core-packages.json');
  writeFileSync(
    pins,
    JSON.stringify(Object.fromEntries([...byPackage.keys()].map((pkg) => [pkg, { ...AVR_CORE_PACKAGES[pkg], sha256: null }]))),
  );
  const toolchainsDir = join(work.dir, 'toolchains');
  const env = {
    ...process.env,
    FBUILD_TOOLCHAIN: 'system',
    FBUILD_REGISTRY_URL: registry.apiUrl,
    FBUILD_CORE_PACKAGES: pins,
    FBUILD_TOOLCHAINS_DIR: toolchainsDir,
  };
  const projectDir = join(work.dir, 'p');
  writeFiles(projectDir, {
    'platformio.ini': CASES.map((c) => `[env:${c.board}]\nplatform = atmelavr\nboard = ${c.board}\nframework = arduino\n`).join('\n'),
    'src/main.cpp': SKETCH,
  });
  const config = readProjectConfig(projectDir, {});
  const tc = systemAvrToolchain();
  const svc = await CacheService.start({ cacheDir: join(work.dir, 'cache') });
  t.after(() => svc.shutdown());

  for (const c of CASES) {
    const opts = {
      projectDir,
      buildDir: `.fbuild/build/${c.board}`,
      dirs: config.dirs,
      env: config.env(c.board),
      toolchain: tc,
      processEnv: env,
    };
    const target = await prepareAvrTarget(opts);
    const pkgDir = join(toolchainsDir, `${c.pkg}-${AVR_CORE_PACKAGES[c.pkg]!.version}`);
    assert.ok(existsSync(join(pkgDir, 'cores', c.core, 'main.cpp')), `${c.board}: ${c.pkg} installed`);
    const units = target.planUnits();
    const sketch = units.find((u) => u.source === 'src/main.cpp')!;
    const object = `.fbuild/build/${c.board}/src/main.cpp.o`;
    // The project's src (PlatformIO's CPPPATH has it), then the core and the variant.
    const includes = ['-Isrc', `-I${join(pkgDir, 'cores', c.core)}`, ...(c.variant ? [`-I${join(pkgDir, 'variants', c.variant)}`] : [])];
    assert.deepEqual(
      sketch.args,
      [
        '-o',
        object,
        '-c',
        ...c.golden.slice(0, 10),
        '-MD',
        '-frandom-seed=src/main.cpp.o',
        ...c.golden.slice(10),
        ...includes,
        'src/main.cpp',
      ],
      `${c.board} (${c.core}): the sketch's compile command`,
    );
    // The core and the variant are archived as arduino.py's BuildLibrary calls name them, even empty.
    const linked = target.linkSteps(units);
    assert.deepEqual(
      linked.archives,
      [...(c.variant ? [`.fbuild/build/${c.board}/libFrameworkArduinoVariant.a`] : []), `.fbuild/build/${c.board}/libFrameworkArduino.a`],
      c.board,
    );
    const link = linked.steps.find((s) => s.args.includes('-fuse-linker-plugin'))!;
    const mcu = c.golden.find((f) => f.startsWith('-mmcu='))!;
    assert.deepEqual(link.args.slice(0, 7), [
      '-o',
      `.fbuild/build/${c.board}/firmware.elf`,
      mcu,
      '-Os',
      '-Wl,--gc-sections',
      '-flto',
      '-fuse-linker-plugin',
    ]);
    assert.equal(target.limits.flashMax, c.flashMax, `${c.board}: flash for the sketch`);

    const r = await build({ projectDir, environment: c.board, backend: embeddedBackend(svc), env });
    assert.equal(r.ok, true, c.board);
    assert.equal(r.size.flashMax, c.flashMax, c.board);
  }
  const downloads = registry.requests.filter((r) => r.startsWith('GET /files/'));
  assert.equal(downloads.length, byPackage.size, 'one download per package, the attiny one shared by tiny and tinymodern');

  // Offline, with nothing reachable: the installed packages are used as they are.
  const before = registry.requests.length;
  for (const c of CASES) {
    const offline = await prepareAvrTarget({
      projectDir,
      buildDir: `.fbuild/build/${c.board}`,
      dirs: config.dirs,
      env: config.env(c.board),
      toolchain: tc,
      processEnv: { ...env, FBUILD_OFFLINE: '1', FBUILD_REGISTRY_URL: 'http://127.0.0.1:9' },
    });
    assert.ok(offline.description.includes(c.pkg), offline.description);
  }
  assert.equal(registry.requests.length, before);
});

test('a package whose archive is not the pinned one is refused, and offline a missing package is one line naming it', async (t) => {
  const registry = await startRegistry();
  t.after(() => registry.close());
  const work = tempDir();
  t.after(work.cleanup);
  // The real MiniCore 3.1.2's checksum is pinned; a stand-in under that name is not it.
  registry.publish(
    'platformio',
    'framework-arduino-avr-minicore',
    '3.1.2',
    standIn('framework-arduino-avr-minicore', [{ core: 'MiniCore', variant: 'standard' }]),
  );
  const projectDir = join(work.dir, 'p');
  writeFiles(projectDir, {
    'platformio.ini': '[env:x]\nplatform = atmelavr\nboard = ATmega328P\nframework = arduino\n',
    'src/main.cpp': SKETCH,
  });
  const config = readProjectConfig(projectDir, {});
  const toolchainsDir = join(work.dir, 'toolchains');
  const opts = (processEnv: NodeJS.ProcessEnv) => ({
    projectDir,
    buildDir: '.fbuild/build/x',
    dirs: config.dirs,
    env: config.env('x'),
    toolchain: systemAvrToolchain(),
    processEnv: { ...process.env, FBUILD_TOOLCHAINS_DIR: toolchainsDir, ...processEnv },
  });
  await assert.rejects(prepareAvrTarget(opts({ FBUILD_REGISTRY_URL: registry.apiUrl })), (e: Error) => {
    assert.match(
      e.message,
      /^env 'x': board 'ATmega328P' \(core MiniCore, variant standard\) needs framework-arduino-avr-minicore 3\.1\.2, which could not be installed: the registry's checksum [0-9a-f]{64} is not the pinned 3cc43553/,
    );
    assert.doesNotMatch(e.message, /\n/);
    return true;
  });
  assert.equal(existsSync(join(toolchainsDir, 'framework-arduino-avr-minicore-3.1.2')), false, 'nothing installed');
  assert.equal(
    registry.requests.some((r) => r.startsWith('GET /files/')),
    false,
    'the archive was never downloaded',
  );
  await assert.rejects(prepareAvrTarget(opts({ FBUILD_OFFLINE: '1' })), (e: Error) => {
    assert.equal(
      e.message,
      "env 'x': board 'ATmega328P' (core MiniCore, variant standard) needs framework-arduino-avr-minicore 3.1.2 from the PlatformIO registry; it is not installed and the build is offline: build once without --offline / FBUILD_OFFLINE",
    );
    return true;
  });
  // The sync target (no install) says the same package is needed.
  assert.throws(() => avrTarget(opts({})), /needs its framework package installed first/);
});
