// Issue 28's rows: N examples of a library × 2 boards. Cold: `fbuild examples` with an empty store
// (one process, one store, the core compiled once per board). One by one: each example built as its
// own PlatformIO project with no cache (what compile-sketches does: every sketch recompiles the core).
// Warm: `fbuild examples` again from another checkout of the library with the cold run's store.
// BENCH_EXAMPLES sets N (default 10). Each mode runs once: a cold run is minutes on a loaded machine.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { BuildSession } from '../server/engine/buildSession.ts';
import { runExamples } from '../server/engine/examplesSession.ts';
import { writeFiles } from '../test/helpers/fixtures.ts';
import { addTarget, fmtMs, table } from './harness.ts';

const BOARDS = ['uno', 'nanoatmega328'];

/** A library with `n` examples, each printing its own line through the library. */
function writeLibrary(dir: string, n: number): string[] {
  const files: Record<string, string> = {
    'library.properties': 'name=Bench\nversion=1.0.0\narchitectures=avr\n',
    'src/Bench.h': '#pragma once\n#include <Arduino.h>\nvoid say(Print &out, const char *what, int n);\n',
    'src/Bench.cpp': '#include "Bench.h"\nvoid say(Print &out, const char *what, int n) { out.print(what); out.println(n); }\n',
  };
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = `Example${String(i).padStart(2, '0')}`;
    names.push(name);
    files[`examples/${name}/${name}.ino`] =
      `#include <Bench.h>\nvoid setup() { Serial.begin(9600); say(Serial, "example ${i}: ", ${i}); }\nvoid loop() { delay(${100 + i}); }\n`;
  }
  writeFiles(dir, files);
  return names;
}

const session = (cacheDir: string, cache: boolean) =>
  BuildSession.open({
    cacheDir,
    cache,
    jobs: availableParallelism(),
    toolchain: 'system',
    fbuildCommand: [],
    wrapperEnv: () => ({}),
  });

async function examplesRun(library: string, cacheDir: string): Promise<{ ms: number; hits: number; misses: number; failed: number }> {
  const s = await session(cacheDir, true);
  const t0 = performance.now();
  try {
    const r = await runExamples(s, { libraryDir: library, boards: BOARDS, toolchain: 'system', offline: true });
    return { ms: performance.now() - t0, hits: r.totals.hits, misses: r.totals.misses, failed: r.totals.failed };
  } finally {
    await s.close();
  }
}

export async function examplesBench(root: string): Promise<string> {
  const n = Number(process.env.BENCH_EXAMPLES ?? 10);
  const out = [`## Library examples (issue 28): ${n} examples × ${BOARDS.length} boards (${BOARDS.join(', ')})\n`];
  const library = join(root, 'examples-one', 'Bench');
  const names = writeLibrary(library, n);
  const cacheDir = join(root, 'examples-cache');

  const cold = await examplesRun(library, cacheDir);

  // One by one: a project per (example, board), each in its own session with no store.
  const projects = join(root, 'examples-projects');
  const t0 = performance.now();
  let failedOneByOne = 0;
  for (const board of BOARDS) {
    for (const name of names) {
      const dir = join(projects, board, name);
      mkdirSync(join(dir, 'src'), { recursive: true });
      cpSync(join(library, 'examples', name, `${name}.ino`), join(dir, 'src', `${name}.ino`));
      cpSync(join(library, 'src'), join(dir, 'lib', 'Bench', 'src'), { recursive: true });
      cpSync(join(library, 'library.properties'), join(dir, 'lib', 'Bench', 'library.properties'));
      writeFileSync(join(dir, 'platformio.ini'), `[env:${board}]\nplatform = atmelavr\nboard = ${board}\nframework = arduino\n`);
      const s = await session(join(root, 'examples-nocache'), false);
      try {
        const code = await s.run({ projectDir: dir, environment: board, noCache: true, offline: true }, () => {});
        if (code !== 0) failedOneByOne++;
      } finally {
        await s.close();
      }
    }
  }
  const oneByOne = performance.now() - t0;

  // Warm: another checkout of the library, the same store.
  const other = join(root, 'examples-two', 'Bench');
  cpSync(library, other, { recursive: true, filter: (src) => !src.includes('/.pio') });
  const warm = await examplesRun(other, cacheDir);

  const cells = n * BOARDS.length;
  out.push(
    table(
      ['mode', 'builds', 'time', 'per build', 'hits / misses', 'failed'],
      [
        ['one by one, no cache (a project per sketch)', cells, fmtMs(oneByOne), fmtMs(oneByOne / cells), '-', failedOneByOne],
        ['fbuild examples, cold store', cells, fmtMs(cold.ms), fmtMs(cold.ms / cells), `${cold.hits} / ${cold.misses}`, cold.failed],
        [
          'fbuild examples, warm (another checkout)',
          cells,
          fmtMs(warm.ms),
          fmtMs(warm.ms / cells),
          `${warm.hits} / ${warm.misses}`,
          warm.failed,
        ],
      ],
    ),
  );
  out.push(`\nEach mode ran once, ${availableParallelism()} compilers at once.\n`);
  addTarget(
    `examples cold / one by one (${n} × ${BOARDS.length})`,
    '≤ 0.5',
    cold.ms / oneByOne,
    (v) => v.toFixed(2),
    (v) => v <= 0.5,
  );
  addTarget(
    `examples warm / cold (${n} × ${BOARDS.length})`,
    '≤ 0.05',
    warm.ms / cold.ms,
    (v) => v.toFixed(3),
    (v) => v <= 0.05,
  );
  return out.join('\n');
}
