import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pruneStore } from '../../server/cache/storePrune.js';
import { formatByteSize, parseByteSize } from '../../server/util/byteSize.js';
import { defaultCacheDir } from '../../server/util/cacheDir.js';
import { UserError } from '../../server/util/errors.js';
import { CACHE_USAGE } from './usage.js';
import { CacheDirHeld, liveServersOn, ServerLock, type LockInfo } from '../../server/http/serverLock.js';

/**
 * `fbuild cache prune`: bounds the store to a size (least recently used out first) and, with
 * `--evict-unused-since`, drops what was not used since then. It holds the cache dir's lock while it
 * prunes, and refuses while a server has the store open: entries would vanish under that server.
 */
export async function runCache(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'prune') throw new UserError(`fbuild cache: unknown subcommand '${sub ?? ''}'; usage: ${CACHE_USAGE}`);
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { 'cache-dir': { type: 'string' }, 'max-size': { type: 'string' }, 'evict-unused-since': { type: 'string' } },
    }));
  } catch (e) {
    throw new UserError(`fbuild cache prune: ${(e as Error).message.split('\n')[0]}; usage: ${CACHE_USAGE}`);
  }
  const maxBytes = parseByteSize(values['max-size'] ?? '');
  if (!maxBytes) throw new UserError(`fbuild cache prune: --max-size takes a size such as 1G or 500M, not '${values['max-size'] ?? ''}'`);
  let unusedBefore: number | undefined;
  if (values['evict-unused-since'] !== undefined) {
    const text = values['evict-unused-since'];
    unusedBefore = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
    if (Number.isNaN(unusedBefore)) {
      throw new UserError(`fbuild cache prune: --evict-unused-since takes a time (ISO 8601 or ms since 1970), not '${text}'`);
    }
  }
  const cacheDir = resolve(values['cache-dir'] ?? defaultCacheDir());
  // The resident build servers are a convenience of `fbuild build`: they are stopped, not in the way.
  await (await import('./residentServer.js')).stopResidentServers(cacheDir);
  const lock = await lockForPrune(cacheDir);
  let r;
  try {
    r = await pruneStore({ cacheDir, maxBytes, ...(unusedBefore !== undefined ? { unusedBefore } : {}) });
  } finally {
    lock.release();
  }
  process.stdout.write(
    `store: ${r.before.entries} entries (${formatByteSize(r.before.bytes)}) -> ${r.after.entries} entries (${formatByteSize(r.after.bytes)})` +
      (unusedBefore !== undefined ? `, ${r.unused} unused dropped` : '') +
      '\n',
  );
  return 0;
}

/**
 * The cache dir's lock, taken as a server takes it (no server starts on the dir while the prune
 * runs); refused, in one line, while a server holds the dir or a shared one (the action's) uses it.
 */
async function lockForPrune(cacheDir: string): Promise<ServerLock> {
  let lock: ServerLock;
  try {
    lock = await ServerLock.acquire(cacheDir, { pid: process.pid, url: 'fbuild cache prune' });
  } catch (e) {
    if (e instanceof CacheDirHeld) throw serverInTheWay(cacheDir, e.holder);
    throw e;
  }
  const shared = (await liveServersOn(cacheDir)).find((s) => s.pid !== process.pid);
  if (shared) {
    lock.release();
    throw serverInTheWay(cacheDir, shared);
  }
  return lock;
}

const serverInTheWay = (cacheDir: string, s: LockInfo) =>
  new UserError(
    `fbuild cache prune: the fbuild server pid ${s.pid} (${s.url}) has the store in ${cacheDir} open; ` +
      `stop it first (FBUILD_CACHE_URL=${s.url} fbuild stop), then prune`,
  );
