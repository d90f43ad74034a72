import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readProjectConfig } from '../server/project/platformioIni.ts';
import { avrTarget } from '../server/targets/avrTarget.ts';
import { systemAvrToolchain } from '../server/toolchains/avrToolchain.ts';
import { fbuild } from './helpers/buildCli.ts';
import { simulateHex } from './helpers/simulate.ts';
import { ARDUINO_AVR, tempDir, writeFiles } from './helpers/fixtures.ts';
import { copyUnoCoreStore } from './helpers/sharedBuilds.ts';

const INI = '[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\n';

/** Builds with the uno core from the shared warm store (sharedBuilds.ts): the links are the point, and they still run. */
function buildAndRun(files: Record<string, string | Uint8Array>) {
  const t = tempDir();
  try {
    const dir = join(t.dir, 'p');
    writeFiles(dir, { 'platformio.ini': INI, ...files });
    const r = fbuild(['build', dir, '--cache-dir', copyUnoCoreStore(join(t.dir, 'cache')), '--json']);
    assert.equal(r.code, 0, r.stderr);
    return simulateHex(readFileSync(r.json!.artifacts.hex, 'utf8'));
  } finally {
    t.cleanup();
  }
}

test('a program with its own main() links (the core is an archive) and runs', () => {
  const sim = buildAndRun({
    'src/main.c': [
      '#include <avr/io.h>',
      '#include <util/delay.h>',
      'int main(void) {',
      '  DDRB |= _BV(DDB5);',
      '  for (;;) { PORTB ^= _BV(PORTB5); _delay_ms(100); }',
      '}',
      '',
    ].join('\n'),
  });
  assert.ok(sim.ledToggles >= 10, `the LED toggled ${sim.ledToggles} times`);
});

test("a sketch with its own INT0 ISR (the core's WInterrupts.c has one) links and runs", () => {
  const sim = buildAndRun({
    'src/main.cpp': [
      '#include <Arduino.h>',
      'volatile unsigned edges = 0;',
      'ISR(INT0_vect) { edges++; }',
      'void setup() { Serial.begin(115200); EICRA = _BV(ISC01); EIMSK = _BV(INT0); Serial.println("int0 armed"); }',
      'void loop() { static int n = 0; if (n < 2) { Serial.print("edges "); Serial.println(edges); n++; } delay(50); }',
      '',
    ].join('\n'),
  });
  assert.match(sim.serial, /^int0 armed\r\nedges 0\r\nedges 0\r\n/);
});

test("a sketch with its own TIMER2_COMPA ISR (the core's Tone.cpp has one) links and runs", () => {
  const sim = buildAndRun({
    'src/blink.ino': [
      'volatile unsigned long ticks = 0;',
      'ISR(TIMER2_COMPA_vect) { ticks++; }',
      'void setup() { Serial.begin(115200); TCCR2A = _BV(WGM21); OCR2A = 249; TIMSK2 = _BV(OCIE2A); TCCR2B = _BV(CS22); Serial.println("timer2 set"); }',
      'void loop() { delay(100); Serial.println("tick"); }',
      '',
    ].join('\n'),
  });
  assert.match(sim.serial, /^timer2 set\r\ntick\r\n/);
});

/**
 * PlatformIO's uno command lines, from platform-atmelavr 5.2.0 (builder/main.py, frameworks/arduino.py)
 * and PlatformIO Core 6.1.18 (SCons CXXCOM/ARCOM/LINKCOM, piobuild.py's --start-group): what
 * `pio run -v` runs, with fbuild's build dir in place of .pio/build.
 */
