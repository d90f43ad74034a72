// `__FILE__` through an absolute path, with a compiler that has -fmacro-prefix-map (GCC ≥ 8): the
// esp32 target's real Xtensa compiler here is Debian's lx106 GCC 12 (test/helpers/esp32Packages.ts).
// avr-gcc 5.4 has no such option: key-inputs-file-macro.test.ts shows the AVR side (the result is
// tied to its checkout).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fbuildAsync, type CliRun } from './helpers/buildCli.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';
import { makeEsp32Packages, recordedCalls } from './helpers/esp32Packages.ts';
import { CacheService } from '../server/cache/cacheService.ts';
import { compilerVersion, hasMacroPrefixMap, linkDebugPrefixMap, macroPrefixMap } from '../server/targets/prefixMaps.ts';

const BUILD = '.fbuild/build/esp32dev';
const INI = '[env:esp32dev]\nplatform = espressif32\nboard = esp32dev\nframework = arduino\n';
const MAIN = `#include <Arduino.h>
#include "where.h"
volatile char sink;
void setup() { for (const char *p = HERE; *p; p++) sink = *p; }
void loop() {}
`;
const WHERE = 'static const char HERE[] = "where: " __FILE__;\n';

test('the compiler decides: GCC 12 (Xtensa) has -fmacro-prefix-map, avr-gcc 5.4 has not', () => {
  const xtensa = compilerVersion('/usr/bin/xtensa-lx106-elf-gcc');
  const avr = compilerVersion('/usr/bin/avr-gcc');
  assert.deepEqual(xtensa, { kind: 'gcc', major: 12 });
  assert.deepEqual(avr, { kind: 'gcc', major: 5 });
  assert.equal(hasMacroPrefixMap(xtensa), true);
  assert.equal(hasMacroPrefixMap(avr), false);
  assert.equal(hasMacroPrefixMap({ kind: 'clang', major: 10 }), true);
  // Only where the command line names a project file by its absolute path.
  assert.deepEqual(macroPrefixMap(xtensa, '/w/p', ['-I/w/p/vendor']), ['-fmacro-prefix-map=/w/p=.']);
  assert.deepEqual(macroPrefixMap(xtensa, '/w/p', ['-Ivendor', '-I/w/other', '-fdebug-prefix-map=/w/p=.']), []);
  assert.deepEqual(macroPrefixMap(avr, '/w/p', ['-I/w/p/vendor']), []);
  // The link: only an LTO link with debug info writes debug info.
  assert.deepEqual(linkDebugPrefixMap('/w/p', ['-Og', '-g2', '-flto']), ['-fdebug-prefix-map=/w/p=.']);
  assert.deepEqual(linkDebugPrefixMap('/w/p', ['-Os', '-flto']), []);
  assert.deepEqual(linkDebugPrefixMap('/w/p', ['-ggdb', '-flto', '-fno-lto']), []);
});

async function build(dir: string, env: NodeJS.ProcessEnv, args: string[]): Promise<CliRun> {
  const r = await fbuildAsync(['build', dir, '--json', ...args], { env: { FBUILD_CACHE_URL: '', ...env } });
  assert.equal(r.code, 0, r.stderr + r.stdout);
  return r;
}

const outputs = (dir: string) => ({
  elf: readFileSync(join(dir, BUILD, 'firmware.elf')),
  bin: readFileSync(join(dir, BUILD, 'firmware.bin')),
});

/** The firmware of a `--no-cache --force` build of `dir` as it is now. */
async function reference(dir: string, env: NodeJS.ProcessEnv, scratch: string) {
  await build(dir, env, ['--no-cache', '--force', '--cache-dir', scratch]);
  return outputs(dir);
}

test('esp32 (GCC 12): a header’s __FILE__ through an absolute include path names no checkout; another checkout hits every unit and the link, with the firmware built without the cache', async (t) => {
  const tmp = tempDir('fbuild-mpm-');
  t.after(tmp.cleanup);
  const { packagesDir, logDir } = makeEsp32Packages(tmp.dir);
  const env = { FBUILD_ESP32_PACKAGES_DIR: packagesDir, FBUILD_TEST_TOOL_LOG: logDir };
  const cache = ['--cache-dir', join(tmp.dir, 'cache')];
  const checkout = (name: string) => {
    const dir = join(tmp.dir, name);
    writeFiles(dir, { 'platformio.ini': `${INI}build_flags = -I${dir}/vendor\n`, 'src/main.cpp': MAIN, 'vendor/where.h': WHERE });
    return dir;
  };
  const a = checkout('a');
  await build(a, env, cache);
  // On every unit: build_flags' include dirs are on all of them, the core's too, as in PlatformIO.
  const main = recordedCalls(logDir).find((c) => c.at(-1) === 'src/main.cpp')!;
  assert.ok(main.includes(`-fmacro-prefix-map=${a}=.`), `the map is on the unit naming ${a}/vendor: ${main.join(' ')}`);

  const b = checkout('b');
  const other = (await build(b, env, cache)).json!;
  assert.equal(other.stats.hitRate, 1, JSON.stringify(other.stats));
  const cached = outputs(b);
  assert.ok(cached.bin.includes(Buffer.from('where: ./vendor/where.h')), '__FILE__ reads ./vendor/where.h');
  for (const [name, bytes] of Object.entries(cached)) assert.ok(!bytes.includes(Buffer.from(a)), `no path of checkout a in ${name}`);
  const ref = await reference(b, env, join(tmp.dir, 'unused-cache'));
  assert.deepEqual(cached.bin, ref.bin, 'firmware.bin: the one built without the cache');
  assert.deepEqual(cached.elf, ref.elf, 'firmware.elf: the one built without the cache');
});

