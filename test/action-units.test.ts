// The action's pure parts: inputs checked with one-line errors, and cache keys that never let one
// store be restored for another env list, toolchain or key suffix.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readInputs } from '../src/action/inputs.ts';
import { cacheKeys } from '../src/action/keys.ts';
import { fraction, reportRow, totals } from '../src/action/reportRows.ts';
import { summaryMarkdown } from '../src/action/summary.ts';
import { BuildLog } from '../src/action/buildLog.ts';
import { buildStats } from '../server/engine/buildStats.ts';
import type { RunnerContext } from '../src/action/runnerContext.ts';
import { parseByteSize } from '../server/util/byteSize.ts';

const given = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? '';

test('inputs: the defaults, and lists of envs split on spaces, commas and newlines', () => {
  const d = readInputs(given({}));
  assert.deepEqual(
    { ...d, githubToken: undefined },
    {
      environments: [],
      projectDir: '.',
      toolchain: 'auto',
      cache: true,
      cacheMaxBytes: 1024 ** 3,
      save: 'always',
      evictUnused: false,
      keySuffix: '',
      deleteSuperseded: true,
      comment: true,
      githubToken: undefined,
    },
  );
  assert.deepEqual(readInputs(given({ environment: 'uno, esp32dev\nnative' })).environments, ['uno', 'esp32dev', 'native']);
  assert.equal(readInputs(given({ 'cache-max-size': '500M' })).cacheMaxBytes, 500 * 1024 ** 2);
  assert.equal(readInputs(given({ jobs: '4' })).jobs, 4);
});

test('inputs: a bad value is one line naming the input and what it allows', () => {
  const cases: [Record<string, string>, string][] = [
    [{ save: 'sometimes' }, "input 'save' is 'sometimes'; allowed values: always, on-success, never"],
    [{ toolchain: 'latest' }, "input 'toolchain' is 'latest'; allowed values: auto, pinned, system"],
    [{ cache: 'yes' }, "input 'cache' is 'yes'; allowed values: true, false"],
    [{ 'evict-unused': '1' }, "input 'evict-unused' is '1'; allowed values: true, false"],
    [{ 'delete-superseded': 'maybe' }, "input 'delete-superseded' is 'maybe'; allowed values: true, false"],
    [{ jobs: '0' }, "input 'jobs' is '0'; allowed values: a whole number of 1 or more"],
    [{ 'cache-max-size': 'lots' }, "input 'cache-max-size' is 'lots'; allowed values: a size such as 500M, 1G or 2GiB"],
    [{ 'key-suffix': 'a,b' }, "input 'key-suffix' is 'a,b'; allowed: letters, digits and . _ -"],
  ];
  for (const [inputs, message] of cases) assert.throws(() => readInputs(given(inputs)), { name: 'UserError', message });
});

test('sizes: units are powers of 1024; nonsense and zero are not sizes', () => {
  assert.equal(parseByteSize('1G'), 1024 ** 3);
  assert.equal(parseByteSize('1.5GiB'), 1.5 * 1024 ** 3);
  assert.equal(parseByteSize('200mb'), 200 * 1024 ** 2);
  assert.equal(parseByteSize('4096'), 4096);
  for (const bad of ['', '0', 'G', '1X', '-1G']) assert.equal(parseByteSize(bad), undefined, bad);
});

const ctx = { os: 'linux', arch: 'x64', runId: '42', runAttempt: '2' } as RunnerContext;
const keysFor = (envs: string[], toolchain: 'auto' | 'pinned' | 'system', keySuffix = '') =>
  cacheKeys({
    ctx,
    envs,
    platforms: envs.map((e) => (e === 'native' ? 'native' : e === 'esp32dev' ? 'espressif32' : 'atmelavr')),
    toolchain,
    keySuffix,
  });

test('keys: the documented shape, restored by the prefix without the run', () => {
  const k = keysFor(['uno'], 'pinned', 'nightly');
  assert.match(k.store, /^fbuild-v1-linux-x64-uno-pinned-[0-9a-f]{10}-nightly-42-2$/);
  assert.equal(k.store, `${k.storePrefix}42-2`);
  assert.match(k.toolchains!, /^fbuild-toolchains-v1-linux-x64-[0-9a-f]{16}$/);
  assert.equal(keysFor(['native'], 'pinned').toolchains, undefined, 'native needs no packages');
  assert.equal(keysFor(['uno'], 'system').toolchains, undefined, 'system installs nothing');
});

test('keys: no store prefix is a prefix of another env list, toolchain or suffix', () => {
  const all = [
    keysFor(['uno'], 'auto'),
    keysFor(['uno'], 'system'),
    keysFor(['uno'], 'pinned'),
    keysFor(['uno'], 'auto', 'debug'),
    keysFor(['uno-debug'], 'auto'),
    keysFor(['uno', 'native'], 'auto'),
    keysFor(['native'], 'auto'),
    keysFor(['esp32dev'], 'auto'),
  ];
  for (const a of all) {
    for (const b of all) if (a !== b) assert.ok(!b.store.startsWith(a.storePrefix), `${b.store} would be restored for ${a.storePrefix}`);
  }
});

