import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { CacheService } from '../server/cache/cacheService.ts';
import { codeOnly, usesClockMacro } from '../server/cache/clockMacros.ts';
import { fbuild } from './helpers/buildCli.ts';
import { simulateHex } from './helpers/simulate.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';
import { readFileSync } from 'node:fs';
import { copyUnoCoreStore } from './helpers/sharedBuilds.ts';

test('only a real use of a clock macro counts: not in a comment, a string or a character literal', () => {
  const uses = (text: string) => usesClockMacro(Buffer.from(text));
  assert.equal(uses('// Serial.println(__TIME__);\nint x;\n'), false);
  assert.equal(uses('/* built on __DATE__ at\n __TIME__ */ int x;\n'), false);
  assert.equal(uses('const char *s = "__DATE__ is a macro";\n'), false);
  assert.equal(uses('char c = \'\\\'\'; const char *s = "__TIME__\\"";\n'), false);
  assert.equal(uses('int __TIME__x;\nint my__DATE__;\n'), false);
  assert.equal(uses('const char *built = __DATE__;\n'), true);
  assert.equal(uses('x = 1; // a comment\nSerial.println(__TIME__);\n'), true);
  assert.equal(uses('#define STAMP __TIMESTAMP__\n'), true);
  // A string that holds a comment opener does not hide the code after it.
  assert.equal(uses('const char *p = "/*"; const char *t = __TIME__; // */\n'), true);
  assert.equal(codeOnly('a /* b */ "c" d').replace(/\s+/g, ' '), 'a d');
});

test('the cache keeps units whose clock macros are in comments or inactive #if blocks; a real use is uncacheable', async () => {
  const t = tempDir();
  try {
    const ws = join(t.dir, 'ws');
    writeFiles(ws, {
      'commented.h': '#pragma once\n// Serial.println(__DATE__ " " __TIME__);\nstatic const int v = 1;\n',
      'commented.c': '#include "commented.h"\nint f(void) { return v; }\n',
      'inactive.c': '#if 0\nconst char *t = __TIME__;\n#endif\nint g(void) { return 2; }\n',
      'active.c': '#ifndef NO_STAMP\nconst char *t = __TIME__;\n#endif\n',
    });
    const svc = await CacheService.start({ cacheDir: join(t.dir, 'cache') });
    try {
      const compile = (src: string, extra: string[] = []) =>
        svc.compile({
          compiler: 'avr-gcc',
          args: ['-c', '-mmcu=atmega328p', '-Os', '-MMD', ...extra, src, '-o', `${src}.o`],
          cwd: ws,
          workspaceRoot: ws,
        });
      for (const src of ['commented.c', 'inactive.c']) {
        assert.equal((await compile(src)).outcome, 'miss', src);
        assert.equal((await compile(src)).outcome, 'hit', src);
      }
      const active = await compile('active.c');
      assert.equal(active.outcome, 'uncacheable');
      assert.equal(active.reason, '__DATE__ or __TIME__ used (active.c)');
      assert.equal(active.exitCode, 0);
      // The same file with the use switched off by a define: the preprocessor check lets it be cached.
      assert.equal((await compile('active.c', ['-DNO_STAMP'])).outcome, 'miss');
      assert.equal((await compile('active.c', ['-DNO_STAMP'])).outcome, 'hit');
    } finally {
      await svc.shutdown();
    }
  } finally {
    t.cleanup();
  }
});

const INI = '[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\n';
const VERSION_H = `#pragma once
// Stamp builds like this if you want: Serial.println(__DATE__ " " __TIME__);
/* The build time (__TIME__) is not used by default. */
#define FIRMWARE_VERSION "1.4.2"
`;

