import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CacheService } from '../server/cache/cacheService.ts';
import { runDirect, tempDir, writeFiles } from './helpers/fixtures.ts';
import { provesCase, UNO_INI } from './helpers/keyInputs.ts';

const SKETCH = (header: string, value: string) =>
  `#include <Arduino.h>\n#include ${header}\nvoid setup() { DDRB = ${value}; }\nvoid loop() {}\n`;

test('a header found through -isystem is edited: the rebuild sees it, in this and another checkout, through the CLI and the server', async (t) => {
  await provesCase(t, {
    name: 'isystem',
    project: () => ({
      // build_src_flags: the project's units only, so the uno core keeps its key and hits the warm store.
      'platformio.ini': `${UNO_INI}build_src_flags = -isystem ext/inc\n`,
      'src/main.cpp': SKETCH('<vendor.h>', 'VENDOR_VALUE'),
      'ext/inc/vendor.h': '#define VENDOR_VALUE 0x11\n',
    }),
    change: (dir) => writeFileSync(join(dir, 'ext/inc/vendor.h'), '#define VENDOR_VALUE 0x22\n'),
    reason: 'header changed',
  });
});

test('a header included by a #pragma GCC system_header header is edited: the rebuild sees it everywhere', async (t) => {
  await provesCase(t, {
    name: 'pragma',
    project: () => ({
      'platformio.ini': UNO_INI,
      'src/main.cpp': SKETCH('"wrap.h"', 'CFG_VALUE'),
      'include/wrap.h': '#pragma once\n#pragma GCC system_header\n#include "vendor_cfg.h"\n',
      'include/vendor_cfg.h': '#define CFG_VALUE 0x05\n',
    }),
    change: (dir) => writeFileSync(join(dir, 'include/vendor_cfg.h'), '#define CFG_VALUE 0x06\n'),
    reason: 'header changed',
  });
});

test('with -MMD (a make build through fbuild cc), headers -MMD leaves out are still inputs: "system header changed"', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const ws = join(tmp.dir, 'ws');
  writeFiles(ws, {
    'ext/inc/ext.h': '#define EXT 1\n',
    'src/sys.h': '#pragma GCC system_header\n#include "inner.h"\n#define SYS 2\n',
    'src/inner.h': '#define INNER 3\n',
    'src/a.c': '#include <ext.h>\n#include "sys.h"\nint x = EXT + SYS + INNER;\n',
  });
  const svc = await CacheService.start({ cacheDir: join(tmp.dir, 'cache') });
  t.after(() => svc.shutdown());
  const args = ['-c', '-mmcu=atmega328p', '-Os', '-MMD', '-isystem', 'ext/inc', 'src/a.c', '-o', 'a.o'];
  const compile = () => svc.compile({ compiler: 'avr-gcc', args, cwd: ws, workspaceRoot: ws });
  const direct = () => {
    const cached = readFileSync(join(ws, 'a.o'));
    const cachedDeps = readFileSync(join(ws, 'a.d'), 'utf8');
    assert.equal(runDirect('avr-gcc', args, ws).exitCode, 0);
    assert.deepEqual(cached, readFileSync(join(ws, 'a.o')), 'the object is the compiler’s');
    assert.equal(cachedDeps, readFileSync(join(ws, 'a.d'), 'utf8'), 'the depfile is the compiler’s (-MMD: no system headers)');
  };

  assert.equal((await compile()).outcome, 'miss');
  assert.doesNotMatch(readFileSync(join(ws, 'a.d'), 'utf8'), /ext\.h|inner\.h/, '-MMD really leaves both out');
  assert.equal((await compile()).outcome, 'hit');
  for (const [file, text] of [
    ['ext/inc/ext.h', '#define EXT 10\n'],
    ['src/inner.h', '#define INNER 30\n'],
  ] as const) {
    writeFileSync(join(ws, file), text);
    const changed = await compile();
    assert.equal(changed.outcome, 'miss', file);
    assert.equal(changed.reason, `system header changed: ${file}`);
    direct();
    assert.equal((await compile()).outcome, 'hit', `${file}: the new text is stored`);
  }
});
