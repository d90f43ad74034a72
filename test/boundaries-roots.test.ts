// The server writes and deletes only inside its roots (--allow-root), symlinks resolved. A project
// whose lib_deps dir leads outside (by `libdeps_dir`, or a symlinked `.pio`) and was installed
// before (its integrity.dat lists a library no longer in lib_deps) would make the server uninstall,
// that is delete, the library folder out there. The request is refused with a 403 naming the path,
// through the HTTP route and through `fbuild build` against the server; the folder stays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fbuildAsync } from './helpers/buildCli.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';
import { jsonOf, send, startChildServer } from './helpers/serverHarness.ts';

const TOKEN = 'boundaries-roots-token';

/** An installed library in `<libdeps>/uno/Victim`, recorded in integrity.dat as installed from `Victim`. */
function installedVictim(libdeps: string): string {
  const dir = join(libdeps, 'uno', 'Victim');
  writeFiles(dir, {
    '.piopm': JSON.stringify({
      type: 'library',
      name: 'Victim',
      version: '1.0.0',
      spec: { owner: null, id: null, name: 'Victim', requirements: null, uri: null },
    }),
    'library.json': JSON.stringify({ name: 'Victim', version: '1.0.0' }),
    'src/Victim.h': '#pragma once\n',
  });
  writeFiles(join(libdeps, 'uno'), { 'integrity.dat': 'Victim' });
  return dir;
}

/** A uno project with no lib_deps (so the recorded `Victim` counts as removed from them). */
function project(dir: string, platformio = ''): string {
  writeFiles(dir, {
    'platformio.ini': `${platformio}[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\n`,
    'src/main.cpp': '#include <Arduino.h>\nvoid setup() {}\nvoid loop() {}\n',
  });
  return dir;
}

test('a build whose lib_deps dir leads outside the allowed roots is refused (403 naming it); nothing out there is deleted', async (t) => {
  const tmp = tempDir('fbuild-roots-');
  t.after(tmp.cleanup);
  const roots = join(tmp.dir, 'projects');
  const outside = join(tmp.dir, 'outside');
  mkdirSync(roots);

  // By `libdeps_dir` written in platformio.ini.
  const victimA = installedVictim(join(outside, 'a', 'libdeps'));
  const byOption = project(join(roots, 'by-option'), `[platformio]\nlibdeps_dir = ${join(outside, 'a', 'libdeps')}\n\n`);
  // By a symlink: the default `.pio/libdeps`, with `.pio` pointing out.
  const victimB = installedVictim(join(outside, 'b', '.pio', 'libdeps'));
  const bySymlink = project(join(roots, 'by-symlink'));
  symlinkSync(join(outside, 'b', '.pio'), join(bySymlink, '.pio'));

  const server = await startChildServer({ cacheDir: join(tmp.dir, 'cache'), port: 0, token: TOKEN, allowRoots: [roots] });
  t.after(() => server.stop());

  for (const [projectDir, victim, libdeps] of [
    [byOption, victimA, join(outside, 'a', 'libdeps', 'uno')],
    [bySymlink, victimB, join(outside, 'b', '.pio', 'libdeps', 'uno')],
  ] as const) {
    const answer = await send(server.url, '/v1/build', {
      token: TOKEN,
      body: JSON.stringify({ projectDir, environment: 'uno' }),
      contentType: 'application/json',
    });
    assert.equal(answer.status, 403, answer.body.toString());
    const error = (jsonOf(answer) as { error: string }).error;
    assert.ok(error.includes(libdeps), `the refusal names where it would delete: ${error}`);
    assert.ok(existsSync(join(victim, '.piopm')), `${victim} is still there`);

    const cli = await fbuildAsync(['build', projectDir, '-e', 'uno'], { env: { FBUILD_CACHE_URL: server.url, FBUILD_CACHE_TOKEN: TOKEN } });
    assert.notEqual(cli.code, 0, cli.stdout);
    assert.ok(cli.stderr.includes(libdeps) && /outside the allowed roots/.test(cli.stderr), cli.stderr);
    assert.ok(existsSync(join(victim, '.piopm')), `${victim} is still there after fbuild build`);
  }
});

test('a symlink inside the build dir that points out stops the build before any object is written there', async (t) => {
  const tmp = tempDir('fbuild-roots-');
  t.after(tmp.cleanup);
  const roots = join(tmp.dir, 'projects');
  const outside = join(tmp.dir, 'outside', 'objects');
  mkdirSync(outside, { recursive: true });
  const dir = project(join(roots, 'linked-src'));
  // The build dir itself is inside the roots; the place its project objects go is a link out.
  mkdirSync(join(dir, '.fbuild', 'build', 'uno'), { recursive: true });
  symlinkSync(outside, join(dir, '.fbuild', 'build', 'uno', 'src'));

  const server = await startChildServer({ cacheDir: join(tmp.dir, 'cache'), port: 0, token: TOKEN, allowRoots: [roots] });
  t.after(() => server.stop());
  const cli = await fbuildAsync(['build', dir, '-e', 'uno'], { env: { FBUILD_CACHE_URL: server.url, FBUILD_CACHE_TOKEN: TOKEN } });
  assert.notEqual(cli.code, 0, cli.stdout);
  assert.match(cli.stderr, /through a symlink in its build dir/);
  assert.ok(cli.stderr.includes(outside), `the line names where it leads: ${cli.stderr}`);
  assert.deepEqual(readdirSync(outside), [], 'nothing was written out there');
});
