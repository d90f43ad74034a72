// `fbuild serve --socket PATH` removes only a socket left by a server that died. A regular file, or
// the socket of a server still running (which would keep running, unreachable), is refused in one
// line and left as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { tempDir } from './helpers/fixtures.ts';
import { serve } from './helpers/serveProcess.ts';

/** The pid a server on the Unix socket reports on /health, or the error code of the attempt. */
function healthOver(socketPath: string): Promise<number | string> {
  return new Promise((resolveHealth) => {
    const req = http.get({ socketPath, path: '/health', timeout: 5000 }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolveHealth((JSON.parse(body) as { pid: number }).pid));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolveHealth(e.code ?? e.message));
  });
}

test('serve --socket on a regular file refuses in one line and leaves the file', async (t) => {
  const tmp = tempDir('fbuild-sock-');
  t.after(tmp.cleanup);
  const path = join(tmp.dir, 'notes.txt');
  writeFileSync(path, 'not a socket\n');
  const run = await serve(['--socket', path, '--cache-dir', join(tmp.dir, 'cache')]);
  t.after(run.stop);
  assert.equal(run.url, undefined, 'the server did not start on the file');
  assert.notEqual(run.code, 0);
  assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  assert.ok(run.stderr.includes(path), `the line names the path: ${run.stderr}`);
  assert.match(run.stderr, /not a socket/);
  assert.equal(readFileSync(path, 'utf8'), 'not a socket\n', 'the file is untouched');
});

test("serve --socket on a live server's socket refuses; that server still answers on it", async (t) => {
  const tmp = tempDir('fbuild-sock-');
  t.after(tmp.cleanup);
  const path = join(tmp.dir, 'fbuild.sock');
  const first = await serve(['--socket', path, '--cache-dir', join(tmp.dir, 'cache-1')]);
  t.after(first.stop);
  assert.ok(first.url, first.stderr);
  const firstPid = await healthOver(path);
  assert.equal(typeof firstPid, 'number');

  // Another cache dir, so the cache dir's lock does not refuse it first: only the socket is shared.
  const second = await serve(['--socket', path, '--cache-dir', join(tmp.dir, 'cache-2')]);
  t.after(second.stop);
  assert.equal(second.url, undefined, 'the second server did not start');
  assert.notEqual(second.code, 0);
  assert.equal(second.stderr.trim().split('\n').length, 1, second.stderr);
  assert.ok(second.stderr.includes(path) && /in use/.test(second.stderr), second.stderr);
  assert.equal(await healthOver(path), firstPid, 'the first server is still reachable on its socket');
});

test('serve --socket on a stale socket (nothing listens) removes it and serves there', async (t) => {
  const tmp = tempDir('fbuild-sock-');
  t.after(tmp.cleanup);
  const path = join(tmp.dir, 'stale.sock');
  // A socket bound by a process that is gone: the file stays, and a connection is refused.
  const py = spawnSync('python3', ['-c', 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])', path]);
  assert.equal(py.status, 0, py.stderr?.toString());
  assert.ok(statSync(path).isSocket());
  assert.equal(await healthOver(path), 'ECONNREFUSED');

  const run = await serve(['--socket', path, '--cache-dir', join(tmp.dir, 'cache')]);
  t.after(run.stop);
  assert.equal(run.url, `unix://${path}`, run.stderr);
  assert.equal(typeof (await healthOver(path)), 'number', 'the new server answers on the path');
  await run.stop();
  assert.ok(!existsSync(path), 'and removes its socket when it stops');
});
