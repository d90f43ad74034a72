import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fbuild } from './helpers/buildCli.ts';
import { simulateHex } from './helpers/simulate.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';
import { copyUnoCoreStore } from './helpers/sharedBuilds.ts';

/**
 * A project laid out as real PlatformIO projects are: sources in firmware/src (src_dir), an
 * extra_configs file, libraries in every layout PlatformIO reads, a symlinked one, lib_extra_dirs,
 * an owner/name@version lib_deps satisfied by lib/, an SCons pre-script and an option nobody knows.
 */
function writeProject(root: string, greeterRequirement: string): string {
  const dir = join(root, 'project');
  writeFiles(dir, {
    'platformio.ini': [
      '[platformio]',
      'src_dir = firmware/src',
      'extra_configs = config/*.ini',
      '',
      '[env:uno]',
      'platform = atmelavr',
      'board = uno',
      'framework = arduino',
      `lib_deps = someone/Greeter@${greeterRequirement}`,
      'lib_extra_dirs = vendor',
      'lib_ldf_mode = chain+',
      'build_src_flags = -DSRC_ONLY=1',
      'extra_scripts = pre:scripts/make_header.py',
      'upload_speeed = 115200',
      '',
    ].join('\n'),
    'config/flags.ini': '[env:uno]\nbuild_flags = -DFROM_EXTRA=7\n',
    'firmware/src/main.cpp': [
      '#include <Arduino.h>',
      '#include <Greeter.h>',
      '#include <Legacy.h>',
      '#include <Counter.h>',
      '#include <Sum.h>',
      '#if SRC_ONLY != 1',
      '#error build_src_flags missing',
      '#endif',
      'void setup() {',
      '  Serial.begin(115200);',
      '  greet("uno");',
      '  Serial.println(legacyValue());',
      '  Serial.println(count() + count());',
      '  Serial.println(sum(FROM_EXTRA, 1));',
      '}',
      'void loop() {}',
      '',
    ].join('\n'),
    // library.json: include/ + src/, a srcFilter that leaves out a broken file, its own flags.
    'lib/Greeter/library.json': JSON.stringify({
      name: 'Greeter',
      version: '1.2.0',
      frameworks: 'arduino',
      build: { flags: ['-DGREETER_PREFIX=\'"hello "\''], srcFilter: ['+<*>', '-<broken.cpp>'] },
    }),
    'lib/Greeter/include/Greeter.h': '#pragma once\nvoid greet(const char *name);\n',
    'lib/Greeter/src/Greeter.cpp': [
      '#include <Arduino.h>',
      '#include "Greeter.h"',
      '#ifdef SRC_ONLY',
      '#error build_src_flags reached a library',
      '#endif',
      'void greet(const char *name) { Serial.print(GREETER_PREFIX); Serial.println(name); }',
      '',
    ].join('\n'),
    'lib/Greeter/src/broken.cpp': '#error the srcFilter should have left this out\n',
    'lib/Greeter/examples/Hello/Hello.ino': '#error examples are not built\n',
    // The legacy Arduino layout: the root and utility/, which is on the include path too.
    'lib/Legacy/library.properties': 'name=Legacy\nversion=0.9.1\narchitectures=avr\n',
    'lib/Legacy/Legacy.h': '#pragma once\n#include "helper.h"\nint legacyValue();\n',
    'lib/Legacy/Legacy.cpp': '#include "Legacy.h"\nint legacyValue() { return helperValue() * 2; }\n',
    'lib/Legacy/utility/helper.h': '#pragma once\nint helperValue();\n',
    'lib/Legacy/utility/helper.cpp': '#include "helper.h"\nint helperValue() { return 21; }\n',
    'lib/Legacy/examples/Demo/demo.cpp': '#error examples are not built\n',
    // Only for another architecture: skipped with a notice.
    'lib/EspOnly/library.properties': 'name=EspOnly\nversion=1.0.0\narchitectures=esp32\n',
    'lib/EspOnly/src/EspOnly.h': '#pragma once\n',
    'lib/EspOnly/src/EspOnly.cpp': '#error not for avr\n',
    // lib_extra_dirs, an unknown layout (no manifest, no Arduino.h): the root is the source dir.
    'vendor/Sum/Sum.h': '#pragma once\nint sum(int a, int b);\n',
    'vendor/Sum/Sum.cpp': '#include "Sum.h"\nint sum(int a, int b) { return a + b; }\n',
  });
  // A library shared by several projects, linked into lib/ (its tests are not built: default filter).
  writeFiles(join(root, 'shared', 'Counter'), {
    'src/Counter.h': '#pragma once\nint count();\n',
    'src/Counter.cpp': '#include "Counter.h"\nstatic int n = 0;\nint count() { return ++n; }\n',
    'src/test/test_counter.cpp': '#error tests are not built\n',
  });
  symlinkSync(join(root, 'shared', 'Counter'), join(dir, 'lib', 'Counter'));
  return dir;
}

