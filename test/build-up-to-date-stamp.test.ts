import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { freshDist } from './helpers/bundle.ts';
import { tempDir } from './helpers/fixtures.ts';
import { copyUnoCoreStore, iniBuildFlags } from './helpers/sharedBuilds.ts';
import { checkUpToDateStamp, writeUpToDateStamp } from '../server/engine/upToDateStamp.ts';

// The up-to-date answer from a stamp (src/cli/buildUpToDate.ts, server/engine/upToDateStamp.ts): an
// unchanged rebuild is answered without loading the engine, and every kind of change sends the build
// down the full path. To see which path a run took, the test runs its own copy of the bundle and,
// for the "fast" runs, moves the chunk that holds `fbuild build`'s full path away: a run that answers
// succeeds only if it never needed it, and one that declines fails to load it.

const LOCAL_LIB = join(import.meta.dirname, 'fixtures', 'local-lib');
const tmp = tempDir('fbuild-uptodate-');
const root = join(tmp.dir, 'fbuild');
const project = join(tmp.dir, 'project');
const pathDir = join(tmp.dir, 'bin');
const cacheDir = join(tmp.dir, 'cache');
const hex = join(project, '.fbuild', 'build', 'uno', 'firmware.hex');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'build', project, '-e', 'uno', ...args], {
    cwd: tmp.dir,
    env: {
      ...process.env,
      FBUILD_TOOLCHAIN: 'system',
      FBUILD_REGISTRY_URL: 'http://127.0.0.1:9',
      FBUILD_CACHE_DIR: cacheDir,
      // The stamp's own answer: no resident server in front of it (build-resident.test.ts).
      FBUILD_DAEMON: '0',
      PATH: `${pathDir}:${process.env.PATH}`,
      ...env,
    },
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The full path's entry chunk (src/cli/build.ts). */
function buildChunk(): string {
  const name = readdirSync(join(root, 'dist', 'chunks')).find((f) => /^build-[A-Z0-9]+\.js$/.test(f));
  assert.ok(name, 'the bundle has a build chunk');
  return join(root, 'dist', 'chunks', name);
}

/** A run that can only answer from the stamp: the full path's code is not there. */
function fastOnly(args: string[] = [], env: NodeJS.ProcessEnv = {}): Run {
  const chunk = buildChunk();
  renameSync(chunk, `${chunk}.away`);
  try {
    return run(args, env);
  } finally {
    renameSync(`${chunk}.away`, chunk);
  }
}

function assertAnswered(r: Run, why: string): void {
  assert.equal(r.code, 0, `${why}: the stamp answers (stderr: ${r.stderr})`);
  assert.match(r.stdout, /uno: up to date, nothing compiled/, why);
}

function assertDeclined(r: Run, why: string): void {
  assert.notEqual(r.code, 0, `${why}: the stamp must not answer (stdout: ${r.stdout})`);
  assert.match(r.stderr, /build-[A-Z0-9]+\.js|Cannot find module/, `${why}: it went for the full path (stderr: ${r.stderr})`);
}

/** The full path, which must see the change (or, `upToDate`, find nothing that matters). */
function full(args: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const r = run([...args, '--json'], env);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as { upToDate: boolean; stats: { compiles: number; misses: number; hits: number } };
}

before(() => {
  cpSync(dirname(freshDist()), root, { recursive: true });
  cpSync(LOCAL_LIB, project, { recursive: true, filter: (src) => !src.includes('.fbuild') });
  mkdirSync(pathDir);
  // The uno core with the project's build_flags from the shared warm store: the stamps are the point,
  // not a cold core; the project's own units and its link still compile in this first build.
  copyUnoCoreStore(cacheDir, iniBuildFlags(project));
  const cold = full();
  assert.equal(cold.upToDate, false);
  // The plain invocation's first run: the full path finds it up to date and writes its stamp.
  assert.equal(run([]).code, 0);
});

after(() => tmp.cleanup());

test('an unchanged rebuild is answered from the stamp, as the full path answers it', () => {
  // The first full build wrote the stamp; the answer prints what the full path prints.
  const fast = fastOnly();
  assertAnswered(fast, 'unchanged');
  rmSync(join(cacheDir, 'uptodate'), { recursive: true });
  const slow = run([]);
  assert.equal(slow.code, 0, slow.stderr);
  const withoutTime = (s: string) => s.replace(/\(\d+(\.\d+)? m?s\)/, '(T)');
  assert.equal(withoutTime(fast.stdout), withoutTime(slow.stdout));
  assert.equal(fast.stderr, slow.stderr);
  // The full up-to-date run wrote the stamp again; --json has its own, written by its own first run.
  assertAnswered(fastOnly(), 'stamp rewritten by an up-to-date full run');
  assertDeclined(fastOnly(['--json']), 'another invocation');
  const slowJson = JSON.parse(run(['--json']).stdout) as Record<string, unknown>;
  const fastJson = JSON.parse(fastOnly(['--json']).stdout) as Record<string, unknown>;
  assert.deepEqual({ ...fastJson, durationMs: 0 }, { ...slowJson, durationMs: 0 });
  assert.equal(fastJson.upToDate, true);
});

test('every edit the build depends on sends it down the full path, which rebuilds', () => {
  const edits: [string, () => void][] = [
    ['a source edit', () => appendFileSync(join(project, 'src', 'main.cpp'), '\nint edited_source = 1;\n')],
    ['a library header edit', () => appendFileSync(join(project, 'lib', 'TextUtil', 'TextUtil.h'), '\n#define EDITED_HEADER 1\n')],
    ['a new source file', () => writeFileSync(join(project, 'src', 'extra.cpp'), 'int extra_unit = 2;\n')],
    // build_src_flags: the project's own units rebuild, the uno core keeps its key (a build_flags edit
    // would compile the whole core again, here and in the !command test below, which adds to this option).
    [
      'a platformio.ini edit',
      () =>
        writeFileSync(
          join(project, 'platformio.ini'),
          readFileSync(join(project, 'platformio.ini'), 'utf8') + 'build_src_flags = -DEDITED_INI=1\n',
        ),
    ],
    ['the firmware deleted', () => rmSync(hex)],
  ];
  for (const [what, edit] of edits) {
    assertAnswered(fastOnly(), `before ${what}`);
    edit();
    assertDeclined(fastOnly(), what);
    const rebuilt = full();
    assert.equal(rebuilt.upToDate, false, `${what}: rebuilt`);
    // The plain invocation's full run finds the new state up to date and writes its stamp.
    assert.equal(run([]).code, 0);
    assertAnswered(fastOnly(), `after ${what}`);
  }
});

test('changes outside the project that could change the build are seen too', () => {
  const changes: [string, () => void, () => void][] = [
    ['a new file on PATH', () => writeFileSync(join(pathDir, 'avr-unrelated'), ''), () => rmSync(join(pathDir, 'avr-unrelated'))],
    ['a boards_dir created', () => mkdirSync(join(project, 'boards')), () => rmSync(join(project, 'boards'), { recursive: true })],
    [
      'the build dir locked by another build',
      () => mkdirSync(join(project, '.fbuild', 'build', 'uno', 'build.lock')),
      () => rmSync(join(project, '.fbuild', 'build', 'uno', 'build.lock'), { recursive: true }),
    ],
  ];
  for (const [what, change, undo] of changes) {
    assertAnswered(fastOnly(), `before ${what}`);
    change();
    assertDeclined(fastOnly(), what);
    undo();
    // Nothing that matters changed: the full path says up to date, and the stamp answers again.
    if (what !== 'the build dir locked by another build') assert.equal(full().upToDate, true, what);
    run([]);
    assertAnswered(fastOnly(), `after ${what}`);
  }
  // Another environment is another invocation: the full path, then its own stamp.
  assertDeclined(fastOnly([], { FBUILD_SOME_SETTING: '1' }), 'another environment');
  assert.equal(run([], { FBUILD_SOME_SETTING: '1' }).code, 0);
  assertAnswered(fastOnly([], { FBUILD_SOME_SETTING: '1' }), 'its own stamp');
});

test('flags that ask for more than the answer never take it', () => {
  assertAnswered(fastOnly(), 'plain');
  for (const flags of [['--force'], ['--keep-objects'], ['--verbose'], ['--no-cache'], ['--server', 'http://127.0.0.1:9']]) {
    assertDeclined(fastOnly(flags), flags.join(' '));
  }
});

test('options that take more than files (a !command flag) write no stamp', () => {
  const ini = join(project, 'platformio.ini');
  const text = readFileSync(ini, 'utf8');
  writeFileSync(ini, `${text}\n  !echo -DFROM_COMMAND=1\n`);
  assert.equal(full().upToDate, false);
  assert.equal(run([]).code, 0);
  assertDeclined(fastOnly(), 'a !command flag');
  // The full path still answers up to date when the command's output is the same.
  assert.equal(full().upToDate, true);
  writeFileSync(ini, text);
});

test("a project's own board file: creating or editing it rebuilds, on both paths", () => {
  const boards = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'server', 'targets', 'avrBoards.json'), 'utf8')) as {
    boards: Record<string, { build: { f_cpu: string } }>;
  };
  const uno = boards.boards.uno!;
  const boardFile = join(project, 'boards', 'uno.json');
  assert.equal(run([]).code, 0);
  assertAnswered(fastOnly(), 'before the board file');
  mkdirSync(dirname(boardFile), { recursive: true });
  writeFileSync(boardFile, JSON.stringify({ ...uno, build: { ...uno.build, f_cpu: '8000000L' } }));
  assertDeclined(fastOnly(), 'a board file created');
  const hexBefore = readFileSync(hex, 'utf8');
  assert.equal(full().upToDate, false, 'the board file changes the build');
  const hex8 = readFileSync(hex, 'utf8');
  assert.notEqual(hex8, hexBefore, 'F_CPU is in the firmware (delay loops, the serial baud divisor)');
  assert.equal(run([]).code, 0);
  assertAnswered(fastOnly(), 'after the board file');
  // An edit of the board file alone: platformio.ini is unchanged, and the board's F_CPU is back.
  writeFileSync(boardFile, JSON.stringify(uno));
  assertDeclined(fastOnly(), 'a board file edited');
  assert.equal(full().upToDate, false, 'the full path sees the board edit');
  assert.equal(readFileSync(hex, 'utf8'), hexBefore);
  rmSync(join(project, 'boards'), { recursive: true });
});

