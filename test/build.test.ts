import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CacheService } from '../server/cache/cacheService.ts';
import { build, type BuildResult } from '../server/engine/orchestrator.ts';
import { embeddedBackend } from '../server/engine/buildSession.ts';
import type { ProgressEvent as BuildEvent } from '../server/protocol/wire.ts';
import { DirectBackend } from '../server/engine/directBackend.ts';
import { simulateHex } from './helpers/simulate.ts';
import { ARDUINO_AVR, tempDir, writeFiles } from './helpers/fixtures.ts';
import { fbuild } from './helpers/buildCli.ts';
import { copyUnoCoreStore, iniBuildFlags } from './helpers/sharedBuilds.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const EXAMPLES = join(import.meta.dirname, '..', 'examples');

function copyProject(from: string, to: string): string {
  cpSync(from, to, { recursive: true, filter: (src) => !src.includes('.fbuild') });
  return to;
}

async function buildWith(cacheDir: string, projectDir: string, events?: BuildEvent[]): Promise<BuildResult> {
  const svc = await CacheService.start({ cacheDir });
  try {
    return await build({ projectDir, backend: embeddedBackend(svc), ...(events ? { onEvent: (e) => events.push(e) } : {}) });
  } finally {
    await svc.shutdown();
  }
}

function unitOutcomes(events: BuildEvent[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of events)
    if (e.type === 'unit') out[e.unit.source] = e.unit.reason ? `${e.unit.outcome}: ${e.unit.reason}` : e.unit.outcome;
  return out;
}

const firmwareOf = (dir: string, r: BuildResult) => readFileSync(join(dir, r.artifacts.hex), 'utf8');

test('each fixture builds and its firmware runs in the simulator', async () => {
  const t = tempDir();
  try {
    // A warm start (the uno core already stored, with the project's build_flags, a store per project:
    // helpers/sharedBuilds.ts): this test is about the firmware; the cold path is the --json test's below.
    const cases: [string, string, (serial: string) => void][] = [
      [join(EXAMPLES, 'blink'), 'blink', (s) => assert.match(s, /^blink: ready\r\nblink 1\r\nblink 2\r\n/)],
      [join(FIXTURES, 'sketch'), 'sketch', (s) => assert.match(s, /^sketch: start\r\nvalue 1\r\nvalue 2\r\nvalue 5\r\nvalue 10\r\n/)],
      [join(FIXTURES, 'local-lib'), 'local-lib', (s) => assert.equal(s, 'hello 100\r\nhello 200\r\nhello 300\r\n')],
      [join(FIXTURES, 'wire-eeprom'), 'wire-eeprom', (s) => assert.equal(s, 'eeprom 42 7\r\nwire ready\r\n')],
    ];
    for (const [src, name, check] of cases) {
      const dir = copyProject(src, join(t.dir, name));
      const r = await buildWith(copyUnoCoreStore(join(t.dir, `cache-${name}`), iniBuildFlags(src)), dir);
      assert.equal(r.ok, true);
      assert.ok(r.size.flash > 1000 && r.size.flash < r.size.flashMax, `${name}: flash ${r.size.flash}`);
      assert.ok(r.size.ram > 0 && r.size.ram < r.size.ramMax);
      const sim = simulateHex(firmwareOf(dir, r));
      check(sim.serial);
      if (name === 'blink') assert.ok(sim.ledToggles >= 4, `the LED toggled ${sim.ledToggles} times`);
    }
  } finally {
    t.cleanup();
  }
});

test('the same project at another path: all hits (link included), the same firmware as a --no-cache build', async () => {
  const t = tempDir();
  try {
    const cacheDir = join(t.dir, 'cache');
    const first = copyProject(join(FIXTURES, 'local-lib'), join(t.dir, 'first'));
    const second = copyProject(join(FIXTURES, 'local-lib'), join(t.dir, 'second-checkout-somewhere-else'));
    const nocache = copyProject(join(FIXTURES, 'local-lib'), join(t.dir, 'nocache'));
    const a = await buildWith(cacheDir, first);
    assert.equal(a.stats.misses, a.stats.compiles);
    const b = await buildWith(cacheDir, second);
    assert.equal(b.stats.hitRate, 1);
    assert.equal(b.stats.hits, b.stats.compiles);
    assert.equal(b.stats.compiles, a.stats.compiles);
    assert.ok(b.stats.timeSavedMs > 0);
    const c = await build({ projectDir: nocache, backend: new DirectBackend() });
    assert.equal(c.stats.hits, 0);
    assert.equal(firmwareOf(second, b), firmwareOf(first, a));
    assert.equal(firmwareOf(second, b), firmwareOf(nocache, c));
  } finally {
    t.cleanup();
  }
});

