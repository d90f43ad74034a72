import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serverOfCacheDir } from '../../server/http/serverLock.js';
import { defaultCacheDir } from '../../server/util/cacheDir.js';
import { CacheClient, ServerUnreachableError } from '../client/cacheClient.js';
import { clientTimeouts } from '../client/timeouts.js';
import { tokenFromEnv } from '../client/token.js';
import { UserError } from '../../server/util/errors.js';
import { formatHitRate } from '../../server/util/hitRate.js';
import { plural } from '../../server/util/plural.js';

interface ServerCommandOptions {
  json: boolean;
  force: boolean;
  cacheDir?: string;
}

function parseServerArgs(command: string, argv: string[]): ServerCommandOptions {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean', default: false }, force: { type: 'boolean', default: false }, 'cache-dir': { type: 'string' } },
    });
    return { json: values.json, force: values.force, ...(values['cache-dir'] ? { cacheDir: resolve(values['cache-dir']) } : {}) };
  } catch (e) {
    throw new UserError(`fbuild ${command}: ${(e as Error).message.split('\n')[0]}; see fbuild ${command} --help`);
  }
}

/**
 * The server to ask: FBUILD_CACHE_URL (with FBUILD_CACHE_TOKEN) when set and no --cache-dir is given,
 * else the server whose lock holds the cache dir (it records its URL and token file).
 */
async function clientOrExplain(command: string, opts: ServerCommandOptions): Promise<CacheClient> {
  const fromEnv = opts.cacheDir ? undefined : CacheClient.fromEnv();
  if (fromEnv) return fromEnv;
  const cacheDir = opts.cacheDir ?? defaultCacheDir();
  const holder = (await serverOfCacheDir(cacheDir)) ?? (await residentOf(command, cacheDir));
  if (!holder) {
    throw new UserError(
      `fbuild ${command}: no fbuild server holds the cache dir ${cacheDir}; start one with 'fbuild serve', pass the cache dir it uses (--cache-dir), or set FBUILD_CACHE_URL and FBUILD_CACHE_TOKEN`,
    );
  }
  const token = tokenFromEnv({ ...(holder.tokenFile ? { FBUILD_CACHE_TOKEN_FILE: holder.tokenFile } : {}), ...pickToken(process.env) });
  return new CacheClient(holder.url, token, clientTimeouts());
}

/**
 * No server holds the cache dir's lock, but `fbuild build` left a resident server on it (they share
 * the dir, so they take no lock): the one started last, said on stderr when there are several (one
 * per project, env and environment).
 */
async function residentOf(command: string, cacheDir: string): Promise<{ url: string; tokenFile?: string } | undefined> {
  const { residentServersOf } = await import('./residentServer.js');
  const servers = residentServersOf(cacheDir);
  if (servers.length === 0) return undefined;
  const newest = servers.reduce((a, b) => (b.recordedMs > a.recordedMs ? b : a));
  if (servers.length > 1)
    process.stderr.write(
      `fbuild ${command}: ${servers.length} resident build servers use ${cacheDir}; this is the newest's (pid ${newest.pid})\n`,
    );
  return newest;
}

/** FBUILD_CACHE_TOKEN, when the user set one: it wins over the lock's token file. */
function pickToken(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return env.FBUILD_CACHE_TOKEN ? { FBUILD_CACHE_TOKEN: env.FBUILD_CACHE_TOKEN } : {};
}

async function withClient<T>(command: string, opts: ServerCommandOptions, fn: (c: CacheClient) => Promise<T>): Promise<T> {
  const client = await clientOrExplain(command, opts);
  try {
    return await fn(client);
  } catch (e) {
    if (e instanceof ServerUnreachableError) throw new UserError(`fbuild ${command}: ${e.message}; is 'fbuild serve' running?`);
    if (e instanceof Error && e.name !== 'UserError' && 'status' in e) throw new UserError(`fbuild ${command}: ${e.message}`);
    throw e;
  } finally {
    await client.close();
  }
}

/** `fbuild stats [--json]`: the server's cache statistics. */
export async function runStats(argv: string[]): Promise<number> {
  const opts = parseServerArgs('stats', argv);
  const stats = await withClient('stats', opts, (c) => c.stats());
  if (opts.json) process.stdout.write(JSON.stringify(stats) + '\n');
  else {
    const reasons =
      Object.entries(stats.missReasons)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ') || 'none';
    process.stdout.write(
      [
        `${plural(stats.compiles, 'compile')}: ${plural(stats.hits, 'hit')}, ${plural(stats.misses, 'miss')}, ${stats.uncacheable} uncacheable, ${plural(stats.errors, 'store error')}`,
        `hit rate ${formatHitRate(stats)}, time saved ${(stats.timeSavedMs / 1000).toFixed(1)} s`,
        `miss reasons: ${reasons}`,
        `per hit: median ${stats.hitServiceMs.median.toFixed(3)} ms, p95 ${stats.hitServiceMs.p95.toFixed(3)} ms`,
        `store: ${stats.entries} entries, ${(stats.bytes / 1024 / 1024).toFixed(1)} MiB`,
      ].join('\n') + '\n',
    );
  }
  return 0;
}

/**
 * `fbuild stop [--force]`: asks the server to shut down (graceful by default). With no server named
 * and none holding the cache dir, it stops the cache dir's resident build servers (residentServer.ts).
 */
export async function runStop(argv: string[]): Promise<number> {
  const opts = parseServerArgs('stop', argv);
  const mode = opts.force ? 'force' : 'graceful';
  if (opts.cacheDir || !process.env.FBUILD_CACHE_URL) {
    const cacheDir = opts.cacheDir ?? defaultCacheDir();
    if (!(await serverOfCacheDir(cacheDir))) {
      const { stopResidentServers } = await import('./residentServer.js');
      if ((await stopResidentServers(cacheDir, mode)) > 0) return 0;
    }
  }
  await withClient('stop', opts, (c) => c.shutdown(mode));
  return 0;
}
