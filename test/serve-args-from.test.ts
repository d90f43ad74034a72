// `fbuild serve --args-from FILE`: the action's job step starts the server beside its own Node process
// (action.yml), before the options are known; the setup writes them into FILE after the restore
// (src/action/serverProcess.ts, adoptStartedServer). The server loads meanwhile, takes its options
// from the file once it is there, removes it (it may name a remote tier's URL), and leaves the job's
// secrets out of its environment; a parent that ends first, or a file that is not right, ends it
// with one line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { bundledCli } from './helpers/bundle.ts';
import { spawnFbuild } from './helpers/buildCli.ts';
import { tempDir } from './helpers/fixtures.ts';
import { adoptStartedServer } from '../src/action/serverProcess.ts';
import { childEnv } from '../server/util/childEnv.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !/^\S+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

test('a server started with --args-from waits, then serves with the options of the file, and removes it', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const argsFile = join(tmp.dir, 'args');
  const child = spawnFbuild(['serve', '--args-from', argsFile], { env: { FBUILD_ACTION_INPUTS: '{"github-token":"ghs_secret"}' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  t.after(async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  });
  // Loaded and waiting: no address yet, nothing in the cache dir.
  await sleep(300);
  assert.equal(stdout, '', 'ready before its options came');
  const cacheDir = join(tmp.dir, 'cache');
  assert.equal(existsSync(cacheDir), false);

  const tokenFile = join(tmp.dir, 'token');
  writeFileSync(tokenFile, 'the-token-of-this-test', { mode: 0o600 });
  writeFileSync(
    argsFile,
    JSON.stringify({
      args: ['--cache-dir', cacheDir, '--token-file', tokenFile, '--allow-root', tmp.dir],
      env: { FBUILD_TEST_GIVEN: 'yes' },
    }),
  );
  while (!stdout.includes('\n') && child.exitCode === null) await sleep(10);
  assert.ok(stdout.includes('\n'), `no ready line: ${stderr}`);
  const { url } = JSON.parse(stdout.split('\n')[0]!) as { url: string };
  assert.equal(existsSync(argsFile), false, 'the options file was left behind');
  assert.ok(existsSync(cacheDir), 'the cache dir of the file is not the one opened');
  const denied = await fetch(`${url}/v1/stats`);
  assert.equal(denied.status, 401);
  const stats = await fetch(`${url}/v1/stats`, { headers: { authorization: 'Bearer the-token-of-this-test' } });
  assert.equal(stats.status, 200, 'the token file of the file is not the one used');
  await fetch(`${url}/v1/shutdown`, { method: 'POST', headers: { authorization: 'Bearer the-token-of-this-test' } });
  assert.equal(await exited, 0);
});

test('a bad options file ends the server with one line naming it; so does a parent that ends first', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const argsFile = join(tmp.dir, 'args');
  writeFileSync(argsFile, '{"args": "--cache-dir /x"}');
  const child = spawnFbuild(['serve', '--args-from', argsFile]);
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
  assert.notEqual(code, 0);
  assert.equal(stderr.trim().split('\n').length, 1, stderr);
  assert.match(stderr, /--args-from .*args must hold \{"args": \[strings\]/);
  assert.doesNotMatch(stderr, /\n\s+at /);

  const mixed = spawnSync(process.execPath, [bundledCli(), 'serve', '--args-from', argsFile, '--jobs', '2'], { encoding: 'utf8' });
  assert.notEqual(mixed.status, 0);
  assert.match(mixed.stderr, /^fbuild serve: --args-from FILE takes no other option than --parent-pid PID; usage: /);
  assert.equal(mixed.stderr.trim().split('\n').length, 1, mixed.stderr);

  // Started by a shell that ends soon after, as a job step killed before its setup wrote the file.
  const log = join(tmp.dir, 'orphan.log');
  const never = join(tmp.dir, 'never');
  const sh = spawnSync(
    'sh',
    [
      '-c',
      `"${process.execPath}" "${bundledCli()}" serve --args-from "${never}" --parent-pid $$ </dev/null >"${log}" 2>&1 & echo $!; sleep 0.2`,
    ],
    { encoding: 'utf8', env: { ...process.env, FBUILD_DAEMON: '0' } },
  );
  const pid = Number(sh.stdout.trim());
  assert.ok(pid > 0, sh.stderr);
  for (let i = 0; i < 1000 && alive(pid); i++) await sleep(10);
  assert.equal(alive(pid), false, 'the server outlived its parent, waiting for a file nobody writes');
  assert.match(readFileSync(log, 'utf8'), /^fbuild serve: the process that started this server \(pid \d+\) ended before writing .*never/m);
});

test('the setup adopts a server started beside it only while it runs; the job inputs are a secret to its children', () => {
  const tmp = tempDir();
  try {
    const opts = {
      cliPath: bundledCli(),
      jobDir: join(tmp.dir, 'job'),
      cacheDir: join(tmp.dir, 'cache'),
      workspace: tmp.dir,
      onToken: () => undefined,
    };
    mkdirSync(join(tmp.dir, 'early'));
    assert.equal(adoptStartedServer(undefined, opts), undefined);
    assert.equal(adoptStartedServer('not a pid', opts), undefined);
    // A pid that has exited: started as usual instead.
    const gone = spawnSync('true').pid!;
    assert.equal(adoptStartedServer(`${gone}:${join(tmp.dir, 'early')}`, opts), undefined);
    assert.equal(adoptStartedServer(`${process.pid}:${join(tmp.dir, 'missing')}`, opts), undefined);
    const adopted = adoptStartedServer(`${process.pid}:${join(tmp.dir, 'early')}`, opts);
    assert.ok(adopted, 'a running server with its folder is adopted');
    adopted.go();
    const written = JSON.parse(readFileSync(join(tmp.dir, 'early', 'args'), 'utf8')) as { args: string[]; env: Record<string, string> };
    assert.deepEqual(written.args.slice(0, 2), ['--cache-dir', opts.cacheDir]);
    assert.ok(written.args.includes('--shared-cache-dir') && !written.args.includes('--wait-for'));
    assert.equal(written.env.FBUILD_CACHE_DIR, opts.cacheDir);
  } finally {
    tmp.cleanup();
  }
  // The composite steps' inputs (github-token, a remote URL with its password) reach no compiler.
  assert.deepEqual(Object.keys(childEnv({ FBUILD_ACTION_INPUTS: '{}', PATH: '/usr/bin' })), ['PATH']);
});

test('the job step as action.yml writes it starts its server beside it, in its own process group', () => {
  const yml = readFileSync(join(import.meta.dirname, '..', 'action.yml'), 'utf8');
  const run = /- id: job\n(?: {6}.*\n)*? {6}run: \|\n((?: {8}.*\n)+)/.exec(yml)?.[1];
  assert.ok(run, 'the job step has no run block');
  const script = run.replace(/^ {8}/gm, '');
  // The shell part, with the two Node processes replaced by what shows their place and group.
  const probe = script
    .replace(/node "\$GITHUB_ACTION_PATH\/dist\/cli\.js" serve --args-from "\$early\/args" --parent-pid \$\$/, 'sleep 2')
    .replace(
      /exec node "\$GITHUB_ACTION_PATH\/dist\/action-setup\.js" job/,
      'echo "$FBUILD_JOB_SERVER"; ps -o pgid= -p "${FBUILD_JOB_SERVER%%:*}"; echo "$$"',
    );
  assert.notEqual(probe, script);
  const tmp = tempDir();
  try {
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', probe], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, RUNNER_TEMP: tmp.dir },
    });
    assert.equal(r.status, 0, r.stderr);
    const [given, pgid, shell] = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.trim());
    const [pid, dir] = [given!.slice(0, given!.indexOf(':')), given!.slice(given!.indexOf(':') + 1)];
    assert.equal(pgid, pid, 'the server does not lead its own process group');
    assert.notEqual(pid, shell);
    assert.ok(dir.startsWith(join(tmp.dir, 'fbuild-server.')) && existsSync(join(dir, 'log')));
    process.kill(Number(pid), 'SIGKILL');
  } finally {
    tmp.cleanup();
  }
});