test('report rows: unit counts, hit rate and the top miss reasons; outputs print fractions plainly', () => {
  const row = reportRow({
    environment: 'uno',
    result: {
      environment: 'uno',
      ok: true,
      upToDate: false,
      artifacts: { elf: '/x.elf', hex: '/x.hex' },
      size: { flash: 1000, ram: 100, flashMax: 32256, ramMax: 2048 },
      stats: {
        compiles: 5,
        hits: 3,
        misses: 2,
        uncacheable: 0,
        errors: 0,
        hitRate: 0.6,
        timeSavedMs: 900,
        missReasons: {},
        uncacheableUnits: [],
      },
      durationMs: 1234,
    },
    units: { total: 4, hits: 3, misses: 1, uncacheable: 0, errors: 0 },
    link: { outcome: 'miss' },
    missed: [{ source: 'src/a.cpp', reason: 'source changed' }],
  });
  assert.equal(row.hitRate, 0.6, "the build's own counts, the link included, as the CLI gives them");
  assert.equal(row.units, 5);
  assert.deepEqual(row.topMissReasons, [{ reason: 'source changed', count: 1 }]);
  assert.deepEqual(row.flash, { used: 1000, max: 32256 });
  assert.equal(row.result, 'success');
  assert.equal(fraction(1), '1');
  assert.equal(fraction(26 / 27), '0.963');
  assert.equal(fraction(0), '0');
});

test('store errors: not hits, so never "100%"; named with the store\'s message in the stats, the report row and the job summary', () => {
  const enospc = 'store: ENOSPC: no space left on device, write';
  const stats = buildStats(
    [
      { outcome: 'hit', source: 'src/a.cpp', savedMs: 10 },
      { outcome: 'hit', source: 'src/b.cpp', savedMs: 10 },
      { outcome: 'error', source: 'src/c.cpp', reason: 'EIO: i/o error, read' },
    ],
    { outcome: 'error', reason: enospc },
  );
  assert.equal(stats.errors, 2);
  assert.equal(stats.hitRate, 0.5, 'two hits of four steps, two of which the store failed on');
  assert.deepEqual(stats.errorUnits, [
    { source: 'src/c.cpp', reason: 'EIO: i/o error, read' },
    { source: 'link', reason: enospc },
  ]);
  assert.equal(buildStats([{ outcome: 'hit' }], undefined).errorUnits, undefined, 'no errors, no list');
  const row = reportRow({
    environment: 'uno',
    result: {
      environment: 'uno',
      ok: true,
      upToDate: false,
      artifacts: { elf: '/x.elf', hex: '/x.hex' },
      size: { flash: 1000, ram: 100, flashMax: 32256, ramMax: 2048 },
      stats,
      durationMs: 1234,
    },
    units: { total: 3, hits: 2, misses: 0, uncacheable: 0, errors: 1 },
    link: { outcome: 'error', reason: enospc },
    missed: [],
    storeErrors: [
      { source: 'src/c.cpp', reason: 'EIO: i/o error, read' },
      { source: 'link', reason: enospc },
    ],
  });
  assert.equal(row.errors, 2);
  assert.equal(row.hitRate, 0.5, 'a unit the store failed on is no hit');
  assert.equal(totals([row]).hitRate, 0.5);
  const md = summaryMarkdown({ rows: [row], saveNote: 'skipped', restoreMs: 0 });
  assert.match(md, /\| uno \| success \| 4 \| 2 \| 0 \| 0 \| 50\.0% \|/);
  assert.match(md, /\*\*uno: the store failed on 2 \(compiled without the cache\)\*\*/);
  assert.ok(md.includes(`- link: ${enospc}`), md);
  assert.ok(md.includes('- src/c.cpp: EIO: i/o error, read'), md);
  assert.match(md, /"store errors" : 2/);
});

test('action.yml, setup/ and save/ declare the same inputs, and every input is one the steps read', async () => {
  const { parse } = await import('yaml');
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const root = join(import.meta.dirname, '..');
  const inputsOf = (f: string) => (parse(readFileSync(join(root, f), 'utf8')) as { inputs: Record<string, unknown> }).inputs;
  const main = inputsOf('action.yml');
  assert.deepEqual(inputsOf('setup/action.yml'), main);
  assert.deepEqual(inputsOf('save/action.yml'), main);
  const read = new Set<string>();
  readInputs((name) => (read.add(name), ''));
  assert.deepEqual(Object.keys(main).sort(), [...read].sort());
});

test('every action and workflow file is valid YAML (GitHub refuses the action otherwise)', async () => {
  const { parse } = await import('yaml');
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const root = join(import.meta.dirname, '..');
  for (const f of [
    'action.yml',
    'setup/action.yml',
    'save/action.yml',
    'report/action.yml',
    '.github/workflows/ci.yml',
    '.github/workflows/example.yml',
  ]) {
    const doc = parse(readFileSync(join(root, f), 'utf8')) as Record<string, unknown>;
    assert.ok(doc && typeof doc === 'object', f);
    assert.ok('runs' in doc || 'jobs' in doc, `${f} has runs or jobs`);
  }
});

test("build warnings become the job's warning annotations, each once whichever env's build said it", () => {
  const out: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
  try {
    for (const env of ['uno', 'nano']) {
      const log = new BuildLog(env);
      log.handle({ type: 'warning', message: 'extra_scripts: pre:x.py was not run' });
      log.handle({ type: 'warning', message: `board_build.f_cpu of ${env} ignored` });
    }
  } finally {
    process.stdout.write = write;
  }
  const annotations = out
    .join('')
    .split(/\r?\n/)
    .filter((l) => l.startsWith('::warning::'));
  assert.deepEqual(annotations, [
    '::warning::fbuild: extra_scripts: pre:x.py was not run',
    '::warning::fbuild: board_build.f_cpu of uno ignored',
    '::warning::fbuild: board_build.f_cpu of nano ignored',
  ]);
});
