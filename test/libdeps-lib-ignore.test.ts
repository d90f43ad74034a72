import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fbuildAsync } from './helpers/buildCli.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';
import { startRegistry } from './helpers/registryEmulator.ts';
import { simulateHex } from './helpers/simulate.ts';

/**
 * A dimmer project that takes a header-only table package from an archive URL and uses it through
 * `-I`, keeping it out of the dependency finder with `lib_ignore` (its `src/` holds a desktop
 * generator that does not build for AVR). PlatformIO installs it and neither builds nor links it.
 */
test('a lib_deps URL that lib_ignore keeps out is installed, not built, and its headers reach the project through -I', async (t) => {
  const registry = await startRegistry();
  const tmp = tempDir();
  t.after(async () => {
    await registry.close();
    tmp.cleanup();
  });
  const archive = registry.serveArchive('DimCurve.tar.gz', {
    'library.json': JSON.stringify({ name: 'DimCurve', version: '2.1.0' }),
    'include/dimcurve.h': '#pragma once\n#include <stdint.h>\nstatic const uint8_t DIM_CURVE[4] = {0, 12, 80, 255};\n',
    'src/generate.cpp': '#include <cmath>\n#error "the generator is a desktop tool, not firmware"\n',
  });
  const dir = join(tmp.dir, 'dimmer');
  writeFiles(dir, {
    'platformio.ini': [
      '[env:uno]',
      'platform = atmelavr',
      'board = uno',
      'framework = arduino',
      `lib_deps = ${archive}`,
      'lib_ignore = DimCurve',
      'build_flags = -I.pio/libdeps/uno/DimCurve/include',
      '',
    ].join('\n'),
    'src/main.cpp':
      '#include <Arduino.h>\n#include <dimcurve.h>\n' +
      'void setup() { Serial.begin(9600); for (uint8_t v : DIM_CURVE) { Serial.print(v); Serial.print(" "); } Serial.println(); }\n' +
      'void loop() {}\n',
  });
  const r = await fbuildAsync(['build', dir, '--cache-dir', join(tmp.dir, 'cache'), '--json', '--verbose'], {
    env: { FBUILD_REGISTRY_URL: registry.apiUrl },
  });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(existsSync(join(dir, '.pio/libdeps/uno/DimCurve/.piopm')), 'installed with its .piopm');
  assert.ok(!r.stderr.includes('generate.cpp'), r.stderr);
  assert.ok(!JSON.stringify(r.json).includes('generate.cpp'));
  assert.equal(
    simulateHex(readFileSync(r.json!.artifacts.hex, 'utf8'), { stopWhen: (s) => s.serial.includes('\n') }).serial,
    '0 12 80 255 \r\n',
  );
});
