// The GitHub Action as a runner runs it (test/helpers/runnerHarness.ts), against the cache service
// emulator (test/helpers/ghCacheEmulator.ts), driven by the real @actions/cache. The scenarios share
// one emulator and build on each other's stores in order, so only the first uno job builds cold.
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { GhCacheEmulator } from './helpers/ghCacheEmulator.ts';
import { prepareAction, runJob, type JobResult } from './helpers/runnerHarness.ts';
import { actionJob, jobFor } from './helpers/actionJobs.ts';
import { tempDir } from './helpers/fixtures.ts';

const OUTPUTS = [
  'hit-rate',
  'hits',
  'misses',
  'uncacheable',
  'time-saved-ms',
  'cache-restored',
  'cache-matched-key',
  'firmware-elf',
  'firmware-hex',
  'flash-bytes',
  'ram-bytes',
  'stats-file',
];

describe('the action in a runner', () => {
  let root: string;
  let cleanup: () => void;
  let emulator: GhCacheEmulator;
  let action: string;
  /** Every job run, for the check that the server token never leaks. */
  const jobs: { result: JobResult; temp: string }[] = [];
  const job = async (spec: Parameters<typeof jobFor>[2], inputs: Record<string, string>, edit?: (workspace: string) => void) => {
    const j = jobFor(root, emulator, spec);
    edit?.(j.workspace);
    const result = await actionJob(j, action, inputs);
    jobs.push({ result, temp: j.temp });
    return { result, job: j };
  };
  const warnings = (r: JobResult) => r.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
  const entriesWith = (part: string) => emulator.finalized().filter((e) => e.key.includes(part));

  before(async () => {
    ({ dir: root, cleanup } = tempDir('fbuild-action-'));
    action = await prepareAction(join(root, 'action'));
    emulator = await GhCacheEmulator.start();
  });
  after(async () => {
    await emulator.close();
    cleanup();
  });

  test('job 1 in workspace A builds cold and saves the store, with the report inside it', async () => {
    const { result, job: j } = await job({ fixture: 'sketch' }, { environment: 'uno' });
    assert.equal(result.conclusion, 'success', result.log);
    const out = result.outputs('fbuild');
    assert.equal(out['cache-restored'], 'false');
    assert.equal(out.hits, '0');
    assert.ok(Number(out.misses) > 10, `a cold build misses every unit: ${out.misses}`);
    assert.match(out['cache-saved-key']!, /^fbuild-v1-linux-[a-z0-9]+-uno-system-[0-9a-f]{10}-\d+-1$/);
    assert.deepEqual(
      entriesWith('-uno-').map((e) => e.key),
      [out['cache-saved-key']],
    );
    const report = JSON.parse(readFileSync(join(j.home, '.cache', 'fbuild', 'reports', 'uno.json'), 'utf8'));
    assert.equal(report.environment, 'uno');
    assert.equal(report.sha, j.env.GITHUB_SHA);
    assert.equal(result.orphans.length, 0, 'the save step stopped the server');
  });

  test('job 2 in workspace B restores: hit rate 1, every output and the summary filled, the save skipped with why', async () => {
    const { result } = await job({ fixture: 'sketch' }, { environment: 'uno' });
    assert.equal(result.conclusion, 'success', result.log);
    const out = result.outputs('fbuild');
    for (const name of OUTPUTS) assert.notEqual(out[name] ?? '', '', `output ${name} is empty`);
    assert.equal(out['hit-rate'], '1');
    assert.equal(out.misses, '0');
    assert.equal(out['cache-restored'], 'true');
    assert.equal(out['cache-matched-key'], entriesWith('-uno-')[0]!.key);
    assert.ok(Number(out['time-saved-ms']) > 0);
    assert.ok(existsSync(out['firmware-hex']!) && existsSync(out['firmware-elf']!));
    assert.ok(Number(out['flash-bytes']) > 1000 && Number(out['ram-bytes']) > 100);
    const stats = JSON.parse(readFileSync(out['stats-file']!, 'utf8'));
    assert.equal(stats.environments.uno.result.ok, true);
    assert.ok(stats.cache.hits > 0, 'the server stats are in the stats file');
    // Nothing new: no save, and the log and the summary say why.
    assert.equal(out['cache-saved-key'], '');
    assert.match(result.log, /store not saved: skipped: no new entries since the restore/);
    assert.equal(entriesWith('-uno-').length, 1);
    assert.match(result.summary, /\| uno \| success \| \d+ \| \d+ \| 0 \| 0 \| 100\.0% \|/);
    assert.match(result.summary, /of the board|\(\d+\.\d%\)/);
    assert.ok(result.summary.includes(out['cache-matched-key']!), 'the summary names the restored key');
    assert.match(result.summary, /```mermaid\npie/);
    assert.ok(Buffer.byteLength(result.summary) < 1024 * 1024);
  });

  test('job 3 with one changed source reports exactly one compile miss and its reason, and saves', async () => {
    const { result } = await job({ fixture: 'sketch' }, { environment: 'uno' }, (ws) => {
      const file = join(ws, 'src', 'sketch.ino');
      writeFileSync(file, readFileSync(file, 'utf8').replace('n * n + 1', 'n * n + 2'));
    });
    assert.equal(result.conclusion, 'success', result.log);
    const out = result.outputs('fbuild');
    // The changed unit and the link it changes: compile steps, counted as the CLI counts them.
    assert.equal(out.misses, '2');
    const stats = JSON.parse(readFileSync(out['stats-file']!, 'utf8'));
    const [missed, ...more] = stats.environments.uno.missed as { source: string; reason: string }[];
    assert.equal(more.length, 0);
    assert.match(missed!.source, /sketch/);
    assert.notEqual(missed!.reason, 'new', 'the miss is explained, not just counted');
    assert.ok(result.log.includes(`(${missed!.reason})`), 'the log names the reason');
    assert.ok(result.summary.includes(missed!.reason), 'the summary names the reason');
    assert.notEqual(out['cache-saved-key'], '');
  });

  test('a sketch that does not compile fails the job with the compiler message and still saves (save: always)', async () => {
    // The uno core from the shared warm store: the failure, not a cold core, is the point.
    const { result } = await job({ fixture: 'compile-error', warmUnoCore: true }, { environment: 'uno', 'key-suffix': 'broken' });
    assert.equal(result.conclusion, 'failure');
    assert.match(result.log, /not_declared_anywhere/);
    assert.ok(
      result.annotations.some((a) => a.level === 'error'),
      'the failure is an error annotation',
    );
    assert.equal(result.steps[0]!.conclusion, 'failure');
    const out = result.outputs('fbuild');
    assert.match(out['cache-saved-key']!, /-broken-\d+-1$/);
    assert.equal(entriesWith('-broken-').length, 1);
    assert.match(result.log, /the server's log, last \d+ lines/, 'a failed job shows the server log');
  });

  test('with save: on-success a failed build saves nothing and says so', async () => {
    const { result } = await job(
      { fixture: 'compile-error', warmUnoCore: true },
      { environment: 'uno', 'key-suffix': 'broken2', save: 'on-success' },
    );
    assert.equal(result.conclusion, 'failure');
    assert.equal(result.outputs('fbuild')['cache-saved-key'], '');
    assert.match(result.log, /store not saved: skipped: the build failed and save is on-success/);
    assert.equal(entriesWith('-broken2-').length, 0);
  });

  test('a bad input fails at once with one line naming the input and the allowed values', async () => {
    const { result } = await job({ fixture: 'native' }, { environment: 'native', save: 'sometimes' });
    assert.equal(result.conclusion, 'failure');
    const errors = result.annotations.filter((a) => a.level === 'error').map((a) => a.message);
    assert.deepEqual(errors, ["input 'save' is 'sometimes'; allowed values: always, on-success, never"]);
  });

  test('429, 500, a body that is not JSON, a reset, no answer, a read-only cache: the job succeeds with one warning each way', async () => {
    const faults = ['429', '500', 'garbage', 'reset', 'hang', 'read-only'] as const;
    const results = await Promise.all(
      faults.map((fault) =>
        job(
          // A hang is bounded by the deadline; the others fail by @actions/cache's own rules.
          fault === 'read-only'
            ? { fixture: 'native', env: { ACTIONS_CACHE_MODE: 'read' } }
            : { fixture: 'native', identity: { fault }, env: fault === 'hang' ? { FBUILD_CACHE_TIMEOUT: '2' } : {} },
          { environment: 'native', 'key-suffix': `fault-${fault}` },
        ),
      ),
    );
    for (const [i, { result }] of results.entries()) {
      const fault = faults[i];
      assert.equal(result.conclusion, 'success', `${fault}: ${result.log}`);
      assert.equal(result.outputs('fbuild')['cache-restored'], 'false');
      assert.equal(result.outputs('fbuild')['cache-saved-key'], '');
      const w = warnings(result);
      assert.ok(
        w.every((m) => m.startsWith('fbuild: ')),
        `${fault}: only our own warnings: ${w.join(' | ')}`,
      );
      assert.ok(
        w.some((m) => /store: (not saved|the cache service did not answer within 2 s; not saved)/.test(m)),
        `${fault}: ${w.join(' | ')}`,
      );
      if (fault !== 'read-only') {
        assert.equal(w.length, 2, `${fault}: one warning for the restore, one for the save: ${w.join(' | ')}`);
        assert.ok(
          w.some((m) => /store: (not restored|the cache service did not answer)/.test(m)),
          `${fault}: ${w.join(' | ')}`,
        );
      }
      assert.ok(!result.annotations.some((a) => a.level === 'error'), `${fault}: a cache problem is no error annotation`);
      assert.equal(result.outputs('fbuild').misses, '3', `${fault}: the build ran without the cache (two units and the link)`);
    }
    assert.equal(entriesWith('-fault-').length, 0);
  });

  test('uno and native jobs at the same time get their own entries and never restore each other', async () => {
    const changed = (n: number) => (ws: string) => {
      const file = join(ws, 'src', 'sketch.ino');
      writeFileSync(file, readFileSync(file, 'utf8').replace('n * n + 1', `n * n + ${n}`));
    };
    const round1 = await Promise.all([
      job({ fixture: 'sketch' }, { environment: 'uno' }, changed(3)),
      job({ fixture: 'native' }, { environment: 'native' }),
    ]);
    for (const { result } of round1) assert.equal(result.conclusion, 'success', result.log);
    const [uno1, native1] = round1.map(({ result }) => result.outputs('fbuild'));
    assert.match(uno1!['cache-matched-key']!, /-uno-/);
    assert.equal(native1!['cache-restored'], 'false', 'no native store yet, and an uno one is not taken');
    const round2 = await Promise.all([
      job({ fixture: 'sketch' }, { environment: 'uno' }, changed(3)),
      job({ fixture: 'native' }, { environment: 'native' }),
    ]);
    const [uno2, native2] = round2.map(({ result }) => result.outputs('fbuild'));
    assert.equal(uno2!['cache-matched-key'], uno1!['cache-saved-key']);
    assert.equal(native2!['cache-matched-key'], native1!['cache-saved-key']);
    assert.equal(uno2!['hit-rate'], '1');
    assert.equal(native2!['hit-rate'], '1');
  });

  test('delete-superseded leaves one entry per env after three runs, and never the base branch entry a PR restored', async () => {
    const edit = (n: number) => (ws: string) => writeFileSync(join(ws, 'src', 'extra.cpp'), `int extra${n}() { return ${n}; }\n`);
    for (const n of [1, 2, 3]) {
      const { result } = await job({ fixture: 'native' }, { environment: 'native', 'key-suffix': 'ds' }, edit(n));
      assert.equal(result.conclusion, 'success', result.log);
      assert.notEqual(result.outputs('fbuild')['cache-saved-key'], '');
    }
    const kept = entriesWith('-ds-');
    assert.equal(kept.length, 1, kept.map((e) => e.key).join(', '));
    const { result: pr } = await job(
      { fixture: 'native', identity: { ref: 'refs/pull/7/merge', baseRef: 'refs/heads/main' } },
      { environment: 'native', 'key-suffix': 'ds' },
      edit(4),
    );
    assert.equal(pr.outputs('fbuild')['cache-matched-key'], kept[0]!.key, 'the PR restored its base branch store');
    assert.match(pr.log, /is not this ref's \(refs\/pull\/7\/merge\); kept/);
    assert.deepEqual(
      entriesWith('-ds-')
        .map((e) => e.ref)
        .sort(),
      ['refs/heads/main', 'refs/pull/7/merge'],
    );
  });

  test('a token that may not delete caches costs one notice, not a failure', async () => {
    const edit = (ws: string) => writeFileSync(join(ws, 'src', 'extra.cpp'), 'int extra5() { return 5; }\n');
    const { result } = await job(
      { fixture: 'native', identity: { actionsWrite: false } },
      { environment: 'native', 'key-suffix': 'ds' },
      edit,
    );
    assert.equal(result.conclusion, 'success', result.log);
    const notices = result.annotations.filter((a) => a.level === 'notice').map((a) => a.message);
    assert.equal(notices.length, 1);
    assert.match(notices[0]!, /actions: write/);
  });

  test('the setup sub-action: a make CC="fbuild cc avr-gcc" step goes through the server, and the post step saves', async () => {
    const makeProject = (ws: string) => {
      writeFileSync(join(ws, 'platformio.ini'), '[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\n');
      writeFileSync(join(ws, 'a.c'), 'int a(int x) { return x * 3; }\n');
      writeFileSync(join(ws, 'b.c'), 'int b(int x) { return x + 7; }\n');
      writeFileSync(join(ws, 'Makefile'), 'all: a.o b.o\n%.o: %.c\n\t$(CC) -mmcu=atmega328p -Os -c $< -o $@\n');
    };
    const runMakeJob = async () => {
      const j = jobFor(root, emulator, { fixture: 'native' });
      makeProject(j.workspace);
      const result = await runJob(j, [
        { id: 'setup', uses: join(action, 'setup'), with: { environment: 'uno', toolchain: 'system', 'key-suffix': 'make' } },
        { run: 'FBUILD_CC_VERBOSE=1 make CC="fbuild cc avr-gcc"' },
      ]);
      jobs.push({ result, temp: j.temp });
      return result;
    };
    const first = await runMakeJob();
    assert.equal(first.conclusion, 'success', first.log);
    assert.match(first.log, /fbuild cc: miss/);
    const post = first.steps.find((s) => s.name.startsWith('post '));
    assert.equal(post?.conclusion, 'success');
    assert.match(first.log, /store saved as fbuild-v1-.*-make-\d+-1/);
    assert.equal(entriesWith('-make-').length, 1);
    const second = await runMakeJob();
    assert.equal(second.conclusion, 'success', second.log);
    assert.equal(second.outputs('setup')['cache-restored'], 'true');
    assert.equal((second.log.match(/fbuild cc: hit/g) ?? []).length, 2, second.log);
    assert.match(second.summary, /Through the server: 2 compiles, 2 hits, 0 misses/);
    // The sub-actions' own time: setup and its post (the build between them is the user's).
    assert.match(second.summary, /Cache overhead: \d+\.\d\d s \(setup \d+\.\d\d s, save \d+\.\d\d s:/);
    assert.equal(second.orphans.length, 0, 'the post step stopped the server');
  });

  test('neither the server token nor the GitHub tokens appear in a log, summary, output, stats or state file, or a saved archive', () => {
    assert.ok(jobs.length > 10);
    // The saved archives, unpacked (zstd), as whatever a later job or a fork could download.
    const archives = emulator
      .finalized()
      .filter((e) => e.data)
      .map((e) => {
        const unpacked = spawnSync('zstd', ['-dc'], { input: e.data!, maxBuffer: 1 << 30 });
        // Searching the compressed bytes would prove nothing: every archive must unpack to a tar.
        assert.equal(unpacked.status, 0, `the archive ${e.key} does not unpack: ${unpacked.stderr}`);
        assert.ok(unpacked.stdout.includes('ustar'), `the archive ${e.key} is not a tar`);
        return { key: e.key, bytes: unpacked.stdout };
      });
    assert.ok(archives.length > 0, 'no archive was saved');
    let checked = 0;
    for (const { result, temp } of jobs) {
      const tokens = result.masks.filter((m) => /^[0-9a-f]{64}$/.test(m));
      if (!result.log.includes('fbuild: server http')) continue; // a job that failed before the server started
      assert.equal(tokens.length, 1, 'the token is masked');
      const secrets = [tokens[0]!, result.env.GITHUB_TOKEN_FOR_TEST, result.env.ACTIONS_RUNTIME_TOKEN].filter((v): v is string => !!v);
      for (const secret of secrets) {
        const name = secret === tokens[0] ? 'the server token' : 'a GitHub token';
        assert.ok(!result.log.includes(secret), `${name} is in the log`);
        assert.ok(!result.summary.includes(secret), `${name} is in the summary`);
        for (const s of result.steps) assert.ok(!Object.values(s.outputs).some((v) => v.includes(secret)), `${name} is in an output`);
        for (const f of ['stats.json', 'state.json', 'server.log']) {
          const path = join(temp, 'fbuild-action', f);
          if (existsSync(path)) assert.ok(!readFileSync(path, 'utf8').includes(secret), `${f} holds ${name}`);
        }
        for (const a of archives) assert.ok(!a.bytes.includes(secret), `the archive ${a.key} holds ${name}`);
        checked++;
      }
    }
    assert.ok(checked > 10, `only ${checked} secrets were looked for`);
  });
});
