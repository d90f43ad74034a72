import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fbuildAsync } from './helpers/buildCli.ts';
import { referenceHex } from './helpers/sharedBuilds.ts';
import { tempDir } from './helpers/fixtures.ts';
import { startServer } from '../server/http/startServer.ts';

/**
 * Two `fbuild build` of one project and env at once, with one cache dir, cold (issue 10, defect 3):
 * both used to write the same build dir and one crashed in lto1. Now the second waits for the first.
 */

const BLINK = join(import.meta.dirname, '..', 'examples', 'blink');
const RUNS = 5;

test(`two concurrent cold builds of one project both succeed with the right firmware (${RUNS} runs)`, async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const copy = (to: string) => {
    cpSync(BLINK, to, { recursive: true, filter: (src) => !src.includes('.fbuild') });
    return to;
  };
  // Blink built without any cache, once per run (helpers/sharedBuilds.ts).
  const expected = referenceHex(BLINK);

  const waitLines = (stderr: string) =>
    stderr.split('\n').filter((l) => l.startsWith('fbuild: waiting for another build of uno in ')).length;
  let waits = 0;
  let messages = '';
  for (let run = 0; run < RUNS; run++) {
    const dir = copy(join(tmp.dir, `run-${run}`));
    const cacheDir = join(tmp.dir, `cache-${run}`);
    const both = await Promise.all([0, 1].map(() => fbuildAsync(['build', dir, '--cache-dir', cacheDir, '--json'])));
    for (const r of both) {
      assert.equal(r.code, 0, `run ${run}: ${r.stderr}`);
      assert.equal(r.json?.ok, true, r.stdout);
      assert.equal(readFileSync(r.json!.artifacts.hex, 'utf8'), expected, `run ${run}: the firmware`);
    }
    // The second waited for the first (saying so once) and then found its result: up to date.
    for (const r of both) assert.ok(waitLines(r.stderr) <= 1, r.stderr);
    waits += waitLines(both[0]!.stderr) + waitLines(both[1]!.stderr);
    messages += both.map((r) => r.stderr).join('');
    assert.equal(both.filter((r) => r.json?.upToDate).length, 1, `run ${run}: the second found the first's result`);
    rmSync(dir, { recursive: true });
  }
  // Started together, the second nearly always finds the first still building (an unlucky start
  // can find it done), so across the runs some waited.
  assert.ok(waits >= 1, messages);
  assert.match(messages, /^fbuild: waiting for another build of uno in \/.*\/run-\d\/\.fbuild\/build\/uno$/m);
});

test('two clients building one project at once through one server: the server serializes them too', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const server = await startServer({ cacheDir: join(tmp.dir, 'cache'), port: 0, token: 'concurrent-token', allowRoots: [tmp.dir] });
  t.after(() => server.shutdown());
  const dir = join(tmp.dir, 'blink');
  cpSync(BLINK, dir, { recursive: true, filter: (src) => !src.includes('.fbuild') });
  const expected = referenceHex(BLINK);

  const env = { FBUILD_CACHE_URL: server.url, FBUILD_CACHE_TOKEN: server.token };
  const both = await Promise.all([0, 1].map(() => fbuildAsync(['build', dir, '--json'], { env })));
  for (const r of both) assert.equal(r.code, 0, r.stderr);
  assert.equal(both.filter((r) => r.json?.upToDate).length, 1, both.map((r) => r.stderr).join('\n---\n'));
  const hex = (d: string) => readFileSync(join(d, '.fbuild', 'build', 'uno', 'firmware.hex'), 'utf8');
  assert.equal(hex(dir), expected);
});
