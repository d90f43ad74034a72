import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { get } from 'node:http';
import { join } from 'node:path';
import { fbuild, fbuildAsync, spawnFbuild } from './helpers/buildCli.ts';
import { tempDir } from './helpers/fixtures.ts';
import { compilersMentioning, eventually, slowFirmwareUnit } from './helpers/serverHarness.ts';
import { copyUnoCoreStore } from './helpers/sharedBuilds.ts';

/**
 * `fbuild build`'s resident server (src/cli/residentServer.ts, buildResident.ts): the first build of
 * an invocation starts it, the next ones ask it, and what they build, print and exit with is what a
 * build in its own process gives. The suite turns it off for every other test (FBUILD_DAEMON=0);
 * these turn it on, each with a cache dir of its own, and stop what they started.
 */

const BLINK = join(import.meta.dirname, '..', 'examples', 'blink');

interface Record {
  url: string;
  pid: number;
  tokenFile: string;
}

function copyBlink(to: string): string {
  cpSync(BLINK, to, { recursive: true, filter: (src) => !src.includes('.fbuild') });
  return to;
}

const hexOf = (dir: string) => readFileSync(join(dir, '.fbuild', 'build', 'uno', 'firmware.hex'), 'utf8');

function records(cacheDir: string): Record[] {
  const dir = join(cacheDir, 'daemons');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .flatMap((n) => {
      try {
        return [JSON.parse(readFileSync(join(dir, n), 'utf8')) as Record];
      } catch {
        return []; // being replaced
      }
    });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The server's own count of what it built, from /v1/stats with its token. */
function compilesSeenBy(r: Record): Promise<number> {
  const u = new URL(r.url);
  const token = readFileSync(r.tokenFile, 'utf8').trim();
  return new Promise((resolve, reject) => {
    get({ host: u.hostname, port: Number(u.port), path: '/v1/stats', headers: { authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve((JSON.parse(body) as { compiles: number }).compiles));
    }).on('error', reject);
  });
}

/** A cache dir with the uno core warm (the shared store), an env that turns the resident server on, and a cleanup that stops it. */
function setup(t: { after(fn: () => void | Promise<void>): void }, extraEnv: NodeJS.ProcessEnv = {}) {
  const tmp = tempDir('fbuild-resident-');
  const cacheDir = copyUnoCoreStore(join(tmp.dir, 'cache'));
  const env = { FBUILD_DAEMON: '1', FBUILD_CACHE_DIR: cacheDir, ...extraEnv };
  t.after(() => {
    fbuild(['stop', '--cache-dir', cacheDir], { env });
    for (const r of records(cacheDir)) if (alive(r.pid)) process.kill(r.pid, 'SIGKILL');
    tmp.cleanup();
  });
  return { tmp, cacheDir, env };
}

async function residentOf(cacheDir: string): Promise<Record> {
  assert.ok(await eventually(() => records(cacheDir).some((r) => alive(r.pid)), 30_000), 'the first build started a resident server');
  return records(cacheDir).find((r) => alive(r.pid))!;
}

test('the first build starts a resident server; the next ones are built by it, with the firmware, output and exit codes of a build in its own process', async (t) => {
  const { tmp, cacheDir, env } = setup(t);
  const a = copyBlink(join(tmp.dir, 'a'));
  const first = fbuild(['build', a, '-e', 'uno', '--json'], { env });
  assert.equal(first.code, 0, first.stderr);
  const server = await residentOf(cacheDir);
  assert.equal(await compilesSeenBy(server), 0, 'the first build ran in its own process');

  // Another checkout: the server builds it (its count moves by the build's own).
  const b = copyBlink(join(tmp.dir, 'b'));
  const warm = fbuild(['build', b, '-e', 'uno', '--json'], { env });
  assert.equal(warm.code, 0, warm.stderr);
  const stats = (warm.json as { stats: { compiles: number; hits: number } }).stats;
  assert.equal(await compilesSeenBy(server), stats.compiles, 'the second build ran in the resident server');
  assert.equal(hexOf(b), hexOf(a), 'the same sources give the same firmware');
  // The same result document as an in-process build of the same checkout state gives (but its time).
  const inProcess = fbuild(['build', b, '-e', 'uno', '--json', '--no-daemon', '--force'], { env });
  const shape = (j: unknown) => Object.keys(j as object).sort();
  assert.deepEqual(shape(warm.json), shape(inProcess.json));
  assert.deepEqual((warm.json as { artifacts: unknown }).artifacts, (inProcess.json as { artifacts: unknown }).artifacts);

  // An edit of the same size, at once: the server sees it, and builds what an in-process build without the cache builds.
  const ino = join(b, 'src', 'blink.ino');
  writeFileSync(ino, readFileSync(ino, 'utf8').replace('delay(250);\n  show(LOW)', 'delay(750);\n  show(LOW)'));
  const edited = fbuild(['build', b, '-e', 'uno', '--json'], { env });
  assert.equal(edited.code, 0, edited.stderr);
  assert.ok((await compilesSeenBy(server)) > stats.compiles, 'the edited build ran in the resident server');
  const reference = copyBlink(join(tmp.dir, 'reference'));
  writeFileSync(join(reference, 'src', 'blink.ino'), readFileSync(ino));
  const ref = fbuild(['build', reference, '-e', 'uno', '--no-daemon', '--no-cache'], { env });
  assert.equal(ref.code, 0, ref.stderr);
  assert.notEqual(hexOf(b), hexOf(a), 'the edit changed the firmware');
  assert.equal(hexOf(b), hexOf(reference), 'the firmware equals a build without the cache');

  // Unchanged: up to date, from the server.
  const again = fbuild(['build', b, '-e', 'uno'], { env });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /up to date/);

  // A compile error: the server's build fails as an in-process one does, with its exit code and diagnostics.
  writeFileSync(ino, readFileSync(ino, 'utf8') + '\nint broken( {\n');
  const broken = fbuild(['build', b, '-e', 'uno'], { env });
  const brokenHere = fbuild(['build', b, '-e', 'uno', '--no-daemon'], { env });
  assert.notEqual(broken.code, 0);
  assert.equal(broken.code, brokenHere.code);
  assert.match(broken.stderr, /error/);
  assert.equal(records(cacheDir).length, 1, 'one server for one invocation');
  assert.equal(records(cacheDir)[0]!.pid, server.pid, 'a failed build is the build’s result, not the server’s: it stays');
});

