import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fbuildAsync } from './helpers/buildCli.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';
import { startChildServer } from './helpers/serverHarness.ts';

/**
 * PLATFORMIO_BUILD_FLAGS and `${sysenv.NAME}` are the client's: a build through the server reads
 * platformio.ini with the variables of the `fbuild build` that asked for it, as an embedded build does
 * (a workflow step's `env:` reaches the action's builds the same way).
 */

const TOKEN = 'project-env-token';

test('a build through the server reads platformio.ini with the client’s PLATFORMIO_* and ${sysenv.*}', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const project = join(tmp.dir, 'proj');
  writeFiles(project, {
    'platformio.ini': '[env:native]\nplatform = native\nbuild_flags = -DWHO=${sysenv.FBUILD_TEST_WHO}\n',
    'src/main.c': '#include <stdio.h>\nint main(void) { printf("%d %d\\n", WHO, GREETING); return 0; }\n',
  });
  // The server's own environment has neither variable.
  const server = await startChildServer({ cacheDir: join(tmp.dir, 'cache'), port: 0, token: TOKEN, allowRoots: [tmp.dir] });
  t.after(server.stop);
  const run = () => execFileSync(join(project, '.fbuild', 'build', 'native', 'program'), { encoding: 'utf8' }).trim();
  const through = { FBUILD_CACHE_URL: server.url, FBUILD_CACHE_TOKEN: TOKEN };

  let r = await fbuildAsync(['build', project, '--json'], {
    env: { ...through, PLATFORMIO_BUILD_FLAGS: '-DGREETING=7', FBUILD_TEST_WHO: '3' },
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(run(), '3 7');

  // Another value is another configuration: the fingerprint does not skip it, the program changes.
  r = await fbuildAsync(['build', project, '--json'], {
    env: { ...through, PLATFORMIO_BUILD_FLAGS: '-DGREETING=8', FBUILD_TEST_WHO: '3' },
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.json!.upToDate ?? false, false);
  assert.equal(run(), '3 8');

  // The embedded build of the same settings agrees, and hits what the server stored.
  r = await fbuildAsync(['build', project, '--json', '--cache-dir', join(tmp.dir, 'cache2')], {
    env: { FBUILD_CACHE_URL: '', PLATFORMIO_BUILD_FLAGS: '-DGREETING=9', FBUILD_TEST_WHO: '4' },
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(run(), '4 9');

  // Without the variable the flag is gone: the compiler says GREETING is undeclared.
  r = await fbuildAsync(['build', project], { env: { ...through, FBUILD_TEST_WHO: '3' } });
  assert.equal(r.code, 1);
  assert.match(r.stdout + r.stderr, /GREETING/);
});
