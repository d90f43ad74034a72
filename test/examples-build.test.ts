import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fbuild, type CliRun } from './helpers/buildCli.ts';
import { writeExampleLibrary } from './helpers/exampleLibrary.ts';
import { tempDir } from './helpers/fixtures.ts';
import { simulateHex } from './helpers/simulate.ts';

// Both boards are ATmega328P boards of Debian's Arduino core, so every firmware runs in avr8js.
const BOARDS = ['uno', 'nanoatmega328'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the CLI's JSON, read loosely
type Cell = Record<string, any>;

function cellOf(run: CliRun, example: string, board: string): Cell {
  const cell = (run.json?.results as Cell[] | undefined)?.find((r) => r.example === example && r.board === board);
  assert.ok(cell, `no result for ${example} on ${board}: ${run.stderr}`);
  return cell;
}

const printed = (hexPath: string, text: string) =>
  simulateHex(readFileSync(hexPath, 'latin1'), { cycles: 8_000_000, stopWhen: (r) => r.serial.includes(text) }).serial;

test('a library with three examples, built for two boards, through one cache', (t) => {
  const tmp = tempDir('fbuild-examples-');
  t.after(tmp.cleanup);
  const cacheDir = join(tmp.dir, 'cache');
  const first = join(tmp.dir, 'one', 'Greeter');
  writeExampleLibrary(first);
  const examples = (lib: string, ...more: string[]) =>
    fbuild(['examples', lib, '--boards', BOARDS.join(','), '--cache-dir', cacheDir, '--json', ...more]);

  // The first run: the cells that should build do, the broken example fails on both boards, and the
  // exit code says a cell failed although every cell was tried.
  const run = examples(first, '--report', join(tmp.dir, 'base.json'), '--sketches-report', join(tmp.dir, 'sketches'));
  assert.equal(run.code, 1, run.stderr);
  assert.equal(run.json?.results.length, 6);
  for (const board of BOARDS) {
    for (const ok of ['examples/Hello', 'examples/Board']) {
      const c = cellOf(run, ok, board);
      assert.equal(c.ok, true, `${ok} on ${board}: ${c.error}`);
      assert.equal(c.error, null);
      assert.ok(c.flash > 1000 && c.ram > 100, `${ok} on ${board} has sizes: ${c.flash} / ${c.ram}`);
      assert.ok(existsSync(c.artifacts.hex) && existsSync(c.artifacts.elf));
    }
    const broken = cellOf(run, 'examples/Broken', board);
    assert.equal(broken.ok, false);
    assert.match(broken.error, /^examples\/Broken\/Broken\.ino:4:\d+: error: .*greetLoudly/);
    assert.equal(broken.artifacts.hex, '');
  }
  assert.match(run.stderr, /examples\/Broken for uno: failed[\s\S]*greetLoudly/);

  // Every firmware runs: the library greets, and the board-specific #if chose each board's branch.
  for (const board of BOARDS) {
    assert.match(printed(cellOf(run, 'examples/Hello', board).artifacts.hex, 'world'), /Hello, world/);
  }
  assert.match(printed(cellOf(run, 'examples/Board', 'uno').artifacts.hex, 'uno'), /Hello, uno/);
  assert.match(printed(cellOf(run, 'examples/Board', 'nanoatmega328').artifacts.hex, 'nano'), /Hello, nano/);

  // One core per board: every cell of a board but its first found the core (and the library) compiled.
  for (const board of BOARDS) {
    const cells: Cell[] = (run.json!.results as Cell[]).filter((r) => r.board === board);
    const coreCompilers = cells.filter((c: Cell) => c.misses > 5);
    assert.equal(coreCompilers.length, 1, `one cell of ${board} compiled the core: ${cells.map((c: Cell) => c.misses).join(', ')}`);
  }

  // The sketches report, one file per board as compile-sketches names it, with the same sizes.
  const uno = JSON.parse(readFileSync(join(tmp.dir, 'sketches', 'arduino-avr-uno.json'), 'utf8'));
  assert.equal(uno.boards[0].board, 'arduino:avr:uno');
  const hello = uno.boards[0].sketches.find((s: Cell) => s.name === 'examples/Hello');
  assert.equal(hello.compilation_success, true);
  assert.deepEqual(hello.sizes[0], {
    name: 'flash',
    maximum: 32256,
    current: { absolute: cellOf(run, 'examples/Hello', 'uno').flash, relative: hello.sizes[0].current.relative },
  });
  assert.equal(hello.sizes[1].name, 'RAM for global variables');
  const brokenReport = uno.boards[0].sketches.find((s: Cell) => s.name === 'examples/Broken');
  assert.equal(brokenReport.compilation_success, false);
  assert.equal(brokenReport.sizes[0].current.absolute, 'N/A');
  assert.ok(existsSync(join(tmp.dir, 'sketches', 'arduino-avr-nano-cpu=atmega328.json')));

  // Another checkout of the same library, the same cache: everything that compiled before hits.
  const second = join(tmp.dir, 'two', 'Greeter');
  cpSync(first, second, { recursive: true, filter: (src) => !src.includes('/.pio') });
  const again = examples(second);
  assert.equal(again.code, 1);
  for (const c of again.json!.results as Cell[]) {
    assert.equal(c.misses, 0, `${c.example} on ${c.board} missed ${c.misses}`);
    if (c.ok) assert.equal(c.hitRate, 1, `${c.example} on ${c.board}`);
  }
  assert.equal(again.json!.totals.hitRate, 1);

  // A change that grows one example: only its cells change size, by what the firmware grew.
  const sketch = join(second, 'examples', 'Hello', 'Hello.ino');
  writeFileSync(
    sketch,
    readFileSync(sketch, 'utf8').replace(
      'greet(Serial, "world");',
      'greet(Serial, "world");\n  Serial.println(F("and a much longer line than before"));',
    ),
  );
  const grown = examples(second, '--base', join(tmp.dir, 'base.json'));
  for (const board of BOARDS) {
    const before = cellOf(run, 'examples/Hello', board);
    const after = cellOf(grown, 'examples/Hello', board);
    assert.ok(after.flash > before.flash, `Hello grew on ${board}`);
    assert.equal(after.flashDelta, after.flash - before.flash);
    assert.equal(after.ramDelta, after.ram - before.ram);
    const board2 = cellOf(grown, 'examples/Board', board);
    assert.equal(board2.flashDelta, 0);
    assert.equal(board2.ramDelta, 0);
    assert.equal(cellOf(grown, 'examples/Broken', board).flashDelta, null);
  }
});

test('bad input is one line naming the fix', (t) => {
  const tmp = tempDir('fbuild-examples-');
  t.after(tmp.cleanup);
  writeExampleLibrary(join(tmp.dir, 'Greeter'));
  const cases: [string[], RegExp][] = [
    [['examples', join(tmp.dir, 'Greeter')], /name the boards/],
    [
      ['examples', join(tmp.dir, 'Greeter'), '--boards', 'uno,nosuchboard'],
      /unknown board 'nosuchboard'; .*'fbuild boards' lists the \d+ boards/,
    ],
    [['examples', join(tmp.dir, 'Greeter'), '--boards', 'uno', '--examples', 'Nothing*'], /no example matches .*examples\/Hello/],
    [['examples', join(tmp.dir, 'missing'), '--boards', 'uno'], /does not exist/],
    [['examples', tmp.dir, '--boards', 'uno'], /no examples in /],
  ];
  for (const [args, message] of cases) {
    const r = fbuild([...args, '--cache-dir', join(tmp.dir, 'cache')]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  }
});
