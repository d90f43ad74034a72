import { unknownBoardHint } from '../server/targets/boards.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDirect, tempDir, writeFiles } from './helpers/fixtures.ts';
import { fbuild, type CliRun } from './helpers/buildCli.ts';
import { copyUnoCoreStore } from './helpers/sharedBuilds.ts';

const BLINK = join(import.meta.dirname, '..', 'examples', 'blink');

/** The last line of stderr: the one fbuild writes. No stack trace anywhere. */
function errorLine(r: CliRun): string {
  assert.doesNotMatch(r.stderr, /\n\s+at .*\(.*:\d+:\d+\)/, 'no stack trace');
  const lines = r.stderr.trimEnd().split('\n');
  return lines[lines.length - 1]!;
}

test('bad input: one line naming the problem and the fix, and a non-zero exit', () => {
  const t = tempDir();
  try {
    const cache = join(t.dir, 'cache');
    const empty = join(t.dir, 'empty');
    mkdirSync(empty);
    let r = fbuild(['build', empty, '--cache-dir', cache]);
    assert.equal(r.code, 2);
    assert.equal(errorLine(r), `no platformio.ini in ${empty}; run fbuild in a PlatformIO project directory or pass its path`);

    const blink = join(t.dir, 'blink');
    cpSync(BLINK, blink, { recursive: true });
    r = fbuild(['build', blink, '-e', 'mega', '--cache-dir', cache]);
    assert.equal(r.code, 2);
    assert.match(errorLine(r), /^unknown environment 'mega' in platformio\.ini; known: uno$/);

    const odd = join(t.dir, 'odd-board');
    writeFiles(odd, {
      'platformio.ini': '[env:x]\nplatform = atmelavr\nboard = due\nframework = arduino\n',
      'src/main.cpp': 'void setup(){}\nvoid loop(){}\n',
    });
    r = fbuild(['build', odd, '--cache-dir', cache]);
    assert.equal(r.code, 2);
    assert.equal(errorLine(r), `unknown board 'due' in env 'x'; ${unknownBoardHint('due')}`);
    assert.match(errorLine(r), /did you mean .*\? 'fbuild boards' lists the \d{3} boards fbuild knows$/);
    assert.ok(errorLine(r).length < 200, 'one short line, not the whole list');

    r = fbuild(['build', blink, '--cache-dir', cache], { env: { PATH: join(t.dir, 'no-such-bin') } });
    assert.equal(r.code, 2);
    assert.match(
      errorLine(r),
      /^avr-gcc, avr-g\+\+, avr-gcc-ar, avr-gcc-ranlib, avr-objcopy, avr-size not found on PATH; install the AVR toolchain \(apt-get install gcc-avr/,
    );

    r = fbuild(['build', blink, '--jobs', '0']);
    assert.equal(r.code, 2);
    assert.match(errorLine(r), /--jobs takes a whole number of 1 or more, not '0'/);

    r = fbuild(['build', blink, '--frobnicate']);
    assert.equal(r.code, 2);
    assert.match(errorLine(r), /^fbuild build: Unknown option '--frobnicate'.*; usage: fbuild build/);

    r = fbuild(['build', empty, '--cache-dir', cache, '--json']);
    assert.equal(r.code, 2);
    assert.equal(r.json?.ok, false);
    assert.match(String(r.json?.error), /^no platformio\.ini/);
  } finally {
    t.cleanup();
  }
});

test('a compile error: the compiler’s diagnostics unchanged, one line, exit 1, and the cache still works after the fix', () => {
  const t = tempDir();
  try {
    const cache = join(t.dir, 'cache');
    const dir = join(t.dir, 'broken');
    const good = '#include <Arduino.h>\nvoid setup() { Serial.begin(9600); }\nvoid loop() {}\n';
    writeFiles(dir, {
      'platformio.ini': '[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\n',
      'src/main.cpp': '#include <Arduino.h>\nvoid setup() { Serial.begin(9600) }\nvoid loop() { undefined_call(); }\n',
    });
    const r = fbuild(['build', dir, '--cache-dir', cache]);
    assert.equal(r.code, 1);
    assert.equal(errorLine(r), 'fbuild: compile failed in 1 file (src/main.cpp); fix the errors above and build again');
    // The diagnostics are the compiler's own: compare with running it directly.
    const direct = runDirect(
      'avr-g++',
      [
        '-c',
        '-mmcu=atmega328p',
        '-w',
        '-I/usr/share/arduino/hardware/arduino/avr/cores/arduino',
        '-I/usr/share/arduino/hardware/arduino/avr/variants/standard',
        'src/main.cpp',
        '-o',
        '/dev/null',
      ],
      dir,
    );
    for (const line of direct.stderr
      .toString()
      .split('\n')
      .filter((l) => /error:/.test(l)))
      assert.ok(r.stderr.includes(line), `missing: ${line}`);

    writeFileSync(join(dir, 'src/main.cpp'), good);
    const fixed = fbuild(['build', dir, '--cache-dir', cache, '--json']);
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.equal(fixed.json!.ok, true);
    // Everything but the fixed file was cached by the failed build.
    assert.equal(fixed.json!.stats.misses, 2, JSON.stringify(fixed.json!.stats));
    const copy = join(t.dir, 'copy');
    cpSync(dir, copy, { recursive: true, filter: (s) => !s.includes('.fbuild') });
    const again = fbuild(['build', copy, '--cache-dir', cache, '--json']);
    assert.equal(again.json!.stats.hitRate, 1);
  } finally {
    t.cleanup();
  }
});

const bigSketch = (bytes: number) => `#include <Arduino.h>
const uint8_t a[${bytes / 2}] PROGMEM = {1, 2, 3};
const uint8_t b[${bytes / 2}] PROGMEM = {4, 5, 6};
volatile uint16_t i;
void setup() { Serial.begin(9600); }
void loop() { Serial.println(pgm_read_byte(&a[i]) + pgm_read_byte(&b[i])); i++; }
`;

test('a firmware too big for the board fails with its size and the limit', () => {
  const t = tempDir();
  try {
    // Over the sketch's 32,256 bytes but within the chip's 32 KiB: our size check catches it (the core is an
    // archive, so only what the sketch uses is linked).
    const dir = join(t.dir, 'big');
    writeFiles(dir, {
      'platformio.ini': '[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\n',
      'src/main.cpp': bigSketch(30_600),
    });
    // The uno core from the shared warm store (sharedBuilds.ts): the sizes are the point.
    const r = fbuild(['build', dir, '--cache-dir', copyUnoCoreStore(join(t.dir, 'cache')), '--json']);
    assert.equal(r.code, 1);
    assert.match(
      errorLine(r),
      /^fbuild: firmware too big for Arduino Uno: flash 32\d{3} of 32256 bytes \(10\d%\); make the code or its data smaller$/,
    );
    assert.equal(r.json!.ok, false);
    assert.ok(r.json!.size.flash > 32256);
    assert.equal(r.json!.size.flashMax, 32256);
    assert.ok(readFileSync(r.json!.artifacts.elf).length > 0);

    // Over the chip's flash: the linker refuses, and we say the same thing.
    const huge = join(t.dir, 'huge');
    writeFiles(huge, {
      'platformio.ini': '[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\n',
      'src/main.cpp': bigSketch(40_000),
    });
    const h = fbuild(['build', huge, '--cache-dir', join(t.dir, 'cache')]);
    assert.equal(h.code, 1);
    assert.match(h.stderr, /region `text' overflowed/, 'the linker’s own message is shown');
    assert.match(
      errorLine(h),
      /^fbuild: firmware too big for Arduino Uno: it does not fit in flash \(over by \d+ bytes, says the linker\); make the code or its data smaller$/,
    );
  } finally {
    t.cleanup();
  }
});
