import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProgressEvent } from '../server/protocol/wire.ts';
import { installLibDeps } from '../server/project/libdeps/installLibDeps.ts';
import { libDepsCacheKey } from '../server/project/libdeps/cacheKey.ts';
import { piopmText } from '../server/project/libdeps/piopm.ts';
import { pickBestVersion, systemType } from '../server/project/libdeps/registryClient.ts';
import { readProjectConfig } from '../server/project/platformioIni.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';
import { makeGitRepo, startRegistry, type RegistryEmulator } from './helpers/registryEmulator.ts';

/**
 * lib_deps installed into `.pio/libdeps/<env>` as PlatformIO installs them, against the registry
 * emulator on 127.0.0.1: the chosen versions, the layout and `.piopm`, no request the second time,
 * and each failure in one line with nothing left behind. (The full build in the simulator is in
 * libdeps-build.test.ts.)
 */

const FAST = { retries: 2, backoffMs: 10, stallTimeoutMs: 2000 };

function project(dir: string, libDeps: string[], extra = ''): void {
  writeFiles(dir, {
    'platformio.ini': `[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\nlib_deps =\n${libDeps.map((d) => `  ${d}\n`).join('')}${extra}`,
    'src/main.cpp': 'int main() { return 0; }\n',
  });
}

async function install(dir: string, registry: RegistryEmulator, more: { offline?: boolean; frameworkLibrariesDir?: string } = {}) {
  const config = readProjectConfig(dir, {});
  const events: ProgressEvent[] = [];
  const libraries = await installLibDeps({
    projectDir: dir,
    dirs: config.dirs,
    env: config.env('uno'),
    registry: { apiUrl: registry.apiUrl, ...FAST },
    ...FAST,
    ...more,
    onEvent: (e) => events.push(e),
  });
  return { libraries, events };
}

const header = (name: string, version: string) => ({
  [`src/${name}.h`]: `#pragma once\n#define ${name.toUpperCase()}_VERSION "${version}"\n`,
  [`src/${name}.cpp`]: `#include "${name}.h"\n`,
});

function publishBlinker(registry: RegistryEmulator): void {
  for (const v of ['1.1.0', '1.2.3', '1.3.0', '2.0.0']) {
    registry.publish('alice', 'Blinker', v, {
      'library.json': JSON.stringify({ name: 'Blinker', version: v, dependencies: { 'bob/Counter': '^1.0.0', Wire: '*' } }),
      ...header('Blinker', v),
    });
  }
  registry.publish(
    'bob',
    'Counter',
    '1.0.4',
    { 'library.properties': 'name=Counter\nversion=1.0.4\narchitectures=*\n', ...header('Counter', '1.0.4') },
    { format: 'zip', topDir: true },
  );
  registry.publish(
    'carol',
    'Formatter',
    '0.3.1',
    { 'library.json': '{"name": "Formatter", "version": "0.3.1"}', ...header('Formatter', '0.3.1') },
    { format: 'tar.xz' },
  );
}

test('the best version inside the requirement with a file for this system, as PlatformIO picks it', () => {
  const f = (system?: string[]) => [{ download_url: 'http://x.invalid/f', ...(system ? { system } : {}) }];
  const versions = [
    { name: '1.1.0', files: f() },
    { name: '1.2.3', files: f() },
    { name: '1.3.0', files: f(['windows_amd64']) },
    { name: '1.2.9', files: f(['*']) },
    { name: '2.0.0', files: f() },
  ];
  assert.equal(pickBestVersion(versions, '^1.2.0', 'linux_x86_64')?.name, '1.2.9', '1.3.0 has no file for linux');
  assert.equal(pickBestVersion(versions, '^1.2.0', 'windows_amd64')?.name, '1.3.0');
  assert.equal(pickBestVersion(versions, undefined, 'linux_x86_64')?.name, '2.0.0');
  assert.equal(pickBestVersion(versions, '~1.1', 'linux_x86_64')?.name, '1.1.0');
  assert.equal(pickBestVersion(versions, '>3', 'linux_x86_64'), undefined);
  assert.equal(systemType('linux', 'x64', {}), 'linux_x86_64');
  assert.equal(systemType('darwin', 'arm64', {}), 'darwin_arm64');
  assert.equal(systemType('win32', 'x64', {}), 'windows_amd64');
});

