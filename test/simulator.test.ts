import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { parseIntelHex, simulateHex } from './helpers/simulate.ts';

const ARDUINO_AVR = '/usr/share/arduino/hardware/arduino/avr';
const CORE_DIR = join(ARDUINO_AVR, 'cores', 'arduino');
const VARIANT_DIR = join(ARDUINO_AVR, 'variants', 'standard');

const SKETCH = `#include <Arduino.h>
void setup() { Serial.begin(115200); pinMode(13, OUTPUT); Serial.println("hello from uno"); }
void loop() { static int n = 0; digitalWrite(13, HIGH); delay(100); digitalWrite(13, LOW); delay(100); Serial.print("tick "); Serial.println(n++); }
`;

const COMMON_FLAGS = [
  '-c',
  '-mmcu=atmega328p',
  '-DF_CPU=16000000L',
  '-DARDUINO=10808',
  '-DARDUINO_AVR_UNO',
  '-DARDUINO_ARCH_AVR',
  '-Os',
  '-w',
  '-ffunction-sections',
  '-fdata-sections',
  '-flto',
  '-DDECIMAL_DIG=__DECIMAL_DIG__',
  `-I${CORE_DIR}`,
  `-I${VARIANT_DIR}`,
];
const C_FLAGS = ['-std=gnu11', '-fno-fat-lto-objects'];
const CXX_FLAGS = ['-std=gnu++11', '-fpermissive', '-fno-exceptions', '-fno-threadsafe-statics'];
const ASM_FLAGS = ['-x', 'assembler-with-cpp'];

function compile(src: string, obj: string, cwd: string): void {
  const ext = extname(src);
  const lang = ext === '.c' ? C_FLAGS : ext === '.S' ? ASM_FLAGS : CXX_FLAGS;
  const compiler = ext === '.cpp' ? 'avr-g++' : 'avr-gcc';
  execFileSync(compiler, [...COMMON_FLAGS, ...lang, src, '-o', obj], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Builds the Arduino core plus the sketch into an Intel HEX image inside `dir`; returns the HEX text. */
function buildFirmware(dir: string): string {
  const sketch = join(dir, 'main_sketch.cpp');
  writeFileSync(sketch, SKETCH);
  const sources = readdirSync(CORE_DIR)
    .filter((f) => ['.c', '.cpp', '.S'].includes(extname(f)))
    .sort()
    .map((f) => join(CORE_DIR, f));
  sources.push(sketch);
  const objects: string[] = [];
  for (const src of sources) {
    // Keep the extension in the object name: the core has both wiring_pulse.c and wiring_pulse.S.
    const obj = join(dir, `${src.slice(src.lastIndexOf('/') + 1)}.o`);
    compile(src, obj, dir);
    objects.push(obj);
  }
  const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  run('avr-gcc', ['-Os', '-flto', '-fuse-linker-plugin', '-Wl,--gc-sections', '-mmcu=atmega328p', '-o', 'firmware.elf', ...objects, '-lm']);
  run('avr-objcopy', ['-O', 'ihex', '-R', '.eeprom', 'firmware.elf', 'firmware.hex']);
  return readFileSync(join(dir, 'firmware.hex'), 'latin1');
}

test('parseIntelHex: places data records into a 0xFF-filled 32 KiB image', () => {
  const hex = [
    ':020000040000FA', // extended linear address 0
    ':0400000001020304F2', // 01 02 03 04 at 0x0000
    ':020010000C944E', // 0C 94 at 0x0010
    ':00000001FF', // end of file
    '',
  ].join('\r\n');
  const image = parseIntelHex(hex);
  assert.equal(image.length, 32 * 1024);
  assert.deepEqual([...image.subarray(0, 5)], [1, 2, 3, 4, 0xff]);
  assert.deepEqual([...image.subarray(0x0f, 0x13)], [0xff, 0x0c, 0x94, 0xff]);
  assert.equal(image[image.length - 1], 0xff);
  assert.equal(
    image.reduce((n, b) => n + (b === 0xff ? 0 : 1), 0),
    6,
  );
});

test('parseIntelHex: rejects bad checksums and malformed lines', () => {
  assert.throws(() => parseIntelHex(':0400000001020304F3\n:00000001FF\n'), /line 1: bad checksum 0xf3 \(expected 0xf2\)/);
  assert.throws(() => parseIntelHex(':0400000001020304F2\n:00000001FE\n'), /line 2: bad checksum 0xfe \(expected 0xff\)/);
  assert.throws(() => parseIntelHex('0400000001020304F2\n'), /line 1: missing ':'/);
  assert.throws(() => parseIntelHex(':04000000010203GGF2\n:00000001FF\n'), /line 1: malformed/);
  assert.throws(() => parseIntelHex(':0400000001020304F2\n:04000000010203F2\n'), /line 2: byte count 4 does not match record length 3/);
  assert.throws(() => parseIntelHex(':0400000001020304F2\n:0400\n'), /line 2: malformed/);
  // 01 02 at 0x8000: past the end of the 32 KiB flash.
  assert.throws(() => parseIntelHex(':0280000001027B\n'), /outside the 32768-byte flash/);
});

test('simulateHex: a real Arduino firmware prints on Serial and blinks the LED', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fbuild-sim-'));
  try {
    const hex = buildFirmware(dir);

    const started = process.hrtime.bigint();
    const result = simulateHex(hex);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    t.diagnostic(`simulated ${result.cycles} cycles in ${ms.toFixed(0)} ms`);

    assert.ok(result.cycles >= 32_000_000, `ran ${result.cycles} cycles`);
    assert.ok(result.serial.startsWith('hello from uno'), JSON.stringify(result.serial));
    assert.match(result.serial, /tick 0\r\n/);
    assert.match(result.serial, /tick 1\r\n/);
    assert.ok(result.ledToggles >= 4, `ledToggles = ${result.ledToggles}`);
    assert.ok(result.ledHighCycles.length >= 2, `ledHighCycles = ${result.ledHighCycles}`);
    for (let i = 1; i < result.ledHighCycles.length; i++) {
      const gap = result.ledHighCycles[i]! - result.ledHighCycles[i - 1]!;
      assert.ok(Math.abs(gap - 3_200_000) <= 320_000, `LED went high ${gap} cycles after the previous time; expected ~3,200,000 (200 ms)`);
    }

    // stopWhen ends the run early, at a ~100k-cycle boundary.
    const early = simulateHex(hex, { stopWhen: (r) => r.serial.includes('tick 0') });
    assert.ok(early.serial.includes('tick 0'));
    assert.ok(!early.serial.includes('tick 1'), JSON.stringify(early.serial));
    assert.ok(early.cycles < 32_000_000);
    assert.equal(early.cycles % 100_000 < 100, true, `stopped at ${early.cycles}`);

    // An explicit cycle budget is honoured.
    const short = simulateHex(hex, { cycles: 1_000_000 });
    assert.ok(short.cycles >= 1_000_000 && short.cycles < 1_000_100, `ran ${short.cycles} cycles`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
