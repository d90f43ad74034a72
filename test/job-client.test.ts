// The action's client of its job's server (src/client/jobClient.ts, node:http instead of undici):
// against a real server it streams a build's events and makes the save's calls; it answers the
// server's failures as CacheClient does, since the build step's fallback (build again without the
// cache) and the save's "the server did not answer" rest on those errors.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { cpSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { BuildEvent } from '../server/protocol/wire.ts';
import { startServer, type RunningServer } from '../server/http/startServer.ts';
import { JobClient, ServerError, ServerTimeoutError, ServerUnreachableError } from '../src/client/jobClient.ts';
import { FIXTURES } from './helpers/actionJobs.ts';
import { tempDir } from './helpers/fixtures.ts';

describe('JobClient', () => {
  let root: string;
  let cleanup: () => void;
  let server: RunningServer;
  let project: string;
  const token = randomBytes(16).toString('hex');

  before(async () => {
    ({ dir: root, cleanup } = tempDir('fbuild-job-client-'));
    project = join(root, 'project');
    cpSync(join(FIXTURES, 'native'), project, { recursive: true });
    server = await startServer({ cacheDir: join(root, 'cache'), token, allowRoots: [root], heartbeatMs: 50 });
  });
  after(async () => {
    await server.shutdown('force'); // at once when the first test's shutdown did it
    cleanup();
  });

  test("streams a build's events without the heartbeats, then flush, stats and shutdown", async () => {
    const client = new JobClient(server.url, token);
    const events: BuildEvent[] = [];
    for await (const e of client.build({ projectDir: project, environment: 'native', toolchain: 'system' })) events.push(e);
    assert.ok(events.length > 1);
    assert.ok(!events.some((e) => e.type === 'heartbeat'));
    const done = events.at(-1)!;
    assert.equal(done.type, 'done');
    assert.ok(done.type === 'done' && 'ok' in done.result && done.result.ok, JSON.stringify(done));

    // The same connection again (keep-alive).
    const again: BuildEvent[] = [];
    for await (const e of client.build({ projectDir: project, environment: 'native', toolchain: 'system' })) again.push(e);
    assert.equal(again.at(-1)?.type, 'done');
    await client.flush();
    const stats = await client.stats();
    assert.ok(stats.misses > 0 && stats.entries > 0, JSON.stringify(stats));
    await client.close();
  });

  test("an error status is a ServerError with the server's message", async () => {
    const client = new JobClient(server.url, 'not-the-token');
    await assert.rejects(client.stats(), (e: unknown) => {
      assert.ok(e instanceof ServerError, String(e));
      assert.equal(e.status, 401);
      assert.match(e.message, /^fbuild server: .+ \(HTTP 401\)$/);
      assert.doesNotMatch(e.message, /\{/, 'the message from the JSON body, not the body');
      return true;
    });
    await client.close();
  });

  test('shutdown: the server stops', async () => {
    const client = new JobClient(server.url, token);
    await client.shutdown('graceful');
    await server.closed;
    await client.close();
  });

  test('no server on the port: ServerUnreachableError naming it', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const client = new JobClient(`http://127.0.0.1:${port}`, token);
    await assert.rejects(client.flush(), (e: unknown) => {
      assert.ok(e instanceof ServerUnreachableError && !(e instanceof ServerTimeoutError), String(e));
      assert.match(e.message, new RegExp(`cannot reach the fbuild server at http://127.0.0.1:${port}`));
      return true;
    });
    await client.close();
  });

  describe('a server that stops answering', () => {
    let silent: Server;
    let url: string;
    const sockets: Socket[] = [];
    before(async () => {
      // Accepts, reads, and answers a build with its headers and one event, then nothing (a stuck server).
      silent = createServer((socket) => {
        sockets.push(socket);
        socket.once('data', (d) => {
          if (!d.toString().startsWith('POST /v1/build')) return;
          socket.write(
            'HTTP/1.1 200 OK\r\ncontent-type: application/x-ndjson\r\ntransfer-encoding: chunked\r\n\r\n' +
              chunk(JSON.stringify({ type: 'heartbeat' }) + '\n'),
          );
        });
      });
      await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    });
    after(async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    });

    test('no answer at all: ServerTimeoutError naming the idle timeout', async () => {
      const client = new JobClient(url, token, { connectMs: 5000, idleMs: 300 });
      await assert.rejects(client.stats(), (e: unknown) => {
        assert.ok(e instanceof ServerTimeoutError, String(e));
        assert.match(e.message, /sent nothing for 300 ms \(FBUILD_IDLE_TIMEOUT_MS\)/);
        return true;
      });
      await client.close();
    });

    test("silent in the middle of a build's stream: the iteration ends in ServerTimeoutError naming the idle timeout", async () => {
      const client = new JobClient(url, token, { connectMs: 5000, idleMs: 300 });
      const seen: BuildEvent[] = [];
      await assert.rejects(
        (async () => {
          for await (const e of client.build({ projectDir: project })) seen.push(e);
        })(),
        (e: unknown) => {
          assert.ok(e instanceof ServerTimeoutError, String(e));
          assert.match(e.message, /sent nothing for 300 ms/);
          return true;
        },
      );
      assert.deepEqual(seen, [], 'the heartbeat was not passed on');
      await client.close();
    });
  });
});

function chunk(text: string): string {
  return `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;
}
