import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { libDepKind, parseLibDep } from '../server/project/libDepsSpec.ts';
import { castVersion, RequirementError, satisfiesRequirement } from '../server/project/versionRequirement.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';

test('lib_deps items parse as PlatformIO PackageSpec does, every form', () => {
  const t = tempDir();
  try {
    writeFiles(t.dir, { 'libs/Local/Local.h': '' });
    const p = (raw: string) => {
      const { raw: _raw, ...rest } = parseLibDep(raw, t.dir);
      return rest;
    };
    assert.deepEqual(p('bblanchon/ArduinoJson@^6.21.3'), { owner: 'bblanchon', name: 'ArduinoJson', requirements: '^6.21.3' });
    assert.deepEqual(p('knolleary/PubSubClient @ ~2.8'), { owner: 'knolleary', name: 'PubSubClient', requirements: '~2.8' });
    assert.deepEqual(p('bar @ ^1.2.3'), { name: 'bar', requirements: '^1.2.3' });
    assert.deepEqual(p('Servo'), { name: 'Servo' });
    assert.deepEqual(p('alice/foo library'), { owner: 'alice', name: 'foo library' });
    assert.deepEqual(p('Adafruit NeoPixel@1.10.0'), { name: 'Adafruit NeoPixel', requirements: '1.10.0' });
    assert.deepEqual(p('id=1234'), { id: 1234 });
    assert.deepEqual(p('64'), { id: 64 });
    assert.deepEqual(p('https://github.com/o/r.git#v1.0'), { uri: 'git+https://github.com/o/r.git#v1.0', name: 'r' });
    assert.deepEqual(p('https://github.com/FastLED/FastLED'), { uri: 'git+https://github.com/FastLED/FastLED', name: 'FastLED' });
    assert.deepEqual(p('https://example.com/pkg/archive.tar.gz'), { uri: 'https://example.com/pkg/archive.tar.gz', name: 'archive' });
    assert.deepEqual(p('Name=https://example.com/archive.tar.gz@4.4.0'), {
      name: 'Name',
      uri: 'https://example.com/archive.tar.gz',
      requirements: '4.4.0',
    });
    assert.deepEqual(p('symlink:///home/me/Lib'), { uri: 'symlink:///home/me/Lib', name: 'Lib' });
    assert.deepEqual(p('file://../Other'), { uri: 'file://../Other', name: 'Other' });
    // A path with a separator that exists is a local package; one that does not is not.
    assert.deepEqual(p('libs/Local'), { uri: 'file://libs/Local', name: 'Local' });
    assert.deepEqual(p('libs/Missing'), { owner: 'libs', name: 'Missing' });
    assert.equal(libDepKind(parseLibDep('symlink:///x/Lib', t.dir)), 'local');
    assert.equal(libDepKind(parseLibDep('https://github.com/o/r.git', t.dir)), 'vcs');
    assert.equal(libDepKind(parseLibDep('https://example.com/a.zip', t.dir)), 'archive');
    assert.equal(libDepKind(parseLibDep('id=5', t.dir)), 'id');
    assert.equal(libDepKind(parseLibDep('someone/Greeter@^1', t.dir)), 'registry');
  } finally {
    t.cleanup();
  }
});

