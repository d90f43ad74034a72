import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { embeddedBackend } from '../server/engine/buildSession.ts';
import { CacheService } from '../server/cache/cacheService.ts';
import { build, type BuildOptions, type BuildResult } from '../server/engine/orchestrator.ts';
import { simulateHex } from './helpers/simulate.ts';
import { tempDir } from './helpers/fixtures.ts';
import { sleep } from './helpers/serverHarness.ts';
import { copyUnoCoreStore } from './helpers/sharedBuilds.ts';

/**
 * The whole-build fingerprint must not call a build "up to date" when a source changed behind its
 * size and mtime (issue 10, defect 5): `touch -r`, git checkout, rsync and some editors restore the
 * mtime of a file whose content changed.
 */

const SKETCH = join(import.meta.dirname, 'fixtures', 'sketch');

async function buildIn(cacheDir: string, projectDir: string, extra: Partial<BuildOptions> = {}): Promise<BuildResult> {
  const svc = await CacheService.start({ cacheDir });
  try {
    return await build({ projectDir, backend: embeddedBackend(svc), env: { ...process.env, FBUILD_TOOLCHAIN: 'system' }, ...extra });
  } finally {
    await svc.shutdown();
  }
}

/** Rewrites a file with the same number of bytes and puts its old mtime back, with `touch -r` as a user would. */
function editKeepingSizeAndMtime(file: string, from: string, to: string): void {
  assert.equal(from.length, to.length);
  const before = statSync(file);
  const reference = `${file}.times`;
  assert.equal(spawnSync('touch', ['-r', file, reference]).status, 0);
  const text = readFileSync(file, 'utf8');
  assert.ok(text.includes(from));
  writeFileSync(file, text.replace(from, to));
  assert.equal(spawnSync('touch', ['-r', reference, file]).status, 0);
  rmSync(reference);
  const after = statSync(file);
  assert.equal(after.size, before.size);
  assert.equal(after.mtimeMs, before.mtimeMs);
}

function project(root: string): { dir: string; ino: string; cacheDir: string } {
  const dir = join(root, 'p');
  cpSync(SKETCH, dir, { recursive: true, filter: (src) => !src.includes('.fbuild') });
  return { dir, ino: join(dir, 'src', 'report.ino'), cacheDir: join(root, 'cache') };
}

const hexOf = (dir: string, r: BuildResult) => readFileSync(join(dir, r.artifacts.hex), 'utf8');

test('a same-size edit with its mtime restored is rebuilt, into the new firmware', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const { dir, ino, cacheDir } = project(tmp.dir);
  copyUnoCoreStore(cacheDir); // a warm start (helpers/sharedBuilds.ts): the first build is only setup
  // Past the racy window, so that the stat data alone would vouch for the files.
  await sleep(2100);
  const first = await buildIn(cacheDir, dir);
  assert.match(simulateHex(hexOf(dir, first)).serial, /value 1\r\n/);
  assert.equal((await buildIn(cacheDir, dir)).upToDate, true, 'nothing changed yet');

  editKeepingSizeAndMtime(ino, 'value ', 'VALUE ');
  const edited = await buildIn(cacheDir, dir);
  assert.equal(edited.upToDate, false, 'the edit was seen');
  assert.match(simulateHex(hexOf(dir, edited)).serial, /VALUE 1\r\n/);
  assert.equal((await buildIn(cacheDir, dir)).upToDate, true, 'and then it is up to date again');
});

test('a source edited while the build runs is not recorded as built: the next build rebuilds it', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const { dir, ino, cacheDir } = project(tmp.dir);
  let edited = false;
  const during = await buildIn(cacheDir, dir, {
    // After the first unit compiled, the sketch was already read: the build makes the old firmware.
    onEvent: (e) => {
      if (e.type === 'unit' && !edited) {
        edited = true;
        editKeepingSizeAndMtime(ino, 'value ', 'VALUE ');
      }
    },
  });
  assert.ok(edited);
  assert.match(simulateHex(hexOf(dir, during)).serial, /value 1\r\n/);

  const next = await buildIn(cacheDir, dir);
  assert.equal(next.upToDate, false, 'the build after it is not skipped');
  assert.match(simulateHex(hexOf(dir, next)).serial, /VALUE 1\r\n/);
});