test('a header with __TIME__ in a comment: another checkout hits every unit; a real use is named and counted apart from the hit rate', () => {
  const t = tempDir();
  try {
    // The uno core from the shared warm store (sharedBuilds.ts): the project's header is the point.
    const cacheDir = copyUnoCoreStore(join(t.dir, 'cache'));
    const main =
      '#include <Arduino.h>\n#include "version.h"\nvoid setup() { Serial.begin(115200); Serial.println(FIRMWARE_VERSION); }\nvoid loop() {}\n';
    const files = { 'platformio.ini': INI, 'include/version.h': VERSION_H, 'src/main.cpp': main };
    writeFiles(join(t.dir, 'a'), files);
    writeFiles(join(t.dir, 'b', 'other-checkout'), files);
    const first = fbuild(['build', join(t.dir, 'a'), '--cache-dir', cacheDir, '--json']);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.json!.stats.uncacheable, 0, JSON.stringify(first.json!.stats.uncacheableUnits));
    const second = fbuild(['build', join(t.dir, 'b', 'other-checkout'), '--cache-dir', cacheDir, '--json']);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(second.json!.stats.hits, second.json!.stats.compiles);
    assert.equal(second.json!.stats.hitRate, 1);
    assert.match(simulateHex(readFileSync(second.json!.artifacts.hex, 'utf8')).serial, /^1\.4\.2\r\n/);

    const stamped = join(t.dir, 'stamped');
    writeFiles(stamped, {
      ...files,
      'src/main.cpp': main.replace('Serial.println(FIRMWARE_VERSION);', 'Serial.println(FIRMWARE_VERSION); Serial.println(__TIME__);'),
    });
    fbuild(['build', stamped, '--cache-dir', cacheDir]);
    const again = fbuild(['build', stamped, '--cache-dir', cacheDir, '--force', '--json']);
    assert.equal(again.code, 0, again.stderr);
    const s = again.json!.stats;
    assert.equal(s.uncacheable, 1);
    assert.deepEqual(s.uncacheableUnits, [{ source: 'src/main.cpp', reason: '__DATE__ or __TIME__ used (src/main.cpp)' }]);
    // One hit rate (server/util/hitRate.ts): over the cacheable units; the uncacheable one is shown apart.
    assert.equal(s.hitRate, s.hits / (s.hits + s.misses + s.errors));
    // The terminal line's rate from its own counts: this build compiles main.cpp again, and when a
    // second has passed since the last, __TIME__ changes its object and the link misses too.
    const human = fbuild(['build', stamped, '--cache-dir', cacheDir, '--force']);
    const counts = /: (\d+) hits?, (\d+) miss(?:es)?\b.*, 1 uncached(?:, (\d+) store errors?)?; hit rate /.exec(human.stdout);
    assert.ok(counts, human.stdout);
    const [hits, misses, errors] = [counts[1], counts[2], counts[3] ?? '0'].map(Number) as [number, number, number];
    const shown = `${((hits / (hits + misses + errors)) * 100).toFixed(1)}%`;
    assert.ok(human.stdout.includes(`1 uncached; hit rate ${shown}`), human.stdout);
    assert.match(human.stdout, /uncached: src\/main\.cpp \(__DATE__ or __TIME__ used \(src\/main\.cpp\)\)/);
  } finally {
    t.cleanup();
  }
});

test('a failed build names the failed unit apart from the hit rate and reports no artifact that does not exist', () => {
  const t = tempDir();
  try {
    const cacheDir = copyUnoCoreStore(join(t.dir, 'cache')); // the uno core warm (sharedBuilds.ts): the first build is setup
    const dir = join(t.dir, 'p');
    writeFiles(dir, {
      'platformio.ini': INI,
      'src/main.cpp': '#include <Arduino.h>\nvoid setup() {}\nvoid loop() { undefined_call(); }\n',
    });
    fbuild(['build', dir, '--cache-dir', cacheDir]);
    const r = fbuild(['build', dir, '--cache-dir', cacheDir, '--json']);
    assert.equal(r.code, 1);
    assert.ok(r.json!.stats.hits > 0, 'the core units hit');
    const st = r.json!.stats;
    assert.equal(st.hitRate, st.hits / (st.hits + st.misses + st.errors), 'the failed unit is not in the rate');
    assert.deepEqual(
      st.uncacheableUnits.map((u: { reason: string }) => u.reason),
      ['compile failed'],
      'the failed unit is counted apart',
    );
    assert.deepEqual(r.json!.artifacts, { elf: '', hex: '' });
  } finally {
    t.cleanup();
  }
});