function pioLines(tc: { gxx: string; gcc: string; ar: string; ranlib: string; objcopy: string }, libHash: string) {
  const B = '.fbuild/build/uno';
  const core = join(ARDUINO_AVR, 'cores', 'arduino');
  const variant = join(ARDUINO_AVR, 'variants', 'standard');
  const defines = [
    '-DPLATFORMIO=60118',
    '-DARDUINO_AVR_UNO',
    '-DGREETING_TIMES=2',
    '-DF_CPU=16000000L',
    '-DARDUINO_ARCH_AVR',
    '-DARDUINO=10808',
  ];
  const cxx = ['-fno-exceptions', '-fno-threadsafe-statics', '-fpermissive', '-std=gnu++11'];
  const cc = ['-mmcu=atmega328p', '-Os', '-Wall', '-ffunction-sections', '-fdata-sections', '-flto'];
  return {
    main: [
      tc.gxx,
      '-o',
      `${B}/src/main.cpp.o`,
      '-c',
      ...cxx,
      ...cc,
      ...defines,
      '-Iinclude',
      '-Isrc',
      '-Ilib/Greeter/include',
      '-Ilib/Greeter/src',
      `-I${core}`,
      `-I${variant}`,
      'src/main.cpp',
    ],
    wiring: [
      tc.gcc,
      '-o',
      `${B}/FrameworkArduino/wiring.c.o`,
      '-c',
      '-std=gnu11',
      '-fno-fat-lto-objects',
      ...cc,
      ...defines,
      `-I${core}`,
      `-I${variant}`,
      join(core, 'wiring.c'),
    ],
    archiveCore: [tc.ar, 'rc', `${B}/libFrameworkArduino.a`],
    indexCore: [tc.ranlib, `${B}/libFrameworkArduino.a`],
    archiveLib: [tc.ar, 'rc', `${B}/lib${libHash}/libGreeter.a`, `${B}/lib${libHash}/Greeter/Greeter.cpp.o`],
    link: [
      tc.gxx,
      '-o',
      `${B}/firmware.elf`,
      '-mmcu=atmega328p',
      '-Os',
      '-Wl,--gc-sections',
      '-flto',
      '-fuse-linker-plugin',
      `${B}/src/main.cpp.o`,
      `-L${B}`,
      '-Wl,--start-group',
      `${B}/lib${libHash}/libGreeter.a`,
      `${B}/libFrameworkArduinoVariant.a`,
      `${B}/libFrameworkArduino.a`,
      '-lm',
      '-Wl,--end-group',
    ],
    objcopy: [tc.objcopy, '-O', 'ihex', '-R', '.eeprom', `${B}/firmware.elf`, `${B}/firmware.hex`],
  };
}

/**
 * fbuild's additions, listed in docs/PLATFORMIO.md: the depfile (`-MD`), the LTO seed, the checkout
 * mapped out of debug info, the gcc < 7 DECIMAL_DIG fix, and deterministic archives (`rcD`,
 * `ranlib -D` where PlatformIO has `rc`, `ranlib`).
 */
const withoutOurs = (args: string[]) =>
  args.filter(
    (a) => a !== '-MD' && !a.startsWith('-frandom-seed=') && !a.startsWith('-fdebug-prefix-map=') && !a.startsWith('-DDECIMAL_DIG='),
  );

test("the uno compile, archive, link and objcopy lines are PlatformIO's (with fbuild's listed additions)", () => {
  const t = tempDir();
  try {
    const dir = join(t.dir, 'p');
    writeFiles(dir, {
      'platformio.ini': INI + 'build_flags = -DGREETING_TIMES=2\n',
      'include/config.h': '#pragma once\n#define NAME "uno"\n',
      'src/main.cpp': '#include <Arduino.h>\n#include "config.h"\n#include <Greeter.h>\nvoid setup() { greet(NAME); }\nvoid loop() {}\n',
      'lib/Greeter/include/Greeter.h': '#pragma once\nvoid greet(const char *name);\n',
      'lib/Greeter/src/Greeter.cpp': '#include <Arduino.h>\n#include "Greeter.h"\nvoid greet(const char *name) { Serial.println(name); }\n',
    });
    const config = readProjectConfig(dir, {});
    const tc = systemAvrToolchain();
    const target = avrTarget({
      projectDir: dir,
      buildDir: '.fbuild/build/uno',
      dirs: config.dirs,
      env: config.env('uno'),
      toolchain: tc,
      processEnv: process.env,
    });
    const units = target.planUnits();
    const { steps } = target.linkSteps(units);
    const libDir = units.find((u) => u.source === 'lib/Greeter/src/Greeter.cpp')!.object.split('/')[3]!;
    const pio = pioLines(tc, libDir.slice(3));
    const line = (u: { compiler: string; args: string[] }) => [u.compiler, ...u.args];
    const main = units.find((u) => u.source === 'src/main.cpp')!;
    assert.deepEqual(withoutOurs(line(main)), pio.main);
    assert.deepEqual(
      line(main).filter((a) => !withoutOurs([a]).length),
      ['-MD', '-frandom-seed=src/main.cpp.o', ...tc.extraFlags],
    );
    assert.deepEqual(withoutOurs(line(units.find((u) => u.source.endsWith('/wiring.c'))!)), pio.wiring);
    const commands = steps.map((s) => [s.command, ...s.args.filter((a) => a !== '-D').map((a) => (a === 'rcD' ? 'rc' : a))]);
    assert.ok(
      steps.every((s) => s.command !== tc.ar || s.args[0] === 'rcD'),
      'archives are deterministic',
    );
    const archiveCore = commands.find((c) => c[2] === pio.archiveCore[2])!;
    assert.deepEqual(archiveCore.slice(0, 3), pio.archiveCore);
    assert.ok(archiveCore.includes('.fbuild/build/uno/FrameworkArduino/main.cpp.o'), 'the core main is in the archive');
    assert.ok(commands.some((c) => c.join(' ') === pio.indexCore.join(' ')));
    assert.ok(commands.some((c) => c.join(' ') === pio.archiveLib.join(' ')));
    assert.ok(
      commands.some((c) => c.join(' ') === [tc.ar, 'rc', '.fbuild/build/uno/libFrameworkArduinoVariant.a'].join(' ')),
      'the variant is archived even empty',
    );
    assert.deepEqual(commands.at(-3), pio.link);
    assert.deepEqual(commands.at(-2), pio.objcopy);
    assert.equal(libDir.length, 'lib'.length + 3);
  } finally {
    t.cleanup();
  }
});