test('a real-world project layout builds and runs; a lib_deps version nothing installed satisfies is one line', () => {
  const t = tempDir();
  try {
    const dir = writeProject(t.dir, '^1.0.0');
    const cacheDir = join(t.dir, 'cache');
    const r = fbuild(['build', dir, '--cache-dir', cacheDir, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const sim = simulateHex(readFileSync(r.json!.artifacts.hex, 'utf8'));
    assert.match(sim.serial, /^hello uno\r\n42\r\n3\r\n8\r\n/);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('fbuild: warning: '));
    assert.ok(
      warnings.some((w) => /extra_scripts: scripts\/make_header\.py was not run/.test(w)),
      r.stderr,
    );
    assert.ok(
      warnings.some((w) => /unknown option 'upload_speeed' in \[env:uno\]/.test(w)),
      r.stderr,
    );
    assert.ok(
      warnings.some((w) => /skipping library EspOnly \(lib\/EspOnly\): its architectures \(espressif32\) exclude atmelavr/.test(w)),
      r.stderr,
    );
    assert.ok(
      warnings.some((w) => /lib_ldf_mode = chain\+: .* as in chain mode/.test(w)),
      r.stderr,
    );
    // The objects and archives PlatformIO would make.
    const units = JSON.stringify(r.json);
    assert.ok(!units.includes('broken.cpp'));

    const other = writeProject(join(t.dir, 'other'), '^2.0.0');
    // Offline: nothing on disk satisfies the spec and nothing may be downloaded (issue 14 downloads otherwise).
    const bad = fbuild(['build', other, '--cache-dir', cacheDir], { env: { FBUILD_OFFLINE: '1' } });
    assert.equal(bad.code, 2, bad.stderr);
    const errors = bad.stderr.split('\n').filter((l) => /lib_deps/.test(l));
    assert.deepEqual(errors.length, 1, bad.stderr);
    assert.match(
      errors[0]!,
      /^lib_deps: someone\/Greeter@\^2\.0\.0 is not installed \(lib\/Greeter is version 1\.2\.0, outside \^2\.0\.0\); /,
    );
  } finally {
    t.cleanup();
  }
});

test('PLATFORMIO_SRC_DIR moves the sources; a missing src_dir names the dir and the option', () => {
  const t = tempDir();
  try {
    const dir = join(t.dir, 'p');
    writeFiles(dir, {
      'platformio.ini': '[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\n',
      'code/main.cpp': '#include <Arduino.h>\nvoid setup() { Serial.begin(115200); Serial.println("from code"); }\nvoid loop() {}\n',
    });
    const cacheDir = copyUnoCoreStore(join(t.dir, 'cache')); // the uno core warm (sharedBuilds.ts): where the sources are is the point
    const missing = fbuild(['build', dir, '--cache-dir', cacheDir]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no source files in .*\/p\/src; add src\/main\.cpp or a \.ino sketch or set src_dir in \[platformio\]/);
    const r = fbuild(['build', dir, '--cache-dir', cacheDir, '--json'], { env: { PLATFORMIO_SRC_DIR: join(dir, 'code') } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(simulateHex(readFileSync(r.json!.artifacts.hex, 'utf8')).serial, /^from code\r\n/);
  } finally {
    t.cleanup();
  }
});

test('lib_ldf_mode = off builds only lib_deps libraries (with lib_archive = no)', () => {
  const t = tempDir();
  try {
    const dir = join(t.dir, 'p');
    writeFiles(dir, {
      'platformio.ini':
        '[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\nlib_ldf_mode = off\nlib_archive = no\nlib_deps = Twice\n',
      'src/main.cpp':
        '#include <Arduino.h>\n#include <Twice.h>\nvoid setup() { Serial.begin(115200); Serial.println(twice(21)); }\nvoid loop() {}\n',
      'lib/Twice/src/Twice.h': '#pragma once\nint twice(int);\n',
      // The chain finder would follow this include into lib/Unused (and fail on its #error); off does not.
      'lib/Twice/src/Twice.cpp':
        '#include "Twice.h"\n#if __has_include(<Unused.h>)\n#include <Unused.h>\n#endif\nint twice(int x) { return 2 * x; }\n',
      'lib/Unused/src/Unused.h': '#pragma once\n',
      'lib/Unused/src/Unused.cpp': '#error not used\n',
    });
    // The uno core from the shared warm store (sharedBuilds.ts): which libraries are built is the point.
    const r = fbuild(['build', dir, '--cache-dir', copyUnoCoreStore(join(t.dir, 'cache')), '--json', '--verbose']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(simulateHex(readFileSync(r.json!.artifacts.hex, 'utf8')).serial, /^42\r\n/);
    assert.ok(!r.stderr.includes('Unused.cpp'), r.stderr);
  } finally {
    t.cleanup();
  }
});
