import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CacheService } from '../server/cache/cacheService.ts';
import { LocalStore } from '../server/cache/localStore.ts';
import { build, type BuildResult } from '../server/engine/orchestrator.ts';
import { embeddedBackend } from '../server/engine/buildSession.ts';
import { DirectBackend } from '../server/engine/directBackend.ts';
import { readBuildRecord } from '../server/engine/buildRecord.ts';
import type { ProgressEvent } from '../server/protocol/wire.ts';
import { simulateHex } from './helpers/simulate.ts';
import { tempDir } from './helpers/fixtures.ts';
import { fbuild } from './helpers/buildCli.ts';

// Build without the bytes: a warm build whose compiles and link hit writes the firmware and a record
// of what it left in the store, not the objects, depfiles and archives. These scenarios prove that
// nothing a later build does can mistake what is (not) in the build dir for current.

const LOCAL_LIB = join(import.meta.dirname, 'fixtures', 'local-lib');
const BUILD_DIR = '.fbuild/build/uno';
const TEXTUTIL = 'lib/TextUtil/TextUtil.cpp';
const GREETER = 'lib/Greeter/src/Greeter.cpp';

function checkout(to: string): string {
  cpSync(LOCAL_LIB, to, { recursive: true, filter: (src) => !src.includes('.fbuild') });
  return to;
}

interface Built {
  result: BuildResult;
  /** Each unit's outcome by source, and the link's. */
  outcomes: Record<string, string>;
}

async function buildIn(cacheDir: string, projectDir: string, opts: { keepObjects?: boolean } = {}): Promise<Built> {
  const svc = await CacheService.start({ cacheDir });
  const outcomes: Record<string, string> = {};
  const onEvent = (e: ProgressEvent) => {
    if (e.type === 'unit') outcomes[e.unit.source] = e.unit.outcome;
    if (e.type === 'link') outcomes.link = e.outcome;
  };
  try {
    const result = await build({ projectDir, backend: embeddedBackend(svc), onEvent, ...opts });
    return { result, outcomes };
  } finally {
    await svc.shutdown();
  }
}

/** Every file under the build dir with one of the extensions, project-relative. */
function filesOf(projectDir: string, ext: RegExp): string[] {
  const root = join(projectDir, BUILD_DIR);
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name), `${rel}/${e.name}`);
      else if (ext.test(e.name)) out.push(`${rel}/${e.name}`);
    }
  };
  if (existsSync(root)) walk(root, BUILD_DIR);
  return out.sort();
}

const serialOf = (projectDir: string) => simulateHex(readFileSync(join(projectDir, BUILD_DIR, 'firmware.hex'), 'utf8')).serial;
const recordOf = (projectDir: string) => readBuildRecord(join(projectDir, BUILD_DIR, 'build-record.json')).deferred;

/** The outcomes other than hits (the units that ran a compiler, and the link if it did). */
function notHits(outcomes: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(outcomes).filter(([, o]) => o !== 'hit'));
}

