import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fbuildAsync } from './helpers/buildCli.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';
import { makeGitRepo, startRegistry, type RegistryEmulator } from './helpers/registryEmulator.ts';
import { simulateHex } from './helpers/simulate.ts';
import { copyUnoCoreStore } from './helpers/sharedBuilds.ts';

/**
 * The issue's acceptance project, built by the real CLI against the registry emulator: a registry
 * spec with a range, a name-only spec found by search, a transitive dependency, a git tag and an
 * archive URL. It runs in the simulator; a second build, and a build in another checkout with the
 * libdeps dir restored (as the action's cache restores it), make no request.
 */

/** A library whose one function prints its name and version (and calls `calls`, its dependencies). */
function library(name: string, version: string, manifest: Record<string, string>, calls: string[] = []): Record<string, string> {
  const fn = `describe${name}`;
  return {
    ...manifest,
    [`src/${name}.h`]: `#pragma once\n#include <Arduino.h>\nvoid ${fn}(Print &out);\n`,
    [`src/${name}.cpp`]:
      `#include "${name}.h"\n${calls.map((c) => `#include <${c}.h>\n`).join('')}` +
      `void ${fn}(Print &out) { out.print("${name} ${version};"); ${calls.map((c) => `describe${c}(out);`).join(' ')} }\n`,
  };
}

const json = (o: object) => ({ 'library.json': JSON.stringify(o) });

async function publishAll(registry: RegistryEmulator, dir: string) {
  for (const v of ['1.1.0', '1.2.3', '1.3.0', '2.0.0']) {
    registry.publish(
      'alice',
      'Blinker',
      v,
      library('Blinker', v, json({ name: 'Blinker', version: v, dependencies: { 'bob/Counter': '^1.0.0' } }), ['Counter']),
    );
  }
  registry.publish(
    'bob',
    'Counter',
    '1.0.4',
    library('Counter', '1.0.4', { 'library.properties': 'name=Counter\nversion=1.0.4\narchitectures=avr\n' }),
    { format: 'zip', topDir: true },
  );
  registry.publish('carol', 'Formatter', '0.3.1', library('Formatter', '0.3.1', json({ name: 'Formatter', version: '0.3.1' })), {
    format: 'tar.bz2',
  });
  const git = makeGitRepo(dir, 'Chime', library('Chime', '1.0.0', json({ name: 'Chime', version: '1.0.0' })), ['v1.0.0']);
  const archive = registry.serveArchive(
    'Sparkle.tar.gz',
    library('Sparkle', '0.5.0', { 'library.properties': 'name=Sparkle\nversion=0.5.0\n' }),
  );
  return { gitSpec: `git+file://${git.path}#v1.0.0`, archive, revision: git.commit.slice(0, 7) };
}

