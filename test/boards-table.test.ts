import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { avrBoardIds, findBoard, sketchFlashMax } from '../server/targets/boards.ts';
// @ts-expect-error -- a plain .mjs script with no type declarations
import { boardFacts } from '../scripts/gen-avr-boards.mjs';
import { fbuild } from './helpers/buildCli.ts';
import { SHARED_AVR_BOARDS_DIR, tempDir, writeFiles } from './helpers/fixtures.ts';
import { simulateHex } from './helpers/simulate.ts';

/**
 * fbuild's board table against platform-atmelavr 5.2.0's boards/*.json (the shared copy of the
 * platform's data): every board, every fact the builder reads. Then a board of the project's own
 * `boards_dir`, which PlatformIO reads before the platform's.
 */

const BOARDS_DIR = SHARED_AVR_BOARDS_DIR;
const TABLE = join(import.meta.dirname, '..', 'server', 'targets', 'avrBoards.json');

type Manifest = {
  name: string;
  vendor: string;
  build: Record<string, unknown>;
  upload: Record<string, unknown>;
};

function platformBoards(): { id: string; m: Manifest }[] {
  assert.ok(existsSync(BOARDS_DIR), `the platform's board data is not at ${BOARDS_DIR}; this test compares fbuild's table with it`);
  return readdirSync(BOARDS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ id: f.slice(0, -5), m: JSON.parse(readFileSync(join(BOARDS_DIR, f), 'utf8')) as Manifest }));
}

test("every board of platform-atmelavr 5.2.0 is in fbuild's table with the platform's facts", () => {
  const boards = platformBoards();
  assert.equal(boards.length, 224);
  assert.deepEqual(avrBoardIds().sort(), boards.map((b) => b.id).sort());
  const differ: string[] = [];
  for (const { id, m } of boards) {
    const b = findBoard(id)!;
    const hwid = (m.build.hwids as string[][] | undefined)?.[0];
    const expected = {
      name: m.name,
      vendor: m.vendor,
      mcu: m.build.mcu,
      fCpu: m.build.f_cpu,
      core: m.build.core,
      variant: m.build.variant,
      extraFlags: String(m.build.extra_flags ?? '')
        .split(' ')
        .filter((f) => f !== ''),
      flashMax: m.upload.maximum_size,
      ramMax: m.upload.maximum_ram_size,
      uploadProtocol: m.upload.protocol,
      neoPixelPort: m.build.neo_pixel_port,
      usb: m.build.usb_product !== undefined ? { product: m.build.usb_product, vid: hwid![0], pid: hwid![1], vendor: m.vendor } : undefined,
    };
    const actual = {
      name: b.name,
      vendor: b.vendor,
      mcu: b.mcu,
      fCpu: b.fCpu,
      core: b.core,
      variant: b.variant,
      extraFlags: b.extraFlags,
      flashMax: b.flashMax,
      ramMax: b.ramMax,
      uploadProtocol: b.uploadProtocol,
      neoPixelPort: b.neoPixelPort,
      usb: b.usb,
    };
    try {
      assert.deepEqual(actual, expected);
    } catch {
      differ.push(`${id}: fbuild ${JSON.stringify(actual)} != platform ${JSON.stringify(expected)}`);
    }
  }
  assert.deepEqual(differ, [], differ.join('\n'));
});

test('the generated table is what scripts/gen-avr-boards.mjs makes from the platform data today', () => {
  const table = JSON.parse(readFileSync(TABLE, 'utf8')) as { boards: Record<string, unknown> };
  for (const { id, m } of platformBoards()) {
    assert.deepEqual(table.boards[id], boardFacts(m), `${id}: run node scripts/gen-avr-boards.mjs`);
  }
});

