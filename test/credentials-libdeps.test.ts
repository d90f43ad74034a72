import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fbuildAsync } from './helpers/buildCli.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';
import { startRegistry } from './helpers/registryEmulator.ts';
import { copyUnoCoreStore } from './helpers/sharedBuilds.ts';
import { simulateHex } from './helpers/simulate.ts';

/**
 * A course's private library behind basic auth, named in lib_deps with `user:password@` as
 * PlatformIO allows (it downloads through requests, which sends them as basic auth). fbuild sends
 * them too, and no output it writes holds the password: stdout, stderr, `--json`, and every file
 * under the project (build and libdeps dirs: `.piopm`, `integrity.dat`, fingerprints) and the cache.
 */
const PASSWORD = 'Tr0ub4dor-and-3';

/** Every file under `dir` whose bytes hold `needle`. */
function filesHolding(dir: string, needle: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => readFileSync(f).includes(needle));
}

test('lib_deps credentials are sent as basic auth and appear in no output, on success or on a refusal', async (t) => {
  const registry = await startRegistry();
  const tmp = tempDir();
  t.after(async () => {
    await registry.close();
    tmp.cleanup();
  });
  const archive = registry.serveArchive('Grader.tar.gz', {
    'library.json': JSON.stringify({ name: 'Grader', version: '3.0.1' }),
    'src/Grader.h': '#pragma once\n#include <Arduino.h>\ninline void grade() { Serial.println("graded: pass"); }\n',
  });
  registry.requireBasicAuth('/archives/Grader', 'student', PASSWORD);
  const withCredentials = (password: string) => archive.replace('http://', `http://student:${encodeURIComponent(password)}@`);
  const project = (name: string, url: string) => {
    const dir = join(tmp.dir, name);
    writeFiles(dir, {
      'platformio.ini': `[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\nlib_deps = Grader=${url}\n`,
      'src/main.cpp': '#include <Arduino.h>\n#include <Grader.h>\nvoid setup() { Serial.begin(9600); grade(); }\nvoid loop() {}\n',
    });
    return dir;
  };
  // The uno core warm (helpers/sharedBuilds.ts): the point is the library's download and what this
  // project's builds write; none of the store's own files holds the password, as checked below.
  const cacheDir = copyUnoCoreStore(join(tmp.dir, 'cache'));
  const env = { FBUILD_REGISTRY_URL: registry.apiUrl };

  // A wrong password: one line, the URL masked.
  const refusedDir = project('refused', withCredentials('wrong-' + PASSWORD));
  const refused = await fbuildAsync(['build', refusedDir, '--cache-dir', cacheDir, '--json'], { env });
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /^lib_deps: Grader=http:\/\/student:\*\*\*@127\.0\.0\.1:\d+\/archives\/Grader\.tar\.gz: .*HTTP 401/m);
  for (const out of [refused.stdout, refused.stderr]) assert.ok(!out.includes(PASSWORD), out);

  // The right one: sent as basic auth, the library installed and built.
  const dir = project('course', withCredentials(PASSWORD));
  const ok = await fbuildAsync(['build', dir, '--cache-dir', cacheDir, '--json', '--verbose'], { env });
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(
    simulateHex(readFileSync(ok.json!.artifacts.hex, 'utf8'), { stopWhen: (r) => r.serial.includes('\n') }).serial,
    'graded: pass\r\n',
  );
  assert.deepEqual(
    ok.json!.libraries.map((l: { source: string }) => l.source),
    [archive.replace('http://', 'http://student:***@')],
  );
  const human = await fbuildAsync(['build', dir, '--cache-dir', cacheDir, '--force', '--verbose'], { env });
  assert.equal(human.code, 0, human.stderr);
  for (const out of [ok.stdout, ok.stderr, human.stdout, human.stderr]) assert.ok(!out.includes(PASSWORD), out);
  const piopm = JSON.parse(readFileSync(join(dir, '.pio/libdeps/uno/Grader/.piopm'), 'utf8'));
  assert.equal(piopm.spec.uri, archive.replace('http://', 'http://student:***@'));
  assert.deepEqual(
    filesHolding(dir, PASSWORD),
    ['platformio.ini'].map((f) => join(dir, f)),
    'only the project file the user wrote',
  );
  assert.deepEqual(filesHolding(cacheDir, PASSWORD), []);

  // A second build finds the package installed (its .piopm records the masked URL) and downloads nothing.
  const requests = registry.requests.length;
  const again = await fbuildAsync(['build', dir, '--cache-dir', cacheDir, '--json', '--force'], { env });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(registry.requests.length, requests);
});