test('a resident server that was killed: the next build runs in its own process, right, and starts another', async (t) => {
  const { tmp, cacheDir, env } = setup(t);
  const a = copyBlink(join(tmp.dir, 'a'));
  assert.equal(fbuild(['build', a, '-e', 'uno'], { env }).code, 0);
  const first = await residentOf(cacheDir);
  process.kill(first.pid, 'SIGKILL');
  assert.ok(await eventually(() => !alive(first.pid), 10_000));

  const b = copyBlink(join(tmp.dir, 'b'));
  const r = fbuild(['build', b, '-e', 'uno', '--json'], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(hexOf(b), hexOf(a));
  assert.ok(
    await eventually(() => records(cacheDir).some((x) => x.pid !== first.pid && alive(x.pid)), 30_000),
    'another server was started in place of the dead one',
  );
});

test('SIGTERM to a build the resident server runs: it exits 143 as an in-process build does, the server stops its compilers, and the next build is right', async (t) => {
  const { tmp, cacheDir, env } = setup(t);
  const a = copyBlink(join(tmp.dir, 'a'));
  assert.equal(fbuild(['build', a, '-e', 'uno'], { env }).code, 0);
  const original = hexOf(a);
  const server = await residentOf(cacheDir);
  // A unit that compiles for seconds, named so that its compilers can be found.
  const marker = `slow_${randomBytes(4).toString('hex')}`;
  writeFileSync(join(a, 'src', `${marker}.c`), slowFirmwareUnit(1500));
  const child = spawnFbuild(['build', a, '-e', 'uno'], { env });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number | null>((r) => child.once('close', (code) => r(code)));
  assert.ok(await eventually(() => compilersMentioning(marker).length > 0, 60_000), `its compilers started: ${stderr}`);
  assert.ok((await compilesSeenBy(server)) > 0, 'the resident server runs it');
  child.kill('SIGTERM');
  assert.equal(await exited, 143);
  assert.ok(await eventually(() => compilersMentioning(marker).length === 0, 10_000), 'the server killed the cancelled build’s compilers');

  rmSync(join(a, 'src', `${marker}.c`));
  const after = fbuild(['build', a, '-e', 'uno'], { env });
  assert.equal(after.code, 0, after.stderr);
  assert.equal(hexOf(a), original, 'the firmware of the sources as they are');
});

test('another environment or working directory gets a server of its own; FBUILD_DAEMON=0 and --no-daemon start none', async (t) => {
  const { tmp, cacheDir, env } = setup(t);
  const a = copyBlink(join(tmp.dir, 'a'));
  assert.equal(fbuild(['build', a, '-e', 'uno', '--no-daemon'], { env }).code, 0);
  assert.equal(fbuild(['build', a, '-e', 'uno', '--force'], { env: { ...env, FBUILD_DAEMON: '0' } }).code, 0);
  assert.ok(!existsSync(join(cacheDir, 'daemons')), 'no server was started');

  // What servers of other invocations left two days ago (a dead one's record, marks, logs) is swept
  // by the next start; what is younger stays.
  const daemons = join(cacheDir, 'daemons');
  mkdirSync(daemons, { recursive: true });
  const old = ['a'.repeat(32) + '.json', 'a'.repeat(32) + '.log', 'b'.repeat(32) + '.starting'].map((n) => join(daemons, n));
  const young = join(daemons, 'c'.repeat(32) + '.log');
  for (const f of [...old, young])
    writeFileSync(f, f.endsWith('.json') ? JSON.stringify({ url: 'http://127.0.0.1:9', pid: 2 ** 22 + 1, tokenFile: '/nowhere' }) : '');
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600_000);
  for (const f of old) utimesSync(f, twoDaysAgo, twoDaysAgo);

  assert.equal(fbuild(['build', a, '-e', 'uno', '--force'], { env }).code, 0);
  const server = await residentOf(cacheDir);
  assert.deepEqual(
    old.filter((f) => existsSync(f)),
    [],
    'old leftovers swept',
  );
  assert.ok(existsSync(young), 'a young one kept');
  const before = await compilesSeenBy(server);
  // A variable the build could read (an include path, a tool's setting): not this server's build.
  const other = { ...env, SOME_SETTING: 'x' };
  assert.equal(fbuild(['build', a, '-e', 'uno', '--force'], { env: other }).code, 0);
  assert.equal(await compilesSeenBy(server), before, 'another environment did not use the server');
  assert.equal(fbuild(['build', a, '-e', 'uno', '--force'], { env, cwd: a }).code, 0);
  assert.equal(await compilesSeenBy(server), before, 'another working directory did not use the server');
  assert.ok(await eventually(() => records(cacheDir).filter((r) => alive(r.pid)).length === 3, 30_000), 'each started its own');
});

