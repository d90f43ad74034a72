import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { findExampleSketches, libraryDependencySpecs, selectExamples } from '../server/project/exampleSketches.ts';
import { sizeDeltas, toSketchesReports } from '../server/engine/examplesReport.ts';
import type { ExampleCellResult, ExamplesReport } from '../server/engine/examplesSession.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';
import { examplesInputs, examplesTargets } from '../src/action/examples/examplesInputs.ts';

test('examples are found as the Arduino IDE and PlatformIO lay them out, and chosen by glob', (t) => {
  const tmp = tempDir('fbuild-examples-');
  t.after(tmp.cleanup);
  writeFiles(tmp.dir, {
    'library.properties': 'name=Lib\nversion=1.0.0\ndepends=Adafruit GFX Library (>=1.11.0), OneWire, Exact (=2.0.1)\n',
    'examples/Blink/Blink.ino': 'void setup(){} void loop(){}',
    'examples/Blink/helper.h': '',
    // A sketch's own src/ folder is part of it, not another example.
    'examples/Blink/src/Inner/Inner.ino': '',
    'examples/Basics/Fade/Fade.ino': '',
    'examples/Basics/Old/Old.pde': '',
    'examples/Basics/README.md': '',
    'examples/Basics/NotASketch/other.ino': '',
    'examples/PioStyle/platformio.ini': '[platformio]\nsrc_dir = code\n\n[env:uno]\nboard = uno\n',
    'examples/PioStyle/code/main.cpp': '',
    'examples/PioStyle/lib/Local/Local.h': '',
    'examples/.pio/Hidden/Hidden.ino': '',
  });
  const all = findExampleSketches(tmp.dir);
  assert.deepEqual(
    all.map((e) => [e.path, e.kind]),
    [
      ['examples/Basics/Fade', 'arduino'],
      ['examples/Basics/Old', 'arduino'],
      ['examples/Blink', 'arduino'],
      ['examples/PioStyle', 'platformio'],
    ],
  );
  const pio = all.find((e) => e.kind === 'platformio')!;
  assert.equal(pio.srcDir, join(tmp.dir, 'examples/PioStyle/code'));
  assert.equal(pio.libDir, join(tmp.dir, 'examples/PioStyle/lib'));
  assert.equal(pio.includeDir, undefined);

  const names = (include: string[], exclude: string[] = []) => selectExamples(all, include, exclude).map((e) => e.name);
  assert.deepEqual(names([]), ['Fade', 'Old', 'Blink', 'PioStyle']);
  assert.deepEqual(names(['examples/Basics/*']), ['Fade', 'Old']);
  assert.deepEqual(names(['B*']), ['Blink']);
  assert.deepEqual(names(['**/F*', 'Pio*']), ['Fade', 'PioStyle']);
  assert.deepEqual(names([], ['examples/Basics/**']), ['Blink', 'PioStyle']);

  assert.deepEqual(libraryDependencySpecs(tmp.dir), ['Adafruit GFX Library@>=1.11.0', 'OneWire', 'Exact@==2.0.1']);
});

test('library.json dependencies become lib_deps specs with their owners', (t) => {
  const tmp = tempDir('fbuild-examples-');
  t.after(tmp.cleanup);
  writeFiles(tmp.dir, {
    'library.json': JSON.stringify({
      name: 'L',
      version: '1.0.0',
      dependencies: [
        { owner: 'bblanchon', name: 'ArduinoJson', version: '^7.0.0' },
        { name: 'Any', version: '*' },
      ],
    }),
  });
  assert.deepEqual(libraryDependencySpecs(tmp.dir), ['bblanchon/ArduinoJson@^7.0.0', 'Any']);
});

const cell = (example: string, board: string, flash: number, ram: number, ok = true): ExampleCellResult => ({
  example,
  board,
  ok,
  error: ok ? null : 'x.ino:1:1: error: nope',
  flash: ok ? flash : 0,
  ram: ok ? ram : 0,
  flashMax: 32256,
  ramMax: 2048,
  warnings: 1,
  hits: 0,
  misses: 0,
  hitRate: 0,
  upToDate: false,
  artifacts: { elf: '', hex: '' },
  durationMs: 0,
});

