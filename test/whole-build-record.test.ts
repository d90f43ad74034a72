import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CacheService } from '../server/cache/cacheService.ts';
import { LocalStore } from '../server/cache/localStore.ts';
import type { CacheStore, ReadResult } from '../server/cache/store.ts';
import { WHOLE_BUILD_SOURCE } from '../server/cache/wholeBuildRecords.ts';
import { build, type BuildResult } from '../server/engine/orchestrator.ts';
import { embeddedBackend } from '../server/engine/buildSession.ts';
import { DirectBackend } from '../server/engine/directBackend.ts';
import { readBuildRecord } from '../server/engine/buildRecord.ts';
import type { ProgressEvent } from '../server/protocol/wire.ts';
import { simulateHex } from './helpers/simulate.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';
import { copyUnoCoreStore, iniBuildFlags } from './helpers/sharedBuilds.ts';

// Issue 27, whole-build fingerprint hits: a build from another checkout whose inputs are those of a
// build the store has a record of writes that build's firmware without planning its units or looking
// each one up; anything else (an edit, a lost blob, an uncacheable unit) goes the per-unit way, and
// the firmware is always the one a build without any cache makes.

const LOCAL_LIB = join(import.meta.dirname, 'fixtures', 'local-lib');
const BUILD_DIR = '.fbuild/build/uno';
const RECORD_SOURCE = `${WHOLE_BUILD_SOURCE}:${BUILD_DIR}`;
const MAIN = 'src/main.cpp';
const TEXTUTIL = 'lib/TextUtil/TextUtil.cpp';
const GREETER = 'lib/Greeter/src/Greeter.cpp';

function checkout(to: string): string {
  cpSync(LOCAL_LIB, to, { recursive: true, filter: (src) => !src.includes('.fbuild') });
  return to;
}

/** The local store, with every `get` counted: a record hit reads one entry, the per-unit path one per unit and the link. */
class CountingStore implements CacheStore {
  gets = 0;
  constructor(private readonly inner: LocalStore) {}
  get(key: string): ReadResult | Promise<ReadResult> {
    this.gets++;
    return this.inner.get(key);
  }
  load = (...a: Parameters<CacheStore['load']>) => this.inner.load(...a);
  put = (...a: Parameters<CacheStore['put']>) => this.inner.put(...a);
  touch = (k: string) => this.inner.touch(k);
  entriesForSource = (s: string) => this.inner.entriesForSource(s);
  totals = () => this.inner.totals();
  flush = () => this.inner.flush();
  close = () => this.inner.close();
}

interface Built {
  result: BuildResult;
  /** Each unit's outcome by source, and the link's. */
  outcomes: Record<string, string>;
  /** Store reads during the build. */
  gets: number;
}

async function buildIn(cacheDir: string, projectDir: string, opts: { keepObjects?: boolean; force?: boolean } = {}): Promise<Built> {
  const store = new CountingStore(LocalStore.open({ dir: cacheDir, maxBytes: 2 ** 40 }));
  const svc = await CacheService.start({ cacheDir, store });
  const outcomes: Record<string, string> = {};
  const onEvent = (e: ProgressEvent) => {
    if (e.type === 'unit') outcomes[e.unit.source] = e.unit.outcome;
    if (e.type === 'link') outcomes.link = e.outcome;
  };
  try {
    const result = await build({ projectDir, backend: embeddedBackend(svc), onEvent, ...opts });
    return { result, outcomes, gets: store.gets };
  } finally {
    await svc.shutdown();
  }
}

/** The firmware of a `--no-cache --force` build of a copy of the project as it is now. */
async function reference(projectDir: string, scratch: string): Promise<{ hex: string; elf: Buffer }> {
  rmSync(scratch, { recursive: true, force: true });
  cpSync(projectDir, scratch, { recursive: true, filter: (src) => !src.includes('.fbuild') });
  await build({ projectDir: scratch, backend: new DirectBackend(), force: true });
  return firmwareOf(scratch);
}

