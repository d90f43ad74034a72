import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { toolchainsDirFor } from '../server/toolchains/resolveAvr.ts';
import { fbuildAsync } from './helpers/buildCli.ts';
import { startMirror, tempDir, writeFiles } from './helpers/fixtures.ts';
import { copyUnoCoreStore } from './helpers/sharedBuilds.ts';

test('the toolchains dir follows --cache-dir unless FBUILD_TOOLCHAINS_DIR says otherwise', () => {
  assert.equal(toolchainsDirFor({ FBUILD_CACHE_DIR: '/env/cache' }, '/flag/cache'), '/flag/cache/toolchains');
  assert.equal(toolchainsDirFor({ FBUILD_CACHE_DIR: '/env/cache' }), '/env/cache/toolchains');
  assert.equal(toolchainsDirFor({ FBUILD_TOOLCHAINS_DIR: '/tc', FBUILD_CACHE_DIR: '/env/cache' }, '/flag/cache'), '/tc');
});

test('fbuild build --cache-dir DIR looks for and installs toolchains in DIR/toolchains', async () => {
  const t = tempDir();
  const mirror = await startMirror();
  try {
    const project = join(t.dir, 'p');
    writeFiles(project, {
      'platformio.ini': '[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\n',
      'src/main.cpp': '#include <Arduino.h>\nvoid setup() {}\nvoid loop() {}\n',
    });
    // The uno core warm (helpers/sharedBuilds.ts): the point is where the toolchains go, not the compiles.
    const flagDir = copyUnoCoreStore(join(t.dir, 'flag-cache'));
    const envDir = join(t.dir, 'env-cache');
    // auto mode: the mirror has nothing, so the install fails, is remembered in the toolchains dir,
    // and the build falls back to the system toolchain.
    const r = await fbuildAsync(['build', project, '--cache-dir', flagDir], {
      env: { FBUILD_TOOLCHAIN: 'auto', FBUILD_PACKAGE_MIRROR: mirror.url('/mirror'), FBUILD_CACHE_DIR: envDir, FBUILD_TOOLCHAINS_DIR: '' },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(mirror.requests.length > 0, 'the install was tried');
    assert.ok(existsSync(join(flagDir, 'toolchains', '.auto-install-failed')), r.stderr);
    assert.ok(!existsSync(join(envDir, 'toolchains')), 'nothing under $FBUILD_CACHE_DIR');
  } finally {
    mirror.close();
    t.cleanup();
  }
});
