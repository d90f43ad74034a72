import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { firmwareOf, keyWorld, UNO_INI, writeProject } from './helpers/keyInputs.ts';

const SKETCH = `#if 0
// Stamped builds, switched off: Serial.println(__DATE__ " " __TIME__);
const char *built = __DATE__ " " __TIME__;
#endif
void setup() { pinMode(13, OUTPUT); }
void loop() { digitalWrite(13, !digitalRead(13)); delay(250); }
`;

test('__DATE__ and __TIME__ only inside #if 0: every unit is cached, and another checkout hits all of them', async (t) => {
  const world = await keyWorld(t);
  const project = (name: string) => writeProject(join(world.dir, name), { 'platformio.ini': UNO_INI, 'src/stamp.ino': SKETCH });
  const a = project('a');
  const first = (await world.build(a, 'cli')).json!;
  assert.deepEqual(first.stats.uncacheableUnits, [], 'nothing is uncacheable');
  const b = project('b');
  const other = (await world.build(b, 'cli')).json!;
  assert.equal(other.stats.hitRate, 1, JSON.stringify(other.stats));
  assert.equal(firmwareOf(b), await world.reference(b));
});

for (const [what, ini] of [
  ['build_type = debug', `${UNO_INI}build_type = debug\n`],
  ['build_flags = -g3', `${UNO_INI}build_flags = -g3\n`],
] as const) {
  test(`debug info on AVR (${what}): another checkout hits every unit and the link, with the same firmware`, async (t) => {
    const world = await keyWorld(t);
    const project = (name: string) =>
      writeProject(join(world.dir, name), {
        'platformio.ini': ini,
        'src/main.cpp': '#include <Arduino.h>\nvoid setup() { pinMode(13, OUTPUT); }\nvoid loop() { digitalWrite(13, HIGH); }\n',
      });
    const a = project('a');
    await world.build(a, 'cli');
    const b = project('b');
    const other = (await world.build(b, 'cli')).json!;
    assert.equal(other.stats.hitRate, 1, JSON.stringify(other.stats));
    // The ELF is not compared: with LTO its debug info is written by the link, naming the link's
    // directory and its random temporary files (see docs/RELIABILITY.md).
    assert.equal(firmwareOf(b), await world.reference(b));
  });
}

test('the example and fixture projects: an unchanged rebuild is "up to date" and another checkout hits 100%', async (t) => {
  const world = await keyWorld(t);
  const repo = join(import.meta.dirname, '..');
  for (const source of ['examples/blink', 'test/fixtures/sketch', 'test/fixtures/local-lib', 'test/fixtures/wire-eeprom']) {
    const copy = (n: string) => {
      const to = join(world.dir, source.replace(/\//g, '-') + n);
      cpSync(join(repo, source), to, { recursive: true, filter: (s) => !s.includes('.fbuild') && !s.includes('.pio') });
      return to;
    };
    const a = copy('-a');
    await world.build(a, 'cli');
    assert.equal((await world.build(a, 'cli')).json!.upToDate, true, `${source}: up to date`);
    const other = (await world.build(copy('-b'), 'cli')).json!;
    assert.equal(other.stats.hitRate, 1, `${source}: ${JSON.stringify(other.stats)}`);
  }
});