test('esp32: where the map does not apply (a header outside the project, inside its repository), the result stays tied to the checkout', async (t) => {
  const tmp = tempDir('fbuild-mpm-');
  t.after(tmp.cleanup);
  const { packagesDir, logDir } = makeEsp32Packages(tmp.dir);
  const env = { FBUILD_ESP32_PACKAGES_DIR: packagesDir, FBUILD_TEST_TOOL_LOG: logDir };
  const cache = ['--cache-dir', join(tmp.dir, 'cache')];
  // A repository with the firmware in fw/ and a header beside it in shared/, named by its absolute path.
  const repo = (name: string) => {
    const dir = join(tmp.dir, name);
    writeFiles(dir, {
      '.git/HEAD': 'ref: refs/heads/main\n',
      'fw/platformio.ini': `${INI}build_flags = -I${dir}/shared\n`,
      'fw/src/main.cpp': MAIN,
      'shared/where.h': WHERE,
    });
    return join(dir, 'fw');
  };
  const a = repo('a');
  await build(a, env, cache);
  const b = repo('b');
  const other = (await build(b, env, cache)).json!;
  assert.ok(other.stats.misses >= 1, JSON.stringify(other.stats));
  const cached = outputs(b);
  assert.ok(cached.bin.includes(Buffer.from(`where: ${join(tmp.dir, 'b', 'shared', 'where.h')}`)), 'names checkout b');
  for (const [name, bytes] of Object.entries(cached))
    assert.ok(!bytes.includes(Buffer.from(join(tmp.dir, 'a'))), `no path of checkout a in ${name}`);
  const ref = await reference(b, env, join(tmp.dir, 'unused-cache'));
  assert.deepEqual(cached.bin, ref.bin);
  assert.deepEqual(cached.elf, ref.elf);
});

test('the cache with -fmacro-prefix-map: keyed without the checkout, and a __FILE__ the map leaves alone still ties the result to its checkout', async (t) => {
  const tmp = tempDir('fbuild-mpm-');
  t.after(tmp.cleanup);
  const svc = await CacheService.start({ cacheDir: join(tmp.dir, 'cache') });
  t.after(() => svc.shutdown());
  // The workspace is the repository; the map names the project (fw/) only, as fbuild's flags do.
  const repo = (name: string) => {
    const root = join(tmp.dir, name);
    writeFiles(root, {
      'fw/vendor/inside.h': 'static const char IN[] = __FILE__;\n',
      'shared/outside.h': 'static const char OUT[] = __FILE__;\n',
    });
    return root;
  };
  const compile = (root: string, header: 'inside' | 'outside', map = true) => {
    const fw = join(root, 'fw');
    const macro = header === 'inside' ? 'IN' : 'OUT';
    writeFileSync(join(fw, 'main.c'), `#include "${header}.h"\nconst char *name = ${macro};\n`);
    return svc.compile({
      compiler: 'xtensa-lx106-elf-gcc',
      args: ['-Os', ...(map ? [`-fmacro-prefix-map=${fw}=.`] : []), `-I${fw}/vendor`, `-I${root}/shared`, '-c', 'main.c', '-o', 'main.o'],
      cwd: fw,
      workspaceRoot: root,
    });
  };
  const [a, b] = [repo('a'), repo('b')];
  // Without the map, the header's __FILE__ names the checkout: b does not get a's object.
  assert.equal((await compile(a, 'inside', false)).outcome, 'miss');
  const unmapped = await compile(b, 'inside', false);
  assert.equal(unmapped.reason, '__FILE__ names another checkout');
  assert.ok(readFileSync(join(b, 'fw/main.o')).includes(Buffer.from(join(b, 'fw/vendor/inside.h'))));
  assert.equal((await compile(a, 'inside')).outcome, 'miss');
  const inside = await compile(b, 'inside');
  assert.equal(inside.outcome, 'hit', `the map takes the checkout out of __FILE__: ${inside.reason}`);
  assert.ok(readFileSync(join(b, 'fw/main.o')).includes(Buffer.from('./vendor/inside.h')));

  assert.equal((await compile(a, 'outside')).outcome, 'miss');
  const outside = await compile(b, 'outside');
  assert.equal(outside.outcome, 'miss');
  assert.equal(outside.reason, '__FILE__ names another checkout');
  const object = readFileSync(join(b, 'fw/main.o'));
  assert.ok(object.includes(Buffer.from(join(b, 'shared/outside.h'))) && !object.includes(Buffer.from(a)));
  // Each checkout now hits its own.
  assert.equal((await compile(a, 'outside')).outcome, 'hit');
  assert.ok(readFileSync(join(a, 'fw/main.o')).includes(Buffer.from(join(a, 'shared/outside.h'))));
});
