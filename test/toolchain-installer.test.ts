import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { hostTriple, installPackage, InstallError, type PackageSpec } from '../server/toolchains/installer.ts';
import { ARDUINO_AVR, tempDir } from './helpers/fixtures.ts';

/**
 * A loopback mirror that serves archives made at test time, and misbehaves on request: each
 * scenario is a path prefix (`/good/...`, `/truncated/...`, `/drop/...`, `/stall/...`, `/500/...`).
 */
async function startMirror(files: Record<string, Buffer>): Promise<{ base: string; server: Server; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const [, scenario, name] = (req.url ?? '').split('/');
    const body = files[name ?? ''];
    if (!body) {
      res.writeHead(404).end('no such file');
      return;
    }
    const half = body.subarray(0, body.length >> 1);
    switch (scenario) {
      case 'good':
        res.writeHead(200, { 'content-length': body.length }).end(body);
        break;
      case 'truncated': // says nothing about the length and stops early
        res.writeHead(200).end(half);
        break;
      case 'drop': // promises the whole file, then the connection dies
        res.writeHead(200, { 'content-length': body.length });
        res.write(half, () => res.destroy());
        break;
      case 'stall': // sends half, then nothing
        res.writeHead(200, { 'content-length': body.length });
        res.write(half);
        break;
      default:
        res.writeHead(500).end('internal error');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, requests };
}

function stopMirror(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((r) => server.close(() => r()));
}

/** ArduinoCore-avr laid out as its release archive is: one top directory holding cores/, variants/, ... */
function makeCoreArchives(dir: string): Record<string, Buffer> {
  const stage = join(dir, 'stage');
  mkdirSync(join(stage, 'avr'), { recursive: true });
  execFileSync('cp', [
    '-r',
    join(ARDUINO_AVR, 'cores'),
    join(ARDUINO_AVR, 'variants'),
    join(ARDUINO_AVR, 'platform.txt'),
    join(stage, 'avr'),
  ]);
  execFileSync('tar', ['-cjf', join(dir, 'avr-1.8.6.tar.bz2'), '-C', stage, 'avr']);
  execFileSync('tar', ['-cJf', join(dir, 'avr-1.8.6.tar.xz'), '-C', stage, 'avr']);
  execFileSync('zip', ['-qr', join(dir, 'avr-1.8.6.zip'), 'avr'], { cwd: stage });
  return Object.fromEntries(['avr-1.8.6.tar.bz2', 'avr-1.8.6.tar.xz', 'avr-1.8.6.zip'].map((f) => [f, readFileSync(join(dir, f))]));
}

function specFor(name: string, file: string, body: Buffer, overrides: Partial<PackageSpec['systems'][number]> = {}): PackageSpec {
  return {
    name,
    version: '1.8.6',
    systems: [
      {
        host: hostTriple(),
        url: `https://downloads.invalid/${file}`, // never fetched: the mirror serves it
        archiveFileName: file,
        size: body.length,
        sha256: createHash('sha256').update(body).digest('hex'),
        ...overrides,
      },
    ],
  };
}

const FAST = { retries: 1, backoffMs: 10, stallTimeoutMs: 500 };

test('installs from a mirror, verified, for each archive type; a second install downloads nothing', async () => {
  const t = tempDir();
  const files = makeCoreArchives(t.dir);
  const mirror = await startMirror(files);
  try {
    for (const file of Object.keys(files)) {
      const toolchainsDir = join(t.dir, `tc-${file}`);
      const spec = specFor('framework-arduino-avr', file, files[file]!);
      const progress: number[] = [];
      const first = await installPackage(spec, {
        toolchainsDir,
        mirror: `${mirror.base}/good`,
        onProgress: (p) => progress.push(p.received),
      });
      assert.equal(first.downloaded, true);
      assert.equal(first.dir, join(toolchainsDir, 'framework-arduino-avr-1.8.6'));
      assert.ok(existsSync(join(first.dir, 'cores', 'arduino', 'Arduino.h')), 'the top directory of the archive was stripped');
      assert.equal(progress.at(-1), files[file]!.length);
      const before = mirror.requests.length;
      const again = await installPackage(spec, { toolchainsDir, mirror: `${mirror.base}/good` });
      assert.deepEqual(again, { dir: first.dir, downloaded: false });
      assert.equal(mirror.requests.length, before, 'no request the second time');
      assert.deepEqual(readdirSync(toolchainsDir), ['framework-arduino-avr-1.8.6'], 'no temporary directory left');
    }
  } finally {
    await stopMirror(mirror.server);
    t.cleanup();
  }
});

