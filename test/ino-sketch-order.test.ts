import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { platformioSketchOrder } from '../server/project/ino/sketchOrder.ts';
import { fbuild } from './helpers/buildCli.ts';
import { simulateHex } from './helpers/simulate.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';

/**
 * A weather-station sketch split over several tabs as the Arduino IDE saves it: the main tab
 * (`WeatherStation.ino`, setup/loop and the globals) sorts after two helper tabs that use those
 * globals, and an old `.pde` tab. PlatformIO merges the file that defines setup()/loop() first.
 */
function writeSketch(root: string): string {
  const dir = join(root, 'WeatherStation');
  writeFiles(dir, {
    'platformio.ini': '[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\nbuild_flags = -Wall\n',
    'src/Display.ino': [
      '// Prints one reading; uses the globals of the main tab.',
      'void showReading(int value) {',
      '  Serial.print(stationName);',
      '  Serial.print(": ");',
      '  Serial.println(value + calibration());',
      '}',
      '',
    ].join('\n'),
    'src/Sensors.ino': ['int readSensor() {', '  samples++;', '#warning "Sensors line 3"', '  return 20 + samples;', '}', ''].join('\n'),
    'src/WeatherStation.ino': [
      'const char *stationName = "roof";',
      'int samples = 0;',
      '',
      'void setup() {',
      '  Serial.begin(115200);',
      '  showReading(readSensor());',
      '  showReading(readSensor());',
      '  Serial.println(samples);',
      '}',
      '',
      'void loop() {}',
      '',
    ].join('\n'),
    'src/calibration.pde': 'int calibration() { return samples * 100; }\n',
  });
  return dir;
}

test('PlatformIO picks the file that defines setup() or loop() as the main one, then the rest by name, .pde last', () => {
  const files = (...names: [string, string][]) => names.map(([path, text]) => ({ path, text }));
  const order = (f: { path: string; text: string }[]) => platformioSketchOrder(f).map((x) => x.path);
  assert.deepEqual(order(files(['b.pde', 'int x;'], ['c.ino', 'int y;'], ['z.ino', 'void loop() {}'], ['a.ino', 'int a;'])), [
    'z.ino',
    'a.ino',
    'c.ino',
    'b.pde',
  ]);
  // The raw text is matched, comments included, case-insensitively, as PlatformIO's DETECTMAIN_RE.
  assert.deepEqual(order(files(['a.ino', 'int a;'], ['b.ino', '// VOID Setup (): see main'])), ['b.ino', 'a.ino']);
  // Several main files: each goes before those taken so far, so the last one by name leads.
  assert.deepEqual(order(files(['a.ino', 'void setup() {}'], ['b.ino', 'int b;'], ['c.ino', 'void loop() {}'])), [
    'c.ino',
    'a.ino',
    'b.ino',
  ]);
  // None: the order found, the first file being the main one.
  assert.deepEqual(order(files(['b.ino', 'int b;'], ['a.ino', 'int a;'])), ['a.ino', 'b.ino']);
});

test('a sketch whose main tab is not first by name builds, runs, names its tabs in diagnostics, and hits fully from another checkout', (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const dir = writeSketch(tmp.dir);
  const cacheDir = join(tmp.dir, 'cache');
  const r = fbuild(['build', dir, '--cache-dir', cacheDir, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const sim = simulateHex(readFileSync(r.json!.artifacts.hex, 'utf8'));
  assert.match(sim.serial, /^roof: 121\r\nroof: 222\r\n2\r\n/);
  // The merged unit is named after the main tab, and each tab's lines keep their own file and line.
  assert.deepEqual(readdirSync(join(dir, '.fbuild/build/uno/sketch')), ['WeatherStation.ino.cpp']);
  assert.match(r.stderr, /src\/Sensors\.ino:3:2: warning: #warning "Sensors line 3"/);

  const other = join(tmp.dir, 'elsewhere', 'checkout');
  cpSync(dir, other, { recursive: true, filter: (p) => !p.includes('.fbuild') });
  const warm = fbuild(['build', other, '--cache-dir', cacheDir, '--json']);
  assert.equal(warm.code, 0, warm.stderr);
  // Every unit and the link (counted in `compiles`) hit.
  assert.equal(warm.json!.stats.hits, warm.json!.stats.compiles, JSON.stringify(warm.json!.stats));
  const clean = fbuild(['build', other, '--cache-dir', cacheDir, '--json', '--no-cache', '--force']);
  assert.equal(clean.code, 0, clean.stderr);
  assert.equal(readFileSync(warm.json!.artifacts.hex, 'utf8'), readFileSync(clean.json!.artifacts.hex, 'utf8'));
});
