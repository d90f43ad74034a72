import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firmwareOf, keyWorld, UNO_INI, writeProject } from './helpers/keyInputs.ts';

/**
 * The ELF, with the names of LTO's temporary files made one: the link compiles the program in
 * `/tmp/ccXXXXXX.ltrans0.o`, named at random, and its debug info names that file, so no two debug
 * links are byte-equal, with or without the cache. Same length: nothing else moves.
 */
const elfOf = (project: string): Buffer =>
  Buffer.from(
    readFileSync(join(project, '.fbuild', 'build', 'uno', 'firmware.elf'))
      .toString('latin1')
      .replace(/cc[A-Za-z0-9]{6}\.ltrans/g, 'ccXXXXXX.ltrans'),
    'latin1',
  );

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
    // With LTO the link writes the debug info (build_type = debug links with -g): the link's
    // -fdebug-prefix-map keeps checkout a's directory out of the ELF that b's link hit restores.
    const cachedElf = elfOf(b);
    assert.ok(!cachedElf.includes(Buffer.from(a)), 'no path of checkout a in the ELF');
    assert.equal(firmwareOf(b), await world.reference(b));
    assert.deepEqual(cachedElf, elfOf(b), 'the ELF is the one built without the cache');
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
