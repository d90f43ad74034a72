import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fbuild } from './helpers/buildCli.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';
import { simulateHex } from './helpers/simulate.ts';
import { copyUnoCoreStore } from './helpers/sharedBuilds.ts';

/**
 * The atmelavr boards besides uno (platform-atmelavr's boards/*.json), and the board_build.* /
 * board_upload.* options that change a board, as `pio run` applies them.
 */

const ini = (board: string, extra = '', env = 'x') => `[env:${env}]\nplatform = atmelavr\nboard = ${board}\nframework = arduino\n${extra}`;

/**
 * `warmUno`: the cache starts with the shared store of the uno core with the default flags
 * (sharedBuilds.ts), for a build whose options leave the uno core's flags as they are; every other
 * build starts cold, so a board's own core is compiled with its own facts.
 */
function build(files: Record<string, string>, opts: { warmUno?: boolean; cacheDir?: string } = {}) {
  const t = tempDir();
  const dir = join(t.dir, 'p');
  writeFiles(dir, files);
  const cacheDir = opts.cacheDir ?? join(t.dir, 'cache');
  if (opts.warmUno) copyUnoCoreStore(cacheDir);
  const r = fbuild(['build', dir, '--cache-dir', cacheDir, '--json']);
  return { r, hex: () => readFileSync(r.json!.artifacts.hex, 'utf8'), cleanup: t.cleanup };
}

// Each line fails to compile unless the board's facts are the ones expected.
const checks = (lines: string[]) => lines.map((l) => `${l}\n`).join('');

test('nanoatmega328: its define, the eightanaloginputs variant (A6, A7) and its flash size; it runs', () => {
  const b = build({
    'platformio.ini': ini('nanoatmega328'),
    'src/main.cpp': [
      '#include <Arduino.h>',
      checks(['#ifndef ARDUINO_AVR_NANO', '#error not a nano', '#endif', '#if F_CPU != 16000000L', '#error F_CPU', '#endif']),
      'void setup() { Serial.begin(115200); Serial.print("A7="); Serial.println(A7); }',
      'void loop() {}',
    ].join('\n'),
  });
  try {
    assert.equal(b.r.code, 0, b.r.stderr);
    assert.equal(b.r.json!.size.flashMax, 30720);
    assert.equal(b.r.json!.size.ramMax, 2048);
    assert.match(simulateHex(b.hex()).serial, /^A7=21\r\n/);
  } finally {
    b.cleanup();
  }
});

test('pro8MHzatmega328, and uno with board_build.f_cpu / board_upload.maximum_size: F_CPU and the limits follow', () => {
  // The two spellings of the uno's F_CPU share a cache: with the same flags, the second hits the
  // first's core and sketch; without F_CPU at 8 MHz its keys would differ, and the sketch fail to compile.
  const uno8 = tempDir();
  try {
    for (const [board, extra] of [
      ['pro8MHzatmega328', ''],
      ['uno', 'board_build.f_cpu = 8000000L\n'],
      ['uno', 'board_f_cpu = 8000000L\n'],
    ] as const) {
      const b = build(
        {
          'platformio.ini': ini(board, extra),
          'src/main.cpp': `#include <Arduino.h>\n${checks(['#if F_CPU != 8000000L', '#error F_CPU', '#endif'])}void setup() {}\nvoid loop() {}\n`,
        },
        board === 'uno' ? { cacheDir: join(uno8.dir, 'cache') } : {},
      );
      try {
        assert.equal(b.r.code, 0, `${board} ${extra}: ${b.r.stderr}`);
      } finally {
        b.cleanup();
      }
    }
  } finally {
    uno8.cleanup();
  }
  const small = build(
    {
      'platformio.ini': ini('uno', 'board_upload.maximum_size = 1000\n', 'uno'),
      'src/main.cpp': '#include <Arduino.h>\nvoid setup() { Serial.begin(9600); Serial.println("hello"); }\nvoid loop() {}\n',
    },
    { warmUno: true },
  );
  try {
    assert.equal(small.r.code, 1);
    assert.match(small.r.stderr, /1000/);
  } finally {
    small.cleanup();
  }
});