test("envs of one board under other names, in two projects of one repository: the core's entries hit, the firmware is a --no-cache build's", async () => {
  const t = tempDir();
  try {
    // The store holds the uno core as an env named `uno` compiled it (helpers/sharedBuilds.ts).
    const cacheDir = copyUnoCoreStore(join(t.dir, 'cache'));
    const repo = join(t.dir, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    const lab = (name: string, env: string) => {
      const dir = copyProject(join(EXAMPLES, 'blink'), join(repo, 'labs', name));
      writeFileSync(join(dir, 'platformio.ini'), `[env:${env}]\nplatform = atmelavr\nboard = uno\nframework = arduino\n`);
      return dir;
    };
    const builds: [string, BuildResult][] = [];
    for (const [name, env] of [
      ['lab1', 'nightly'],
      ['lab2', 'uno_release'],
    ] as const) {
      const dir = lab(name, env);
      const events: BuildEvent[] = [];
      const r = await buildWith(cacheDir, dir, events);
      assert.equal(r.ok, true);
      const outcomes = Object.entries(unitOutcomes(events));
      const core = outcomes.filter(([source]) => source.startsWith(ARDUINO_AVR));
      assert.ok(core.length > 20, `${name}: the core's units: ${core.length}`);
      assert.deepEqual(
        core.filter(([, o]) => o !== 'hit'),
        [],
        `${name} (env ${env}): every unit of the uno core hits, whatever the env's name and the project's place`,
      );
      builds.push([dir, r]);
    }
    // A build with no cache at all, of the same project and env: the same firmware, the same ELF byte for byte.
    const nocache = lab('nocache', 'nightly');
    const c = await build({ projectDir: nocache, backend: new DirectBackend() });
    assert.equal(c.stats.hits, 0);
    for (const [dir, r] of builds) {
      assert.equal(firmwareOf(dir, r), firmwareOf(nocache, c));
      assert.ok(readFileSync(join(dir, r.artifacts.elf)).equals(readFileSync(join(nocache, c.artifacts.elf))), `${dir}: the ELF`);
    }
  } finally {
    t.cleanup();
  }
});

test('a library header edit rebuilds exactly its includers; new build_flags miss everything', async () => {
  const t = tempDir();
  try {
    const dir = copyProject(join(FIXTURES, 'local-lib'), join(t.dir, 'p'));
    // A warm start with the project's flags (helpers/sharedBuilds.ts): the first build is only setup.
    const cacheDir = copyUnoCoreStore(join(t.dir, 'cache'), iniBuildFlags(dir));
    await buildWith(cacheDir, dir);

    const header = join(dir, 'lib', 'TextUtil', 'TextUtil.h');
    writeFileSync(header, readFileSync(header, 'utf8').replace('int shout(int n);', 'int shout(int n);\nint whisper(int n);'));
    const events: BuildEvent[] = [];
    const r = await buildWith(cacheDir, dir, events);
    const outcomes = unitOutcomes(events);
    const missed = Object.entries(outcomes).filter(([, o]) => o !== 'hit');
    // TextUtil.h is included by TextUtil.cpp, by Greeter.h and so by Greeter.cpp and main.cpp.
    assert.deepEqual(Object.fromEntries(missed), {
      'src/main.cpp': 'miss: header changed: lib/TextUtil/TextUtil.h',
      'lib/Greeter/src/Greeter.cpp': 'miss: header changed: lib/TextUtil/TextUtil.h',
      'lib/TextUtil/TextUtil.cpp': 'miss: header changed: lib/TextUtil/TextUtil.h',
    });
    // The link may still hit: a new declaration need not change any object's bytes.
    assert.ok(r.stats.misses === 3 || r.stats.misses === 4, `misses: ${r.stats.misses}`);

    const ini = join(dir, 'platformio.ini');
    writeFileSync(ini, readFileSync(ini, 'utf8').replace('-DGREETING=\\"hello\\"', '-DGREETING=\\"howdy\\"'));
    const events2: BuildEvent[] = [];
    const r2 = await buildWith(cacheDir, dir, events2);
    for (const [src, o] of Object.entries(unitOutcomes(events2))) assert.equal(o, 'miss: flags changed', src);
    assert.equal(r2.stats.missReasons['flags changed'], r2.stats.compiles - 1);
    assert.match(simulateHex(firmwareOf(dir, r2)).serial, /^howdy 100\r\n/);
  } finally {
    t.cleanup();
  }
});

test('the whole-build fingerprint skips an unchanged build and notices a real change', async () => {
  const t = tempDir();
  try {
    const cacheDir = copyUnoCoreStore(join(t.dir, 'cache')); // a warm start: the first build is only setup
    const dir = copyProject(join(FIXTURES, 'sketch'), join(t.dir, 'p'));
    const first = await buildWith(cacheDir, dir);
    assert.equal(first.upToDate, false);
    const hex = firmwareOf(dir, first);

    const again = await buildWith(cacheDir, dir);
    assert.equal(again.upToDate, true);
    assert.equal(again.stats.compiles, 0);
    assert.equal(firmwareOf(dir, again), hex);
    assert.deepEqual(again.size, first.size);

    // Only an mtime changed: the content hash says nothing changed.
    const ino = join(dir, 'src', 'report.ino');
    const later = new Date(Date.now() + 10_000);
    utimesSync(ino, later, later);
    assert.equal((await buildWith(cacheDir, dir)).upToDate, true);

    // A deleted output is rebuilt.
    writeFileSync(join(dir, first.artifacts.hex), '');
    const rebuilt = await buildWith(cacheDir, dir);
    assert.equal(rebuilt.upToDate, false);
    assert.equal(firmwareOf(dir, rebuilt), hex);

    // A real edit rebuilds.
    writeFileSync(ino, readFileSync(ino, 'utf8').replace('value ', 'reading '));
    const edited = await buildWith(cacheDir, dir);
    assert.equal(edited.upToDate, false);
    assert.match(simulateHex(firmwareOf(dir, edited)).serial, /reading 1\r\n/);

    // A new source file rebuilds too.
    writeFileSync(join(dir, 'src', 'extra.cpp'), 'int extra_value = 3;\n');
    assert.equal((await buildWith(cacheDir, dir)).upToDate, false);
  } finally {
    t.cleanup();
  }
});

test('fbuild build --json prints exactly one object with the documented shape', () => {
  const t = tempDir();
  try {
    const dir = copyProject(join(EXAMPLES, 'blink'), join(t.dir, 'blink'));
    const cacheDir = join(t.dir, 'cache');
    const cold = fbuild(['build', dir, '-e', 'uno', '--cache-dir', cacheDir, '--json']);
    assert.equal(cold.code, 0, cold.stderr);
    assert.ok(cold.json, `stdout is one JSON object: ${cold.stdout}`);
    assert.deepEqual(Object.keys(cold.json!).sort(), ['artifacts', 'durationMs', 'environment', 'ok', 'size', 'stats', 'upToDate']);
    assert.deepEqual(Object.keys(cold.json!.stats).sort(), [
      'compiles',
      'errors',
      'hitRate',
      'hits',
      'missReasons',
      'misses',
      'timeSavedMs',
      'uncacheable',
      'uncacheableUnits',
    ]);
    assert.equal(cold.json!.environment, 'uno');
    assert.equal(cold.json!.ok, true);
    assert.ok(existsSync(cold.json!.artifacts.hex));
    assert.equal(cold.json!.stats.misses, cold.json!.stats.compiles);
    const warm = fbuild(['build', dir, '-e', 'uno', '--cache-dir', cacheDir, '--json', '--force']);
    assert.equal(warm.code, 0, warm.stderr);
    assert.equal(warm.json!.stats.hitRate, 1);
    assert.equal(warm.json!.stats.hits, cold.json!.stats.compiles);
    const human = fbuild(['build', dir, '--cache-dir', cacheDir, '--force']);
    assert.equal(human.code, 0);
    assert.match(human.stdout, /uno: \d+ units \(link included\): \d+ hits, 0 misses; hit rate 100\.0%/);
    assert.match(human.stdout, /flash [\d,]+ \/ 32,256 bytes \(\d+\.\d%\), RAM [\d,]+ \/ 2,048 bytes/);
  } finally {
    t.cleanup();
  }
});

test('jobs caps the units compiling at once (the CLI flag and the /v1/build body field)', async () => {
  const t = tempDir();
  try {
    // A native project of nine units: the cap is the orchestrator's, whatever the target, and host gcc
    // compiles these in milliseconds where an AVR project would compile the Arduino core twice.
    const dir = join(t.dir, 'many-units');
    const files: Record<string, string> = { 'platformio.ini': '[env:native]\nplatform = native\n' };
    for (let i = 0; i < 8; i++) files[`src/f${i}.c`] = `int f${i}(int x) { return x * ${i + 2}; }\n`;
    files['src/main.c'] = 'int f0(int);\nint main(void) { return f0(0); }\n';
    writeFiles(dir, files);
    for (const jobs of [1, 3]) {
      const direct = new DirectBackend(8);
      let running = 0;
      let most = 0;
      const counting = {
        async compile(req: Parameters<DirectBackend['compile']>[0]) {
          most = Math.max(most, ++running);
          try {
            return await direct.compile(req);
          } finally {
            running--;
          }
        },
        link: (req: Parameters<DirectBackend['link']>[0]) => direct.link(req),
      };
      const r = await build({ projectDir: dir, backend: counting, jobs, force: true });
      assert.equal(r.ok, true);
      assert.equal(most, jobs, `with jobs ${jobs}, at most ${jobs} compiles ran at once (saw ${most})`);
    }
  } finally {
    t.cleanup();
  }
});
