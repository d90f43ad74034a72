// A build asked for its lookups only (BuildOptions.lookupOnly, the resident server's warm-up after the
// build that started it): it answers whether the project is up to date, hashes the inputs of the
// store's whole-build record, and compiles, links, writes and reports nothing, whatever the state of
// the checkout (built, edited since, never built); it takes no lock, so a build never waits for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CacheService } from '../server/cache/cacheService.ts';
import { embeddedBackend } from '../server/engine/buildSession.ts';
import { lockBuildDir } from '../server/engine/buildDirLock.ts';
import { build } from '../server/engine/orchestrator.ts';
import type { ProgressEvent } from '../server/protocol/wire.ts';
import { tempDir } from './helpers/fixtures.ts';
import { copyUnoCoreStore } from './helpers/sharedBuilds.ts';

const BLINK = join(import.meta.dirname, '..', 'examples', 'blink');
const HEX = join('.fbuild', 'build', 'uno', 'firmware.hex');

function checkout(to: string): string {
  cpSync(BLINK, to, { recursive: true, filter: (src) => !src.includes('.fbuild') });
  return to;
}

/** Every file under `root`: its path, size, mtime and content hash. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const abs = join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else {
        const st = statSync(abs);
        out[relative(root, abs)] = `${st.size}:${st.mtimeMs}:${createHash('sha256').update(readFileSync(abs)).digest('hex')}`;
      }
    }
  };
  walk(root);
  return out;
}

test('a lookup-only build compiles, writes and reports nothing: built, edited and never-built checkouts', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const cacheDir = copyUnoCoreStore(join(tmp.dir, 'cache'));
  const svc = await CacheService.start({ cacheDir });
  t.after(() => svc.shutdown());
  const backend = embeddedBackend(svc);
  const events: string[] = [];
  const onEvent = (e: ProgressEvent) => events.push(e.type);

  const a = checkout(join(tmp.dir, 'a'));
  const built = await build({ projectDir: a, backend });
  assert.equal(built.ok, true);
  const firmware = readFileSync(join(a, HEX), 'utf8');
  const compilers = svc.pool.spawned;

  // Built and unchanged: up to date, and nothing under the checkout moves.
  const before = snapshot(a);
  const same = await build({ projectDir: a, backend, lookupOnly: true, onEvent });
  assert.equal(same.ok, true);
  assert.equal(same.upToDate, true);
  assert.deepEqual(snapshot(a), before);

  // Another build holds the build dir: a lookup neither waits for it nor says it waits.
  // (A lookup that waited would say so first: the lock is then let go, so that the test ends.)
  const release = await lockBuildDir(join(a, '.fbuild', 'build', 'uno'), { environment: 'uno', onWait: () => undefined });
  let released = false;
  const letGo = async () => {
    if (!released) await release();
    released = true;
  };
  let waited = false;
  try {
    const beside = await build({
      projectDir: a,
      backend,
      lookupOnly: true,
      onEvent: (e) => {
        if (e.type === 'waiting') {
          waited = true;
          void letGo();
        }
      },
    });
    assert.equal(beside.upToDate, true);
  } finally {
    await letGo();
  }
  assert.equal(waited, false, 'the lookup waited for the lock');

  // Edited since: not up to date, and still nothing built or written (the old firmware stays).
  appendFileSync(join(a, 'src', 'main.cpp'), '\n// edited after the build\n');
  const editedBefore = snapshot(a);
  const edited = await build({ projectDir: a, backend, lookupOnly: true, onEvent });
  assert.equal(edited.ok, true);
  assert.equal(edited.upToDate, false);
  assert.deepEqual(snapshot(a), editedBefore);
  assert.equal(readFileSync(join(a, HEX), 'utf8'), firmware);

  // Never built here (another checkout of the first sources): the record is looked up, nothing written.
  const b = checkout(join(tmp.dir, 'b'));
  const freshBefore = snapshot(b);
  const fresh = await build({ projectDir: b, backend, lookupOnly: true, onEvent });
  assert.equal(fresh.ok, true);
  assert.equal(fresh.upToDate, false);
  assert.deepEqual(snapshot(b), freshBefore, 'no file written, not even a lock');

  assert.equal(svc.pool.spawned, compilers, 'no compiler ran for a lookup');
  assert.deepEqual(
    events.filter((e) => e !== 'warning'),
    [],
    'a lookup reports no build (no start, unit, link or up-to-date event)',
  );

  // The lookups left the store as it was: the other checkout's real build hits through the record.
  const real = await build({ projectDir: b, backend });
  assert.equal(real.ok, true);
  assert.equal(real.stats.misses, 0);
  assert.equal(svc.pool.spawned, compilers, 'the build from the record ran no compiler');
  assert.equal(readFileSync(join(b, HEX), 'utf8'), firmware);
});

test("a lookup leaves the store's files as they were: a server that only looked writes nothing when it flushes", async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const cacheDir = copyUnoCoreStore(join(tmp.dir, 'cache'));
  const first = await CacheService.start({ cacheDir });
  const a = checkout(join(tmp.dir, 'a'));
  assert.equal((await build({ projectDir: a, backend: embeddedBackend(first) })).ok, true);
  await first.shutdown();

  // A server started afterwards (as a resident one is) looks a fresh checkout up, twice, and flushes.
  const svc = await CacheService.start({ cacheDir });
  t.after(() => svc.shutdown());
  const before = snapshot(cacheDir);
  const b = checkout(join(tmp.dir, 'b'));
  for (let i = 0; i < 2; i++) {
    const looked = await build({ projectDir: b, backend: embeddedBackend(svc), lookupOnly: true });
    assert.equal(looked.ok, true);
  }
  await svc.flush();
  assert.deepEqual(snapshot(cacheDir), before, 'the lookups or the flush wrote into the cache dir');

  // A real build from the record is a use: its flush records it in the index.
  const real = await build({ projectDir: b, backend: embeddedBackend(svc) });
  assert.equal(real.stats.misses, 0);
  await svc.flush();
  assert.notDeepEqual(snapshot(cacheDir), before, "the record's use was not written");
});
