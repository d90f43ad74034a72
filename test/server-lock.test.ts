// The one-server-per-cache-dir lock under contention: several processes that all find the same
// stale lock (its owner is dead) race to take it over, and exactly one may win.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { tempDir } from './helpers/fixtures.ts';

const LOCK_MODULE = fileURLToPath(new URL('../server/http/serverLock.ts', import.meta.url));

/** A pid that is certainly not running: a child that has already exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

test('several servers starting at once over a stale lock: exactly one wins', async () => {
  const tmp = tempDir('fbuild-lockrace-');
  try {
    const contenders = 6;
    const script = join(tmp.dir, 'contender.mjs'); // .mjs: an ES module, for its top-level await
    // The lock module bundled to plain JavaScript: each contender is a bare node, with no loader to start.
    const lockModule = join(tmp.dir, 'serverLock.mjs');
    buildSync({ entryPoints: [LOCK_MODULE], outfile: lockModule, bundle: true, platform: 'node', format: 'esm', logLevel: 'error' });
    // Each contender, once loaded, says it is ready and waits for "go" on its stdin (sent to all of
    // them when all are ready), tries to take the lock, says whether it won, and a winner holds it
    // until every contender has answered (its stdin is closed then): on a loaded machine a slow
    // contender may try long after the others, and a winner gone by then would rightly leave a stale
    // lock to take over.
    writeFileSync(
      script,
      `import { ServerLock } from ${JSON.stringify(lockModule)};
const [cacheDir] = process.argv.slice(2);
process.stdout.write('ready\\n');
await new Promise((go) => process.stdin.once('data', go));
try {
  await ServerLock.acquire(cacheDir, { pid: process.pid, url: 'http://127.0.0.1:' + process.pid });
  process.stdout.write('won');
  process.stdin.on('end', () => process.exit(0));
} catch (e) {
  process.stdout.write('refused: ' + e.message);
  process.stdin.destroy();
}
`,
    );
    for (let round = 0; round < 3; round++) {
      const cacheDir = join(tmp.dir, `cache-${round}`);
      mkdirSync(join(cacheDir, 'v1'), { recursive: true });
      writeFileSync(join(cacheDir, 'v1', 'server.lock'), JSON.stringify({ pid: deadPid(), url: 'http://127.0.0.1:1' }));
      const children = Array.from({ length: contenders }, () =>
        spawn(process.execPath, [script, cacheDir], { stdio: ['pipe', 'pipe', 'inherit'] }),
      );
      // Every contender's answer after its "ready" line (each writes once: 'won' or 'refused: ...').
      const ready: Promise<void>[] = [];
      const answers = children.map(
        (child) =>
          new Promise<{ pid: number; out: string }>((resolveRun, reject) => {
            // One record, still filled by later chunks of the same answer until the child exits.
            const record = { pid: child.pid!, out: '' };
            let said = '';
            let isReady = () => {};
            ready.push(new Promise<void>((r) => (isReady = r)));
            child.stdout.on('data', (d) => {
              said += d;
              if (!said.startsWith('ready\n')) return;
              isReady();
              record.out = said.slice('ready\n'.length);
              if (record.out) resolveRun(record);
            });
            child.on('error', reject);
            child.on('exit', () => {
              isReady(); // a contender that died before it was ready: its empty answer fails below
              resolveRun(record);
            });
          }),
      );
      await Promise.all(ready);
      for (const child of children) child.stdin.write('go\n');
      const outputs = await Promise.all(answers);
      const holderText = readFileSync(join(cacheDir, 'v1', 'server.lock'), 'utf8');
      await Promise.all(
        children.map(
          (child) => new Promise((gone) => (child.exitCode !== null ? gone(null) : (child.once('exit', gone), child.stdin.end()))),
        ),
      );
      const winners = outputs.filter((o) => o.out === 'won');
      assert.equal(winners.length, 1, `round ${round}: exactly one contender takes the lock: ${JSON.stringify(outputs)}`);
      for (const o of outputs.filter((x) => x.out !== 'won')) assert.match(o.out, /^refused: another fbuild server \(pid \d+/);
      const holder = JSON.parse(holderText) as { pid: number };
      assert.equal(holder.pid, winners[0]!.pid, 'the lock file names the winner');
    }
  } finally {
    tmp.cleanup();
  }
});
