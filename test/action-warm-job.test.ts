// Issue 27 item 3, the action's warm job: setup, build and save in one Node process (the save step
// of action.yml runs only when that process ended before its save), the save skipped when the store
// did not change, the toolchains in an entry of their own that a warm job restores and never saves
// again, and the steps' own time in the job summary as "cache overhead". Real @actions/cache against
// the cache service emulator; behaviour is asserted, never a duration.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { hostTriple } from '../server/toolchains/installer.ts';
import type { StatsFile } from '../src/action/statsFile.ts';
import { GhCacheEmulator } from './helpers/ghCacheEmulator.ts';
import { prepareAction, type JobResult } from './helpers/runnerHarness.ts';
import { actionJob, jobFor } from './helpers/actionJobs.ts';
import { ARDUINO_AVR, manifestEntry, startMirror, tempDir } from './helpers/fixtures.ts';

const statsOf = (r: JobResult) => JSON.parse(readFileSync(r.outputs('fbuild')['stats-file']!, 'utf8')) as StatsFile;
/** The job step's run block in action.yml: the server started beside the job's Node process, then that process. */
const JOB_RUN = /run: \|\n(?: {8}.*\n)*? {8}exec node "\$GITHUB_ACTION_PATH\/dist\/action-setup\.js" job/;
const innerSteps = (r: JobResult) => (r.steps[0]!.inner ?? []).map((s) => `${s.id}:${s.conclusion}`);
const OVERHEAD_LINE =
  /Cache overhead: \d+\.\d\d s \(setup \d+\.\d\d s, build \d+\.\d\d s, save \d+\.\d\d s: the steps' time without the cache transfers, \d+\.\d\d s, and the builds themselves, \d+\.\d\d s\)/;

describe("the action's warm job", () => {
  let root: string;
  let cleanup: () => void;
  let emulator: GhCacheEmulator;
  let action: string;
  const entriesWith = (part: string) => emulator.finalized().filter((e) => e.key.includes(part));

  before(async () => {
    ({ dir: root, cleanup } = tempDir('fbuild-warm-job-'));
    action = await prepareAction(join(root, 'action'));
    emulator = await GhCacheEmulator.start();
  });
  after(async () => {
    await emulator.close();
    cleanup();
  });

  test('a cold job: one Node process runs setup, build and save; it saves, and the summary shows the cache overhead', async () => {
    const result = await actionJob(jobFor(root, emulator, { fixture: 'native' }), action, { environment: 'native', 'key-suffix': 'w' });
    assert.equal(result.conclusion, 'success', result.log);
    // The node check, the job step, and the fallback save skipped: the job step finished its save.
    assert.deepEqual(innerSteps(result), ['node:success', 'job:success', 'save:skipped']);
    const out = result.outputs('fbuild');
    assert.equal(out['cache-restored'], 'false');
    assert.match(out['cache-saved-key']!, /-native-system-[0-9a-f]{10}-w-\d+-1$/);
    assert.equal(entriesWith('-w-').length, 1);
    assert.match(result.summary, OVERHEAD_LINE);
    assert.match(out['cache-overhead-ms']!, /^\d+$/);
    const t = statsOf(result).timings!;
    assert.deepEqual(
      t.steps!.map((s) => s.step),
      ['setup', 'build', 'save'],
    );
    assert.ok(
      t.steps!.every((s) => s.transferMs <= s.ms),
      'a step spends no more in transfers than in all',
    );
    assert.equal(t.cacheOverheadMs, Number(out['cache-overhead-ms']));
    assert.equal(result.orphans.length, 0, 'the server was stopped');
  });

  test('a warm job with every unit a hit saves nothing and uploads nothing, and says so', async () => {
    const before = emulator.requests.length;
    const result = await actionJob(jobFor(root, emulator, { fixture: 'native' }), action, { environment: 'native', 'key-suffix': 'w' });
    assert.equal(result.conclusion, 'success', result.log);
    const out = result.outputs('fbuild');
    assert.equal(out['hit-rate'], '1');
    assert.equal(out['cache-saved-key'], '');
    assert.match(result.log, /store not saved: skipped: no new entries since the restore/);
    // The server that served it is the one the job step started beside its Node process (action.yml).
    assert.match(result.log, /fbuild: server \S+ \(pid \d+\) started in \d+ ms; its log: \S*\/fbuild-server\.[^/\s]+\/log/);
    const calls = emulator.requests.slice(before).map((r) => `${r.method} ${r.path.split('/').pop()}`);
    assert.ok(!calls.some((c) => /CreateCacheEntry|FinalizeCacheEntryUpload|^PUT /.test(c)), calls.join(', '));
    assert.equal(entriesWith('-w-').length, 1);
    assert.match(result.summary, OVERHEAD_LINE);
    const save = statsOf(result).timings!.steps!.find((s) => s.step === 'save')!;
    assert.equal(save.transferMs, 0, 'the save step transferred nothing');
  });

  test('a job that stored new entries saves them', async () => {
    const result = await actionJob(
      (() => {
        const j = jobFor(root, emulator, { fixture: 'native' });
        writeFileSync(join(j.workspace, 'src', 'extra.cpp'), 'int extra27() { return 27; }\n');
        return j;
      })(),
      action,
      { environment: 'native', 'key-suffix': 'w' },
    );
    assert.equal(result.conclusion, 'success', result.log);
    const out = result.outputs('fbuild');
    assert.notEqual(out['cache-saved-key'], '');
    assert.ok(entriesWith('-w-').some((e) => e.key === out['cache-saved-key']));
  });

  test('a failed build still saves in the same process, and the job fails once', async () => {
    const result = await actionJob(jobFor(root, emulator, { fixture: 'compile-error' }), action, {
      environment: 'uno',
      'key-suffix': 'wfail',
    });
    assert.equal(result.conclusion, 'failure');
    assert.deepEqual(innerSteps(result), ['node:success', 'job:failure', 'save:skipped']);
    assert.match(result.outputs('fbuild')['cache-saved-key']!, /-wfail-\d+-1$/);
    assert.equal(result.orphans.length, 0);
  });

  test('a job step that ends before its save (killed, cancelled): the save step runs, stops the server and saves', async () => {
    // The job step as it would be if its process died after the build: setup and build, then gone.
    const cut = join(root, 'action-cut');
    cpSync(action, cut, { recursive: true });
    const yml = readFileSync(join(cut, 'action.yml'), 'utf8');
    const jobRun = JOB_RUN.exec(yml)?.[0];
    assert.ok(jobRun);
    writeFileSync(
      join(cut, 'action.yml'),
      yml.replace(
        jobRun,
        'run: node "$GITHUB_ACTION_PATH/dist/action-setup.js" && node "$GITHUB_ACTION_PATH/dist/action-build.js"; exit 1',
      ),
    );
    const result = await actionJob(jobFor(root, emulator, { fixture: 'native' }), cut, { environment: 'native', 'key-suffix': 'wcut' });
    assert.equal(result.conclusion, 'failure');
    assert.deepEqual(innerSteps(result), ['node:success', 'job:failure', 'save:success']);
    const out = result.outputs('fbuild');
    assert.match(out['cache-saved-key']!, /-wcut-\d+-1$/);
    assert.equal(entriesWith('-wcut-').length, 1);
    assert.equal(result.orphans.length, 0, 'the save step stopped the server');
    // Each process timed its own step; the summary has all three.
    assert.match(result.summary, OVERHEAD_LINE);
  });

  test('the first job after the upgrade restores the store the three-step action saved, hits on every unit and saves nothing', async () => {
    // The action before issue 27: setup, build and save as three steps (three Node processes), made
    // from today's action.yml (the build step keeps the id `job`, so that the outputs read as before).
    const old = join(root, 'action-three-steps');
    cpSync(action, old, { recursive: true });
    const yml = readFileSync(join(old, 'action.yml'), 'utf8');
    const jobRun = JOB_RUN.exec(yml)?.[0];
    const fallbackIf = "if: always() && steps.job.outputs.finished != 'true'";
    assert.ok(jobRun && yml.includes(fallbackIf));
    const env = '      env:\n        FBUILD_ACTION_INPUTS: ${{ toJSON(inputs) }}\n';
    const setupStep = `    - id: setup\n      shell: bash\n${env}      run: node "$GITHUB_ACTION_PATH/dist/action-setup.js"\n`;
    writeFileSync(
      join(old, 'action.yml'),
      yml
        .replace('    - id: job\n', `${setupStep}    - id: job\n`)
        .replace(jobRun, 'run: node "$GITHUB_ACTION_PATH/dist/action-build.js"')
        .replace(fallbackIf, 'if: always()'),
    );
    const before = await actionJob(jobFor(root, emulator, { fixture: 'native' }), old, { environment: 'native', 'key-suffix': 'upgrade' });
    assert.equal(before.conclusion, 'success', before.log);
    assert.deepEqual(innerSteps(before), ['node:success', 'setup:success', 'job:success', 'save:success']);
    const saved = before.outputs('fbuild')['cache-saved-key']!;
    assert.notEqual(saved, '');
    assert.match(before.summary, OVERHEAD_LINE, 'three processes time their steps too');

    const after = await actionJob(jobFor(root, emulator, { fixture: 'native' }), action, {
      environment: 'native',
      'key-suffix': 'upgrade',
    });
    assert.equal(after.conclusion, 'success', after.log);
    const out = after.outputs('fbuild');
    assert.equal(out['cache-matched-key'], saved);
    assert.equal(out['hit-rate'], '1');
    assert.equal(out['cache-saved-key'], '');
    assert.equal(entriesWith('-upgrade-').length, 1);
  });

  test("the action's bundle is pure ASCII, comments too (Node decodes a file with one other character as UTF-8 into a two-byte string)", () => {
    const files = readdirSync(join(action, 'dist'), { recursive: true, encoding: 'utf8' }).filter((f) => /\.c?js$/.test(f));
    assert.ok(files.length > 5, files.join(', '));
    const other = files.filter((f) => /[^\p{ASCII}]/u.test(readFileSync(join(action, 'dist', f), 'utf8')));
    assert.deepEqual(other, []);
  });

  describe('pinned toolchains', () => {
    let mirror: Awaited<ReturnType<typeof startMirror>>;
    let env: Record<string, string>;

    before(async () => {
      mirror = await startMirror();
      const { gcc, core } = fakeUpstreamArchives(join(root, 'upstream'));
      for (const f of [gcc, core]) mirror.files[f.split('/').pop()!] = readFileSync(f);
      const manifest = join(root, 'manifest.json');
      writeFileSync(
        manifest,
        JSON.stringify({
          packages: [manifestEntry('avr-gcc', '7.3.0-w', gcc, hostTriple()), manifestEntry('Arduino AVR Boards', '1.8.6', core, 'any')],
          missing: [],
        }),
      );
      env = { FBUILD_PACKAGE_MANIFEST: manifest, FBUILD_PACKAGE_MIRROR: mirror.url('/mirror') };
    });
    after(() => mirror.close());

    test('the first job installs them and saves them once as their own entry; the next restores that entry with the store and saves neither', async () => {
      // One HOME path for both jobs, emptied between them, as on hosted runners (/home/runner): the
      // framework's sources are under it, outside the workspace, and their paths are in the keys.
      const home = join(root, 'runner-home');
      const freshHome = () => {
        rmSync(home, { recursive: true, force: true });
        mkdirSync(home, { recursive: true });
        return { ...env, HOME: home };
      };
      const first = await actionJob(jobFor(root, emulator, { fixture: 'sketch', env: freshHome() }), action, {
        environment: 'uno',
        toolchain: 'pinned',
      });
      assert.equal(first.conclusion, 'success', first.log);
      assert.equal(mirror.requests.length, 2, 'both packages downloaded once');
      const toolchains = entriesWith('fbuild-toolchains-v1-');
      assert.equal(toolchains.length, 1);
      assert.match(first.log, new RegExp(`toolchains saved as ${toolchains[0]!.key}`));
      const store = first.outputs('fbuild')['cache-saved-key']!;
      assert.match(store, /-uno-pinned-[0-9a-f]{10}-\d+-1$/);

      const second = await actionJob(jobFor(root, emulator, { fixture: 'sketch', env: freshHome() }), action, {
        environment: 'uno',
        toolchain: 'pinned',
      });
      assert.equal(second.conclusion, 'success', second.log);
      assert.equal(mirror.requests.length, 2, 'nothing downloaded from the mirror: the toolchains came from their entry');
      assert.match(second.log, new RegExp(`toolchains restored from ${toolchains[0]!.key}`));
      const out = second.outputs('fbuild');
      assert.equal(out['cache-matched-key'], store);
      assert.equal(out['hit-rate'], '1', second.log);
      assert.equal(out['cache-saved-key'], '');
      assert.doesNotMatch(second.log, /toolchains saved/);
      assert.equal(entriesWith('fbuild-toolchains-v1-').length, 1, 'the toolchains entry is never saved again');
      // The store archive holds no toolchain file.
      const tar = execFileSync('zstd', ['-dc'], { input: entriesWith(store)[0]!.data!, maxBuffer: 1 << 30 });
      const members = execFileSync('tar', ['-t'], { input: tar, maxBuffer: 1 << 30 })
        .toString()
        .split('\n');
      assert.ok(
        members.some((m) => m.includes('/v2/')),
        members.slice(0, 5).join(', '),
      );
      assert.ok(!members.some((m) => m.includes('toolchains')), 'the toolchains are not in the store archive');
      assert.match(second.summary, OVERHEAD_LINE);
    });
  });
});

/**
 * Packages laid out as Arduino publishes them, made small: the compiler as `avr/bin/*` scripts that
 * run Debian's tools, and the core as `avr/` (cores, variants, libraries) from Debian's copy.
 */
function fakeUpstreamArchives(dir: string): { gcc: string; core: string } {
  const bin = join(dir, 'gcc-stage', 'avr', 'bin');
  mkdirSync(bin, { recursive: true });
  for (const t of ['avr-gcc', 'avr-g++', 'avr-gcc-ar', 'avr-gcc-ranlib', 'avr-objcopy', 'avr-size', 'avr-ar', 'avr-nm']) {
    writeFileSync(join(bin, t), `#!/bin/sh\nexec /usr/bin/${t} "$@"\n`);
    chmodSync(join(bin, t), 0o755);
  }
  const gcc = join(dir, 'avr-gcc-w-x86_64-pc-linux-gnu.tar.gz');
  execFileSync('tar', ['-czf', gcc, '-C', join(dir, 'gcc-stage'), 'avr']);
  const coreStage = join(dir, 'core-stage', 'avr');
  mkdirSync(coreStage, { recursive: true });
  for (const part of ['cores', 'variants', 'libraries', 'platform.txt', 'boards.txt'])
    cpSync(join(ARDUINO_AVR, part), join(coreStage, part), { recursive: true });
  const core = join(dir, 'avr-1.8.6-w.tar.gz');
  execFileSync('tar', ['-czf', core, '-C', join(dir, 'core-stage'), 'avr']);
  return { gcc, core };
}
