// `fbuild stats --cache-dir DIR` when no server holds the dir's lock but `fbuild build` left resident
// servers on it (they share the dir and take no lock; each registers in DIR/daemons): the stats are
// the newest one's, with a line on stderr when there are several. A dir with neither still gets the
// one-line explanation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fbuild, fbuildAsync } from './helpers/buildCli.ts';
import { serve, type ServeRun } from './helpers/serveProcess.ts';
import { tempDir } from './helpers/fixtures.ts';

/** A server registered as `fbuild build` registers its resident one: a private record in DIR/daemons. */
function resident(cacheDir: string, name: string): Promise<ServeRun> {
  mkdirSync(join(cacheDir, 'daemons'), { recursive: true, mode: 0o700 });
  return serve(['--shared-cache-dir', '--cache-dir', cacheDir, '--ready-file', join(cacheDir, 'daemons', `${name.repeat(32)}.json`)]);
}

test("fbuild stats finds the cache dir's resident servers: the newest one's stats, and how many there are", async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const cacheDir = join(tmp.dir, 'cache');

  const none = fbuild(['stats', '--cache-dir', cacheDir]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /^fbuild stats: no fbuild server holds the cache dir /);

  const first = await resident(cacheDir, 'a');
  t.after(first.stop);
  assert.ok(first.pid, first.stderr);
  const one = await fbuildAsync(['stats', '--cache-dir', cacheDir, '--json']);
  assert.equal(one.code, 0, one.stderr);
  assert.equal(one.json?.compiles, 0);
  assert.equal(one.stderr, '');

  await sleep(20); // a later record time for the second
  const second = await resident(cacheDir, 'b');
  t.after(second.stop);
  assert.ok(second.pid, second.stderr);
  const two = await fbuildAsync(['stats', '--cache-dir', cacheDir]);
  assert.equal(two.code, 0, two.stderr);
  assert.match(two.stdout, /^0 compiles: 0 hits, 0 misses/);
  assert.equal(two.stderr, `fbuild stats: 2 resident build servers use ${cacheDir}; this is the newest's (pid ${second.pid})\n`);
});