const firmwareOf = (projectDir: string) => ({
  hex: readFileSync(join(projectDir, BUILD_DIR, 'firmware.hex'), 'utf8'),
  elf: readFileSync(join(projectDir, BUILD_DIR, 'firmware.elf')),
});
const serialOf = (projectDir: string) => simulateHex(firmwareOf(projectDir).hex).serial;
const recordOf = (projectDir: string) => readBuildRecord(join(projectDir, BUILD_DIR, 'build-record.json')).deferred;

/** Every file under the build dir with one of the extensions, project-relative. */
function filesOf(projectDir: string, ext: RegExp): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name), `${rel}/${e.name}`);
      else if (ext.test(e.name)) out.push(`${rel}/${e.name}`);
    }
  };
  if (existsSync(join(projectDir, BUILD_DIR))) walk(join(projectDir, BUILD_DIR), BUILD_DIR);
  return out.sort();
}

function notHits(outcomes: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(outcomes).filter(([, o]) => o !== 'hit'));
}

/** The store's whole-build records of the fixture's env: their blobs. */
function recordBlobs(cacheDir: string): string[] {
  const store = LocalStore.open({ dir: cacheDir, maxBytes: 2 ** 40 });
  const blobs: string[] = [];
  for (const e of store.entriesForSource(RECORD_SOURCE)) {
    const read = store.get(e.contextKey);
    if (read.status === 'found') blobs.push(...read.entry.results.map((r) => r.blob));
  }
  return blobs;
}

const removeBlob = (cacheDir: string, blob: string) => rmSync(join(cacheDir, 'v2', 'blobs', blob.slice(0, 2), blob), { force: true });

