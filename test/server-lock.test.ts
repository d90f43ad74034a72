// The one-server-per-cache-dir lock under contention: several processes that all find the same
// stale lock (its owner is dead) race to take it over, and exactly one may win.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
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
    const script = join(tmp.dir, 'contender.mts'); // .mts: an ES module, for its top-level await
    // Each contender waits for a common start time, tries to take the lock, says whether it won,
    // and a winner holds it until every contender has answered (its stdin is closed then): on a
    // loaded machine a slow contender may try long after the others, and a winner gone by then
    // would rightly leave a stale lock to take over.
    writeFileSync(
      script,
      `import { ServerLock } from ${JSON.stringify(LOCK_MODULE)};
const [cacheDir, startAt] = process.argv.slice(2);
while (Date.now() < Number(startAt)) {}
try {
  await ServerLock.acquire(cacheDir, { pid: process.pid, url: 'http://127.0.0.1:' + process.pid });
  process.stdout.write('won');
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
} catch (e) {
  process.stdout.write('refused: ' + e.message);
}
`,
    );
    for (let round = 0; round < 3; round++) {
      const cacheDir = join(tmp.dir, `cache-${round}`);
      mkdirSync(join(cacheDir, 'v1'), { recursive: true });
      writeFileSync(join(cacheDir, 'v1', 'server.lock'), JSON.stringify({ pid: deadPid(), url: 'http://127.0.0.1:1' }));
      const startAt = Date.now() + 2500; // after every contender has loaded tsx
      const children = Array.from({ length: contenders }, () =>
        spawn(process.execPath, ['--import', 'tsx', script, cacheDir, String(startAt)], { stdio: ['pipe', 'pipe', 'inherit'] }),
      );
      // Every contender's answer (each writes once: 'won' or 'refused: ...').
      const outputs = await Promise.all(
        children.map(
          (child) =>
            new Promise<{ pid: number; out: string }>((resolveRun, reject) => {
              // One record, still filled by later chunks of the same answer until the child exits.
              const record = { pid: child.pid!, out: '' };
              child.stdout.on('data', (d) => {
                record.out += d;
                resolveRun(record);
              });
              child.on('error', reject);
              child.on('exit', () => resolveRun(record));
            }),
        ),
      );
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