const reportOf = (results: ExampleCellResult[]): ExamplesReport => ({
  library: 'L',
  boards: [...new Set(results.map((r) => r.board))],
  examples: [...new Set(results.map((r) => r.example))],
  results,
  totals: { cells: results.length, failed: results.filter((r) => !r.ok).length, hits: 0, misses: 0, hitRate: 0 },
  durationMs: 0,
});

test('size deltas and the sketches report against a base', () => {
  const base = reportOf([
    cell('examples/A', 'uno', 1000, 100),
    cell('examples/B', 'uno', 2000, 200),
    cell('examples/C', 'uno', 0, 0, false),
  ]);
  const head = reportOf([
    cell('examples/A', 'uno', 1100, 90),
    cell('examples/B', 'uno', 2000, 200),
    cell('examples/C', 'uno', 3000, 300),
    cell('examples/New', 'uno', 500, 50),
  ]);
  assert.deepEqual(
    sizeDeltas(head, base).map((d) => [d.example, d.flashDelta, d.ramDelta]),
    [
      ['examples/A', 100, -10],
      ['examples/B', 0, 0],
      ['examples/C', null, null],
      ['examples/New', null, null],
    ],
  );

  const [file] = toSketchesReports(head, { hash: 'abc1234', url: 'https://github.com/o/r/commit/abc1234' }, base);
  assert.equal(file!.file, 'arduino-avr-uno.json');
  const board = file!.json.boards[0]!;
  const a = board.sketches[0]!;
  assert.deepEqual(a.sizes[0], {
    name: 'flash',
    maximum: 32256,
    current: { absolute: 1100, relative: 3.41 },
    previous: { absolute: 1000, relative: 3.1 },
    delta: { absolute: 100, relative: 0.31 },
  });
  assert.deepEqual(a.warnings, { current: { absolute: 1 }, previous: { absolute: 1 }, delta: { absolute: 0 } });
  assert.deepEqual(board.sketches[2]!.sizes[0]!.delta, { absolute: 'N/A', relative: 'N/A' });
  assert.deepEqual(board.sizes![0]!.delta.absolute, { minimum: 0, maximum: 100 });
  assert.deepEqual(board.sizes![1]!.delta.absolute, { minimum: -10, maximum: 0 });

  // Without a base: only the current sizes, as compile-sketches writes without enable-deltas-report.
  const [plain] = toSketchesReports(head, { hash: '', url: '' });
  assert.deepEqual(Object.keys(plain!.json.boards[0]!.sketches[0]!.sizes[0]!), ['name', 'maximum', 'current']);
  assert.equal(plain!.json.boards[0]!.sizes, undefined);
});

test('the action: boards turn library CI on; examples without boards, or an unknown board, is one line', () => {
  const get = (v: Record<string, string>) => (name: string) => v[name] ?? '';
  assert.deepEqual(examplesInputs(get({})), {});
  assert.deepEqual(examplesInputs(get({ boards: 'uno, megaatmega2560\nuno', examples: 'examples/Basics/*\nBlink*' })), {
    boards: ['uno', 'megaatmega2560'],
    examples: ['examples/Basics/*', 'Blink*'],
  });
  assert.throws(() => examplesInputs(get({ examples: 'Blink*' })), /input 'examples' needs 'boards'/);
  assert.throws(() => examplesInputs(get({ boards: 'uno;rm' })), /input 'boards' has 'uno;rm'/);
  assert.deepEqual(examplesTargets(['uno', 'esp32dev']), { envs: ['uno', 'esp32dev'], platforms: ['atmelavr', 'espressif32'] });
  assert.throws(() => examplesTargets(['zero']), /input 'boards' has 'zero', a board fbuild does not build for; .*'fbuild boards' lists/);
});
