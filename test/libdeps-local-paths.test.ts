import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fbuildAsync } from './helpers/buildCli.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';
import { simulateHex } from './helpers/simulate.ts';

/**
 * A course repository as teachers lay it out: one folder per lab, and `shared/` beside them with
 * the course's libraries and headers. lab1 takes a library by plain relative path and the course
 * header through `-I../shared/include`; lab2 takes one library by `file://` and links another with
 * `symlink://`. PlatformIO copies `file://` folders into `.pio/libdeps/<env>/<Name>` (with a
 * `.piopm`) and links `symlink://` ones (a `.pio-link`); another checkout of the repository, at
 * another path, with or without its `.git`, must hit every unit and the link.
 */
function writeCourse(repo: string): void {
  const lab = (name: string, libDeps: string[], includes: string[], calls: string) => ({
    [`labs/${name}/platformio.ini`]: [
      '[env:uno]',
      'platform = atmelavr',
      'board = uno',
      'framework = arduino',
      `lib_deps = ${libDeps.join('\n  ')}`,
      'build_flags = -I../shared/include -DLAB_NAME=\\"' + name + '\\"',
      '',
    ].join('\n'),
    [`labs/${name}/src/main.cpp`]: [
      '#include <Arduino.h>',
      '#include <course.h>',
      ...includes.map((h) => `#include <${h}>`),
      'void setup() {',
      '  Serial.begin(9600);',
      '  Serial.print(LAB_NAME ": " COURSE_CODE " ");',
      `  ${calls}`,
      '  Serial.println();',
      '}',
      'void loop() {}',
      '',
    ].join('\n'),
  });
  writeFiles(repo, {
    'README.md': '# Embedded systems labs\n',
    'labs/shared/include/course.h': '#pragma once\n#define COURSE_CODE "ECE101"\n',
    'labs/shared/Blink/library.properties': 'name=Blink\nversion=1.0.0\narchitectures=avr\n',
    'labs/shared/Blink/src/Blink.h': '#pragma once\n#include <Arduino.h>\nvoid blinkInfo(Print &out);\n',
    'labs/shared/Blink/src/Blink.cpp': '#include "Blink.h"\nvoid blinkInfo(Print &out) { out.print("blink v1 "); }\n',
    'labs/shared/Morse/library.json': JSON.stringify({ name: 'Morse', version: '0.2.0' }),
    'labs/shared/Morse/src/Morse.h': '#pragma once\n#include <Arduino.h>\nvoid morse(Print &out, char c);\n',
    'labs/shared/Morse/src/Morse.cpp':
      '#include "Morse.h"\nvoid morse(Print &out, char c) { out.print(c == \'s\' ? "..." : c == \'o\' ? "---" : "?"); }\n',
    ...lab('lab1', ['../shared/Blink'], ['Blink.h'], 'blinkInfo(Serial);'),
    ...lab(
      'lab2',
      ['file://../shared/Morse', 'symlink://../shared/Blink'],
      ['Morse.h', 'Blink.h'],
      "morse(Serial, 's'); blinkInfo(Serial);",
    ),
  });
}

const printed = (hex: string) => simulateHex(hex, { stopWhen: (r) => r.serial.includes('\n') }).serial;

async function build(projectDir: string, cacheDir: string, extra: string[] = []) {
  const r = await fbuildAsync(['build', projectDir, '--cache-dir', cacheDir, '--json', ...extra]);
  assert.equal(r.code, 0, r.stderr);
  return { json: r.json!, hex: readFileSync(r.json!.artifacts.hex, 'utf8') };
}

for (const withGit of [true, false]) {
  test(`labs sharing ../shared by path, file:// and symlink:// build, run, and hit fully from another checkout (${withGit ? 'a git clone' : 'no .git: a tarball'})`, async (t) => {
    const tmp = tempDir();
    t.after(tmp.cleanup);
    const repo = join(tmp.dir, 'course');
    writeCourse(repo);
    if (withGit) execFileSync('git', ['init', '-q', repo]);
    const cacheDir = join(tmp.dir, 'cache');

    const lab1 = await build(join(repo, 'labs/lab1'), cacheDir);
    const lab2 = await build(join(repo, 'labs/lab2'), cacheDir);
    assert.equal(printed(lab1.hex), 'lab1: ECE101 blink v1 \r\n');
    assert.equal(printed(lab2.hex), 'lab2: ECE101 ...blink v1 \r\n');

    // Installed as PlatformIO installs them: copies with a .piopm naming the spec as written, and a link.
    const libdeps = (lab: string) => join(repo, 'labs', lab, '.pio/libdeps/uno');
    assert.equal(
      readFileSync(join(libdeps('lab1'), 'Blink/.piopm'), 'utf8'),
      '{"type": "library", "name": "Blink", "version": "1.0.0", "spec": {"owner": null, "id": null, "name": "Blink", "requirements": null, "uri": "file://../shared/Blink"}}',
    );
    assert.ok(existsSync(join(libdeps('lab2'), 'Morse/src/Morse.cpp')));
    assert.deepEqual(JSON.parse(readFileSync(join(libdeps('lab2'), 'Blink.pio-link'), 'utf8')).spec.uri, 'symlink://../shared/Blink');
    assert.ok(!existsSync(join(libdeps('lab2'), 'Blink')), 'a symlink:// library is linked, not copied');

    // Another checkout of the same repository, elsewhere and deeper.
    const other = join(tmp.dir, 'runner/work/course/course');
    cpSync(repo, other, { recursive: true, filter: (p) => !/[/\\]\.(pio|fbuild)$/.test(p) });
    for (const lab of ['lab1', 'lab2']) {
      const warm = await build(join(other, 'labs', lab), cacheDir);
      const s = warm.json.stats;
      assert.equal(s.hits, s.compiles, `${lab}: ${JSON.stringify(s)}`);
      const clean = await build(join(other, 'labs', lab), cacheDir, ['--no-cache', '--force']);
      assert.equal(warm.hex, clean.hex, `${lab}: the firmware from the cache equals a --no-cache build`);
    }

    // An edit in ../shared reaches the next build: the copy is refreshed, the link reads it in place.
    const blink = join(other, 'labs/shared/Blink/src/Blink.cpp');
    writeFileSync(blink, readFileSync(blink, 'utf8').replace('blink v1', 'blink v2'));
    assert.equal(printed((await build(join(other, 'labs/lab1'), cacheDir)).hex), 'lab1: ECE101 blink v2 \r\n');
    assert.equal(printed((await build(join(other, 'labs/lab2'), cacheDir)).hex), 'lab2: ECE101 ...blink v2 \r\n');
  });
}
