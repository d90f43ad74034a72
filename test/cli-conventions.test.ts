// The command line as people expect it: --version, --help on every command, one hit rate wherever a
// build is reported, the server of a cache dir found from its lock, the store's size limit, and the
// toolchain fallback said once.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fbuild, fbuildAsync, spawnFbuild } from './helpers/buildCli.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';
import { copyUnoCoreStore } from './helpers/sharedBuilds.ts';
import { formatHitRate } from '../server/util/hitRate.ts';
import { fraction, reportRow, totals } from '../src/action/reportRows.ts';
import { summaryMarkdown } from '../src/action/summary.ts';
import { reportRowFromBuild } from '../src/action/prComment/reportRow.ts';
import { renderComment } from '../src/action/prComment/render.ts';
import type { JsonBuildResult } from '../server/protocol/wire.ts';

const VERSION = (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
const INI = '[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\n';

test('fbuild --version and -V print the package version and exit 0', () => {
  for (const flag of ['--version', '-V']) {
    const r = fbuild([flag]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `fbuild ${VERSION}\n`);
  }
});

test('every command that fbuild help lists answers --help and -h with its usage and options, exit 0', () => {
  const help = fbuild(['help']);
  assert.equal(help.code, 0);
  const commands = [...help.stdout.matchAll(/^ {2}fbuild ([a-z]+)\b/gm)].map((m) => m[1]!);
  assert.ok(commands.length >= 10, `commands listed: ${commands.join(', ')}`);
  for (const command of new Set(commands)) {
    const usageLine = help.stdout
      .split('\n')
      .find((l) => l.startsWith(`  fbuild ${command}`))!
      .trim();
    // Each command once with --help; -h and `help X` for two of them (a process each is not free).
    const forms =
      command === 'build' || command === 'cc'
        ? [
            [command, '--help'],
            [command, '-h'],
            ['help', command],
          ]
        : [[command, '--help']];
    let detail = '';
    for (const args of forms) {
      const r = fbuild(args);
      assert.equal(r.code, 0, `fbuild ${args.join(' ')}: ${r.stderr}`);
      assert.ok(r.stdout.startsWith(`usage: ${usageLine}\n`), `fbuild ${args.join(' ')} printed:\n${r.stdout}`);
      assert.equal(r.stderr, '');
      detail = r.stdout;
    }
    // Every --option the usage line names is explained under "options".
    for (const [option] of usageLine.matchAll(/--[a-z][a-z-]*/g)) {
      if (option === '--help') continue;
      assert.ok(detail.split('options:')[1]?.includes(option), `fbuild ${command} --help does not explain ${option}`);
    }
  }
  // After the compiler, -h belongs to the compiler: `fbuild cc` passes it on.
  assert.notEqual(fbuild(['cc', 'no-such-compiler-xyz', '-h']).stdout.startsWith('usage:'), true);
  const unknown = fbuild(['help', 'nonesuch']);
  assert.equal(unknown.code, 2);
  assert.equal(unknown.stderr.trim().split('\n').length, 1);
});

test('one hit rate: the CLI line, --json, the job summary, the step outputs and the PR comment agree for a build with hits, misses and an uncacheable unit', (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const cacheDir = copyUnoCoreStore(join(dir.dir, 'cache')); // a warm start: the first build is only setup
  const project = join(dir.dir, 'p');
  writeFiles(project, {
    'platformio.ini': INI,
    'src/main.cpp': '#include <Arduino.h>\nint helper();\nvoid setup() { Serial.begin(9600); Serial.println(helper()); }\nvoid loop() {}\n',
    'src/helper.cpp': 'int helper() { return 1; }\n',
    'src/stamp.cpp': 'const char *stamp() { return "none"; }\n',
  });
  assert.equal(fbuild(['build', project, '--cache-dir', cacheDir]).code, 0);
  // One miss (helper.cpp changed), one uncacheable unit (stamp.cpp uses __TIME__), the rest hits.
  writeFiles(project, {
    'src/helper.cpp': 'int helper() { return 2; }\n',
    'src/stamp.cpp': 'const char *stamp() { return __TIME__; }\n',
  });
  const r = fbuild(['build', project, '--cache-dir', cacheDir, '--force', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const result = r.json as JsonBuildResult;
  const s = result.stats;
  assert.ok(s.hits > 0 && s.misses > 0 && s.uncacheable === 1, JSON.stringify(s));
  assert.equal(s.hitRate, s.hits / (s.hits + s.misses + s.errors), 'uncacheable units are not in the rate');
  const shown = formatHitRate(s);

  writeFiles(project, { 'src/helper.cpp': 'int helper() { return 3; }\n' });
  const human = fbuild(['build', project, '--cache-dir', cacheDir, '--force']);
  const cliRate = /hit rate ([\d.]+%)/.exec(human.stdout)?.[1];
  // The human run compiled another helper.cpp: the same counts, so the same rate.
  assert.equal(cliRate, shown, human.stdout);

  const row = reportRow({
    environment: 'uno',
    result,
    units: { total: s.compiles - 1, hits: 0, misses: 0, uncacheable: 0, errors: 0 },
    missed: [],
  });
  assert.equal(row.hitRate, s.hitRate, 'the report row');
  assert.equal(fraction(totals([row]).hitRate), fraction(s.hitRate), 'the hit-rate output');
  assert.ok(summaryMarkdown({ rows: [row], saveNote: 'saved', restoreMs: 0 }).includes(`| ${shown} |`), 'the job summary');
  const comment = renderComment([{ ...reportRowFromBuild(result), sha: 'a'.repeat(40), runId: 1, runAttempt: 1, runUrl: '' }], {
    serverUrl: 'https://github.com',
    owner: 'o',
    repo: 'r',
  });
  assert.ok(comment.includes(`| ${shown} |`), 'the PR comment');
  assert.match(comment, /uncacheable units are counted apart/);
});

test('a build with no cacheable unit says n/a, not 0.0%', (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  // A native project: a unit and the link, all uncacheable under --no-cache, without compiling a core.
  writeFiles(dir.dir, { 'platformio.ini': '[env:native]\nplatform = native\n', 'src/main.c': 'int main(void) { return 0; }\n' });
  const r = fbuild(['build', dir.dir, '--cache-dir', join(dir.dir, 'cache'), '--no-cache']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /hit rate n\/a;/);
  assert.doesNotMatch(r.stdout, /\b1 (misses|hits|units)\b/);
});

test('fbuild stats and stop find the server that holds a cache dir from its lock, with no URL or token exported', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const cacheDir = join(dir.dir, 'cache');
  const env = { FBUILD_CACHE_URL: '', FBUILD_CACHE_TOKEN: '', FBUILD_CACHE_TOKEN_FILE: '' };
  const none = fbuild(['stats', '--cache-dir', cacheDir], { env });
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no fbuild server holds the cache dir .*cache; start one with 'fbuild serve'/);

  const server = spawnFbuild(['serve', '--cache-dir', cacheDir, '--allow-root', dir.dir], { env });
  t.after(() => server.kill('SIGKILL'));
  let out = '';
  server.stdout.on('data', (b) => (out += b));
  while (!out.includes('\n')) await once(server.stdout, 'data');
  const stats = await fbuildAsync(['stats', '--cache-dir', cacheDir, '--json'], { env });
  assert.equal(stats.code, 0, stats.stderr);
  assert.equal(stats.json!.compiles, 0);
  const exited = once(server, 'exit');
  const stop = await fbuildAsync(['stop', '--cache-dir', cacheDir], { env });
  assert.equal(stop.code, 0, stop.stderr);
  await exited;
});

test('--max-size and FBUILD_CACHE_MAX_SIZE bound the store of build; a bad size is one line', (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  writeFiles(dir.dir, { 'platformio.ini': INI, 'src/main.cpp': '#include <Arduino.h>\nvoid setup() {}\nvoid loop() {}\n' });
  for (const [args, env] of [
    [['--max-size', 'lots'], {}],
    [[], { FBUILD_CACHE_MAX_SIZE: 'lots' }],
  ] as const) {
    const bad = fbuild(['build', dir.dir, '--cache-dir', join(dir.dir, 'c0'), ...args], { env });
    assert.equal(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, /(--max-size|FBUILD_CACHE_MAX_SIZE) takes a size such as 2G or 500M, not 'lots'/);
    assert.equal(bad.stderr.trim().split('\n').length, 1);
  }
  // The unbounded store starts warm (helpers/sharedBuilds.ts); the bounded one starts empty.
  const big = copyUnoCoreStore(join(dir.dir, 'big'));
  const small = join(dir.dir, 'small');
  assert.equal(fbuild(['build', dir.dir, '--cache-dir', big, '--force']).code, 0);
  const limit = 64 * 1024;
  const r = fbuild(['build', dir.dir, '--cache-dir', small, '--force'], { env: { FBUILD_CACHE_MAX_SIZE: String(limit) } });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(treeBytes(big) > limit, `the unbounded store holds ${treeBytes(big)} bytes`);
  assert.ok(treeBytes(small) <= limit, `the bounded store holds ${treeBytes(small)} bytes`);
});

test('the fallback to the system toolchain is one short line, said once per cache dir; --verbose says why', (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  writeFiles(dir.dir, { 'platformio.ini': INI, 'src/main.cpp': '#include <Arduino.h>\nvoid setup() {}\nvoid loop() {}\n' });
  // auto, with a package mirror that refuses connections: the pinned install fails at once.
  const env = { FBUILD_TOOLCHAIN: 'auto', FBUILD_PACKAGE_MIRROR: 'http://127.0.0.1:9', FBUILD_TOOLCHAINS_DIR: join(dir.dir, 'tc') };
  // The uno core from the shared warm store (sharedBuilds.ts, built with the system toolchain): the notice is the point.
  const cacheDir = copyUnoCoreStore(join(dir.dir, 'cache'));
  const build = (...extra: string[]) => fbuild(['build', dir.dir, '--cache-dir', cacheDir, '--force', ...extra], { env });
  const notices = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('fbuild: notice:'));
  const first = build();
  assert.equal(first.code, 0, first.stderr);
  assert.equal(notices(first.stderr).length, 1, first.stderr);
  assert.match(notices(first.stderr)[0]!, /using the system toolchain/);
  assert.ok(notices(first.stderr)[0]!.length <= 140, notices(first.stderr)[0]);
  const second = build();
  assert.equal(second.code, 0, second.stderr);
  assert.deepEqual(notices(second.stderr), [], 'said once per cache dir');
  const verbose = build('--verbose');
  assert.equal(notices(verbose.stderr).length, 2, verbose.stderr);
  assert.match(notices(verbose.stderr)[1]!, /127\.0\.0\.1:9|ECONNREFUSED|install/);
});

function treeBytes(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) n += statSync(join(e.parentPath, e.name)).size;
  }
  return n;
}