test('build without the bytes: warm builds, edits, copies, --keep-objects and a pruned store', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const cacheDir = join(tmp.dir, 'cache');
  const first = checkout(join(tmp.dir, 'first'));
  const cold = await buildIn(cacheDir, first);
  assert.equal(cold.result.ok, true);
  const coldObjects = filesOf(first, /\.o$/);
  assert.ok(coldObjects.length >= 20, `a cold build writes its objects (${coldObjects.length})`);
  assert.deepEqual(recordOf(first), [], 'a cold build defers nothing');

  await t.test('a warm build from another checkout writes the firmware and a record, not the objects', async () => {
    const second = checkout(join(tmp.dir, 'second'));
    const warm = await buildIn(cacheDir, second);
    assert.equal(warm.result.stats.hitRate, 1);
    assert.deepEqual(notHits(warm.outcomes), {});
    assert.deepEqual(filesOf(second, /\.(o|d|a)$/), [], 'no object, depfile or archive on disk');
    const record = recordOf(second);
    for (const o of coldObjects) {
      assert.ok(record.includes(o), `the record lists ${o}`);
      assert.ok(record.includes(o.replace(/\.o$/, '.d')), `the record lists its depfile`);
    }
    assert.ok(record.includes(`${BUILD_DIR}/libFrameworkArduino.a`), 'the record lists the archives');
    assert.equal(serialOf(second), 'hello 100\r\nhello 200\r\nhello 300\r\n');
    assert.equal(
      readFileSync(join(second, BUILD_DIR, 'firmware.hex'), 'utf8'),
      readFileSync(join(first, BUILD_DIR, 'firmware.hex'), 'utf8'),
    );
    const again = await buildIn(cacheDir, second);
    assert.equal(again.result.upToDate, true, 'an unchanged bytes-less build dir is up to date');
  });

  await t.test('an edit after a bytes-less build rebuilds exactly that unit, in the same checkout', async () => {
    const second = join(tmp.dir, 'second');
    writeFileSync(join(second, TEXTUTIL), '#include "TextUtil.h"\nnamespace textutil {\nint shout(int n) { return (n + 1) * 7; }\n}\n');
    const edited = await buildIn(cacheDir, second);
    assert.deepEqual(notHits(edited.outcomes), { [TEXTUTIL]: 'miss', link: 'miss' });
    assert.equal(serialOf(second), 'hello 7\r\nhello 14\r\nhello 21\r\n');
    // The link missed, so it read every object: they are all on disk now, and the record is empty.
    assert.deepEqual(filesOf(second, /\.o$/), coldObjects);
    assert.deepEqual(recordOf(second), []);
    // The same sources built without any cache give the same firmware.
    const plain = checkout(join(tmp.dir, 'plain'));
    cpSync(join(second, TEXTUTIL), join(plain, TEXTUTIL));
    await build({ projectDir: plain, backend: new DirectBackend() });
    assert.equal(
      readFileSync(join(plain, BUILD_DIR, 'firmware.hex'), 'utf8'),
      readFileSync(join(second, BUILD_DIR, 'firmware.hex'), 'utf8'),
    );
  });

  await t.test('an edit in another checkout after a bytes-less build of it rebuilds exactly that unit', async () => {
    const third = checkout(join(tmp.dir, 'third'));
    const warm = await buildIn(cacheDir, third);
    assert.deepEqual(notHits(warm.outcomes), {});
    assert.deepEqual(filesOf(third, /\.(o|d|a)$/), []);
    writeFileSync(join(third, GREETER), readFileSync(join(third, GREETER), 'utf8').replace("out.print(' ')", "out.print('=')"));
    const edited = await buildIn(cacheDir, third);
    assert.deepEqual(notHits(edited.outcomes), { [GREETER]: 'miss', link: 'miss' });
    assert.equal(serialOf(third), 'hello=100\r\nhello=200\r\nhello=300\r\n');
  });

  await t.test('a bytes-less build dir copied to another place: nothing compiles there, and an edit there rebuilds one unit', async () => {
    const source = checkout(join(tmp.dir, 'to-copy'));
    await buildIn(cacheDir, source);
    assert.deepEqual(filesOf(source, /\.(o|d|a)$/), []);
    const copy = join(tmp.dir, 'copied elsewhere');
    cpSync(source, copy, { recursive: true });
    const there = await buildIn(cacheDir, copy);
    assert.equal(there.result.ok, true);
    assert.deepEqual(notHits(there.outcomes), {}, 'up to date, or all hits: nothing is compiled or linked');
    assert.deepEqual(filesOf(copy, /\.(o|d|a)$/), []);
    assert.equal(serialOf(copy), 'hello 100\r\nhello 200\r\nhello 300\r\n');
    writeFileSync(join(copy, TEXTUTIL), '#include "TextUtil.h"\nnamespace textutil {\nint shout(int n) { return n; }\n}\n');
    const edited = await buildIn(cacheDir, copy);
    assert.deepEqual(notHits(edited.outcomes), { [TEXTUTIL]: 'miss', link: 'miss' });
    assert.equal(serialOf(copy), 'hello 0\r\nhello 1\r\nhello 2\r\n');
  });

  await t.test('--keep-objects writes what a bytes-less build left in the store: the same bytes as a cold build', async () => {
    const fourth = checkout(join(tmp.dir, 'fourth'));
    await buildIn(cacheDir, fourth);
    assert.deepEqual(filesOf(fourth, /\.o$/), []);
    const kept = await buildIn(cacheDir, fourth, { keepObjects: true });
    assert.equal(kept.result.upToDate, false, 'up to date, but the objects were asked for');
    assert.deepEqual(notHits(kept.outcomes), {});
    assert.deepEqual(filesOf(fourth, /\.o$/), coldObjects);
    for (const o of coldObjects) assert.deepEqual(readFileSync(join(fourth, o)), readFileSync(join(first, o)), o);
    assert.deepEqual(filesOf(fourth, /\.a$/), filesOf(first, /\.a$/));
    assert.deepEqual(recordOf(fourth), []);
    const again = await buildIn(cacheDir, fourth, { keepObjects: true });
    assert.equal(again.result.upToDate, true, 'nothing left to write: up to date');

    // An edit undone: the store's whole-build record serves the build, and every object on disk
    // (written by --keep-objects, in the build dir's nested folders) goes, as the record now stands for them.
    const greeter = readFileSync(join(fourth, GREETER), 'utf8');
    writeFileSync(join(fourth, GREETER), greeter.replace("out.print(' ')", "out.print('-')"));
    await buildIn(cacheDir, fourth);
    writeFileSync(join(fourth, GREETER), greeter);
    const undone = await buildIn(cacheDir, fourth);
    assert.deepEqual(notHits(undone.outcomes), {});
    assert.deepEqual(filesOf(fourth, /\.(o|d)$/), [], 'no object or depfile of an older build is left');
    assert.ok(recordOf(fourth).length >= coldObjects.length);
    assert.equal(serialOf(fourth), 'hello 100\r\nhello 200\r\nhello 300\r\n');
  });

  await t.test('a store pruned between the builds: the missing object is compiled again and the link is right', async () => {
    const fifth = checkout(join(tmp.dir, 'fifth'));
    await buildIn(cacheDir, fifth);
    assert.deepEqual(filesOf(fifth, /\.o$/), []);
    // The Greeter's stored result goes (as an eviction would take it); everything else stays.
    const store = LocalStore.open({ dir: cacheDir, maxBytes: 2 ** 40 });
    const entries = store.entriesForSource(`$WS/${GREETER}`);
    assert.ok(entries.length > 0, 'the Greeter is in the store');
    for (const e of entries) {
      const read = store.get(e.contextKey);
      assert.equal(read.status, 'found');
      for (const r of read.status === 'found' ? read.entry.results : []) rmSync(join(cacheDir, 'v2', 'blobs', r.blob.slice(0, 2), r.blob));
    }
    await store.close();
    writeFileSync(join(fifth, TEXTUTIL), '#include "TextUtil.h"\nnamespace textutil {\nint shout(int n) { return n * 3; }\n}\n');
    const edited = await buildIn(cacheDir, fifth);
    assert.deepEqual(notHits(edited.outcomes), { [GREETER]: 'miss', [TEXTUTIL]: 'miss', link: 'miss' });
    assert.equal(serialOf(fifth), 'hello 0\r\nhello 3\r\nhello 6\r\n');
    // And with the whole store gone: every unit compiles again, nothing is taken from the build dir.
    rmSync(cacheDir, { recursive: true, force: true });
    writeFileSync(join(fifth, TEXTUTIL), '#include "TextUtil.h"\nnamespace textutil {\nint shout(int n) { return n * 5; }\n}\n');
    const fromNothing = await buildIn(cacheDir, fifth);
    assert.equal(fromNothing.result.stats.hits, 0);
    assert.equal(serialOf(fifth), 'hello 0\r\nhello 5\r\nhello 10\r\n');
  });

  await t.test('a link that misses after a bytes-less build first writes the deferred objects it reads', async () => {
    const sixth = checkout(join(tmp.dir, 'sixth'));
    // The sources the store holds now (the previous scenario emptied it and built these).
    cpSync(join(tmp.dir, 'fifth', TEXTUTIL), join(sixth, TEXTUTIL));
    await buildIn(cacheDir, sixth);
    assert.deepEqual(filesOf(sixth, /\.o$/), []);
    // The link entry goes: the next build's compiles hit (deferred), its link misses and must write them.
    const store = LocalStore.open({ dir: cacheDir, maxBytes: 2 ** 40 });
    const links = store.entriesForSource(`$STEPS:link ${BUILD_DIR}/firmware.elf`);
    assert.ok(links.length > 0, 'the link is in the store');
    for (const e of links) {
      const read = store.get(e.contextKey);
      for (const r of read.status === 'found' ? read.entry.results : []) rmSync(join(cacheDir, 'v2', 'blobs', r.blob.slice(0, 2), r.blob));
    }
    await store.close();
    // The fingerprint still holds: --force makes the build go through its compiles and link.
    const forced = await (async () => {
      const svc = await CacheService.start({ cacheDir });
      const outcomes: Record<string, string> = {};
      try {
        await build({
          projectDir: sixth,
          backend: embeddedBackend(svc),
          force: true,
          onEvent: (e) => {
            if (e.type === 'unit') outcomes[e.unit.source] = e.unit.outcome;
            if (e.type === 'link') outcomes.link = e.outcome;
          },
        });
      } finally {
        await svc.shutdown();
      }
      return outcomes;
    })();
    assert.deepEqual(notHits(forced), { link: 'miss' });
    assert.deepEqual(filesOf(sixth, /\.o$/), coldObjects, 'the link wrote the objects it read');
    assert.equal(serialOf(sixth), 'hello 0\r\nhello 5\r\nhello 10\r\n');
  });

  await t.test('fbuild materialize writes the objects of a bytes-less build dir', () => {
    const seventh = checkout(join(tmp.dir, 'seventh'));
    cpSync(join(tmp.dir, 'fifth', TEXTUTIL), join(seventh, TEXTUTIL));
    const env = { FBUILD_CACHE_DIR: cacheDir };
    const warm = fbuild(['build', seventh, '-e', 'uno'], { env });
    assert.equal(warm.code, 0, warm.stderr);
    assert.deepEqual(filesOf(seventh, /\.o$/), []);
    const run = fbuild(['materialize', seventh, '-e', 'uno'], { env });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(filesOf(seventh, /\.o$/).length, coldObjects.length);
    assert.deepEqual(recordOf(seventh), []);
  });
});