test('registry, search, transitive, git and archive lib_deps build and run; a second build and a restored checkout make no request', async (t) => {
  const registry = await startRegistry();
  const tmp = tempDir();
  t.after(async () => {
    await registry.close();
    tmp.cleanup();
  });
  const { gitSpec, archive, revision } = await publishAll(registry, tmp.dir);
  const dir = join(tmp.dir, 'project');
  writeFiles(dir, {
    'platformio.ini': `[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\nlib_deps =\n  alice/Blinker@^1.2.0\n  Formatter\n  ${gitSpec}\n  ${archive}\n`,
    'src/main.cpp':
      '#include <Arduino.h>\n#include <Blinker.h>\n#include <Formatter.h>\n#include <Chime.h>\n#include <Sparkle.h>\n' +
      'void setup() { Serial.begin(9600); describeBlinker(Serial); describeFormatter(Serial); describeChime(Serial); describeSparkle(Serial); Serial.println(); }\n' +
      'void loop() {}\n',
  });
  // The uno core from the shared warm store (sharedBuilds.ts): the libraries are the point.
  const cacheDir = copyUnoCoreStore(join(tmp.dir, 'cache'));
  const env = { FBUILD_REGISTRY_URL: registry.apiUrl };

  const first = await fbuildAsync(['build', dir, '-e', 'uno', '--cache-dir', cacheDir, '--json'], { env });
  assert.equal(first.code, 0, first.stderr);
  const expected = [
    { name: 'Blinker', version: '1.3.0', source: 'registry:alice/Blinker' },
    { name: 'Counter', version: '1.0.4', source: 'registry:bob/Counter' },
    { name: 'Formatter', version: '0.3.1', source: 'registry:carol/Formatter' },
    { name: 'Chime', version: `1.0.0+sha.${revision}`, source: gitSpec },
    { name: 'Sparkle', version: '0.5.0', source: archive },
  ];
  assert.deepEqual(first.json?.libraries, expected);
  const hex = readFileSync(first.json!.artifacts.hex, 'utf8');
  assert.equal(
    simulateHex(hex, { stopWhen: (r) => r.serial.includes('\n') }).serial,
    'Blinker 1.3.0;Counter 1.0.4;Formatter 0.3.1;Chime 1.0.0;Sparkle 0.5.0;\r\n',
  );

  const requests = registry.requests.length;
  const second = await fbuildAsync(['build', dir, '-e', 'uno', '--cache-dir', cacheDir, '--json'], { env });
  assert.equal(second.code, 0, second.stderr);
  assert.equal(second.json?.upToDate, true);
  assert.deepEqual(second.json?.libraries, expected);
  assert.equal(registry.requests.length, requests, 'the second build makes no request');

  const human = await fbuildAsync(['build', dir, '-e', 'uno', '--cache-dir', cacheDir, '--force'], { env });
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /^ {2}library Blinker 1\.3\.0 \(registry:alice\/Blinker\)$/m, 'the summary lists each library');

  const resolved = await fbuildAsync(['libs', 'resolve', dir, '-e', 'uno', '--json'], { env: { ...env, FBUILD_TOOLCHAIN: 'system' } });
  assert.equal(resolved.code, 0, resolved.stderr);
  assert.deepEqual(resolved.json, { environment: 'uno', libraries: expected });
  assert.equal(registry.requests.length, requests, '`fbuild libs resolve` with everything installed makes no request');

  // Another checkout whose .pio/libdeps came from a cache: no request, every unit a hit, even offline.
  const other = join(tmp.dir, 'other');
  cpSync(dir, other, { recursive: true, filter: (p) => !p.includes('.fbuild') });
  const restored = await fbuildAsync(['build', other, '-e', 'uno', '--cache-dir', cacheDir, '--json', '--offline'], { env });
  assert.equal(restored.code, 0, restored.stderr);
  assert.equal(restored.json?.stats.misses, 0, JSON.stringify(restored.json?.stats));
  assert.equal(registry.requests.length, requests, 'a restored checkout makes no request');
});

test('--offline with nothing installed fails in one line naming the spec and leaves nothing behind', async (t) => {
  const registry = await startRegistry();
  const tmp = tempDir();
  t.after(async () => {
    await registry.close();
    tmp.cleanup();
  });
  await publishAll(registry, tmp.dir);
  const dir = join(tmp.dir, 'project');
  writeFiles(dir, {
    'platformio.ini': '[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\nlib_deps = alice/Blinker@^1.2.0\n',
    'src/main.cpp': '#include <Arduino.h>\n#include <Blinker.h>\nvoid setup() {}\nvoid loop() {}\n',
  });
  const r = await fbuildAsync(['build', dir, '-e', 'uno', '--cache-dir', join(tmp.dir, 'cache')], {
    env: { FBUILD_REGISTRY_URL: registry.apiUrl, FBUILD_OFFLINE: '1' },
  });
  assert.equal(r.code, 2);
  assert.equal(
    r.stderr.trim(),
    'lib_deps: alice/Blinker@^1.2.0 is not installed; downloads are off (--offline or FBUILD_OFFLINE=1): build once online or restore .pio/libdeps/uno',
  );
  assert.equal(registry.requests.length, 0);
  assert.equal(existsSync(join(dir, '.pio')), false);

  // Online, a library the registry does not have: one line naming the spec and the registry.
  writeFiles(dir, {
    'platformio.ini': '[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\nlib_deps = dave/Missing@^1.0.0\n',
  });
  const missing = await fbuildAsync(['build', dir, '-e', 'uno', '--cache-dir', join(tmp.dir, 'cache')], {
    env: { FBUILD_REGISTRY_URL: registry.apiUrl },
  });
  assert.equal(missing.code, 2);
  assert.match(
    missing.stderr.trim(),
    /^lib_deps: dave\/Missing@\^1\.0\.0: the registry http:\/\/127\.0\.0\.1:\d+ has no library dave\/Missing with a version inside \^1\.0\.0 for \w+; check the name and the version$/,
  );
  assert.deepEqual(existsSync(join(dir, '.pio')) ? readdirSync(join(dir, '.pio')) : [], []);
});
