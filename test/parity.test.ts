import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../server/http/startServer.ts';
import { CacheClient } from '../src/client/cacheClient.ts';
import type { BuildEvent } from '../server/protocol/wire.ts';
import { listFiles } from '../server/project/sourceFilter.ts';
import { tempDir } from './helpers/fixtures.ts';
import { wrappedFbuildCommand } from './helpers/bundle.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

interface BuildRecord {
  units: Record<string, { outcome: string; reason?: string; exitCode: number; stdout: string; stderr: string }>;
  link?: { outcome: string; reason?: string; exitCode: number; stderr: string };
  error?: { message: string; exitCode: number };
  stats?: Record<string, unknown>;
  /** Every file under .fbuild/build/uno but the fingerprint, by relative path. */
  files: Record<string, string>;
}

async function buildThrough(
  server: RunningServer,
  projectDir: string,
  backend: 'embedded' | 'wrapped',
  force: boolean,
): Promise<BuildRecord> {
  // Every object, depfile and archive written, so that the backends' files can be compared.
  const keepObjects = true;
  const client = new CacheClient(server.url, server.token);
  const record: BuildRecord = { units: {}, files: {} };
  try {
    for await (const e of client.build({ projectDir, backend, force, keepObjects, toolchain: 'system' }) as AsyncGenerator<BuildEvent>) {
      if (e.type === 'unit') {
        const { outcome, reason, exitCode } = e.unit;
        record.units[e.unit.source] = { outcome, exitCode, stdout: e.stdout, stderr: e.stderr, ...(reason ? { reason } : {}) };
      } else if (e.type === 'link') {
        const { outcome, reason, exitCode, stderr } = e;
        record.link = { outcome, exitCode, stderr, ...(reason ? { reason } : {}) };
      } else if (e.type === 'error') record.error = { message: e.message, exitCode: e.exitCode };
      else if (e.type === 'done' && 'stats' in e.result) {
        // Times differ from run to run; everything else must not.
        const { timeSavedMs: _t, ...stats } = e.result.stats;
        record.stats = stats;
      }
    }
  } finally {
    await client.close();
  }
  const buildDir = join(projectDir, '.fbuild', 'build', 'uno');
  for (const f of listFiles(buildDir)) {
    if (f === 'fingerprint.json') continue;
    record.files[f] = readFileSync(join(buildDir, f)).toString('base64');
  }
  return record;
}

test('parity gate: embedded and wrapped builds give identical objects, depfiles, firmware, output and outcomes', async () => {
  const t = tempDir();
  const servers: RunningServer[] = [];
  try {
    const records: Record<string, BuildRecord[]> = {};
    const processes: Record<string, { compilers: number; wrappers: number }[]> = {};
    for (const backend of ['embedded', 'wrapped'] as const) {
      const server = await startServer({
        cacheDir: join(t.dir, `cache-${backend}`),
        port: 0,
        token: 'parity',
        allowRoots: [t.dir],
        fbuildCommand: wrappedFbuildCommand(), // the wrapped backend's `fbuild cc`: dist/cc.cjs, bundled from the sources
      });
      servers.push(server);
      const client = new CacheClient(server.url, server.token);
      records[backend] = [];
      processes[backend] = [];
      for (const fixture of ['warnings', 'local-lib', 'compile-error']) {
        const dir = join(t.dir, backend, fixture);
        cpSync(join(FIXTURES, fixture), dir, { recursive: true });
        records[backend]!.push(await buildThrough(server, dir, backend, false)); // cold: misses
        processes[backend]!.push((await client.stats()).processes);
        records[backend]!.push(await buildThrough(server, dir, backend, true)); // warm: hits
        processes[backend]!.push((await client.stats()).processes);
      }
      await client.close();
    }
    const [embedded, wrapped] = [records.embedded!, records.wrapped!];
    assert.equal(embedded.length, 6);
    for (let i = 0; i < embedded.length; i++) assert.deepEqual(wrapped[i], embedded[i], `build ${i} differs between the backends`);

    // The records say something: warnings were printed, outcomes went miss → hit, the error failed.
    const [warnCold, warnWarm, , , errCold, errWarm] = embedded;
    assert.match(warnCold!.units['src/main.cpp']!.stderr, /-Wunused-variable/);
    assert.equal(warnWarm!.units['src/main.cpp']!.outcome, 'hit');
    assert.equal(warnWarm!.units['src/main.cpp']!.stderr, warnCold!.units['src/main.cpp']!.stderr, 'warnings replayed on a hit');
    assert.equal(warnCold!.stats!.misses, warnCold!.stats!.compiles);
    assert.equal(warnWarm!.stats!.hitRate, 1);
    assert.ok(warnWarm!.files['firmware.hex'], 'a firmware was built');
    assert.equal(errCold!.units['src/helper.cpp']!.outcome, 'uncacheable');
    assert.notEqual(errCold!.units['src/helper.cpp']!.exitCode, 0);
    assert.match(errCold!.units['src/helper.cpp']!.stderr, /not_declared_anywhere/);
    assert.equal(errCold!.error!.exitCode, 1);
    assert.equal(errWarm!.units['src/main.cpp']!.outcome, 'hit');
    assert.equal(errWarm!.units['src/helper.cpp']!.stderr, errCold!.units['src/helper.cpp']!.stderr);

    // No wrapper process in embedded mode: only compilers were spawned, and none on all-hit builds.
    const emb = processes.embedded!;
    assert.ok(
      emb.every((p) => p.wrappers === 0),
      JSON.stringify(emb),
    );
    assert.equal(emb[1]!.compilers, emb[0]!.compilers, 'the warm build spawned nothing');
    const coldMisses = warnCold!.stats!.misses as number;
    // The link step: ar and ranlib for the variant's and the core's archives, then link, objcopy and size.
    assert.equal(emb[0]!.compilers, coldMisses - 1 + 4 + 3, 'one compiler per missed unit, plus the archive and link steps');
    // The wrapped backend starts one `fbuild cc` per unit, hit or miss.
    const wrp = processes.wrapped!;
    const unitsPerBuild = Object.keys(warnCold!.units).length;
    assert.equal(wrp[0]!.wrappers, unitsPerBuild);
    assert.equal(wrp[1]!.wrappers, 2 * unitsPerBuild);
  } finally {
    for (const s of servers) await s.shutdown('graceful');
    t.cleanup();
  }
});
