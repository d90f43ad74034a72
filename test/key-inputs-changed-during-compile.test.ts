import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compilersMentioning, eventually, sleep, slowFirmwareUnit } from './helpers/serverHarness.ts';
import { firmwareOf, keyWorld, UNO_INI, VIAS, writeProject } from './helpers/keyInputs.ts';

test('a header saved while its unit compiles: nothing is stored for it, and later builds get the firmware of the text on disk', async (t) => {
  const world = await keyWorld(t);
  // The same project through both: the firmware does not name its checkout, so the reference, built
  // without the cache from the first checkout as it is after the edit, is made once (as provesCase does).
  const marker = `-DEDITED_DURING_${randomBytes(4).toString('hex')}`;
  let reference: string | undefined;
  for (const via of VIAS) {
    // A unit that compiles for seconds (-O2 without LTO, its own flags only), including the header; slow
    // only while the header says LEVEL 1 (the text being compiled when it is saved): the later builds
    // and the references compile the new text, which is quick.
    const files = {
      'platformio.ini': `${UNO_INI}build_src_flags = -fno-lto -O2 ${marker}\n`,
      'include/level.h': '#define LEVEL 1\n',
      'src/slow.c': `#include "level.h"\n#if LEVEL == 1\n${slowFirmwareUnit(1500)}#endif\nint level(void) { return LEVEL; }\n`,
      'src/main.cpp': '#include <Arduino.h>\nextern "C" int level(void);\nvoid setup() { DDRB = level(); }\nvoid loop() {}\n',
    };
    const a = writeProject(join(world.dir, `during-${via}-a`), files);

    // The build runs (`world.build` waits for it, so start it the same way by hand).
    const building = world.build(a, via);
    assert.ok(await eventually(() => compilersMentioning(marker).length > 0, 600_000), `${via}: the slow unit started compiling`);
    await sleep(500); // the compiler has read level.h: it reads its headers first
    assert.ok(compilersMentioning(marker).length > 0, `${via}: still compiling when the header is saved`);
    writeFileSync(join(a, 'include/level.h'), '#define LEVEL 2\n');
    const first = (await building).json!;
    assert.ok(
      Object.keys(first.stats.missReasons).includes('input changed during the compile'),
      `${via}: the reason is named: ${JSON.stringify(first.stats.missReasons)}`,
    );

    // The next build compiles the text on disk: not "up to date", and no result stored for the old text.
    const second = (await world.build(a, via)).json!;
    assert.equal(second.upToDate, false, `${via}: not "up to date" after an edit during the build`);
    reference ??= await world.reference(a);
    assert.equal(firmwareOf(a), reference, `${via}: the firmware of the header as it is now`);

    // Another checkout with the new text gets that firmware too.
    const b = writeProject(join(world.dir, `during-${via}-b`), { ...files, 'include/level.h': '#define LEVEL 2\n' });
    await world.build(b, via);
    assert.equal(firmwareOf(b), firmwareOf(a), `${via}: the other checkout’s firmware is the same`);
  }
});
