// The bundle's seldom-run dependencies (scripts/lazyVendor.mjs): undici's ProxyAgent, which
// @actions/http-client makes behind a proxy, and Azure's blob client, which @actions/cache uploads
// with, live in dist/vendor/ and are loaded on first use. The action's jobs save through the blob
// client against the cache emulator (action*.test.ts); here, the proxy path end to end through a
// proxy on loopback, and that nothing vendored is loaded before it is used.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { freshDist } from './helpers/bundle.ts';
// @ts-expect-error: a plain ES module of the build scripts, without types
import { lazyVendor } from '../scripts/lazyVendor.mjs';

const REPO = join(import.meta.dirname, '..');

/** A forward proxy on loopback that answers every tunnelled request itself, recording what it was asked. */
async function fakeProxy(): Promise<{ server: Server; port: number; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((socket) => {
    let buffered = '';
    let tunnelled = false;
    socket.on('data', (d) => {
      buffered += d.toString('latin1');
      if (!tunnelled) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) return;
        seen.push(buffered.slice(0, buffered.indexOf('\r\n')));
        buffered = buffered.slice(end + 4);
        tunnelled = true;
        socket.write('HTTP/1.1 200 Connection established\r\n\r\n');
      }
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      seen.push(buffered.slice(0, buffered.indexOf('\r\n')));
      buffered = '';
      const body = 'answered through the proxy';
      socket.end(`HTTP/1.1 200 OK\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`);
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as { port: number }).port, seen };
}

test('behind a proxy, @actions/http-client gets its ProxyAgent from dist/vendor, loaded only then, and it reaches the proxy', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fbuild-test-lazy-'));
  const proxy = await fakeProxy();
  try {
    // A program that uses http-client as the action's bundle does, bundled with the same plugin.
    writeFileSync(
      join(dir, 'entry.mjs'),
      [
        "import { HttpClient } from '@actions/http-client';",
        "import { createRequire } from 'node:module';",
        'const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((f) => f.includes("/vendor/"));',
        'const before = loaded();',
        "const dispatcher = new HttpClient('fbuild-test').getAgentDispatcher('http://example.test/');",
        "const res = await dispatcher.request({ origin: 'http://example.test', path: '/through', method: 'GET' });",
        'console.log(JSON.stringify({ before, after: loaded(), status: res.statusCode, body: await res.body.text() }));',
        'await dispatcher.close();',
      ].join('\n'),
    );
    const vendor = lazyVendor(REPO);
    await build({
      entryPoints: { main: join(dir, 'entry.mjs') },
      absWorkingDir: REPO,
      nodePaths: [join(REPO, 'node_modules')],
      outdir: join(dir, 'dist'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      banner: { js: "import { createRequire as __c } from 'node:module';\nconst require = __c(import.meta.url);" },
      logLevel: 'error',
      plugins: [vendor.plugin],
    });
    const names: string[] = await vendor.writeVendored(join(dir, 'dist'));
    assert.deepEqual(readdirSync(join(dir, 'dist', 'vendor')), names);
    assert.ok(
      names.some((n) => n.endsWith('undici.cjs')),
      `an undici copy vendored: ${names.join(', ')}`,
    );
    // The program's own file holds the forwarding class, not undici.
    const main = readFileSync(join(dir, 'dist', 'main.js'), 'utf8');
    const undiciMarker = 'ProxyAgent = class extends DispatcherBase';
    assert.ok(!main.includes(undiciMarker), 'undici is not in the main bundle');
    const undiciFile = names.find((n) => n.endsWith('undici.cjs'))!;
    assert.ok(readFileSync(join(dir, 'dist', 'vendor', undiciFile), 'utf8').includes(undiciMarker), 'undici is in dist/vendor');

    // Not spawnSync: the proxy answers from this process's event loop.
    const r = await promisify(execFile)(process.execPath, [join(dir, 'dist', 'main.js')], {
      encoding: 'utf8',
      env: { ...process.env, http_proxy: `http://127.0.0.1:${proxy.port}`, no_proxy: '', NO_PROXY: '' },
      timeout: 60_000,
    });
    const out = JSON.parse(r.stdout) as { before: string[]; after: string[]; status: number; body: string };
    assert.deepEqual(out.before, [], 'nothing vendored is loaded before a proxy agent is made');
    assert.equal(out.after.length, 1, `one vendored file loaded: ${out.after.join(', ')}`);
    assert.match(out.after[0]!, /undici\.cjs$/);
    assert.equal(out.status, 200);
    assert.equal(out.body, 'answered through the proxy');
    assert.equal(proxy.seen[0], 'CONNECT example.test:80 HTTP/1.1');
    assert.equal(proxy.seen[1], 'GET /through HTTP/1.1');
  } finally {
    proxy.server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the product bundle's @actions/cache chunk leaves undici and the blob client to dist/vendor", () => {
  const dist = freshDist();
  const vendored = readdirSync(join(dist, 'vendor')).sort();
  assert.deepEqual(vendored, ['actions-github-undici.cjs', 'actions-http-client-undici.cjs', 'azure-storage-blob.cjs']);
  // The chunk with @actions/cache in it (esbuild names each module's source in a comment).
  const chunks = readdirSync(join(dist, 'chunks')).map((f) => readFileSync(join(dist, 'chunks', f), 'utf8'));
  const withCache = chunks.filter((t) => t.includes('// node_modules/@actions/cache/lib/cache.js'));
  assert.equal(withCache.length, 1, 'one chunk of @actions/cache');
  const text = withCache[0]!;
  // The code itself (found by a line of each class's definition) is in its vendored file, not in the chunk.
  const marks = {
    'azure-storage-blob.cjs': 'BlobClient = class _BlobClient extends',
    'actions-http-client-undici.cjs': 'ProxyAgent = class extends DispatcherBase',
  };
  for (const [file, mark] of Object.entries(marks)) {
    assert.ok(text.includes(`vendor/${file}`), `the chunk loads vendor/${file} on use`);
    assert.ok(readFileSync(join(dist, 'vendor', file), 'utf8').includes(mark), `${file} holds '${mark}'`);
    assert.ok(!text.includes(mark), `the chunk does not hold '${mark}'`);
  }
});
