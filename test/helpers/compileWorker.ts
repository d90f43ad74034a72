// A separate process that compiles the Arduino core of one workspace through a CacheService on a
// shared cache dir, and prints its outcomes as JSON. Used to test several processes on one store.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CacheService } from '../../server/cache/cacheService.ts';
import { unoCompileArgs } from './fixtures.ts';

const [ws, cacheDir] = process.argv.slice(2) as [string, string];
const sources = readdirSync(join(ws, 'core'))
  .filter((f) => /\.(c|cpp|S)$/.test(f))
  .sort()
  .map((f) => `core/${f}`);
const svc = await CacheService.start({ cacheDir, jobs: 2 });
const results = await Promise.all(
  sources.map((s) =>
    svc.compile({ compiler: 'avr-gcc', args: unoCompileArgs(s, `build/${s.replace(/\//g, '_')}.o`), cwd: ws, workspaceRoot: ws }),
  ),
);
await svc.shutdown();
process.stdout.write(JSON.stringify(results.map((r) => ({ exitCode: r.exitCode, outcome: r.outcome, reason: r.reason }))));