test('whole-build records: another checkout hits through the record; edits, lost blobs, uncacheable units and --keep-objects', async (t) => {
  const tmp = tempDir('fbuild-record-');
  t.after(tmp.cleanup);
  const cacheDir = join(tmp.dir, 'cache');
  const scratch = join(tmp.dir, 'reference');
  const first = checkout(join(tmp.dir, 'first'));
  const cold = await buildIn(cacheDir, first);
  assert.equal(cold.result.ok, true);
  const units = Object.keys(cold.outcomes).filter((k) => k !== 'link');
  const coldObjects = filesOf(first, /\.o$/);
  assert.equal(recordBlobs(cacheDir).length, 1, 'the cold build stored one record');
  const plain = await reference(first, scratch);

  await t.test('another checkout: one store read, the firmware of a --no-cache --force build, a bytes-less build dir', async () => {
    const second = checkout(join(tmp.dir, 'second'));
    const startedAt = Date.now();
    const warm = await buildIn(cacheDir, second);
    assert.equal(warm.gets, 1, 'the record alone was read: no unit was looked up');
    // The units and the link it stands for count as used (least recently used eviction, evict-unused).
    const store = LocalStore.open({ dir: cacheDir, maxBytes: 2 ** 40 });
    for (const source of [`$WS/${MAIN}`, `$WS/${GREETER}`, `$STEPS:link ${BUILD_DIR}/firmware.elf`]) {
      const entries = store.entriesForSource(source);
      assert.ok(entries.length > 0 && entries.every((e) => e.lastUse >= startedAt), `${source} was marked used`);
    }
    assert.equal(warm.result.ok, true);
    assert.equal(warm.result.upToDate, false);
    assert.equal(warm.result.stats.hitRate, 1);
    assert.equal(warm.result.stats.hits, units.length + 1, 'every unit and the link count as hits');
    assert.ok(warm.result.stats.timeSavedMs > 0, 'the time the build saved is reported');
    assert.deepEqual(notHits(warm.outcomes), {});
    assert.deepEqual(Object.keys(warm.outcomes).sort(), [...units, 'link'].sort(), 'each unit is reported');
    assert.deepEqual(warm.result.size, cold.result.size);
    const got = firmwareOf(second);
    assert.equal(got.hex, plain.hex, 'the .hex is byte for byte the one built without a cache');
    assert.deepEqual(got.elf, plain.elf, 'the .elf too');
    assert.deepEqual(filesOf(second, /\.(o|d|a)$/), [], 'no object, depfile or archive on disk');
    const deferred = recordOf(second);
    for (const o of coldObjects) assert.ok(deferred.includes(o) && deferred.includes(o.replace(/\.o$/, '.d')), `the record lists ${o}`);
    assert.ok(deferred.includes(`${BUILD_DIR}/libFrameworkArduino.a`), 'and the archives');
    const again = await buildIn(cacheDir, second);
    assert.equal(again.result.upToDate, true, 'the next build there is up to date');
    assert.equal(again.gets, 0);
  });

  // Each edit in a checkout that was just built from the record: exactly the units it touches compile.
  const edits: { name: string; edit: (dir: string) => void; expect: Record<string, string>; serial?: string }[] = [
    {
      name: 'a source edit',
      edit: (d) =>
        writeFileSync(join(d, TEXTUTIL), '#include "TextUtil.h"\nnamespace textutil {\nint shout(int n) { return (n + 1) * 7; }\n}\n'),
      expect: { [TEXTUTIL]: 'miss', link: 'miss' },
      serial: 'hello 7\r\nhello 14\r\nhello 21\r\n',
    },
    {
      name: 'a header edit',
      edit: (d) =>
        writeFileSync(
          join(d, 'lib/Greeter/src/Greeter.h'),
          readFileSync(join(d, 'lib/Greeter/src/Greeter.h'), 'utf8').replace('times_(times)', 'times_(times - 1)'),
        ),
      expect: { [MAIN]: 'miss', [GREETER]: 'miss', link: 'miss' },
      serial: 'hello 100\r\nhello 200\r\n',
    },
    {
      name: 'a new header that shadows one',
      // Greeter.h includes "TextUtil.h": its own directory is searched before lib/TextUtil.
      edit: (d) =>
        writeFileSync(
          join(d, 'lib/Greeter/src/TextUtil.h'),
          '#pragma once\nnamespace textutil {\ninline int shout(int n) { return n - 1; }\n}\n',
        ),
      expect: { [MAIN]: 'miss', [GREETER]: 'miss', link: 'miss' },
      serial: 'hello -1\r\nhello 0\r\nhello 1\r\n',
    },
    {
      name: 'an ini change',
      edit: (d) =>
        writeFileSync(join(d, 'platformio.ini'), readFileSync(join(d, 'platformio.ini'), 'utf8').replace('\\"hello\\"', '\\"howdy\\"')),
      expect: { ...Object.fromEntries(units.map((u) => [u, 'miss'])), link: 'miss' },
      serial: 'howdy 100\r\nhowdy 200\r\nhowdy 300\r\n',
    },
    {
      name: 'a comment in the ini (no flag changes)',
      edit: (d) => writeFileSync(join(d, 'platformio.ini'), `; a comment\n${readFileSync(join(d, 'platformio.ini'), 'utf8')}`),
      expect: {},
    },
    {
      name: 'a new file in src',
      edit: (d) => writeFileSync(join(d, 'src/extra.cpp'), 'int extra_value = 42;\n'),
      expect: { 'src/extra.cpp': 'miss', link: 'miss' },
    },
  ];
  let n = 0;
  for (const e of edits) {
    await t.test(`after a record hit, ${e.name} rebuilds exactly what it touches, with the right firmware`, async () => {
      const dir = checkout(join(tmp.dir, `edit-${n++}`));
      const warm = await buildIn(cacheDir, dir);
      assert.equal(warm.gets, 1, 'built from the record');
      e.edit(dir);
      const edited = await buildIn(cacheDir, dir);
      assert.equal(edited.result.ok, true);
      assert.equal(edited.result.upToDate, false);
      assert.deepEqual(notHits(edited.outcomes), e.expect);
      const want = await reference(dir, scratch);
      assert.equal(firmwareOf(dir).hex, want.hex, 'the firmware of a build without a cache');
      if (e.serial) assert.equal(serialOf(dir), e.serial);
      // The edited sources from yet another checkout: the record the edited build stored.
      const other = join(tmp.dir, `edit-${n - 1}-other`);
      cpSync(dir, other, { recursive: true, filter: (src) => !src.includes('.fbuild') });
      const fromRecord = await buildIn(cacheDir, other);
      assert.equal(fromRecord.gets, 1, 'the edited build stored its own record');
      assert.equal(firmwareOf(other).hex, want.hex);
    });
  }

  await t.test("a store that lost the record's blob, then the link's too: the per-unit path, the right firmware", async () => {
    for (const blob of recordBlobs(cacheDir)) removeBlob(cacheDir, blob);
    const third = checkout(join(tmp.dir, 'third'));
    const warm = await buildIn(cacheDir, third);
    assert.ok(warm.gets > units.length, `the units were looked up (${warm.gets} reads)`);
    assert.deepEqual(notHits(warm.outcomes), {});
    assert.equal(firmwareOf(third).hex, plain.hex);
    assert.equal(serialOf(third), 'hello 100\r\nhello 200\r\nhello 300\r\n');

    // The record is back (stored by that build); now the link's blob and the record's go.
    const store = LocalStore.open({ dir: cacheDir, maxBytes: 2 ** 40 });
    for (const e of store.entriesForSource(`$STEPS:link ${BUILD_DIR}/firmware.elf`)) {
      const read = store.get(e.contextKey);
      for (const r of read.status === 'found' ? read.entry.results : []) removeBlob(cacheDir, r.blob);
    }
    await store.close();
    for (const blob of recordBlobs(cacheDir)) removeBlob(cacheDir, blob);
    const fourth = checkout(join(tmp.dir, 'fourth'));
    const rebuilt = await buildIn(cacheDir, fourth);
    assert.deepEqual(notHits(rebuilt.outcomes), { link: 'miss' });
    assert.equal(firmwareOf(fourth).hex, plain.hex);
  });

  await t.test('--keep-objects after a record hit writes the objects, the same bytes as the cold build', async () => {
    const fifth = checkout(join(tmp.dir, 'fifth'));
    const warm = await buildIn(cacheDir, fifth);
    assert.equal(warm.gets, 1);
    assert.deepEqual(filesOf(fifth, /\.o$/), []);
    const kept = await buildIn(cacheDir, fifth, { keepObjects: true });
    assert.deepEqual(notHits(kept.outcomes), {});
    assert.deepEqual(filesOf(fifth, /\.o$/), coldObjects);
    for (const o of coldObjects) assert.deepEqual(readFileSync(join(fifth, o)), readFileSync(join(first, o)), o);
    assert.deepEqual(filesOf(fifth, /\.a$/), filesOf(first, /\.a$/));
    assert.deepEqual(recordOf(fifth), []);
    assert.equal(firmwareOf(fifth).hex, plain.hex);
    // A --keep-objects build from another checkout does not take the record: it writes every object.
    const sixth = checkout(join(tmp.dir, 'sixth'));
    const direct = await buildIn(cacheDir, sixth, { keepObjects: true });
    assert.ok(direct.gets > units.length);
    assert.deepEqual(filesOf(sixth, /\.o$/), coldObjects);
  });

  await t.test('--force goes through the units even when a record would do', async () => {
    const seventh = checkout(join(tmp.dir, 'seventh'));
    const forced = await buildIn(cacheDir, seventh, { force: true });
    assert.ok(forced.gets > units.length);
    assert.deepEqual(notHits(forced.outcomes), {});
  });
});

