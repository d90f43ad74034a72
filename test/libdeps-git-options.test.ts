import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fbuild } from './helpers/buildCli.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';

/**
 * A lib_deps URL or ref is the project's text: git must never read it as an option. `--upload-pack`
 * names a command git runs, so `X=git+--upload-pack=...` would run code before any build.
 */
function project(root: string, libDep: string): string {
  const dir = join(root, 'p');
  writeFiles(dir, {
    'platformio.ini': `[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\nlib_deps = ${libDep}\n`,
    'src/main.cpp': '#include <Arduino.h>\nvoid setup() {}\nvoid loop() {}\n',
  });
  return dir;
}

test('a lib_deps git URL or ref that git would read as an option is refused in one line, and nothing runs', (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const marker = join(tmp.dir, 'pwned');
  const script = join(tmp.dir, 'upload-pack.sh');
  writeFiles(tmp.dir, { 'upload-pack.sh': `#!/bin/sh\ntouch ${marker}\nexit 1\n` });
  const cases = [`Evil=git+--upload-pack=sh ${script}`, `Evil=git+https://127.0.0.1:9/evil.git#--upload-pack=sh ${script}`];
  for (const [k, spec] of cases.entries()) {
    const dir = project(join(tmp.dir, String(k)), spec);
    const r = fbuild(['build', dir, '--cache-dir', join(tmp.dir, 'cache')]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(existsSync(marker), false, `git ran the project's command for ${spec}`);
    const lines = r.stderr.split('\n').filter((l) => l.includes('lib_deps'));
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, /starts with '-', which git would read as an option/);
    assert.ok(!r.stderr.includes('    at '), r.stderr);
  }
});