test('fbuild stop and fbuild cache prune stop the resident servers; one stops by itself when idle, and when its cache dir is replaced writes nothing there', async (t) => {
  const { tmp, cacheDir, env } = setup(t);
  const a = copyBlink(join(tmp.dir, 'a'));
  assert.equal(fbuild(['build', a, '-e', 'uno'], { env }).code, 0);
  let server = await residentOf(cacheDir);
  const stop = fbuild(['stop', '--cache-dir', cacheDir], { env });
  assert.equal(stop.code, 0, stop.stderr);
  assert.ok(!alive(server.pid), 'fbuild stop waited for it to exit');
  assert.deepEqual(records(cacheDir), [], 'its record is removed');

  assert.equal(fbuild(['build', a, '-e', 'uno', '--force'], { env }).code, 0);
  server = await residentOf(cacheDir);
  const prune = fbuild(['cache', 'prune', '--cache-dir', cacheDir, '--max-size', '1G'], { env });
  assert.equal(prune.code, 0, prune.stderr);
  assert.ok(!alive(server.pid), 'the prune stopped it first');

  // Idle: FBUILD_DAEMON_IDLE seconds without a build.
  const idle = { ...env, FBUILD_DAEMON_IDLE: '1' };
  assert.equal(fbuild(['build', a, '-e', 'uno', '--force'], { env: idle }).code, 0);
  server = await residentOf(cacheDir);
  assert.ok(await eventually(() => !alive(server.pid), 30_000), 'it stopped when idle');
  assert.deepEqual(records(cacheDir), []);

  // Its cache dir deleted and another made in its place (\`rm -rf\`, then a build): the server stops and
  // writes nothing into the new one (what it would write, its store's index, is of the old store).
  const other = copyUnoCoreStore(join(tmp.dir, 'other-cache'));
  const otherEnv = { ...env, FBUILD_CACHE_DIR: other };
  assert.equal(fbuild(['build', a, '-e', 'uno', '--force'], { env: otherEnv }).code, 0);
  server = await residentOf(other);
  const b = copyBlink(join(tmp.dir, 'b'));
  const built = await fbuildAsync(['build', b, '-e', 'uno'], { env: otherEnv });
  assert.equal(built.code, 0, built.stderr);
  rmSync(other, { recursive: true, force: true });
  copyUnoCoreStore(other);
  const index = join(other, 'v2', 'index.msgpack');
  const before = readFileSync(index);
  assert.ok(await eventually(() => !alive(server.pid), 30_000), 'it stopped when its cache dir was replaced');
  assert.deepEqual(readFileSync(index), before, 'the new store is as it was made');
});

