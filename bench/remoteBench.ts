// Issue 17's benchmark: the Redis tier on a real redis-server (Unix socket). A generated ~300-unit
// project: cold (empty local store, empty Redis), warm from the local store, and "runner B": another
// checkout with an empty local store, warm from Redis alone. Then raw tier reads with 8 concurrent
// callers. Medians; ratios within this run.
import { cpSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { CacheService } from '../server/cache/cacheService.ts';
import { RedisTier } from '../server/cache/remoteTier.ts';
import { embeddedBackend } from '../server/engine/buildSession.ts';
import { build } from '../server/engine/orchestrator.ts';
import { generateProject } from '../test/helpers/generateProject.ts';
import { startRedis } from '../test/helpers/redisServer.ts';
import { fmtMs, median, table } from './harness.ts';

export async function remoteBench(root: string, iterations: number): Promise<string> {
  const jobs = availableParallelism();
  const redis = await startRedis(root);
  const a = join(root, 'remote-a');
  generateProject(a, 300);
  const b = join(root, 'remote-b');
  cpSync(a, b, { recursive: true });
  const remote = { url: redis.url, mode: 'read-write' as const };
  const t: Record<string, number[]> = { cold: [], warmLocal: [], warmRemote: [] };
  let remoteHits = 0;
  let units = 0;
  const run = async (into: number[], dir: string, cacheDir: string) => {
    rmSync(join(dir, '.fbuild'), { recursive: true, force: true });
    const t0 = performance.now();
    const service = await CacheService.start({ cacheDir, jobs, remote });
    const r = await build({ projectDir: dir, backend: embeddedBackend(service), force: true });
    await service.shutdown();
    into.push(performance.now() - t0);
    units = r.stats.compiles;
    return r;
  };
  try {
    for (let i = 0; i < iterations; i++) {
      const cacheA = join(root, `remote-cache-a-${i}`);
      const cacheB = join(root, `remote-cache-b-${i}`);
      const flush = new Redis({ path: redis.socket });
      await flush.flushall();
      flush.disconnect();
      await run(t.cold!, a, cacheA);
      await run(t.warmLocal!, a, cacheA);
      remoteHits = (await run(t.warmRemote!, b, cacheB)).stats.remoteHits ?? 0;
      rmSync(cacheA, { recursive: true, force: true });
      rmSync(cacheB, { recursive: true, force: true });
    }
    // Raw tier reads: every key once per caller, 8 callers at once.
    const lister = new Redis({ path: redis.socket });
    const keys = (await lister.keys('fbuild:v1:*')).map((k) => k.slice('fbuild:v1:'.length));
    lister.disconnect();
    const tier = await RedisTier.connect(remote);
    let bytes = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (const k of keys) bytes += (await tier.get(k))?.byteLength ?? 0;
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    await tier.close();
    const m = (k: string) => median(t[k]!);
    return [
      `## Remote tier (issue 17): a generated project of ${units} units (link included), Redis on a Unix socket, medians of ${iterations}\n`,
      table(
        ['build', 'time', 'vs cold'],
        [
          ['cold (local and Redis empty)', fmtMs(m('cold')), '1'],
          ['warm from the local store', fmtMs(m('warmLocal')), (m('warmLocal') / m('cold')).toFixed(3)],
          [
            `runner B: empty local store, warm from Redis (${remoteHits} remote hits)`,
            fmtMs(m('warmRemote')),
            (m('warmRemote') / m('cold')).toFixed(3),
          ],
        ],
      ),
      '',
      `Tier reads, 8 concurrent callers: ${Math.round((keys.length * 8) / seconds)} gets/s, ${(bytes / seconds / 1024 ** 2).toFixed(1)} MiB/s (${keys.length} keys).\n`,
    ].join('\n');
  } finally {
    await redis.stop();
  }
}
