import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { firmwareOf, keyWorld, provesCase, UNO_INI, writeProject } from './helpers/keyInputs.ts';

const MAIN = `#include <Arduino.h>
#include "where.h"
volatile char sink;
void setup() { for (const char *p = HERE; *p; p++) sink = *p; }
void loop() {}
`;

test('__FILE__ of a header reached through an absolute path: each checkout’s firmware names its own path', async (t) => {
  await provesCase(t, {
    name: 'file',
    project: (dir) => ({
      // build_src_flags: the project's units only, so the uno core keeps its key and hits the warm store.
      'platformio.ini': `${UNO_INI}build_src_flags = -I${dir}/vendor\n`,
      'src/main.cpp': MAIN,
      'vendor/where.h': 'static const char HERE[] = __FILE__;\n',
    }),
    change: (dir) => writeFileSync(join(dir, 'vendor/where.h'), 'static const char HERE[] = "v2 " __FILE__;\n'),
    firmwareNamesCheckout: true,
  });
});

test('__FILE__ through a project-relative path does not name the checkout: another checkout still hits every unit', async (t) => {
  const world = await keyWorld(t);
  const project = (name: string) =>
    writeProject(join(world.dir, name), {
      'platformio.ini': UNO_INI,
      'src/main.cpp':
        '#include <Arduino.h>\nvolatile char sink;\nvoid setup() { for (const char *p = __FILE__; *p; p++) sink = *p; }\nvoid loop() {}\n',
    });
  const a = project('a');
  const b = project('b');
  await world.build(a, 'cli');
  const other = (await world.build(b, 'cli')).json!;
  assert.equal(other.stats.hitRate, 1, JSON.stringify(other.stats));
  assert.equal(firmwareOf(b), firmwareOf(a));
  assert.equal(firmwareOf(b), await world.reference(b));
});
