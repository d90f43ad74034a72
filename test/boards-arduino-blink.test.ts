import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CacheService } from '../server/cache/cacheService.ts';
import { embeddedBackend } from '../server/engine/buildSession.ts';
import { build } from '../server/engine/orchestrator.ts';
import { simulateHex } from './helpers/simulate.ts';
import { SHARED_AVR_BOARDS_DIR, tempDir, writeFiles } from './helpers/fixtures.ts';

/**
 * Offline, with Debian's avr-gcc and arduino-core-avr: every platform-atmelavr 5.2.0 board of the
 * Arduino core whose variant Debian's core ships builds a blink, and where it is an ATmega328P or
 * ATmega168 at 16 MHz the firmware runs in the simulator and blinks pin 13. One cache is shared by
 * all the builds, so the core is compiled once per distinct set of flags. Every board defines its own
 * ARDUINO_AVR_* macro, so each one compiles the core anew: `npm test` builds one board per MCU (a 16 MHz
 * one where there is one), `npm run soak` (FBUILD_ALL_BOARDS=1) all 74.
 */
const ALL_BOARDS = process.env.FBUILD_ALL_BOARDS === '1';

/** One board per MCU, the first by id among those at 16 MHz if any: every MCU's core and variant once. */
function onePerMcu<T extends { id: string; m: Manifest }>(boards: T[]): T[] {
  const byMcu = new Map<string, T>();
  for (const b of [...boards].sort((x, y) => x.id.localeCompare(y.id))) {
    const seen = byMcu.get(b.m.build.mcu);
    if (!seen || (seen.m.build.f_cpu !== '16000000L' && b.m.build.f_cpu === '16000000L')) byMcu.set(b.m.build.mcu, b);
  }
  return [...byMcu.values()];
}

const BOARDS_DIR = SHARED_AVR_BOARDS_DIR;
const DEBIAN_CORE = '/usr/share/arduino/hardware/arduino/avr';

interface Manifest {
  build: { core: string; mcu: string; f_cpu: string; variant?: string };
  upload: { maximum_size: number; maximum_ram_size: number };
}

const BLINK = [
  '#include <Arduino.h>',
  'void setup() {',
  '#ifdef HAVE_HWSERIAL0',
  '  Serial.begin(115200);',
  '  Serial.println("blink");',
  '#endif',
  '  pinMode(13, OUTPUT);',
  '}',
  'void loop() { digitalWrite(13, HIGH); delay(100); digitalWrite(13, LOW); delay(100); }',
  '',
].join('\n');

test('the Arduino-core boards whose variant Debian ships build a blink offline (one per MCU; all under soak); the 16 MHz ATmega328P/168 ones blink in the simulator', async (t) => {
  assert.ok(existsSync(BOARDS_DIR), `the board data is not at ${BOARDS_DIR}; this test compares with it and cannot run without it`);
  const debianVariants = new Set(readdirSync(join(DEBIAN_CORE, 'variants')));
  const boards = readdirSync(BOARDS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ id: f.slice(0, -5), m: JSON.parse(readFileSync(join(BOARDS_DIR, f), 'utf8')) as Manifest }))
    .filter(({ m }) => m.build.core === 'arduino' && m.build.variant !== undefined && debianVariants.has(m.build.variant));
  assert.ok(boards.length >= 70, `only ${boards.length} boards found`);
  const chosen = ALL_BOARDS ? boards : onePerMcu(boards);

  const work = tempDir();
  t.after(work.cleanup);
  const projectDir = join(work.dir, 'blink');
  writeFiles(projectDir, {
    'platformio.ini': chosen.map(({ id }) => `[env:${id}]\nplatform = atmelavr\nboard = ${id}\nframework = arduino\n`).join('\n'),
    'src/main.cpp': BLINK,
  });
  const svc = await CacheService.start({ cacheDir: join(work.dir, 'cache') });
  t.after(() => svc.shutdown());
  const env = {
    ...process.env,
    FBUILD_TOOLCHAIN: 'system',
    FBUILD_OFFLINE: '1',
    FBUILD_REGISTRY_URL: 'http://127.0.0.1:9',
    FBUILD_TOOLCHAINS_DIR: join(work.dir, 'toolchains'),
  };

  const failed: string[] = [];
  let simulated = 0;
  for (const [i, { id, m }] of chosen.entries()) {
    // Progress on stderr: this is the longest test of the suite (one core compile per board's flags).
    process.stderr.write(`boards-arduino-blink: ${i + 1}/${chosen.length} ${id}\n`);
    let r;
    try {
      r = await build({ projectDir, environment: id, backend: embeddedBackend(svc), env });
    } catch (e) {
      failed.push(`${id}: ${(e as Error).message.split('\n')[0]}`);
      continue;
    }
    assert.equal(r.size.flashMax, m.upload.maximum_size, `${id}: flash limit`);
    assert.equal(r.size.ramMax, m.upload.maximum_ram_size, `${id}: RAM limit`);
    if ((m.build.mcu === 'atmega328p' || m.build.mcu === 'atmega168') && m.build.f_cpu === '16000000L') {
      const hex = readFileSync(join(projectDir, r.artifacts.hex!), 'utf8');
      const run = simulateHex(hex, { cycles: 16_000_000, stopWhen: (s) => s.ledToggles >= 4 });
      assert.ok(run.ledToggles >= 4, `${id}: pin 13 toggled ${run.ledToggles} times`);
      assert.match(run.serial, /^blink\r\n/, `${id}: serial`);
      simulated++;
    }
  }
  assert.deepEqual(failed, [], `boards that did not build:\n${failed.join('\n')}`);
  assert.ok(simulated >= (ALL_BOARDS ? 30 : 2), `only ${simulated} boards ran in the simulator`);
});
