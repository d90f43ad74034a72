import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostTriple } from '../server/toolchains/installer.ts';
import { simulateHex } from './helpers/simulate.ts';
import { ARDUINO_AVR, manifestEntry, startMirror, tempDir } from './helpers/fixtures.ts';
import { fbuildAsync as fbuild } from './helpers/buildCli.ts';

/**
 * Archives laid out as Arduino publishes them, made from the Debian install: the toolchain as one
 * `avr/` tree (bin/, lib/gcc/avr/, lib/avr/) and the core as `avr/` (cores/, variants/, libraries/).
 */
function makeUpstreamArchives(dir: string): { gcc: string; core: string } {
  const gccStage = join(dir, 'gcc-stage', 'avr');
  mkdirSync(join(gccStage, 'bin'), { recursive: true });
  mkdirSync(join(gccStage, 'lib', 'gcc'), { recursive: true });
  const tools = [
    'avr-gcc',
    'avr-g++',
    'avr-objcopy',
    'avr-size',
    'avr-ar',
    'avr-as',
    'avr-ld',
    'avr-gcc-ar',
    'avr-gcc-nm',
    'avr-gcc-ranlib',
    'avr-nm',
  ];
  execFileSync('cp', ['-aL', ...tools.map((t) => `/usr/bin/${t}`), join(gccStage, 'bin')]);
  execFileSync('cp', ['-a', '/usr/lib/gcc/avr', join(gccStage, 'lib', 'gcc')]);
  execFileSync('cp', ['-a', '/usr/lib/avr', join(gccStage, 'lib')]);
  const gcc = join(dir, 'avr-gcc-test-x86_64-pc-linux-gnu.tar.gz');
  execFileSync('tar', ['-I', 'gzip -1', '-cf', gcc, '-C', join(dir, 'gcc-stage'), 'avr']);
  const coreStage = join(dir, 'core-stage', 'avr');
  mkdirSync(coreStage, { recursive: true });
  for (const part of ['cores', 'variants', 'libraries', 'platform.txt', 'boards.txt'])
    cpSync(join(ARDUINO_AVR, part), join(coreStage, part), { recursive: true });
  const core = join(dir, 'avr-1.8.6-test.tar.bz2');
  execFileSync('tar', ['-cjf', core, '-C', join(dir, 'core-stage'), 'avr']);
  return { gcc, core };
}