test('a wrong checksum, a truncated body, a dropped connection, a stall and a server error: a clear error and nothing left', async () => {
  const t = tempDir();
  const files = makeCoreArchives(t.dir);
  const mirror = await startMirror(files);
  const file = 'avr-1.8.6.tar.bz2';
  const body = files[file]!;
  try {
    const cases: [string, PackageSpec, RegExp][] = [
      [
        'good',
        specFor('pkg', file, body, { sha256: '0'.repeat(64) }),
        /checksum mismatch: expected SHA-256 0{64}, got [0-9a-f]{64}; the file is not the pinned one$/,
      ],
      ['truncated', specFor('pkg', file, body), /truncated download: \d+ of \d+ bytes \(after 2 attempts\)$/],
      ['drop', specFor('pkg', file, body), /the download broke off after \d+ of \d+ bytes .*\(after 2 attempts\)$/],
      ['stall', specFor('pkg', file, body), /no data for 1 s \(stalled after \d+ of \d+ bytes\) \(after 2 attempts\)$/],
      ['500', specFor('pkg', file, body), /the server answered HTTP 500 \(after 2 attempts\)$/],
      ['good', specFor('pkg', 'missing.tar.bz2', body), /the server answered HTTP 404$/],
    ];
    for (const [scenario, spec, message] of cases) {
      const toolchainsDir = join(t.dir, `tc-${scenario}-${spec.systems[0]!.archiveFileName}`);
      const url = `${mirror.base}/${scenario}/${spec.systems[0]!.archiveFileName}`;
      await assert.rejects(installPackage(spec, { toolchainsDir, mirror: `${mirror.base}/${scenario}`, ...FAST }), (e: unknown) => {
        assert.ok(e instanceof InstallError, String(e));
        assert.ok(e.message.startsWith(`cannot install pkg 1.8.6 from ${url}: `), e.message);
        assert.match(e.message, message);
        assert.doesNotMatch(e.message, /\n/);
        return true;
      });
      assert.deepEqual(readdirSync(toolchainsDir), [], `${scenario}: nothing left behind`);
    }
  } finally {
    await stopMirror(mirror.server);
    t.cleanup();
  }
});

test('a package with no archive for this machine says which hosts it has', async () => {
  const t = tempDir();
  try {
    const spec: PackageSpec = {
      name: 'tool',
      version: '1',
      systems: [
        { host: 'x86_64-apple-darwin14', url: 'https://x.invalid/a.zip', archiveFileName: 'a.zip', size: 1, sha256: '0'.repeat(64) },
      ],
    };
    await assert.rejects(
      installPackage(spec, { toolchainsDir: t.dir, host: 'aarch64-linux-gnu' }),
      /tool 1 has no archive for this machine \(aarch64-linux-gnu\); known hosts: x86_64-apple-darwin14/,
    );
    assert.equal(statSync(t.dir).isDirectory(), true);
  } finally {
    t.cleanup();
  }
});

test('the pinned-package manifest: every archive has a URL; a missing checksum is said so in `missing`', () => {
  const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'server', 'toolchains', 'manifest.json'), 'utf8')) as {
    packages: {
      name: string;
      version: string;
      board: string;
      source: string;
      systems: { host: string; url: string; size: number | null; sha256: string | null }[];
    }[];
    missing: string[];
  };
  const byName = new Map(manifest.packages.map((p) => [p.name, p]));
  const avrGcc = byName.get('avr-gcc');
  assert.equal(avrGcc?.version, '7.3.0-atmel3.6.1-arduino7');
  assert.ok(avrGcc!.systems.some((s) => s.host === 'x86_64-linux-gnu'));
  assert.equal(byName.get('Arduino AVR Boards')?.version, '1.8.6');
  for (const p of manifest.packages) {
    assert.ok(p.source, `${p.name}: where the values were read`);
    for (const s of p.systems) {
      assert.match(s.url, /^https?:\/\//);
      if (s.sha256 === null || s.size === null) {
        assert.ok(
          manifest.missing.some((m) => m.includes(p.name)),
          `${p.name}: a missing checksum must be explained`,
        );
      } else {
        assert.match(s.sha256, /^[0-9a-f]{64}$/);
        assert.ok(Number.isInteger(s.size) && s.size > 0);
      }
    }
  }
  // Every uno package is fully pinned.
  for (const p of manifest.packages.filter((x) => x.board === 'uno'))
    for (const s of p.systems) assert.ok(s.sha256 && s.size, `${p.name} ${s.host}`);
});