test('a build with an uncacheable unit stores no whole-build record', async (t) => {
  const tmp = tempDir('fbuild-record-');
  t.after(tmp.cleanup);
  // The uno core warm, with the fixture's flags (helpers/sharedBuilds.ts): the point is what this build
  // stores. The store came with the record of its own warm-up build (another project): not this build's.
  const cacheDir = copyUnoCoreStore(join(tmp.dir, 'cache'), iniBuildFlags(LOCAL_LIB));
  const warmUp = recordBlobs(cacheDir);
  const dir = checkout(join(tmp.dir, 'stamped'));
  writeFileSync(join(dir, 'src/stamp.cpp'), 'const char *built_at = __DATE__ " " __TIME__;\n');
  const built = await buildIn(cacheDir, dir);
  assert.equal(built.result.ok, true);
  assert.equal(built.outcomes['src/stamp.cpp'], 'uncacheable');
  assert.deepEqual(recordBlobs(cacheDir), warmUp, 'no record');
  const other = join(tmp.dir, 'stamped-other');
  cpSync(dir, other, { recursive: true, filter: (src) => !src.includes('.fbuild') });
  const again = await buildIn(cacheDir, other);
  assert.equal(again.outcomes['src/stamp.cpp'], 'uncacheable', 'the unit compiles again in another checkout');
  assert.ok(again.gets > 1);
});