test("a library's own -L/-l/-Wl flags reach the link: its precompiled archive links and runs", () => {
  const t = tempDir();
  try {
    // A vendor library as they ship (e.g. a sensor fusion blob): a header, a stub source and a
    // precompiled archive for the mcu, named by library.json's flags relative to the library.
    const lib = join(t.dir, 'blob');
    writeFiles(lib, { 'algo.c': 'int algo_value(int x) { return x * 7 + 1; }\n' });
    for (const [cmd, args] of [
      ['avr-gcc', ['-mmcu=atmega328p', '-Os', '-c', 'algo.c', '-o', 'algo.o']],
      ['avr-ar', ['rcs', 'libalgo.a', 'algo.o']],
    ] as const) {
      const r = spawnSync(cmd, args, { cwd: lib, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    }
    const sim = buildAndRun({
      'lib/Algo/library.json': JSON.stringify({
        name: 'Algo',
        version: '1.0.0',
        build: { flags: '-Lsrc/atmega328p -lalgo -Wl,--defsym=algo_marker=5' },
      }),
      'lib/Algo/src/Algo.h': '#pragma once\nextern "C" int algo_value(int x);\n',
      'lib/Algo/src/Algo.cpp': '#include "Algo.h"\n',
      'lib/Algo/src/atmega328p/libalgo.a': readFileSync(join(lib, 'libalgo.a')),
      'src/main.cpp': [
        '#include <Arduino.h>',
        '#include <Algo.h>',
        'extern "C" char algo_marker[];',
        'void setup() {',
        '  Serial.begin(115200);',
        '  Serial.print("algo "); Serial.print(algo_value(6)); Serial.print(" "); Serial.println((int)(uintptr_t)algo_marker);',
        '}',
        'void loop() {}',
        '',
      ].join('\n'),
    });
    assert.match(sim.serial, /^algo 43 5\r\n/);
  } finally {
    t.cleanup();
  }
});

test("build_type = debug: PlatformIO's debug flags replace -Os in the compile and the link, and the firmware carries debug info", () => {
  const t = tempDir();
  try {
    const dir = join(t.dir, 'p');
    const plan = (extra: string) => {
      writeFiles(dir, {
        'platformio.ini': INI + extra,
        'src/main.cpp': '#include <Arduino.h>\nvoid setup() { pinMode(13, OUTPUT); }\nvoid loop() {}\n',
      });
      const config = readProjectConfig(dir, {});
      const target = avrTarget({
        projectDir: dir,
        buildDir: '.fbuild/build/uno',
        dirs: config.dirs,
        env: config.env('uno'),
        toolchain: systemAvrToolchain(),
        processEnv: process.env,
      });
      const units = target.planUnits();
      const main = units.find((u) => u.source === 'src/main.cpp')!.args;
      const link = target.linkSteps(units).steps.find((s) => s.args.includes('-fuse-linker-plugin'))!.args;
      return { main, link };
    };
    const release = plan('build_flags = -O2\n');
    assert.ok(release.main.includes('-Os') && release.main.includes('-O2') && !release.main.includes('-Og'));

    const debug = plan('build_type = debug\nbuild_flags = -O2 -DKEEP\n');
    for (const f of ['-Og', '-g2', '-ggdb2', '-D__PLATFORMIO_BUILD_DEBUG__', '-DKEEP'])
      assert.ok(debug.main.includes(f), `${f} in ${debug.main}`);
    assert.ok(!debug.main.includes('-Os') && !debug.main.includes('-O2'), `no -Os/-O2 in ${debug.main}`);
    assert.ok(debug.main.indexOf('-Og') > debug.main.indexOf('-flto'), 'the debug flags come after the env flags');
    assert.deepEqual(
      debug.link.filter((f) => /^-(O|g)/.test(f)),
      ['-Og', '-g2', '-ggdb2'],
    );

    const custom = plan('build_type = debug\ndebug_build_flags = -O0 -g3\n');
    assert.deepEqual(
      custom.main.filter((f) => /^-(O|g)/.test(f)),
      ['-O0', '-g3'],
    );

    const built = fbuild(['build', dir, '--cache-dir', join(t.dir, 'cache'), '--json']);
    assert.equal(built.code, 0, built.stderr);
    const sections = spawnSync('avr-objdump', ['-h', built.json!.artifacts.elf], { encoding: 'utf8' }).stdout;
    assert.match(sections, /\.debug_info/);
  } finally {
    t.cleanup();
  }
});
