import { test } from 'node:test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { provesCase, UNO_INI } from './helpers/keyInputs.ts';

test('a new header shadows the one found further down the search path: the rebuild uses it, in this and another checkout', async (t) => {
  await provesCase(t, {
    name: 'shadow',
    project: () => ({
      // build_src_flags: the project's units only, so the uno core keeps its key and hits the warm store
      // (key-inputs-shadowing-outside keeps build_flags: the core's units see the user's dirs there).
      'platformio.ini': `${UNO_INI}build_src_flags = -Iext/first -Iext/second\n`,
      'src/main.cpp': '#include <Arduino.h>\n#include "cfg.h"\nvoid setup() { DDRB = CFG_VALUE; }\nvoid loop() {}\n',
      'ext/first/readme.txt': 'overrides go here\n',
      'ext/second/cfg.h': '#define CFG_VALUE 0x03\n',
    }),
    change: (dir) => writeFileSync(join(dir, 'ext/first/cfg.h'), '#define CFG_VALUE 0x04\n'),
    reason: 'header shadowed',
  });
});