test('registry, search, transitive, git tag and archive specs install as PlatformIO lays them out; a second run makes no request', async (t) => {
  const registry = await startRegistry();
  const tmp = tempDir();
  t.after(async () => {
    await registry.close();
    tmp.cleanup();
  });
  publishBlinker(registry);
  const git = makeGitRepo(tmp.dir, 'Chime', { 'library.json': '{"name": "Chime", "version": "1.0.0"}', ...header('Chime', '1.0.0') }, [
    'v1.0.0',
  ]);
  const archiveUrl = registry.serveArchive('Sparkle.tar.gz', {
    'library.properties': 'name=Sparkle\nversion=0.5.0\n',
    ...header('Sparkle', '0.5.0'),
  });
  // A framework that ships Wire: Blinker's dependency on it is not downloaded.
  writeFiles(tmp.dir, { 'framework/Wire/library.properties': 'name=Wire\nversion=1.0\n', 'framework/Wire/src/Wire.h': '' });
  const dir = join(tmp.dir, 'p');
  const gitSpec = `git+file://${git.path}#v1.0.0`;
  project(dir, ['alice/Blinker@^1.2.0', 'Formatter', gitSpec, archiveUrl]);

  const { libraries, events } = await install(dir, registry, { frameworkLibrariesDir: join(tmp.dir, 'framework') });
  const libdeps = join(dir, '.pio', 'libdeps', 'uno');
  assert.deepEqual(readdirSync(libdeps).sort(), ['Blinker', 'Chime', 'Counter', 'Formatter', 'Sparkle', 'integrity.dat']);
  assert.match(readFileSync(join(libdeps, 'Blinker', 'src', 'Blinker.h'), 'utf8'), /"1\.3\.0"/, '1.3.0 is the highest inside ^1.2.0');
  assert.deepEqual(
    libraries.map((l) => [l.name, l.version, l.source]),
    [
      ['Blinker', '1.3.0', 'registry:alice/Blinker'],
      ['Counter', '1.0.4', 'registry:bob/Counter'],
      ['Formatter', '0.3.1', 'registry:carol/Formatter'],
      ['Chime', `1.0.0+sha.${git.commit.slice(0, 7)}`, gitSpec],
      ['Sparkle', '0.5.0', archiveUrl],
    ],
  );
  assert.equal(events.filter((e) => e.type === 'library' && e.action === 'installed').length, 5);
  assert.ok(
    registry.requests.some((r) => r.startsWith('GET /v3/search?query=') && decodeURIComponent(r).includes('name:"formatter"')),
    'the name-only spec was searched',
  );
  assert.ok(
    registry.requests.some((r) => r.startsWith('HEAD /download/alice/Blinker/1.3.0/')),
    'the download went through the HEAD redirect',
  );
  assert.ok(!registry.requests.some((r) => /wire/i.test(r)), 'Wire comes with the framework');
  assert.equal(readFileSync(join(libdeps, 'integrity.dat'), 'utf8'), ['alice/Blinker@^1.2.0', 'Formatter', gitSpec, archiveUrl].join('\n'));
  assert.ok(existsSync(join(libdeps, 'Chime', '.git', '.piopm')), 'a git checkout keeps .git, with .piopm inside');

  const before = registry.requests.length;
  const again = await install(dir, registry, { frameworkLibrariesDir: join(tmp.dir, 'framework') });
  assert.equal(registry.requests.length, before, 'no request when everything is installed');
  assert.deepEqual(again.libraries, libraries);
  const offline = await install(dir, registry, { offline: true, frameworkLibrariesDir: join(tmp.dir, 'framework') });
  assert.deepEqual(offline.libraries, libraries, 'offline with everything installed is fine');
});

test(".piopm files match PlatformIO's format byte for byte (golden)", async (t) => {
  const registry = await startRegistry();
  const tmp = tempDir();
  t.after(async () => {
    await registry.close();
    tmp.cleanup();
  });
  publishBlinker(registry);
  const archiveUrl = registry.serveArchive('Sparkle.tar.gz', {
    'library.properties': 'name=Sparkle\nversion=0.5.0\n',
    ...header('Sparkle', '0.5.0'),
  });
  const dir = join(tmp.dir, 'p');
  project(dir, ['alice/Blinker@~1.2', `Glitter=${archiveUrl}@0.5.0`]);
  await install(dir, registry);
  const libdeps = join(dir, '.pio', 'libdeps', 'uno');
  // What PlatformIO 6.1.18 writes (PackageMetadata.dump: json.dump of as_dict()): the registry spec
  // carries owner, id and name only; a URL spec is recorded as it was parsed.
  assert.equal(
    readFileSync(join(libdeps, 'Blinker', '.piopm'), 'utf8'),
    '{"type": "library", "name": "Blinker", "version": "1.2.3", "spec": {"owner": "alice", "id": 1000, "name": "Blinker", "requirements": null, "uri": null}}',
  );
  assert.equal(
    readFileSync(join(libdeps, 'Glitter', '.piopm'), 'utf8'),
    `{"type": "library", "name": "Glitter", "version": "0.5.0", "spec": {"owner": null, "id": null, "name": "Glitter", "requirements": "0.5.0", "uri": "${archiveUrl}"}}`,
  );
  assert.equal(
    piopmText({ type: 'library', name: 'Café Lib', version: '1.0.0', spec: null }),
    '{"type": "library", "name": "Caf\\u00e9 Lib", "version": "1.0.0", "spec": null}',
    'non-ASCII is escaped as Python does',
  );
});