test('megaatmega2560 and leonardo build with their mcu, variant, USB identity and limits', () => {
  for (const [board, mcuCheck, flashMax, ramMax] of [
    [
      'megaatmega2560',
      ['#ifndef __AVR_ATmega2560__', '#error mcu', '#endif', '#ifndef ARDUINO_AVR_MEGA2560', '#error define', '#endif'],
      253952,
      8192,
    ],
    ['leonardo', ['#ifndef __AVR_ATmega32U4__', '#error mcu', '#endif', '#if USB_PID != 0x8036', '#error pid', '#endif'], 28672, 2560],
  ] as const) {
    const b = build({
      'platformio.ini': ini(board),
      'src/main.cpp': [
        '#include <Arduino.h>',
        checks([...mcuCheck]),
        'static const char product[] = USB_PRODUCT_OR_NONE;',
        'void setup() { Serial.begin(9600); Serial.println(product); pinMode(LED_BUILTIN, OUTPUT); }',
        'void loop() {}',
      ]
        .join('\n')
        .replace('USB_PRODUCT_OR_NONE', board === 'leonardo' ? 'USB_PRODUCT' : '"none"'),
    });
    try {
      assert.equal(b.r.code, 0, `${board}: ${b.r.stderr}`);
      assert.equal(b.r.json!.size.flashMax, flashMax);
      assert.equal(b.r.json!.size.ramMax, ramMax);
      assert.ok(b.r.json!.size.flash > 1000, `${board}: flash ${b.r.json!.size.flash}`);
      if (board === 'leonardo') assert.ok(b.hex().length > 0);
    } finally {
      b.cleanup();
    }
  }
});

test('board options that cannot be used are one line and exit 2', () => {
  for (const [extra, message] of [
    ['board_build.f_cpu = fast\n', /board_build\.f_cpu = fast is not a frequency/],
    ['board_build.core = MiniCore\n', /board_build\.core = MiniCore needs that core's package/],
    ['board_build.variant = nosuch\n', /board variant 'nosuch' is not in .*; fix board_build\.variant/],
    ['board_upload.maximum_size = lots\n', /board_upload\.maximum_size = lots is not a number of bytes/],
  ] as const) {
    const b = build({ 'platformio.ini': ini('uno', extra), 'src/main.cpp': '#include <Arduino.h>\nvoid setup() {}\nvoid loop() {}\n' });
    try {
      assert.equal(b.r.code, 2, `${extra}: ${b.r.stderr}`);
      assert.match(b.r.stderr, message);
      assert.equal(b.r.stderr.trim().split('\n').length, 1, b.r.stderr);
    } finally {
      b.cleanup();
    }
  }
});

test('a platform with a version or a URL builds; a release fbuild does not follow is said in a notice', () => {
  for (const [platform, notice] of [
    ['platformio/atmelavr@^5.0.0', undefined],
    ['atmelavr@4.2.0', /platform = atmelavr@4\.2\.0: fbuild builds with platform-atmelavr 5\.2\.0's flags .*does not allow/],
    ['https://github.com/platformio/platform-atmelavr.git#v4.0.0', /not that platform's/],
  ] as const) {
    const b = build(
      {
        'platformio.ini': `[env:uno]\nplatform = ${platform}\nboard = uno\nframework = arduino\n`,
        'src/main.cpp': '#include <Arduino.h>\nvoid setup() {}\nvoid loop() {}\n',
      },
      { warmUno: true },
    );
    try {
      assert.equal(b.r.code, 0, `${platform}: ${b.r.stderr}`);
      if (notice) assert.match(b.r.stderr, notice);
      else assert.doesNotMatch(b.r.stderr, /platform =/);
    } finally {
      b.cleanup();
    }
  }
  const wrong = build({
    'platformio.ini': '[env:x]\nplatform = ststm32@^17\nboard = uno\nframework = arduino\n',
    'src/main.cpp': 'void setup() {}\nvoid loop() {}\n',
  });
  try {
    assert.equal(wrong.r.code, 2);
    assert.match(wrong.r.stderr, /platform 'ststm32' does not match board 'uno'/);
  } finally {
    wrong.cleanup();
  }
});