test('a record another user could have written is not trusted: no request goes to the server it names, and no server is started in a folder others may write', async (t) => {
  const { tmp, cacheDir, env } = setup(t);
  const a = copyBlink(join(tmp.dir, 'a'));
  assert.equal(fbuild(['build', a, '-e', 'uno'], { env }).code, 0);
  const real = await residentOf(cacheDir);
  assert.equal(fbuild(['stop', '--cache-dir', cacheDir], { env }).code, 0);
  // A server that records what it is sent, named by a record in the real record's place.
  const seen: string[] = [];
  const { createServer } = await import('node:http');
  const planted = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    res.writeHead(500).end();
  });
  await new Promise<void>((r) => planted.listen(0, '127.0.0.1', () => r()));
  t.after(() => planted.close());
  const secret = join(tmp.dir, 'secret');
  writeFileSync(secret, 'not-a-token', { mode: 0o600 });
  const recordPath = join(
    cacheDir,
    'daemons',
    readdirSync(join(cacheDir, 'daemons'))
      .find((n) => n.endsWith('.log'))!
      .replace(/\.log$/, '.json'),
  );
  const plant = (mode: number) => {
    writeFileSync(
      recordPath,
      JSON.stringify({ url: `http://127.0.0.1:${(planted.address() as { port: number }).port}`, pid: process.pid, tokenFile: secret }),
    );
    chmodSync(recordPath, mode);
  };
  plant(0o666);
  // Not spawnSync: the planted server answers from this process.
  const r = await fbuildAsync(['build', a, '-e', 'uno', '--force'], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(seen, [], 'nothing was sent to the server of a record others may write');
  // That build took the record for a dead one's and started a server of its own: stopped before the next case.
  await residentOf(cacheDir);
  assert.equal(fbuild(['stop', '--cache-dir', cacheDir], { env }).code, 0);
  // The folder itself writable by others: neither used nor used to start a server.
  rmSync(recordPath, { force: true });
  chmodSync(join(cacheDir, 'daemons'), 0o777);
  for (const n of readdirSync(join(cacheDir, 'daemons'))) rmSync(join(cacheDir, 'daemons', n), { force: true });
  assert.equal(fbuild(['build', a, '-e', 'uno', '--force'], { env }).code, 0);
  await new Promise((r) => setTimeout(r, 1000));
  assert.deepEqual(records(cacheDir), [], 'no server started there');
  assert.ok(!alive(real.pid));
  // The control: the same record, private, is used (the planted server is asked).
  chmodSync(join(cacheDir, 'daemons'), 0o700);
  plant(0o600);
  const control = await fbuildAsync(['build', a, '-e', 'uno', '--force'], { env });
  assert.equal(control.code, 0, 'a server that answers 500 is forgotten, and the build runs in its own process');
  assert.ok(seen.length > 0, 'a private record is used');
});