test('a project board file is an input of the record: another checkout with another board file does not take it', async (t) => {
  const tmp = tempDir('fbuild-record-');
  t.after(tmp.cleanup);
  const cacheDir = join(tmp.dir, 'cache');
  const board = (define: string) =>
    JSON.stringify({
      name: 'Our Uno',
      vendor: 'Us',
      build: { core: 'arduino', mcu: 'atmega328p', f_cpu: '16000000L', variant: 'standard', extra_flags: define },
      upload: { maximum_size: 32256, maximum_ram_size: 2048, protocol: 'arduino' },
    });
  const project = (dir: string, define: string) => {
    writeFiles(dir, {
      'platformio.ini': '[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\n',
      'boards/uno.json': board(define),
      'src/main.cpp':
        '#include <Arduino.h>\n#ifdef OURS\nconst char *who = "ours";\n#else\nconst char *who = "theirs";\n#endif\nvoid setup() { Serial.begin(115200); Serial.println(who); }\nvoid loop() {}\n',
    });
    return dir;
  };
  const a = project(join(tmp.dir, 'a'), '-DOURS');
  await buildIn(cacheDir, a);
  assert.equal(serialOf(a), 'ours\r\n');
  const same = await buildIn(cacheDir, project(join(tmp.dir, 'same'), '-DOURS'));
  assert.equal(same.gets, 1, 'the same board file: the record');
  const b = project(join(tmp.dir, 'b'), '-DTHEIRS');
  const other = await buildIn(cacheDir, b);
  assert.ok(other.gets > 1, 'another board file: not the record');
  assert.equal(serialOf(b), 'theirs\r\n');
  // And in the same checkout: an edited board file is not "up to date".
  writeFileSync(join(a, 'boards/uno.json'), board('-DTHEIRS'));
  const edited = await buildIn(cacheDir, a);
  assert.equal(edited.result.upToDate, false);
  assert.equal(serialOf(a), 'theirs\r\n');
});

test('a store used only for lookups records their uses in its index without loading it (evict-unused keeps them)', async (t) => {
  const tmp = tempDir('fbuild-record-');
  t.after(tmp.cleanup);
  const entry = (key: string) => ({
    contextKey: key,
    source: `$WS/${key}.cpp`,
    compiler: 'c',
    flags: 'f',
    results: [
      {
        resultKey: key,
        files: [] as [string, string][],
        compileMs: 1,
        createdAt: 1,
        object: new Uint8Array([1]),
        stdout: new Uint8Array(),
        stderr: new Uint8Array(),
      },
    ],
  });
  const keys = ['a'.repeat(64), 'b'.repeat(64)];
  const writer = LocalStore.open({ dir: tmp.dir, maxBytes: 2 ** 30 });
  for (const k of keys) await writer.put(entry(k));
  await writer.close();
  const usedFrom = Date.now() + 5;
  while (Date.now() < usedFrom) await new Promise((r) => setTimeout(r, 2));
  const reader = LocalStore.open({ dir: tmp.dir, maxBytes: 2 ** 30 });
  const read = reader.get(keys[0]!);
  assert.equal(read.status, 'found');
  assert.equal(reader.load(read.status === 'found' ? read.entry.results[0]! : ({} as never)).status, 'found');
  reader.touch(keys[0]!);
  await reader.close();
  const after = LocalStore.open({ dir: tmp.dir, maxBytes: 2 ** 30 });
  assert.ok(after.entriesForSource(`$WS/${keys[0]}.cpp`)[0]!.lastUse >= usedFrom, 'the use is in the index');
  assert.ok(after.entriesForSource(`$WS/${keys[1]}.cpp`)[0]!.lastUse < usedFrom, 'the other entry is as it was');
  assert.equal(after.evictUnusedBefore(usedFrom), 1, 'evict-unused drops only the entry not used');
  await after.close();
});