test('a wrong checksum, a truncated body, 500 then success, a 404 and --offline: one line each, nothing left behind', async (t) => {
  const registry = await startRegistry();
  const tmp = tempDir();
  t.after(async () => {
    await registry.close();
    tmp.cleanup();
  });
  publishBlinker(registry);
  const cases: { name: string; spec: string; arrange?: () => void; offline?: boolean; message?: RegExp }[] = [
    {
      name: 'checksum',
      spec: 'carol/Formatter',
      arrange: () => registry.fault({ method: 'HEAD', path: '/download/carol/', wrongChecksum: true, times: 1 }),
      message:
        /^lib_deps: carol\/Formatter: cannot install from http:\/\/127\.0\.0\.1:\d+\/files\/\S+: checksum mismatch: expected SHA-256 f{64}, got [0-9a-f]{64}; the file is not the one the registry published$/,
    },
    {
      name: 'truncated',
      spec: 'carol/Formatter',
      arrange: () => registry.fault({ method: 'GET', path: '/files/carol-', truncate: true, times: 3 }),
      message:
        /^lib_deps: carol\/Formatter: cannot install from http:\/\/127\.0\.0\.1:\d+\/files\/\S+: truncated download: \d+ of \d+ bytes \(after 3 attempts\)$/,
    },
    {
      name: '404',
      spec: 'dave/Nothing@^1.0.0',
      message:
        /^lib_deps: dave\/Nothing@\^1\.0\.0: the registry http:\/\/127\.0\.0\.1:\d+ has no library dave\/Nothing with a version inside \^1\.0\.0 for \w+; check the name and the version$/,
    },
    {
      name: 'no version',
      spec: 'alice/Blinker@^3',
      message: /^lib_deps: alice\/Blinker@\^3: the registry \S+ has no library alice\/Blinker with a version inside \^3/,
    },
    {
      name: 'offline',
      spec: 'alice/Blinker@^1.2.0',
      offline: true,
      message:
        /^lib_deps: alice\/Blinker@\^1\.2\.0 is not installed; downloads are off \(--offline or FBUILD_OFFLINE=1\): build once online or restore \.pio\/libdeps\/uno$/,
    },
  ];
  for (const c of cases) {
    const dir = join(tmp.dir, c.name);
    project(dir, [c.spec]);
    c.arrange?.();
    const before = registry.requests.length;
    await assert.rejects(install(dir, registry, { ...(c.offline ? { offline: true } : {}) }), (e: Error) => {
      assert.match(e.message, c.message!, c.name);
      assert.doesNotMatch(e.message, /\n/);
      return true;
    });
    assert.equal(existsSync(join(dir, '.pio')), false, `${c.name}: nothing left behind`);
    if (c.offline) assert.equal(registry.requests.length, before, 'offline: no request at all');
  }

  // A dead registry (nothing listens): retried, then one line naming the spec and the registry.
  const dead = join(tmp.dir, 'dead');
  project(dead, ['carol/Formatter']);
  await assert.rejects(install(dead, { ...registry, apiUrl: 'http://127.0.0.1:9' }), (e: Error) => {
    assert.match(
      e.message,
      /^lib_deps: carol\/Formatter: cannot ask the registry http:\/\/127\.0\.0\.1:9: could not reach 127\.0\.0\.1:9 \(.*\) \(after 3 attempts\)$/,
    );
    return true;
  });
  assert.equal(existsSync(join(dead, '.pio')), false, 'dead registry: nothing left behind');

  // A 500 on the API and on the download, once each: retried, then installed.
  const dir = join(tmp.dir, 'retried');
  project(dir, ['carol/Formatter']);
  registry.fault({ method: 'GET', path: '/v3/packages/carol/', status: 500, times: 1 });
  registry.fault({ method: 'GET', path: '/files/carol-', status: 503, times: 1 });
  const before = registry.requests.length;
  const { libraries } = await install(dir, registry);
  assert.deepEqual(
    libraries.map((l) => l.version),
    ['0.3.1'],
  );
  const made = registry.requests.slice(before);
  assert.equal(made.filter((r) => r.startsWith('GET /v3/packages/carol/library/formatter')).length, 2, made.join('\n'));
  assert.equal(made.filter((r) => r.startsWith('GET /files/')).length, 2, made.join('\n'));
  assert.deepEqual(readdirSync(join(dir, '.pio', 'libdeps', 'uno')).sort(), ['Formatter', 'integrity.dat'], 'no temporary directory left');
});

