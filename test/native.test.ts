import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './helpers/fixtures.ts';
import { fbuild } from './helpers/buildCli.ts';

const NATIVE = join(import.meta.dirname, 'fixtures', 'native');

test('native: a host program with a library builds through the cache, runs, and hits on rebuild', () => {
  const t = tempDir();
  try {
    const cache = join(t.dir, 'cache');
    const a = join(t.dir, 'a');
    cpSync(NATIVE, a, { recursive: true });
    const run = fbuild(['test', a, '-e', 'native', '--cache-dir', cache]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^3 tests passed, 0 failed$/m);

    // Another checkout of the same project: every unit and the link hit, and the program still runs.
    const b = join(t.dir, 'checkout-b');
    cpSync(NATIVE, b, { recursive: true });
    const built = fbuild(['build', b, '--cache-dir', cache, '--json']);
    assert.equal(built.code, 0, built.stderr);
    assert.equal(built.json!.stats.hitRate, 1);
    assert.equal(built.json!.stats.compiles, 3);
    assert.equal(built.json!.artifacts.hex, '');
    assert.equal(built.json!.artifacts.elf, join(b, '.fbuild', 'build', 'native', 'program'));
    const again = fbuild(['test', b, '--cache-dir', cache]);
    assert.equal(again.code, 0, again.stderr + again.stdout);
    assert.match(again.stdout, /3 tests passed/);

    // A failing test fails the command, with the program's own output.
    const ini = join(b, 'platformio.ini');
    writeFileSync(ini, readFileSync(ini, 'utf8').replace('build_flags = -Wall', 'build_flags = -Wall -DBREAK_A_TEST'));
    const failing = fbuild(['test', b, '--cache-dir', cache]);
    assert.equal(failing.code, 1);
    assert.match(failing.stdout, /FAIL: a test that fails/);
    assert.match(failing.stdout, /3 tests passed, 1 failed/);
  } finally {
    t.cleanup();
  }
});

test('fbuild test on a board environment says to use a native one', () => {
  const t = tempDir();
  try {
    const dir = join(t.dir, 'blink');
    cpSync(join(import.meta.dirname, '..', 'examples', 'blink'), dir, { recursive: true, filter: (s) => !s.includes('.fbuild') });
    const r = fbuild(['test', dir, '-e', 'uno']);
    assert.equal(r.code, 2);
    assert.match(r.stderr.trim(), /^fbuild test runs host programs; env 'uno' is not platform = native/);
  } finally {
    t.cleanup();
  }
});
