// Faults through the whole action (test/helpers/runnerHarness.ts, against the cache service emulator):
// the job's server killed in the middle of the build, a restored archive cut short or replaced by
// garbage, a full disk under the store, and two jobs sharing one cache dir as on a self-hosted runner.
// Each ends green with the right firmware, at most one warning per fault, and a valid store after.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { GhCacheEmulator } from './helpers/ghCacheEmulator.ts';
import { prepareAction, type JobResult } from './helpers/runnerHarness.ts';
import { actionJob, FIXTURES, jobFor, type JobSpec } from './helpers/actionJobs.ts';
import { tempDir } from './helpers/fixtures.ts';
import { fbuild } from './helpers/buildCli.ts';
import { compilersMentioning, eventually } from './helpers/serverHarness.ts';
import { checkStore } from './helpers/storeCheck.ts';
import { referenceHex } from './helpers/sharedBuilds.ts';

const warnings = (r: JobResult) => r.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
const errors = (r: JobResult) => r.annotations.filter((a) => a.level === 'error').map((a) => a.message);

/** C that avr-gcc takes seconds on even with the uno's -Os -flto, and that links to nothing. */
function slowUnit(functions: number): string {
  let text = '';
  for (let i = 0; i < functions; i++)
    text += `int f${i}(int x, int y) { int s = 0; for (int k = 0; k < x; k++) s += (k * ${i}) ^ (y >> (k & 7)); return s + ${i}; }\n`;
  return text;
}

/** The manifests of a store written after `since` (ms). */
function entriesWrittenAfter(cacheDir: string, since: number): number {
  const dir = join(cacheDir, 'v2', 'manifests');
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => {
    if (p.endsWith('.tmp')) return false;
    const st = statSync(join(dir, p));
    return st.isFile() && st.mtimeMs > since;
  }).length;
}

