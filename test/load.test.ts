// Load: 8 concurrent clients hitting /v1/compile on one cache server (in a child process), with the
// units of a real project (the Arduino core) warmed first. Every answer must be a hit with exit 0 and
// every object byte-identical to a direct avr-gcc compile; the server's RSS stays bounded; and 50
// stalled connections (half-sent requests, and sockets that never read their answers) stop neither
// /health nor the compiles. Throughput and p99 latency are printed, never asserted (speed is the
// benchmark's job). `npm test` runs 2,000 hits; `npm run soak` sets FBUILD_LOAD_HITS=10000.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { CacheClient } from '../src/client/cacheClient.ts';
import { copyArduinoCore, runDirect, tempDir, unoCompileArgs } from './helpers/fixtures.ts';
import { sleep, startChildServer, within, type ChildServer } from './helpers/serverHarness.ts';

const TOKEN = 'load-0123456789abcdef';
const CLIENTS = 8;
const HITS = Number(process.env.FBUILD_LOAD_HITS ?? 2000);
const STALLED = Number(process.env.LOAD_STALLED ?? 50);
/** Only so that a blocked server fails the test instead of hanging it; no speed is asserted. */
const HANG_GUARD_MS = 120_000;
/** A generous bound: it catches a leak, not a slow machine. */
const RSS_GROWTH_LIMIT = 200 * 1024 * 1024;

/** Real units: C and C++ sources of the Arduino core (C++ with LTO is the slow, common case). */
const UNITS = ['core/wiring.c', 'core/wiring_digital.c', 'core/WInterrupts.c', 'core/hooks.c', 'core/Print.cpp', 'core/WMath.cpp'];

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

/** The compile of `unit`, writing its object to `object` (the key leaves -o out, so every copy hits). */
function compileArgs(unit: string, object: string): string[] {
  const canonical = `obj/${unit}.o`; // one -frandom-seed for every copy: the objects are byte-identical
  const args = unoCompileArgs(unit, canonical);
  args[args.lastIndexOf('-o') + 1] = object;
  return args;
}

/**
 * Sockets that stall the server's connections: half of them send half a request (headers cut off, or
 * a body shorter than its Content-Length) and then nothing; the others pipeline requests and never
 * read the answers.
 */
function stallConnections(port: number, n: number): Socket[] {
  const sockets: Socket[] = [];
  for (let i = 0; i < n; i++) {
    const s = connect(port, '127.0.0.1');
    s.on('error', () => undefined); // the server may close them: that is its right
    if (i % 3 === 0) s.write('POST /v1/compile HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ');
    else if (i % 3 === 1)
      s.write(`POST /v1/compile HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Length: 100000\r\n\r\n\x85`);
    else {
      s.pause(); // never read
      s.write(`GET /v1/stats HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\n\r\n`.repeat(50));
    }
    sockets.push(s);
  }
  return sockets;
}