test('toolchain auto: installs the pinned packages from a mirror, builds a uno firmware that runs, and reuses the install', async () => {
  const t = tempDir();
  const mirror = await startMirror();
  const { files, requests } = mirror;
  try {
    const { gcc, core } = makeUpstreamArchives(t.dir);
    for (const f of [gcc, core]) files[f.split('/').pop()!] = readFileSync(f);
    const manifest = join(t.dir, 'manifest.json');
    writeFileSync(
      manifest,
      JSON.stringify({
        packages: [manifestEntry('avr-gcc', '7.3.0-test', gcc, hostTriple()), manifestEntry('Arduino AVR Boards', '1.8.6', core, 'any')],
        missing: [],
      }),
    );
    const env = {
      FBUILD_TOOLCHAIN: 'auto',
      FBUILD_PACKAGE_MANIFEST: manifest,
      FBUILD_PACKAGE_MIRROR: mirror.url('/mirror'),
      FBUILD_TOOLCHAINS_DIR: join(t.dir, 'toolchains'),
    };
    const project = join(t.dir, 'blink');
    cpSync(join(import.meta.dirname, '..', 'examples', 'blink'), project, { recursive: true, filter: (s) => !s.includes('.fbuild') });
    const cache = join(t.dir, 'cache');

    const first = await fbuild(['build', project, '--cache-dir', cache, '--json'], { env });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /fbuild: notice: installed avr-gcc 7\.3\.0-test and ArduinoCore-avr 1\.8\.6 into /);
    assert.deepEqual(requests.sort(), ['/mirror/avr-1.8.6-test.tar.bz2', '/mirror/avr-gcc-test-x86_64-pc-linux-gnu.tar.gz']);
    const sim = simulateHex(readFileSync(first.json!.artifacts.hex, 'utf8'));
    assert.match(sim.serial, /^blink: ready\r\nblink 1\r\n/);

    // Installed once: the next build downloads nothing, and its units hit.
    const again = await fbuild(['build', project, '--cache-dir', cache, '--json', '--force'], { env });
    assert.equal(again.code, 0, again.stderr);
    assert.equal(requests.length, 2, 'no download the second time');
    assert.doesNotMatch(again.stderr, /notice/);
    assert.equal(again.json!.stats.hitRate, 1);

    // What `fbuild toolchains` says now.
    const list = await fbuild(['toolchains', 'list'], { env });
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, new RegExp(`^avr-gcc 7\\.3\\.0-test: installed in ${join(t.dir, 'toolchains', 'avr-gcc-7.3.0-test')}$`, 'm'));
    assert.match(list.stdout, /^framework-arduino-avr 1\.8\.6: installed in /m);
    const path = await fbuild(['toolchains', 'path', 'uno'], { env });
    assert.equal(path.stdout.trim(), join(t.dir, 'toolchains', 'avr-gcc-7.3.0-test', 'bin'));
    const unknown = await fbuild(['toolchains', 'path', 'teensy41'], { env, cwd: project });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown environment 'teensy41' in platformio\.ini; known: uno/);

    // The system toolchain is another compiler: its build shares no entry with the pinned one.
    const system = await fbuild(['build', project, '--cache-dir', cache, '--json', '--force', '--toolchain', 'system'], { env });
    assert.equal(system.code, 0, system.stderr);
    assert.equal(system.json!.stats.hits, 0);
    assert.ok((system.json!.stats.missReasons['compiler changed'] ?? 0) > 0, JSON.stringify(system.json!.stats));

    // auto with a mirror that has nothing: the system toolchain with a notice, and the next build
    // does not ask again for an hour.
    const offline = {
      ...env,
      FBUILD_TOOLCHAINS_DIR: join(t.dir, 'offline-toolchains'),
      FBUILD_PACKAGE_MIRROR: mirror.url('/nothing-here'),
    };
    const before = requests.length;
    const fallback = await fbuild(['build', project, '--cache-dir', cache, '--force', '--verbose'], { env: offline });
    assert.equal(fallback.code, 0, fallback.stderr);
    assert.match(fallback.stderr, /fbuild: notice: using the system toolchain: the pinned one is not installed/);
    assert.match(
      fallback.stderr,
      /fbuild: notice: system avr-gcc .*; the pinned toolchain could not be installed: cannot install avr-gcc 7\.3\.0-test from .*HTTP 404/,
    );
    assert.equal(requests.length, before + 1);
    // Said once per toolchains dir: the next build is quiet, and --verbose still says why.
    const quiet = await fbuild(['build', project, '--cache-dir', cache, '--force'], { env: offline });
    assert.equal(quiet.code, 0, quiet.stderr);
    assert.equal(requests.length, before + 1, 'no second attempt within the hour');
    assert.doesNotMatch(quiet.stderr, /fbuild: notice/);
    const why = await fbuild(['build', project, '--cache-dir', cache, '--force', '--verbose'], { env: offline });
    assert.equal(requests.length, before + 1, 'no second attempt within the hour');
    assert.match(why.stderr, /installing the pinned toolchain failed 0 min ago .*'fbuild toolchains install uno' retries now/);

    // pinned with a mirror that has nothing: an error naming the package, and no fallback.
    const broken = await fbuild(['build', project, '--cache-dir', cache, '--toolchain', 'pinned'], {
      env: { ...env, FBUILD_TOOLCHAINS_DIR: join(t.dir, 'empty-toolchains'), FBUILD_PACKAGE_MIRROR: mirror.url('/nothing-here') },
    });
    assert.equal(broken.code, 1);
    assert.match(
      broken.stderr.trim(),
      /^cannot install avr-gcc 7\.3\.0-test from http:\/\/127\.0\.0\.1:\d+\/nothing-here\/avr-gcc-test-x86_64-pc-linux-gnu\.tar\.gz: the server answered HTTP 404$/m,
    );
  } finally {
    mirror.close();
    t.cleanup();
  }
});