test("an MCUdude core's flash loses its bootloader as arduino.py takes it off; other cores keep the manifest's", () => {
  // ATmega328P (MiniCore, urclock, 32 KiB): 384 bytes; ATmega2560 (MegaCore, urclock, 256 KiB): 512.
  for (const { id, m } of platformBoards()) {
    const b = findBoard(id)!;
    const max = m.upload.maximum_size as number;
    const protocol = m.upload.protocol;
    const mcudude = ['MiniCore', 'MegaCore', 'MightyCore', 'MajorCore', 'MicroCore'].includes(b.core);
    const big = max >= 65536 || String(m.build.mcu).startsWith('at90can32');
    let expected = max;
    if (mcudude && protocol === 'urclock') expected = max - (big ? 512 : max >= 4096 ? 384 : 256);
    if (mcudude && protocol === 'arduino') expected = max - (big ? 1024 : max > 4096 && max <= 32768 ? 512 : 0);
    assert.equal(sketchFlashMax(b), expected, id);
  }
  assert.equal(sketchFlashMax(findBoard('ATmega328P')!), 32768 - 384);
});

test("a project's boards_dir board is used before the platform's, builds, and runs", (t) => {
  const work = tempDir();
  t.after(work.cleanup);
  const dir = join(work.dir, 'p');
  writeFiles(dir, {
    'platformio.ini':
      '[env:mine]\nplatform = atmelavr\nboard = uno\nframework = arduino\n\n[env:custom]\nplatform = atmelavr\nboard = mykit\nframework = arduino\n',
    // The project's uno: same chip, its own define and a smaller flash.
    'boards/uno.json': JSON.stringify({
      name: 'Our Uno',
      vendor: 'Us',
      build: { core: 'arduino', mcu: 'atmega328p', f_cpu: '16000000L', variant: 'standard', extra_flags: '-DOUR_UNO' },
      upload: { maximum_size: 30000, maximum_ram_size: 2048, protocol: 'arduino' },
    }),
    'boards/mykit.json': JSON.stringify({
      name: 'My Kit',
      vendor: 'Us',
      build: { core: 'arduino', mcu: 'atmega328p', f_cpu: '16000000L', variant: 'standard', extra_flags: '-DMY_KIT' },
      upload: { maximum_size: 32256, maximum_ram_size: 2048 },
    }),
    'src/main.cpp': [
      '#include <Arduino.h>',
      '#if defined(OUR_UNO)',
      'const char *who = "our uno";',
      '#elif defined(MY_KIT)',
      'const char *who = "my kit";',
      '#else',
      '#error not a project board',
      '#endif',
      'void setup() { Serial.begin(115200); Serial.println(who); }',
      'void loop() {}',
    ].join('\n'),
  });
  for (const [env, says, flashMax] of [
    ['mine', 'our uno', 30000],
    ['custom', 'my kit', 32256],
  ] as const) {
    const r = fbuild(['build', dir, '-e', env, '--cache-dir', join(work.dir, 'cache'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json!.size.flashMax, flashMax);
    assert.match(simulateHex(readFileSync(r.json!.artifacts.hex, 'utf8')).serial, new RegExp(`^${says}\r\n`));
  }
});

test('a broken project board file, and a board of a vendor core, fail in one line that names them', (t) => {
  const work = tempDir();
  t.after(work.cleanup);
  const dir = join(work.dir, 'p');
  writeFiles(dir, {
    'platformio.ini':
      '[env:broken]\nplatform = atmelavr\nboard = oops\nframework = arduino\n\n[env:vendor]\nplatform = atmelavr\nboard = digispark-tiny\nframework = arduino\n',
    'boards/oops.json': '{ "build": ',
    'src/main.cpp': '#include <Arduino.h>\nvoid setup() {}\nvoid loop() {}\n',
  });
  for (const [env, message] of [
    ['broken', /^env 'broken': board file .*oops\.json is not valid JSON \(.*\); fix it or remove it$/],
    [
      'vendor',
      /^env 'vendor': board 'digispark-tiny' \(core dtiny, variant digispark\) needs framework-arduino-avr-digistump ~1\.7\.2, a core fbuild does not build yet .*; build this env with pio run$/,
    ],
  ] as const) {
    const r = fbuild(['build', dir, '-e', env, '--cache-dir', join(work.dir, 'cache')]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr.trim(), message);
    assert.doesNotMatch(r.stderr, /unknown board/);
  }
});