describe('faults through the action', () => {
  let root: string;
  let cleanup: () => void;
  let emulator: GhCacheEmulator;
  let action: string;
  /** The firmware of a project as fbuild builds it without any cache, in a directory of its own. */
  const reference = (edit?: (dir: string) => void): string => {
    // The unedited sketch: built once per run (helpers/sharedBuilds.ts).
    if (!edit) return referenceHex(join(FIXTURES, 'sketch'));
    const dir = join(root, `reference-${randomBytes(4).toString('hex')}`);
    cpSync(join(FIXTURES, 'sketch'), dir, { recursive: true });
    edit(dir);
    const r = fbuild(['build', dir, '-e', 'uno', '--no-cache', '--json']);
    assert.equal(r.code, 0, r.stderr);
    return readFileSync(r.json!.artifacts.hex, 'utf8');
  };
  const hexOf = (r: JobResult) => readFileSync(r.outputs('fbuild')['firmware-hex']!, 'utf8');
  const run = async (spec: JobSpec, inputs: Record<string, string>, edit?: (workspace: string) => void) => {
    const j = jobFor(root, emulator, spec);
    edit?.(j.workspace);
    return { job: j, result: await actionJob(j, action, inputs) };
  };
  const cacheDirOf = (j: { home: string }) => join(j.home, '.cache', 'fbuild');
  // The edit of the two "server dies in the middle" tests, the same in both so that its reference is
  // built once: a quick new unit (stored before the server dies) and a slow one (compiling when it
  // dies), named at random so that compilersMentioning finds only this file's compilers.
  const slowName = `slow_${randomBytes(4).toString('hex')}`;
  const slowEdit = (ws: string) => {
    writeFileSync(join(ws, 'src', 'extra.cpp'), 'int extra_value(int x) { return x * 7 + 3; }\n');
    writeFileSync(join(ws, 'src', `${slowName}.c`), slowUnit(6000));
  };
  let slowReference: string | undefined;
  const slowEditReference = () => (slowReference ??= reference(slowEdit));

  before(async () => {
    ({ dir: root, cleanup } = tempDir('fbuild-action-faults-'));
    action = await prepareAction(join(root, 'action'));
    emulator = await GhCacheEmulator.start();
  });
  after(async () => {
    await emulator.close();
    cleanup();
  });

  test('the server SIGKILLed in the middle of the build: the step builds again without the cache (one warning), the save keeps what was stored', async () => {
    const inputs = { environment: 'uno', 'key-suffix': 'killed' };
    // Setup: a store to save and restore (the uno core from the shared warm store, the sketch its own).
    const first = await run({ fixture: 'sketch', warmUnoCore: true }, inputs);
    assert.equal(first.result.conclusion, 'success', first.result.log);

    // A quick new unit (stored before the kill) and a slow one (compiling when the server dies).
    const edit = slowEdit;
    const expected = slowEditReference();
    const j = jobFor(root, emulator, { fixture: 'sketch' });
    edit(j.workspace);
    const startedAt = Date.now();
    const job = actionJob(j, action, inputs);
    const cacheDir = cacheDirOf(j);
    assert.ok(
      await eventually(() => compilersMentioning(slowName).length > 0 && entriesWrittenAfter(cacheDir, startedAt) > 0, 120_000),
      'the slow unit compiles while the quick one is stored',
    );
    const { server } = JSON.parse(readFileSync(join(j.temp, 'fbuild-action', 'state.json'), 'utf8')) as { server: { pid: number } };
    process.kill(server.pid, 'SIGKILL');
    const result = await job;

    assert.equal(result.conclusion, 'success', result.log);
    assert.deepEqual(errors(result), []);
    const w = warnings(result);
    assert.equal(w.length, 1, w.join(' | '));
    assert.match(w[0]!, /^fbuild: the cache server is gone \(.*\) during the build of uno; building uno again without the cache$/);
    assert.equal(hexOf(result), expected, 'the firmware built without the cache is the right one');
    assert.equal(compilersMentioning(slowName).length, 0, 'no compiler of the killed server left running');
    const saved = result.outputs('fbuild')['cache-saved-key'];
    assert.match(saved!, /-killed-\d+-1$/, `what the server had stored was saved: ${result.log}`);
    const store = checkStore(cacheDir);
    assert.deepEqual({ damaged: store.damaged, temps: store.temps }, { damaged: [], temps: [] });

    // The next job restores that store: the unit stored before the kill hits, only the slow one compiles.
    const next = await run({ fixture: 'sketch' }, inputs, edit);
    assert.equal(next.result.conclusion, 'success', next.result.log);
    assert.equal(next.result.outputs('fbuild')['cache-matched-key'], saved);
    const stats = JSON.parse(readFileSync(next.result.outputs('fbuild')['stats-file']!, 'utf8'));
    const missed = (stats.environments.uno.missed as { source: string }[]).map((m) => m.source);
    assert.ok(!missed.some((s) => s.includes('extra')), `extra.cpp was saved and hits: missed ${missed.join(', ')}`);
    assert.ok(Number(next.result.outputs('fbuild').hits) > 10, next.result.outputs('fbuild').hits);
    assert.equal(hexOf(next.result), expected);
  });

  test('the server stuck (SIGSTOP) in the middle of the build: after the idle timeout the step kills it and builds without the cache', async () => {
    const inputs = { environment: 'uno', 'key-suffix': 'stuck' };
    const edit = slowEdit;
    const expected = slowEditReference();
    // Heartbeats come every 5 s: 8 s without a byte means the server is stuck.
    // The uno core hits (the shared warm store): the slow unit is what compiles when the server stops.
    const j = jobFor(root, emulator, { fixture: 'sketch', env: { FBUILD_IDLE_TIMEOUT_MS: '8000' }, warmUnoCore: true });
    edit(j.workspace);
    const job = actionJob(j, action, inputs);
    assert.ok(await eventually(() => compilersMentioning(slowName).length > 0, 120_000), 'the slow unit compiles');
    const { server } = JSON.parse(readFileSync(join(j.temp, 'fbuild-action', 'state.json'), 'utf8')) as { server: { pid: number } };
    process.kill(server.pid, 'SIGSTOP');
    const result = await job;

    assert.equal(result.conclusion, 'success', result.log);
    assert.deepEqual(errors(result), []);
    const w = warnings(result);
    assert.equal(w.length, 1, w.join(' | '));
    assert.match(w[0]!, /^fbuild: the cache server is gone \(.*sent nothing for 8000 ms.*\) during the build of uno; building uno again/);
    assert.equal(hexOf(result), expected);
    assert.equal(compilersMentioning(slowName).length, 0, 'the stuck server and its compilers were killed');
    const store = checkStore(cacheDirOf(j));
    assert.deepEqual({ damaged: store.damaged, temps: store.temps }, { damaged: [], temps: [] });
  });

  for (const blobFault of ['truncated', 'garbage'] as const) {
    test(`a restored archive ${blobFault === 'truncated' ? 'cut in half' : 'of random bytes'}: the job goes on without it, one warning, green; the store is valid and saved`, async () => {
      const inputs = { environment: 'uno', 'key-suffix': `blob-${blobFault}` };
      const expected = reference();
      // The archive holds entries the next build does not make again (the shared warm store's own
      // unit): what a failed extraction left of them must not stay in the store to be saved again.
      const base = await run({ fixture: 'sketch', warmUnoCore: true }, inputs);
      assert.equal(base.result.conclusion, 'success', base.result.log);
      const baseKey = base.result.outputs('fbuild')['cache-saved-key'];
      assert.notEqual(baseKey, '');

      const { job: j, result } = await run({ fixture: 'sketch', identity: { blobFault } }, inputs);
      assert.equal(result.conclusion, 'success', result.log);
      assert.deepEqual(errors(result), []);
      const w = warnings(result);
      assert.equal(w.length, 1, w.join(' | '));
      assert.match(w[0]!, /^fbuild: store: not restored: /);
      assert.equal(result.outputs('fbuild')['cache-restored'], 'false');
      assert.equal(hexOf(result), expected);
      const store = checkStore(cacheDirOf(j));
      assert.deepEqual({ damaged: store.damaged, temps: store.temps }, { damaged: [], temps: [] });
      assert.ok(store.entries > 10, `the job's own entries: ${store.entries}`);
      const saved = result.outputs('fbuild')['cache-saved-key'];
      assert.match(saved!, new RegExp(`-blob-${blobFault}-\\d+-1$`), result.log);

      // The next job (a sound download) restores what that job saved and hits on every unit.
      const next = await run({ fixture: 'sketch' }, inputs);
      assert.equal(next.result.outputs('fbuild')['cache-matched-key'], saved);
      assert.equal(next.result.outputs('fbuild')['hit-rate'], '1');
      assert.equal(hexOf(next.result), expected);
    });
  }

  test('a full disk under the store (a 160 KiB tmpfs): the build goes on with the right firmware, caching stops after the first ENOSPC with one warning, no temporary file left', async (t) => {
    const j = jobFor(root, emulator, { fixture: 'sketch' });
    const cacheDir = cacheDirOf(j);
    mkdirSync(cacheDir, { recursive: true });
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=160k', 'tmpfs', cacheDir], { encoding: 'utf8' });
    if (mount.status !== 0) {
      t.skip(`mounting a tmpfs was refused (${mount.stderr.trim()}): run the tests as root to cover ENOSPC`);
      return;
    }
    try {
      const expected = reference();
      const result = await actionJob(j, action, { environment: 'uno', 'key-suffix': 'full-disk' });
      assert.equal(result.conclusion, 'success', result.log);
      assert.deepEqual(errors(result), []);
      assert.equal(hexOf(result), expected);
      const w = warnings(result);
      assert.equal(w.length, 1, w.join(' | '));
      assert.match(
        w[0]!,
        /^fbuild: the store's disk is full \(ENOSPC[^)]*\): caching stopped for this job after the first write that failed; the build went on without it/,
      );
      const stats = JSON.parse(readFileSync(result.outputs('fbuild')['stats-file']!, 'utf8'));
      assert.match(stats.cache.storeFull, /ENOSPC/);
      assert.match(
        result.summary,
        /\*\*uno: the store failed on \d+ \(compiled without the cache\)\*\*/,
        'the summary names the store errors',
      );
      assert.deepEqual(
        readdirSync(cacheDir, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.tmp')),
        [],
        'temporary files left',
      );
      const store = checkStore(cacheDir);
      assert.deepEqual(store.damaged, []);
    } finally {
      spawnSync('umount', [cacheDir]);
    }
  });

  test('two jobs at once on one cache dir (a self-hosted runner): two projects, then one project in two workspaces; both right, the store valid', async () => {
    const shared = join(root, 'shared-cache');
    const env = { FBUILD_CACHE_DIR: shared };
    const unoHex = reference();
    const pair = (a: [JobSpec, Record<string, string>], b: [JobSpec, Record<string, string>]) =>
      Promise.all([run(...a), run(...b)]).then((rs) => rs.map((r) => r.result));

    const [uno, native] = await pair(
      [
        { fixture: 'sketch', env },
        { environment: 'uno', 'key-suffix': 'shared' },
      ],
      [
        { fixture: 'native', env },
        { environment: 'native', 'key-suffix': 'shared' },
      ],
    );
    for (const r of [uno!, native!]) {
      assert.equal(r.conclusion, 'success', r.log);
      assert.deepEqual(errors(r), []);
      assert.deepEqual(warnings(r), []);
    }
    assert.equal(hexOf(uno!), unoHex);
    assert.ok(existsSync(native!.outputs('fbuild')['firmware-elf']!));
    let store = checkStore(shared);
    assert.deepEqual({ damaged: store.damaged, temps: store.temps }, { damaged: [], temps: [] });

    const both = await pair(
      [
        { fixture: 'sketch', env },
        { environment: 'uno', 'key-suffix': 'shared' },
      ],
      [
        { fixture: 'sketch', env },
        { environment: 'uno', 'key-suffix': 'shared' },
      ],
    );
    for (const r of both) {
      assert.equal(r.conclusion, 'success', r.log);
      assert.deepEqual(errors(r), []);
      assert.deepEqual(warnings(r), []);
      assert.equal(hexOf(r), unoHex);
      assert.equal(r.outputs('fbuild')['hit-rate'], '1', "the other workspace's entries hit");
    }
    store = checkStore(shared);
    assert.deepEqual({ damaged: store.damaged, temps: store.temps }, { damaged: [], temps: [] });
    assert.ok(store.entries > 10);
  });
});