test('stamps are kept per invocation, the 64 newest; a damaged stamp only means the full path', () => {
  const dir = join(tmp.dir, 'stamps');
  mkdirSync(dir);
  const facts = {
    projectDir: project,
    fingerprint: join(project, 'missing.json'),
    lock: join(project, 'no.lock'),
    configKey: 'k',
    trees: [],
    packageDirs: [],
    watch: [],
    result: { environment: 'uno', ok: true, upToDate: true, artifacts: { elf: '', hex: '' }, size: { flash: 0, ram: 0 }, durationMs: 0 },
  } as unknown as Parameters<typeof writeUpToDateStamp>[1];
  for (let i = 0; i < 70; i++) writeUpToDateStamp(join(dir, `s${i}.json`), facts, []);
  const left = readdirSync(dir);
  assert.equal(left.length, 64);
  assert.ok(left.includes('s69.json'), 'the newest is kept');
  // A stamp whose fingerprint is missing answers nothing; nor does one that is not JSON.
  assert.equal(checkUpToDateStamp(join(dir, 's69.json')), undefined);
  writeFileSync(join(dir, 's69.json'), '{not json');
  assert.equal(checkUpToDateStamp(join(dir, 's69.json')), undefined);
});

test('a local lib_deps folder (copied into libdeps by the build): an edit there sends the build down the full path', () => {
  const shared = join(tmp.dir, 'shared', 'Blinker');
  mkdirSync(join(shared, 'src'), { recursive: true });
  writeFileSync(join(shared, 'library.properties'), 'name=Blinker\nversion=1.0.0\narchitectures=avr\n');
  writeFileSync(join(shared, 'src', 'Blinker.h'), '#pragma once\nint blinker();\n');
  writeFileSync(join(shared, 'src', 'Blinker.cpp'), '#include "Blinker.h"\nint blinker() { return 1; }\n');
  const ini = join(project, 'platformio.ini');
  const text = readFileSync(ini, 'utf8');
  writeFileSync(ini, `${text}\nlib_deps = ../shared/Blinker\n`);
  writeFileSync(join(project, 'src', 'uses-blinker.cpp'), '#include <Blinker.h>\nint use_blinker() { return blinker(); }\n');
  assert.equal(full().upToDate, false);
  assert.equal(run([]).code, 0);
  assertAnswered(fastOnly(), 'before the library edit');
  for (const [what, edit] of [
    ['a source edited in the library', () => appendFileSync(join(shared, 'src', 'Blinker.cpp'), '\nint blinker2() { return 2; }\n')],
    ['a file added to the library', () => writeFileSync(join(shared, 'src', 'More.cpp'), 'int more_blinker = 3;\n')],
  ] as const) {
    edit();
    assertDeclined(fastOnly(), what);
    assert.equal(full().upToDate, false, `${what}: the copy is refreshed and rebuilt`);
    assert.equal(run([]).code, 0);
    assertAnswered(fastOnly(), `after ${what}`);
  }
  writeFileSync(ini, text);
  rmSync(join(project, 'src', 'uses-blinker.cpp'));
});