test("requirements follow python-semanticversion's SimpleSpec: ^ ~ ~= == != < > and partial versions", () => {
  const cases: [string, string, boolean][] = [
    ['1.2.0', '^1.0.0', true],
    ['2.0.0', '^1.0.0', false],
    ['0.2.9', '^0.2.3', true],
    ['0.3.0', '^0.2.3', false],
    ['0.0.3', '^0.0.3', true],
    ['0.0.4', '^0.0.3', false],
    ['1.9.0', '^1', true],
    ['1.2.9', '~1.2.3', true],
    ['1.3.0', '~1.2.3', false],
    ['1.2.0', '~1.2', true],
    ['1.9.0', '~1', true],
    ['2.0.0', '~1', false],
    ['1.2.5', '~=1.2.3', true],
    ['1.3.0', '~=1.2.3', false],
    ['1.9.0', '~=1.2', true],
    ['2.0.0', '~=1.2', false],
    ['1.2.3', '==1.2.3', true],
    ['1.2.4', '==1.2.3', false],
    ['1.2.7', '==1.2', true],
    ['1.3.0', '==1.2', false],
    ['1.2.3', '1.2.3', true],
    ['1.2.4', '1.2.3', false],
    ['1.2.4', '1.2', true],
    ['1.2.3', '!=1.2.3', false],
    ['1.2.4', '!=1.2.3', true],
    ['1.2.8', '!=1.2', false],
    ['1.3.0', '!=1.2', true],
    ['1.2.2', '<1.2.3', true],
    ['1.2.3', '<1.2.3', false],
    ['1.1.9', '<1.2', true],
    ['1.2.0', '<1.2', false],
    ['1.2.9', '<=1.2', true],
    ['1.3.0', '<=1.2', false],
    ['1.2.3', '<=1.2.3', true],
    ['1.2.4', '>1.2.3', true],
    ['1.2.3', '>1.2.3', false],
    ['1.2.9', '>1.2', false],
    ['1.3.0', '>1.2', true],
    ['1.0.0', '>=1.0.0,<2.0.0', true],
    ['2.0.0', '>=1.0.0,<2.0.0', false],
    ['5.6.2', '~5.6,!=5.6.1', true],
    ['5.6.1', '~5.6,!=5.6.1', false],
    ['3.1.4', '*', true],
    ['1.5.0', '<1.0.0||>=1.5.0', true],
    ['1.2.0', '<1.0.0||>=1.5.0', false],
    ['1.2.9', '1.2.*', true],
    // Library versions that are not full semver are cast as PlatformIO does.
    ['1.2', '^1.0.0', true],
    ['v2.0', '^2.0.0', true],
  ];
  for (const [version, req, expected] of cases) assert.equal(satisfiesRequirement(version, req), expected, `${version} in ${req}`);
  assert.equal(castVersion('1.2.3.4'), '1.2.3+4');
  assert.equal(castVersion('not-a-version'), undefined);
  assert.equal(satisfiesRequirement(undefined, '^1.0.0'), false);
  assert.throws(() => satisfiesRequirement('1.0.0', '^banana'), RequirementError);
});

test('a symlink:// lib_deps spec is followed; a file:// one that is missing names the path', async () => {
  const { fbuild } = await import('./helpers/buildCli.ts');
  const { copyUnoCoreStore } = await import('./helpers/sharedBuilds.ts');
  const t = tempDir();
  try {
    writeFiles(join(t.dir, 'elsewhere', 'Answer'), {
      'library.json': '{"name": "Answer", "version": "3.0.0"}',
      'src/Answer.h': '#pragma once\nint answer();\n',
      'src/Answer.cpp': '#include "Answer.h"\nint answer() { return 42; }\n',
    });
    const dir = join(t.dir, 'p');
    writeFiles(dir, {
      'platformio.ini': `[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\nlib_deps = symlink://${join(t.dir, 'elsewhere', 'Answer')}\n`,
      'src/main.cpp':
        '#include <Arduino.h>\n#include <Answer.h>\nvoid setup() { Serial.begin(115200); Serial.println(answer()); }\nvoid loop() {}\n',
    });
    // The uno core warm (helpers/sharedBuilds.ts): the point is the library the link reaches.
    const ok = fbuild(['build', dir, '--cache-dir', copyUnoCoreStore(join(t.dir, 'cache'))]);
    assert.equal(ok.code, 0, ok.stderr);
    writeFiles(dir, {
      'platformio.ini': '[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\nlib_deps = file://../nowhere/Answer\n',
    });
    const bad = fbuild(['build', dir, '--cache-dir', join(t.dir, 'cache')]);
    assert.equal(bad.code, 2);
    assert.match(
      bad.stderr,
      /^lib_deps: file:\/\/\.\.\/nowhere\/Answer: .*\/nowhere\/Answer is not a directory; fix the path in platformio\.ini$/m,
    );
  } finally {
    t.cleanup();
  }
});
