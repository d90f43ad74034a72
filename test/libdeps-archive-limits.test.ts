import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fbuildAsync } from './helpers/buildCli.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';
import { startRegistry } from './helpers/registryEmulator.ts';

/**
 * Hostile archives in lib_deps: a small download that unpacks to far more than it weighs, one with
 * too many files, an entry named `../`, a link out of the library and a zip entry written through
 * such a link. Each is refused in one line naming the archive, before or while it is unpacked,
 * nothing lands outside the libdeps dir and no half-installed library stays. A setting raises the cap.
 */
test('lib_deps archives that unpack too much, or outside their folder, are refused in one line naming the archive', async (t) => {
  const registry = await startRegistry();
  const tmp = tempDir();
  t.after(async () => {
    await registry.close();
    tmp.cleanup();
  });
  const stage = (name: string, files: Record<string, string>) => {
    const dir = join(tmp.dir, 'stage', name);
    writeFiles(dir, { 'library.json': JSON.stringify({ name, version: '1.0.0' }), [`src/${name}.h`]: '#pragma once\n', ...files });
    return dir;
  };
  const tarGz = (dir: string, extra: string[] = []) => {
    const out = join(tmp.dir, `${Math.random().toString(36).slice(2)}.tar.gz`);
    execFileSync('tar', ['-czf', out, ...extra, '-C', dir, '.']);
    return readFileSync(out);
  };

  // 64 MiB of zeros: about 64 KiB to download.
  const bombDir = stage('Bomb', {});
  execFileSync('dd', ['if=/dev/zero', `of=${join(bombDir, 'src/table.bin')}`, 'bs=1M', 'count=64', 'status=none']);
  const bomb = registry.serveBytes('Bomb.tar.gz', tarGz(bombDir));
  const many = registry.serveBytes(
    'Many.tar.gz',
    tarGz(stage('Many', Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`src/part${i}.h`, '#pragma once\n'])))),
  );
  const climbDir = stage('Climb', {});
  const climb = registry.serveBytes('Climb.tar.gz', tarGz(climbDir, ['-P', '--transform', 's,^\\./src,../../../escaped,']));
  const linkDir = stage('LinkOut', {});
  symlinkSync(join(tmp.dir, 'outside'), join(linkDir, 'src/outside'));
  const linkOut = registry.serveBytes('LinkOut.tar.gz', tarGz(linkDir));
  // A zip whose symlink `out` points outside, then a file `out/pwned.h` written through it.
  const zipOne = join(tmp.dir, 'stage/zip1');
  const zipTwo = join(tmp.dir, 'stage/zip2/out');
  mkdirSync(zipOne, { recursive: true });
  mkdirSync(zipTwo, { recursive: true });
  symlinkSync(join(tmp.dir, 'outside'), join(zipOne, 'out'));
  writeFileSync(join(zipTwo, 'pwned.h'), '#pragma once\n');
  const zipFile = join(tmp.dir, 'through.zip');
  execFileSync('zip', ['-q', '--symlinks', zipFile, 'out'], { cwd: zipOne });
  execFileSync('zip', ['-q', zipFile, 'out/pwned.h'], { cwd: join(zipTwo, '..') });
  const through = registry.serveBytes('Through.zip', readFileSync(zipFile));
  mkdirSync(join(tmp.dir, 'outside'));

  const build = async (name: string, url: string, env: Record<string, string> = {}) => {
    const dir = join(tmp.dir, 'projects', name);
    writeFiles(dir, {
      'platformio.ini': `[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\nlib_deps = ${url}\n`,
      'src/main.cpp': '#include <Arduino.h>\nvoid setup() {}\nvoid loop() {}\n',
    });
    const r = await fbuildAsync(['build', dir, '--cache-dir', join(tmp.dir, 'cache')], {
      env: { FBUILD_REGISTRY_URL: registry.apiUrl, ...env },
    });
    return { ...r, dir };
  };
  const refused = async (name: string, url: string, why: RegExp, env: Record<string, string> = {}) => {
    const r = await build(name, url, env);
    assert.equal(r.code, 2, r.stderr);
    const lines = r.stderr.split('\n').filter((l) => l && !l.startsWith('fbuild: notice'));
    assert.equal(lines.length, 1, r.stderr);
    assert.ok(lines[0]!.startsWith(`lib_deps: ${url}: cannot install from ${url}: `), lines[0]);
    assert.match(lines[0]!, why);
    const libdeps = join(r.dir, '.pio/libdeps/uno');
    assert.deepEqual(existsSync(libdeps) ? readdirSync(libdeps) : [], [], 'nothing half-installed');
  };

  await refused('bomb', bomb, /unpacks to more than 16 MiB \(FBUILD_MAX_UNPACK_SIZE\); raise FBUILD_MAX_UNPACK_SIZE/, {
    FBUILD_MAX_UNPACK_SIZE: '16M',
  });
  await refused('many', many, /holds more than 20 files \(FBUILD_MAX_UNPACK_FILES\)/, { FBUILD_MAX_UNPACK_FILES: '20' });
  await refused('climb', climb, /its entry "\.\.\/\.\.\/\.\.\/escaped[^"]*" would be written outside the library's folder/);
  await refused('link', linkOut, /its link "\.\/src\/outside" points outside the library's folder/);
  await refused('zip', through, /its entry "out\/pwned\.h" would be written through the link out/);
  assert.deepEqual(readdirSync(join(tmp.dir, 'outside')), [], 'nothing was written outside');
  assert.ok(!existsSync(join(tmp.dir, 'escaped')));

  // The same archive within a raised cap installs.
  const ok = await build('bomb-allowed', bomb, { FBUILD_MAX_UNPACK_SIZE: '100M' });
  assert.equal(ok.code, 0, ok.stderr);
  assert.ok(existsSync(join(ok.dir, '.pio/libdeps/uno/Bomb/src/table.bin')));
  const bad = await build('bad-setting', bomb, { FBUILD_MAX_UNPACK_SIZE: 'lots' });
  assert.equal(bad.code, 2, bad.stderr);
  assert.match(bad.stderr, /FBUILD_MAX_UNPACK_SIZE=lots is not a size; write it like 1G or 800M/);
});