test('a spec removed from lib_deps is uninstalled; one that stays is kept', async (t) => {
  const registry = await startRegistry();
  const tmp = tempDir();
  t.after(async () => {
    await registry.close();
    tmp.cleanup();
  });
  publishBlinker(registry);
  const dir = join(tmp.dir, 'p');
  project(dir, ['carol/Formatter', 'alice/Blinker@^1.2.0']);
  await install(dir, registry);
  const libdeps = join(dir, '.pio', 'libdeps', 'uno');
  assert.deepEqual(readdirSync(libdeps).sort(), ['Blinker', 'Counter', 'Formatter', 'integrity.dat']);
  project(dir, ['carol/Formatter']);
  const before = registry.requests.length;
  const { libraries, events } = await install(dir, registry);
  assert.deepEqual(readdirSync(libdeps).sort(), ['Formatter', 'integrity.dat'], 'Blinker and its dependency are gone');
  assert.deepEqual(
    libraries.map((l) => l.name),
    ['Formatter'],
  );
  assert.deepEqual(
    events.filter((e) => e.type === 'library').map((e) => e.type === 'library' && `${e.action} ${e.library.name}`),
    ['removed Counter', 'removed Blinker'],
  );
  assert.equal(registry.requests.length, before, 'removing needs no request');
});

test('a git spec at a commit id is a full clone checked out at that commit', async (t) => {
  const tmp = tempDir();
  const registry = await startRegistry();
  t.after(async () => {
    await registry.close();
    tmp.cleanup();
  });
  const git = makeGitRepo(tmp.dir, 'Chime', { 'library.json': '{"name": "Chime", "version": "1.0.0"}', ...header('Chime', '1.0.0') });
  const dir = join(tmp.dir, 'p');
  project(dir, [`Bell=git+file://${git.path}#${git.commit.slice(0, 10)}`]);
  const { libraries } = await install(dir, registry);
  assert.deepEqual(
    libraries.map((l) => [l.name, l.version]),
    [['Bell', `1.0.0+sha.${git.commit.slice(0, 7)}`]],
  );
  assert.ok(existsSync(join(dir, '.pio', 'libdeps', 'uno', 'Bell', '.git', '.piopm')), 'installed under its custom name');
  assert.equal(registry.requests.length, 0);
});

test('the libdeps cache key comes from platformio.ini alone: the same in another checkout, new when lib_deps change', () => {
  const tmp = tempDir();
  try {
    const a = join(tmp.dir, 'a');
    const b = join(tmp.dir, 'b');
    project(a, ['alice/Blinker@^1.2.0', 'Formatter']);
    project(b, ['alice/Blinker@^1.2.0', 'Formatter']);
    const ka = libDepsCacheKey(a, 'uno', {});
    assert.ok(ka);
    assert.match(ka.key, /^fbuild-libdeps-uno-[0-9a-f]{20}$/);
    assert.deepEqual(ka.restoreKeys, ['fbuild-libdeps-uno-']);
    assert.deepEqual(ka.paths, [join(a, '.pio', 'libdeps', 'uno')]);
    assert.equal(libDepsCacheKey(b, 'uno', {})?.key, ka.key, 'the checkout path is not in the key');
    project(b, ['alice/Blinker@^1.3.0', 'Formatter']);
    assert.notEqual(libDepsCacheKey(b, 'uno', {})?.key, ka.key);
    writeFiles(b, { 'lib2/Local/Local.h': '' });
    project(b, ['lib2/Local']);
    assert.equal(libDepsCacheKey(b, 'uno', {}), undefined, 'a local path downloads nothing');
    writeFiles(b, { 'platformio.ini': '[env:uno]\nboard = uno\n' });
    assert.equal(libDepsCacheKey(b, 'uno', {}), undefined);
  } finally {
    tmp.cleanup();
  }
});