test(`load: ${CLIENTS} clients, ${HITS} compile hits on one server, with ${STALLED} stalled connections`, async (t) => {
  const tmp = tempDir('fbuild-load-');
  let server: ChildServer | undefined;
  let stalled: Socket[] = [];
  const clients: CacheClient[] = [];
  try {
    const ws = join(tmp.dir, 'ws');
    copyArduinoCore(ws);
    server = await startChildServer({ cacheDir: join(tmp.dir, 'cache'), port: 0, token: TOKEN, allowRoots: [tmp.dir], jobs: 2 });
    const { url } = server;
    const pid = server.child.pid!;
    const env = { PATH: process.env.PATH ?? '/usr/bin' };
    for (let k = 0; k < CLIENTS; k++) clients.push(new CacheClient(url, TOKEN));

    // The expected objects: a direct compile of each unit, with the same -frandom-seed.
    const expected = new Map<string, Buffer>();
    for (const unit of UNITS) {
      const object = `expected/${unit}.o`;
      mkdirSync(dirname(join(ws, object)), { recursive: true });
      const r = runDirect('avr-gcc', compileArgs(unit, object), ws);
      assert.equal(r.exitCode, 0, r.stderr.toString());
      expected.set(unit, readFileSync(join(ws, object)));
    }
    // Warm: one miss per unit.
    await Promise.all(
      UNITS.map(async (unit) => {
        const object = `warm/${unit}.o`;
        mkdirSync(dirname(join(ws, object)), { recursive: true });
        const a = await clients[0]!.compile({ compiler: 'avr-gcc', args: compileArgs(unit, object), cwd: ws, env, workspaceRoot: ws });
        assert.equal(a.exitCode, 0, Buffer.from(a.stderr).toString());
        assert.ok(readFileSync(join(ws, object)).equals(expected.get(unit)!), `the warm object of ${unit} differs from a direct compile`);
      }),
    );
    for (let k = 0; k < CLIENTS; k++) for (const unit of UNITS) mkdirSync(dirname(join(ws, `c${k}`, unit)), { recursive: true });

    stalled = stallConnections(Number(new URL(url).port), STALLED);
    await sleep(200);

    // /health, every 100 ms on a fresh connection, while the load runs. For each probe sent after the
    // load started: how many of the hits were done when its answer came.
    const healthTimes: number[] = [];
    const answeredDuringLoad: number[] = [];
    let loading = true;
    let loadStarted = false;
    let done = 0;
    const prober = (async () => {
      while (loading) {
        const t0 = performance.now();
        const sentDuringLoad = loadStarted;
        const probe = new CacheClient(url, TOKEN);
        try {
          assert.ok(await within(probe.health(), HANG_GUARD_MS, '/health during the load'), '/health did not answer 200');
        } finally {
          await probe.close();
        }
        healthTimes.push(performance.now() - t0);
        if (sentDuringLoad) answeredDuringLoad.push(done);
        await sleep(100);
      }
    })();

    const latencies: number[] = [];
    const errors: string[] = [];
    let next = 0;
    const rss: { at: number; bytes: number }[] = [];
    const rssBefore = rssOf(pid);
    const sampler = setInterval(() => rss.push({ at: done, bytes: rssOf(pid) }), 50);

    const t0 = performance.now();
    loadStarted = true;
    await Promise.all(
      clients.map(async (client, k) => {
        while (next < HITS) {
          const i = next++;
          const unit = UNITS[i % UNITS.length]!;
          const object = `c${k}/${unit}.o`;
          const start = performance.now();
          try {
            const a = await client.compile({ compiler: 'avr-gcc', args: compileArgs(unit, object), cwd: ws, env, workspaceRoot: ws });
            latencies.push(performance.now() - start);
            if (a.exitCode !== 0 || a.outcome !== 'hit') errors.push(`#${i} ${unit}: exit ${a.exitCode}, ${a.outcome} ${a.reason ?? ''}`);
            else if (!readFileSync(join(ws, object)).equals(expected.get(unit)!)) errors.push(`#${i} ${unit}: the object differs`);
          } catch (e) {
            errors.push(`#${i} ${unit}: ${(e as Error).message}`);
          }
          done++;
        }
      }),
    );
    const elapsed = performance.now() - t0;
    clearInterval(sampler);
    loading = false;
    await prober;

    const sorted = [...latencies].sort((a, b) => a - b);
    const rssAfter = rssOf(pid);
    const firstHalf = rss.filter((s) => s.at < HITS / 2).map((s) => s.bytes);
    const secondHalf = rss.filter((s) => s.at >= HITS / 2).map((s) => s.bytes);
    const peak = Math.max(...rss.map((s) => s.bytes));
    const figures =
      `load: ${HITS} hits by ${CLIENTS} clients in ${Math.round(elapsed)} ms = ${Math.round((HITS / elapsed) * 1000)} hits/s; ` +
      `latency p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms; ` +
      `server RSS ${mb(rssBefore)} before, median ${mb(median(firstHalf))} / ${mb(median(secondHalf))} in the halves, ` +
      `peak ${mb(peak)}, ${mb(rssAfter)} after; /health ${healthTimes.length} probes, slowest ${Math.round(Math.max(...healthTimes))} ms`;
    t.diagnostic(figures);
    console.log(figures);

    assert.deepEqual(errors.slice(0, 5), [], `${errors.length} of ${HITS} compiles went wrong`);
    assert.equal(latencies.length, HITS);
    // /health is not queued behind the compiles: it answered while some of them were still to come.
    assert.ok(
      answeredDuringLoad.some((d) => d < HITS),
      `/health answered during the load (hits done at each answer: ${answeredDuringLoad.join(', ')})`,
    );
    assert.ok(rssAfter - rssBefore < RSS_GROWTH_LIMIT, `the server's RSS grew by ${mb(rssAfter - rssBefore)}`);
    // No trend: the second half sits where the first did (a leak of even 1 KB per hit would show at 10,000).
    assert.ok(
      median(secondHalf) < median(firstHalf) * 1.25 + 16 * 1024 * 1024,
      `RSS kept growing: median ${mb(median(firstHalf))} then ${mb(median(secondHalf))}`,
    );
    const stats = await clients[0]!.stats();
    assert.ok(stats.hits >= HITS, `the server counted ${stats.hits} hits`);

    // The stalled sockets still stall, and the server still answers.
    assert.ok(await within(clients[0]!.health(), HANG_GUARD_MS, '/health after the load'));
  } finally {
    for (const s of stalled) s.destroy();
    await Promise.all(clients.map((c) => c.close()));
    await server?.stop();
    tmp.cleanup();
  }
});
