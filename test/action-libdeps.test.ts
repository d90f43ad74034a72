// The action with lib_deps: the downloaded libraries are an entry of their own, keyed by the env's
// lib_deps as written, so a warm job in another workspace restores them and asks the registry
// nothing at all (counted by the registry emulator).
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { actionJob, jobFor } from './helpers/actionJobs.ts';
import { tempDir } from './helpers/fixtures.ts';
import { GhCacheEmulator } from './helpers/ghCacheEmulator.ts';
import { startRegistry, type RegistryEmulator } from './helpers/registryEmulator.ts';
import { prepareAction } from './helpers/runnerHarness.ts';

let root: string;
let cleanup: () => void;
let emulator: GhCacheEmulator;
let registry: RegistryEmulator;
let action: string;

before(async () => {
  ({ dir: root, cleanup } = tempDir('fbuild-action-libdeps-'));
  action = await prepareAction(join(root, 'action'));
  emulator = await GhCacheEmulator.start();
  registry = await startRegistry();
  registry.publish('alice', 'Greeting', '1.4.0', {
    'library.json': JSON.stringify({ name: 'Greeting', version: '1.4.0' }),
    'src/Greeting.h': '#pragma once\n#include <Arduino.h>\ninline void greet() { Serial.println("hello from Greeting"); }\n',
  });
});

after(async () => {
  await registry.close();
  await emulator.close();
  cleanup();
});

function project(workspace: string): void {
  rmSync(join(workspace, 'src'), { recursive: true, force: true });
  mkdirSync(join(workspace, 'src'));
  writeFileSync(
    join(workspace, 'platformio.ini'),
    '[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\nlib_deps = alice/Greeting@^1.2.0\n',
  );
  writeFileSync(
    join(workspace, 'src', 'sketch.ino'),
    '#include <Greeting.h>\nvoid setup() { Serial.begin(9600); greet(); }\nvoid loop() {}\n',
  );
}

test('a warm job restores the libraries and makes no registry request', async () => {
  const env = { FBUILD_REGISTRY_URL: registry.apiUrl };
  const first = jobFor(root, emulator, { fixture: 'sketch', env });
  project(first.workspace);
  const cold = await actionJob(first, action, { environment: 'uno' });
  assert.equal(cold.conclusion, 'success', cold.log);
  assert.ok(registry.requests.length > 0, 'the cold job downloaded the library');
  const libEntries = emulator.finalized().filter((e) => e.key.startsWith('fbuild-libdeps-uno-'));
  assert.equal(
    libEntries.length,
    1,
    `one libdeps entry: ${emulator
      .finalized()
      .map((e) => e.key)
      .join(', ')}`,
  );
  assert.match(cold.log, /uno libraries saved as fbuild-libdeps-uno-/);

  const before = registry.requests.length;
  const second = jobFor(root, emulator, { fixture: 'sketch', env });
  project(second.workspace);
  const warm = await actionJob(second, action, { environment: 'uno' });
  assert.equal(warm.conclusion, 'success', warm.log);
  assert.equal(registry.requests.length, before, `the warm job asked the registry nothing: ${registry.requests.slice(before).join(', ')}`);
  assert.equal(warm.outputs('fbuild')['hit-rate'], '1');
  assert.match(warm.log, /uno libraries restored from fbuild-libdeps-uno-/);
  assert.doesNotMatch(warm.log, /libraries saved as/, 'an exact restore is not saved again');
  assert.equal(emulator.finalized().filter((e) => e.key.startsWith('fbuild-libdeps-uno-')).length, 1);
});
